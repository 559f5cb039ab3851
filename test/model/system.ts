import { cityDate } from '../../shared/calendar/index.js';
import { rejectionCodeSchema } from '../../shared/commands/rejection.js';
import { applicantIds, type Answer, type Device, type Harness, type Snapshot } from './harness.js';
import { effectiveStatus, invariantViolations } from './invariants.js';
import {
  Model,
  type MChild,
  type MDeparture,
  type MPublication,
  type MReferral,
  type MVacancy,
  type Outcome,
} from './model.js';
import type { WorldSpec } from './world.js';

/** A head command as the device made it, with the model's prediction of its outcome when the server runs it. */
export interface Planned {
  kind: string;
  payload: Record<string, unknown>;
  predict(model: Model): Outcome;
  /** Called when model and server both applied it (to learn ids the server made). */
  applied?(sys: System): Promise<void> | void;
}

export interface RunOptions {
  /** false: scheduler rounds are skipped (the replay that shows no decision waits for a job). */
  scheduler: boolean;
  /** Check the invariants on a full pull after every step (the long run), not only at the end. */
  pullEachStep: boolean;
  /**
   * Check the invariants and the model's expected state after every step (the replay without
   * scheduler rounds compares outcomes step by step and the documents at the end instead).
   */
  checkEachStep?: boolean;
}

/** Outcomes the transport gives besides a rejection code: each is still an explained answer. */
const TRANSPORT = new Set(['ok', 'http_401', 'cli_refused']);

export class ModelMismatch extends Error {}

/** One run of a sequence: the model and the real server side by side, checked after every step. */
export class System {
  readonly model: Model;
  readonly log: string[] = [];
  readonly queued: Record<Device, Planned[]> = { a: [], b: [] };
  #ids = 0;

  constructor(
    readonly h: Harness,
    world: WorldSpec,
    readonly options: RunOptions,
  ) {
    this.model = new Model(world, applicantIds);
  }

  /** Ids the sequence chooses (the same in every run of it, so runs compare). */
  newId(): string {
    this.#ids += 1;
    return `0191d2a0-0000-7000-9000-${this.#ids.toString(16).padStart(12, '0')}`;
  }

  isKnownId(id: string): boolean {
    return id.startsWith('0191d2a0-0000-7000-');
  }

  /** `step` is logged (the same in every run); `detail` (ids the server made) only explains a failure. */
  compare(step: string, expected: Outcome, answer: Answer, detail = ''): void {
    this.log.push(`${step} → ${answer.outcome}`);
    step = detail ? `${step} ${detail}` : step;
    if (!TRANSPORT.has(answer.outcome) && !rejectionCodeSchema.safeParse(answer.outcome).success) {
      throw new ModelMismatch(
        `${step}: the server answered ${answer.outcome} (HTTP ${answer.status}), which no code explains`,
      );
    }
    if (expected !== answer.outcome) {
      throw new ModelMismatch(`${step}: the model expects ${expected}, the server answered ${answer.outcome}`);
    }
  }

  /** Pushes planned commands as one batch from a device, comparing each outcome with the model's. */
  async push(device: Device, step: string, planned: Planned[]): Promise<void> {
    if (planned.length === 0) return;
    const commands = planned.map((p) => ({ id: this.newId(), kind: p.kind, payload: p.payload }));
    const expected = planned.map((p) => p.predict(this.model));
    const answers = await this.h.push(device, commands);
    for (const [i, p] of planned.entries()) {
      this.compare(`${step} [${p.kind}]`, expected[i]!, answers[i]!, JSON.stringify(p.payload));
    }
    for (const [i, p] of planned.entries()) if (expected[i] === 'ok') await p.applied?.(this);
  }

  // ——— ids the server made, looked up to address things (never to decide what to expect) ———

  async publicationId(p: MPublication): Promise<string | null> {
    if (p.serverId) return p.serverId;
    if (!p.previous) return null;
    const previous = await this.publicationId(p.previous);
    if (!previous) return null;
    const siblings = this.model.publications.filter(
      (q) => q.previous === p.previous && q.publishedAt === p.publishedAt,
    );
    const id = await this.h.republished(previous, new Date(p.publishedAt), siblings.indexOf(p));
    if (id) p.serverId = id;
    return id;
  }

  async enrollmentId(c: MChild): Promise<string | null> {
    if (c.enrollmentId) return c.enrollmentId;
    if (!c.referral?.serverId) return null;
    const rows = await this.h.db.query<{ id: string }>(
      'select id from enrollments where referral_id = $1 order by enrolled_on limit 1',
      [c.referral.serverId],
    );
    c.enrollmentId = rows[0]?.id ?? null;
    return c.enrollmentId;
  }

  /** The server id of a register line: by its child's stays (a termination, a block) or by kind, group and date, in the order made. */
  async departureId(d: MDeparture): Promise<string | null> {
    if (d.child) {
      const enrollment = await this.enrollmentId(d.child);
      if (!enrollment) return null;
      const rows = await this.h.db.query<{ id: string }>(
        `with recursive chain(id) as (select $3::uuid union select e.id from enrollments e join chain on e.moved_from = chain.id)
         select d.id from departures d where d.kind = $1 and d.departs_on = $2 and d.enrollment_id in (select id from chain)
          order by d.xmin::text::bigint, d.id`,
        [d.kind, d.on, enrollment],
      );
      const same = this.model.departures.filter((x) => x.child === d.child && x.kind === d.kind && x.on === d.on);
      return rows[same.indexOf(d)]?.id ?? null;
    }
    const rows = await this.h.db.query<{ id: string }>(
      `select id from departures where kind = $1 and group_id = $2 and departs_on = $3 order by xmin::text::bigint, id`,
      [d.kind, d.groupId, d.on],
    );
    const same = this.model.departures.filter((x) => x.kind === d.kind && x.groupId === d.groupId && x.on === d.on);
    return rows[same.indexOf(d)]?.id ?? null;
  }

  async vacancyId(v: MVacancy): Promise<string | null> {
    const enrollment = await this.enrollmentId(v.child);
    if (!enrollment) return null;
    // The child's enrollment or one its move-ups made (the departure names the stay it left from); a
    // cancelled departure's vacancy is deleted, and the same child may leave again on the same date.
    const rows = await this.h.db.query<{ id: string }>(
      `with recursive chain(id) as (select $1::uuid union select e.id from enrollments e join chain on e.moved_from = chain.id)
       select v.id from vacancies v join departures d on d.id = v.departure_id
        where d.enrollment_id in (select id from chain) and v.available_from = $2 and not v.deleted
        order by v.id limit 1`,
      [enrollment, v.availableFrom],
    );
    return rows[0]?.id ?? null;
  }

  // ——— after every step ———

  async afterStep(step: string): Promise<void> {
    if (this.options.checkEachStep === false) return;
    const now = this.h.clock.now();
    const snap = this.options.pullEachStep ? await this.h.pull() : await this.h.snapshot();
    const problems = await this.h.timed('check', async () => [
      ...invariantViolations(snap, now),
      ...(await this.#agreement(snap, now)),
    ]);
    if (problems.length) throw new ModelMismatch(`after ${step} at ${now.toISOString()}:\n  ${problems.join('\n  ')}`);
  }

  /** The server's documents agree with the model's expected state (what each publication, referral, group and child should be). */
  async #agreement(snap: Snapshot, now: Date): Promise<string[]> {
    const m = this.model;
    const problems: string[] = [];
    const today = cityDate(now);
    const referralsById = new Map(snap.referrals.map((r) => [r.id, r]));
    const seen = new Set<unknown>();
    for (const p of m.publications) {
      const id = await this.publicationId(p);
      const doc = id ? snap.publications.find((d) => d.id === id) : undefined;
      const name = p.previous
        ? `the republication (round ${p.round}) of publication ${String(p.previous.serverId ?? p.previous.key)} at ${new Date(p.publishedAt).toISOString()}`
        : `publication ${String(p.serverId)}`;
      if (!doc) {
        const made = snap.publications
          .filter((d) => p.previous && d.previousPublicationId === p.previous.serverId)
          .map((d) => String(d.publishedAt));
        problems.push(`${name} is missing (the server republished it at: ${made.join(', ') || 'never'})`);
        continue;
      }
      seen.add(doc.id);
      const closes = doc.windowClosesAt ? Date.parse(String(doc.windowClosesAt)) : null;
      if (closes !== p.windowClosesAt) {
        problems.push(
          `${name}: window closes at ${String(doc.windowClosesAt)}, the model says ${p.windowClosesAt === null ? 'none' : new Date(p.windowClosesAt).toISOString()}`,
        );
      }
      const turns = snap.turns
        .filter((t) => t.publicationId === doc.id)
        .map((t) => t.applicantId)
        .sort();
      const expected = p.turns.map((slot) => applicantIds[slot]!).sort();
      if (turns.join() !== expected.join()) {
        problems.push(
          `${name}: the window went to [${turns.map(slotName).join(', ')}], the model says [${expected.map(slotName).join(', ')}]`,
        );
      }
      const seatStatus = (s: Record<string, unknown>) => {
        const r = s.referralId ? referralsById.get(s.referralId) : undefined;
        return s.status === 'claimed' && r && effectiveStatus(r, now) === 'expired' ? 'returned' : String(s.status);
      };
      const statuses = snap.seats
        .filter((s) => s.publicationId === doc.id)
        .map(seatStatus)
        .sort();
      const modelStatuses = p.seats.map((s) => s.status).sort();
      if (statuses.join() !== modelStatuses.join()) {
        problems.push(`${name}: seats [${statuses.join(', ')}], the model says [${modelStatuses.join(', ')}]`);
      }
    }
    for (const d of snap.publications) {
      if (!seen.has(d.id))
        problems.push(
          `publication ${String(d.id)} (round ${String(d.round)}, published ${String(d.publishedAt)}) is not in the model`,
        );
    }
    const modelReferrals = new Set(m.referrals.map((r) => r.serverId));
    for (const r of m.referrals) {
      const doc = r.serverId ? referralsById.get(r.serverId) : undefined;
      if (!doc) {
        problems.push(`referral ${r.key} of ${slotName(applicantIds[r.applicant]!)} is missing`);
        continue;
      }
      const status = effectiveStatus(doc, now);
      if (status !== r.status)
        problems.push(
          `referral ${String(doc.id)} of ${slotName(applicantIds[r.applicant]!)}: ${status}, the model says ${r.status}`,
        );
      // The category the claim was made in, carried by the referral (issue #23, migration 0015).
      const priority = m.applicants[r.applicant]!.priority;
      if (doc.applicantPriority !== priority)
        problems.push(
          `referral ${String(doc.id)} of ${slotName(applicantIds[r.applicant]!)}: category ${String(doc.applicantPriority)}, the model says ${priority}`,
        );
    }
    for (const doc of snap.referrals)
      if (!modelReferrals.has(String(doc.id))) problems.push(`referral ${String(doc.id)} is not in the model`);
    for (const g of m.groups) {
      const doc = snap.groups.find((d) => d.id === g.id)!;
      if (doc.capacity !== g.capacity)
        problems.push(`group ${String(doc.name)}: capacity ${String(doc.capacity)}, the model says ${g.capacity}`);
      const age = m.ageOn(g.id, today);
      // The document holds the dated age group (a relabel from its date on); older schemas hold today's only.
      const next = (doc.nextAgeGroup as string | null | undefined) ?? null;
      const nextOn = (doc.nextAgeGroupOn as string | null | undefined) ?? null;
      const docAge = next !== null && nextOn !== null && today >= nextOn ? next : String(doc.ageGroup);
      if (docAge !== age) problems.push(`group ${String(doc.name)}: age group ${docAge} today, the model says ${age}`);
    }
    for (const c of m.children) {
      const id = await this.enrollmentId(c);
      // The child's stays: its enrollment and the stays a move-up started from it (`moved_from`, not replicated).
      const chain = new Set<unknown>([String(id)]);
      for (let grew = true; grew;) {
        grew = false;
        for (const move of snap.moves) {
          if (chain.has(move.movedFrom) && !chain.has(move.id)) {
            chain.add(move.id);
            grew = true;
          }
        }
      }
      const rows = snap.enrollments.filter((e) => chain.has(e.id));
      if (!rows.length) {
        problems.push(`the enrollment of child ${c.key} is missing`);
        continue;
      }
      const stay = c.stays.find((s) => s.from <= today && (s.to === null || s.to > today)) ?? null;
      const current = rows.find(
        (e) => String(e.enrolledOn) <= today && (!e.departedOn || String(e.departedOn) > today),
      );
      const groupToday = current ? String(current.groupId) : null;
      if (stay && groupToday !== stay.group) {
        problems.push(
          `child ${c.key} (enrollment ${String(id)}) is in group ${groupToday ?? 'none'} today, the model says ${stay.group}`,
        );
      }
      const departed =
        rows
          .map((e) => (e.departedOn as string | null) ?? null)
          .sort()
          .at(-1) ?? null;
      const modelDeparted = c.stays.at(-1)!.to;
      if (c.departed && departed !== modelDeparted) {
        problems.push(
          `child ${c.key} (enrollment ${String(id)}) departs on ${departed ?? 'no date'}, the model says ${modelDeparted}`,
        );
      }
    }
    if (m.departures.length && this.h.cancellations) {
      // The register (not replicated yet): as many lines as the model's, as many of them cancelled.
      const [lines] = await this.h.db.query<{ total: number; cancelled: number }>(
        `select count(*)::int as total, count(cancelled_at)::int as cancelled from departures`,
      );
      const cancelled = m.departures.filter((d) => d.cancelled).length;
      if (lines!.total !== m.departures.length || lines!.cancelled !== cancelled)
        problems.push(
          `the register has ${lines!.total} departures (${lines!.cancelled} cancelled), the model says ${m.departures.length} (${cancelled})`,
        );
    }
    if (snap.vacancies.length !== m.vacancies.length)
      problems.push(`${snap.vacancies.length} vacancies, the model says ${m.vacancies.length}`);
    for (const e of m.entries) {
      const doc = snap.scheduleEntries.find((d) => d.id === e.id);
      if (doc?.status !== e.status)
        problems.push(`schedule entry ${e.id}: ${String(doc?.status)}, the model says ${e.status}`);
    }
    return problems;
  }
}

export const slotName = (id: string) => {
  const slot = applicantIds.indexOf(id);
  return slot >= 0 ? `applicant #${slot}` : id;
};

export type { MReferral };
