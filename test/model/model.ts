import { calendarFromTable, cityDate, kzCalendarDays } from '../../shared/calendar/index.js';
import { plusDays } from '../../shared/calendar/dates.js';
import type { Verdict } from '../../shared/commands/rejection.js';
import type { AgeGroup } from '../../shared/domain/group.js';
import {
  ageGroupFor,
  canClaim,
  canConcludeContract,
  canDecline,
  canEnroll,
  canRefuse,
  canTerminate,
  checkCapacity,
  checkCapacityChange,
  checkEligibility,
  checkMoveUpTarget,
  checkPublication,
  contractDeadline,
  defaultRegionalSettings,
  inPublicationPause,
  nextAgeGroup,
  publicationPhase,
  returnedSeatWindowClosesAt,
  whoseTurn,
  windowClosesAt,
  type Applicant,
  type GroupLoad,
  type PublicationTarget,
  type ReferralStatus,
} from '../../shared/rules/index.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import type { WorldSpec } from './world.js';

/**
 * The model of the intake rules: what the server should have decided and stored after each action,
 * computed from the actions alone with the shared rules (never read back from the server).
 * Phases and expiry come from time: advancing the clock carries out what time decides at the
 * instant it decides it (a referral expires the millisecond after its deadline, its seat returns
 * and is republished then; a seat held by the August pause is republished at the pause's end).
 * Departures and move-ups take effect on their dates: a child is a list of stays by date.
 */
export const settings = defaultRegionalSettings;
export const calendar = calendarFromTable(kzCalendarDays);

export interface MApplicant {
  slot: number;
  id: string;
  birthDate: string;
  language: 'ru' | 'kk';
  priority: Applicant['priority'];
  appliedAt: string;
  choices: string[];
  blocked: boolean;
}

export interface MGroup {
  id: string;
  language: 'ru' | 'kk';
  capacity: number;
  /** The age group from each date on (sorted by date). */
  labels: Array<{ from: string; age: AgeGroup }>;
}

export interface MStay {
  group: string;
  from: string;
  to: string | null;
  /** The departure (graduation, move-up, termination, account block) that ends this stay on `to`. */
  endedBy?: MDeparture | null;
  /** A stay a move-up began: the stay it continues (the move's cancellation drops it and restores that one). */
  movedFrom?: MStay | null;
}

/** A line of the movement register: what a departure did, so that its cancellation can restore it exactly. */
export interface MDeparture {
  key: string;
  kind: 'graduation' | 'move_up' | 'termination' | 'account_blocked';
  /** The group left (a move-up's source group; a termination's group the day before its date). */
  groupId: string;
  on: string;
  cancelled: boolean;
  /** A termination's child and vacancy; whether it deleted a move-up's stay recorded ahead. */
  child: MChild | null;
  vacancy: MVacancy | null;
  droppedMove: boolean;
}

export interface MChild {
  key: string;
  /** The enrollment id when known (initial children); for enrolled referrals the runner looks it up. */
  enrollmentId: string | null;
  applicant: number | null;
  referral: MReferral | null;
  stays: MStay[];
  /** The child left (a termination or a blocked account); a graduation or move-up recorded ahead is not a leaving. */
  departed: boolean;
}

export interface MSeat {
  publication: MPublication;
  status: 'open' | 'claimed' | 'withdrawn' | 'returned';
  referral: MReferral | null;
  republishedAs: MPublication | null;
  returnedAt: number | null;
}

export interface MEntry {
  id: string;
  groupId: string;
  birthYear: number;
  language: 'ru' | 'kk';
  seats: number;
  availableFrom: string;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
}

export interface MVacancy {
  key: string;
  child: MChild;
  groupId: string;
  availableFrom: string;
  seats: number;
}

export interface MPublication {
  key: string;
  serverId: string | null;
  previous: MPublication | null;
  root: MPublication;
  groupId: string;
  source: { kind: 'schedule_entry'; entry: MEntry } | { kind: 'vacancy'; vacancy: MVacancy };
  birthYear: number;
  language: 'ru' | 'kk';
  availableFrom: string;
  publishedAt: number;
  windowClosesAt: number | null;
  withdrawnAt: number | null;
  turns: number[];
  seats: MSeat[];
  round: number;
}

export interface MReferral {
  key: string;
  serverId: string | null;
  applicant: number;
  publication: MPublication;
  seat: MSeat;
  status: ReferralStatus;
  deadline: number;
  claimedAt: number;
  child: MChild | null;
}

export type Outcome = string;
const outcomeOf = (v: Verdict): Outcome => (v.ok ? 'ok' : v.rejection.code);

export class Model {
  now: number;
  applicants: MApplicant[];
  groups: MGroup[];
  children: MChild[] = [];
  entries: MEntry[] = [];
  vacancies: MVacancy[] = [];
  publications: MPublication[] = [];
  referrals: MReferral[] = [];
  departures: MDeparture[] = [];
  #serial = 0;

  constructor(world: WorldSpec, applicantIds: readonly string[]) {
    this.now = Date.parse(world.start);
    this.applicants = world.applicants.map((a, slot) => ({ slot, id: applicantIds[slot]!, ...a, blocked: false }));
    this.groups = world.groups.map((g) => ({
      id: g.id,
      language: g.language,
      capacity: g.capacity,
      labels: [{ from: '0000-01-01', age: g.ageGroup }],
    }));
    for (const g of world.groups) {
      for (const id of g.children) {
        this.children.push({
          key: id,
          enrollmentId: id,
          applicant: null,
          referral: null,
          stays: [{ group: g.id, from: g.enrolledOn, to: null }],
          departed: false,
        });
      }
    }
    this.entries = world.entries.map((e) => ({ ...e, status: 'approved' }));
  }

  get today(): string {
    return cityDate(new Date(this.now));
  }

  #key(prefix: string): string {
    this.#serial += 1;
    return `${prefix}${this.#serial}`;
  }

  group(id: string): MGroup {
    return this.groups.find((g) => g.id === id)!;
  }

  /** The group's age group on a date (a relabelling move-up counts from its date). */
  ageOn(groupId: string, date: string): AgeGroup {
    const labels = this.group(groupId).labels.filter((l) => l.from <= date);
    return labels.at(-1)!.age;
  }

  referralView(r: MReferral) {
    return {
      status: r.status,
      contractDeadline: new Date(r.deadline).toISOString(),
      availableFrom: r.publication.availableFrom,
      enrolledOn: r.child ? r.child.stays[0]!.from : null,
    };
  }

  /**
   * Busy: a live referral (not past its deadline at this instant — phases come from time, so a
   * referral whose deadline passed at the same instant is expired for this decision even before its
   * own expiry is carried out), a contract, an enrollment, or a child attending without departure.
   */
  #busy(slot: number): boolean {
    const live = this.referrals.some(
      (r) =>
        r.applicant === slot &&
        ((r.status === 'active' && r.deadline >= this.now) || r.status === 'contracted' || r.status === 'enrolled'),
    );
    return live || this.children.some((c) => c.applicant === slot && !c.departed);
  }

  applicantView(a: MApplicant): Applicant {
    return {
      id: a.id,
      birthDate: a.birthDate,
      language: a.language,
      priority: a.priority,
      appliedAt: a.appliedAt,
      choices: a.choices,
      blocked: a.blocked,
      hasActiveReferralOrEnrollment: this.#busy(a.slot),
    };
  }

  target(p: { birthYear: number; language: 'ru' | 'kk'; availableFrom: string }): PublicationTarget {
    return {
      kindergartenId: demoKindergarten.id,
      birthYear: p.birthYear,
      language: p.language,
      availableFrom: p.availableFrom,
    };
  }

  #eligible(target: PublicationTarget) {
    return this.applicants.map((a) => this.applicantView(a)).filter((a) => checkEligibility(a, target, settings).ok);
  }

  /** The applicant slots eligible for the publication (whoever may claim it once it is open to all). */
  eligibleSlots(pub: MPublication): number[] {
    return this.#eligible(this.target(pub)).map((a) => this.#slotOf(a.id));
  }

  #slotOf(id: string): number {
    return this.applicants.findIndex((a) => a.id === id);
  }

  /** Everything that occupies the group's seats by date, as the capacity rule counts it. */
  load(groupId: string): GroupLoad {
    const attending = this.children.flatMap((c) =>
      c.stays.filter((s) => s.group === groupId).map((s) => ({ enrolledOn: s.from, departedOn: s.to })),
    );
    const promised: Array<{ availableFrom: string; count: number }> = [];
    for (const p of this.publications) {
      if (p.groupId !== groupId) continue;
      for (const s of p.seats) {
        if (this.#promises(s)) promised.push({ availableFrom: p.availableFrom, count: 1 });
      }
    }
    return { attending, promised };
  }

  /** An open seat, a seat of a live referral not yet enrolled, or a returned seat held for republication. */
  #promises(s: MSeat): boolean {
    if (s.status === 'open') return true;
    if (s.status === 'claimed') return s.referral!.status === 'active' || s.referral!.status === 'contracted';
    return this.#held(s);
  }

  #held(s: MSeat): boolean {
    return s.status === 'returned' && s.republishedAs === null && s.publication.withdrawnAt === null;
  }

  /** Seats of the source not yet published: open, claimed or held seats of its publications count as used. */
  remaining(source: MPublication['source']): number {
    const seats = source.kind === 'schedule_entry' ? source.entry.seats : source.vacancy.seats;
    const same = (p: MPublication) =>
      source.kind === 'schedule_entry'
        ? p.source.kind === 'schedule_entry' && p.source.entry === source.entry
        : p.source.kind === 'vacancy' && p.source.vacancy === source.vacancy;
    const used = this.publications
      .filter(same)
      .flatMap((p) => p.seats)
      .filter((s) => s.status === 'open' || s.status === 'claimed' || this.#held(s)).length;
    return seats - used;
  }

  // ——— time ———

  /** Moves the clock to `t`, carrying out in order what time decides on the way. */
  advanceTo(t: number): void {
    for (;;) {
      const next = this.#nextEvent(t);
      if (!next) break;
      this.now = next.at;
      next.run();
    }
    this.now = Math.max(this.now, t);
  }

  #nextEvent(limit: number): { at: number; run: () => void } | null {
    let best: { at: number; run: () => void } | null = null;
    for (const r of this.referrals) {
      if (r.status !== 'active') continue;
      const at = r.deadline + 1;
      if (at <= limit && (!best || at < best.at)) {
        best = {
          at,
          run: () => {
            r.status = 'expired';
            this.#returnSeat(r.seat, at);
          },
        };
      }
    }
    for (const p of this.publications) {
      for (const s of p.seats) {
        if (!this.#held(s)) continue;
        const at = pauseEnd(s.returnedAt!);
        if (at <= limit && (!best || at < best.at)) best = { at, run: () => this.#republish(s, at) };
      }
    }
    return best;
  }

  #returnSeat(seat: MSeat, at: number): void {
    seat.status = 'returned';
    seat.returnedAt = at;
    if (seat.publication.withdrawnAt !== null) return;
    if (inPublicationPause(new Date(at), settings)) return;
    this.#republish(seat, at);
  }

  #republish(seat: MSeat, at: number): void {
    const prev = seat.publication;
    const family = this.publications.filter((p) => p.root === prev.root);
    const offered = new Set(family.flatMap((p) => p.turns.map((slot) => this.applicants[slot]!.id)));
    const windowEnd = returnedSeatWindowClosesAt(new Date(at), settings, calendar);
    const turns =
      settings.returnedSeats === 'republish_with_window'
        ? whoseTurn(this.#eligible(this.target(prev)), 1, settings, offered).map((a) => this.#slotOf(a.id))
        : [];
    const pub: MPublication = {
      key: this.#key('pub'),
      serverId: null,
      previous: prev,
      root: prev.root,
      groupId: prev.groupId,
      source: prev.source,
      birthYear: prev.birthYear,
      language: prev.language,
      availableFrom: prev.availableFrom,
      publishedAt: at,
      windowClosesAt: windowEnd ? windowEnd.getTime() : null,
      withdrawnAt: null,
      turns,
      seats: [],
      round: prev.round + 1,
    };
    pub.seats.push({ publication: pub, status: 'open', referral: null, republishedAs: null, returnedAt: null });
    seat.republishedAs = pub;
    this.publications.push(pub);
  }

  // ——— head commands ———

  createEntry(p: {
    entryId: string;
    groupId: string;
    birthYear: number;
    language: 'ru' | 'kk';
    seats: number;
    availableFrom: string;
  }): Outcome {
    if (ageGroupFor(p.birthYear, p.availableFrom) === null) return 'birth_year_not_admissible';
    this.entries.push({
      id: p.entryId,
      groupId: p.groupId,
      birthYear: p.birthYear,
      language: p.language,
      seats: p.seats,
      availableFrom: p.availableFrom,
      status: 'draft',
    });
    return 'ok';
  }

  submitEntry(entry: MEntry): Outcome {
    if (entry.status !== 'draft' && entry.status !== 'rejected') return 'wrong_schedule_status';
    entry.status = 'submitted';
    return 'ok';
  }

  approveEntry(entry: MEntry): Outcome {
    if (entry.status !== 'submitted') return 'cli_refused';
    entry.status = 'approved';
    return 'ok';
  }

  publish(p: {
    publicationId: string;
    groupId: string;
    source: MPublication['source'];
    birthYear: number;
    language: 'ru' | 'kk';
    seats: number;
    availableFrom: string;
  }): Outcome {
    const group = this.group(p.groupId);
    if (group.language !== p.language) return 'group_mismatch';
    const age = ageGroupFor(p.birthYear, p.availableFrom);
    if (age !== null && age !== this.ageOn(group.id, p.availableFrom)) return 'group_mismatch';
    const verdict = checkPublication(
      {
        seats: p.seats,
        source:
          p.source.kind === 'schedule_entry'
            ? {
                kind: 'schedule_entry',
                approved: p.source.entry.status === 'approved',
                remainingSeats: this.remaining(p.source),
              }
            : { kind: 'vacancy', remainingSeats: this.remaining(p.source) },
        birthYear: p.birthYear,
        availableFrom: p.availableFrom,
        groupCapacity: group.capacity,
        groupLoad: this.load(group.id),
      },
      new Date(this.now),
      settings,
    );
    if (!verdict.ok) return outcomeOf(verdict);
    const target = this.target(p);
    const pub: MPublication = {
      key: this.#key('pub'),
      serverId: p.publicationId,
      previous: null,
      root: null as unknown as MPublication,
      groupId: group.id,
      source: p.source,
      birthYear: p.birthYear,
      language: p.language,
      availableFrom: p.availableFrom,
      publishedAt: this.now,
      windowClosesAt: windowClosesAt(new Date(this.now), settings, calendar).getTime(),
      withdrawnAt: null,
      turns: whoseTurn(this.#eligible(target), p.seats, settings).map((a) => this.#slotOf(a.id)),
      seats: [],
      round: 1,
    };
    pub.root = pub;
    for (let i = 0; i < p.seats; i++)
      pub.seats.push({ publication: pub, status: 'open', referral: null, republishedAs: null, returnedAt: null });
    this.publications.push(pub);
    return 'ok';
  }

  withdraw(pub: MPublication): Outcome {
    if (pub.withdrawnAt !== null) return 'publication_withdrawn';
    const open = pub.seats.filter((s) => s.status === 'open');
    if (open.length === 0) return 'no_seats_left';
    for (const s of open) s.status = 'withdrawn';
    pub.withdrawnAt = this.now;
    return 'ok';
  }

  concludeByKindergarten(r: MReferral): Outcome {
    const v = canConcludeContract(this.referralView(r), new Date(this.now));
    if (v.ok) r.status = 'contracted';
    return outcomeOf(v);
  }

  decline(r: MReferral, reason: string): Outcome {
    const v = canDecline(this.referralView(r), reason, new Date(this.now));
    if (!v.ok) return outcomeOf(v);
    r.status = 'declined';
    this.#returnSeat(r.seat, this.now);
    return 'ok';
  }

  enroll(r: MReferral, p: { enrollmentDate: string; orderNumber: string; orderDate: string }): Outcome {
    const v = canEnroll(this.referralView(r), p, new Date(this.now));
    if (!v.ok) return outcomeOf(v);
    const child: MChild = {
      key: this.#key('child'),
      enrollmentId: null,
      applicant: r.applicant,
      referral: r,
      stays: [{ group: r.publication.groupId, from: p.enrollmentDate, to: null }],
      departed: false,
    };
    this.children.push(child);
    r.child = child;
    r.status = 'enrolled';
    return 'ok';
  }

  /** The server's `departChild` guard: the stay the child is in the day before `on` has already ended by then. */
  #leftBy(child: MChild, on: string): boolean {
    const leaving = [...child.stays].reverse().find((s) => s.from < on) ?? child.stays[0]!;
    const notBegun = child.stays.indexOf(leaving) < child.stays.length - 1;
    return !notBegun && leaving.to !== null && leaving.to <= on;
  }

  #departure(kind: MDeparture['kind'], groupId: string, on: string, child: MChild | null = null): MDeparture {
    const d: MDeparture = {
      key: this.#key('dep'),
      kind,
      groupId,
      on,
      cancelled: false,
      child,
      vacancy: null,
      droppedMove: false,
    };
    this.departures.push(d);
    return d;
  }

  /**
   * The child leaves on `on` (the server's `departChild`): the stay it is in the day before ends
   * then, a stay not begun yet (a move-up recorded ahead) is dropped. A termination or an account
   * block is its own register line with a vacancy; a graduation's line is `by`.
   */
  #depart(
    child: MChild,
    on: string,
    kind: 'termination' | 'account_blocked' | null,
    by: MDeparture | null = null,
  ): void {
    const kept = child.stays.filter((s, i) => i === 0 || s.from < on);
    const dropped = kept.length < child.stays.length;
    child.stays = kept;
    const last = child.stays.at(-1)!;
    const d = kind ? this.#departure(kind, last.group, on, child) : by;
    if (d && kind) d.droppedMove = dropped;
    if (last.to === null || last.to > on) {
      last.to = on;
      last.endedBy = d;
    }
    if (kind) {
      child.departed = true;
      d!.vacancy = { key: this.#key('vac'), child, groupId: last.group, availableFrom: on, seats: 1 };
      this.vacancies.push(d!.vacancy);
    }
  }

  terminateReferral(
    r: MReferral,
    p: { reason: string; terminatedOn: string; orderNumber: string; orderDate: string },
  ): Outcome {
    // A child that has left (its contract already ended through the enrollment, or its account
    // blocked) is refused by its departure, which names the date, before the referral's status.
    if (r.status !== 'enrolled' && r.child && r.child.stays[0]!.to !== null) return 'already_departed';
    const v = canTerminate(this.referralView(r), p, new Date(this.now));
    if (!v.ok) return outcomeOf(v);
    const wasEnrolled = r.status === 'enrolled';
    if (wasEnrolled && r.child && this.#leftBy(r.child, p.terminatedOn)) return 'already_departed';
    r.status = 'terminated';
    if (wasEnrolled && r.child) this.#depart(r.child, p.terminatedOn, 'termination');
    else this.#returnSeat(r.seat, this.now);
    return 'ok';
  }

  terminateChild(
    c: MChild,
    p: { reason: string; terminatedOn: string; orderNumber: string; orderDate: string },
  ): Outcome {
    if (c.departed) return 'already_departed';
    if (c.referral) return this.terminateReferral(c.referral, p);
    if (p.terminatedOn < c.stays[0]!.from) return 'departure_before_enrollment';
    if (this.#leftBy(c, p.terminatedOn)) return 'already_departed';
    this.#depart(c, p.terminatedOn, 'termination');
    return 'ok';
  }

  /**
   * The children a move on `date` takes (the server's `attendingOf`): in the group the day before it
   * with no leaving recorded — a child whose termination is recorded, even for a later date, stays in
   * its group until it leaves, and one already moving on (a move recorded ahead) is not moved twice;
   * a stay beginning on `date` is not theirs to end.
   */
  #childrenOf(groupId: string, date: string) {
    return this.children.filter(
      (c) => !c.departed && c.stays.some((s) => s.group === groupId && s.from < date && s.to === null),
    );
  }

  graduate(groupId: string, on: string): Outcome {
    // The age group the children leave from: the group's on their last day in it (as the server reads it).
    if (this.ageOn(groupId, plusDays(on, -1)) !== 'preschool') return 'not_preschool_group';
    // The children in the group the day before (as for a move, #childrenOf): one arriving on the
    // graduation's own date, by a move-up or a first day, is not among them.
    const leaving = this.children.filter((c) => {
      const last = c.stays.at(-1)!;
      return !c.departed && last.group === groupId && last.to === null && last.from < on;
    });
    if (leaving.length === 0) return 'no_children_to_move';
    const d = this.#departure('graduation', groupId, on);
    for (const c of leaving) this.#depart(c, on, null, d);
    return 'ok';
  }

  moveUp(fromId: string, toId: string, on: string): Outcome {
    // The server reads the age group the children leave on the day before the move.
    const fromAge = this.ageOn(fromId, plusDays(on, -1));
    const next = nextAgeGroup(fromAge);
    if (next === 'school') return 'not_next_age_group';
    if (fromId === toId) {
      const group = this.group(fromId);
      // docs/rules.md: one dated relabel at a time — another while one is still ahead of today is refused.
      if (group.labels.some((l) => l.from > this.today)) return 'move_up_pending';
      group.labels = [...group.labels.filter((l) => l.from < on), { from: on, age: next }];
      this.#departure('move_up', fromId, on);
      return 'ok';
    }
    const target = checkMoveUpTarget(fromAge, this.ageOn(toId, on));
    if (!target.ok) return outcomeOf(target);
    const moving = this.#childrenOf(fromId, on);
    const load = this.load(toId);
    const arriving = moving.map((c) => {
      const stay = c.stays.find((s) => s.group === fromId && s.from <= on && (s.to === null || s.to > on))!;
      return { enrolledOn: on, departedOn: stay.to };
    });
    const verdict = checkCapacity(this.group(toId).capacity, on, {
      attending: [...load.attending, ...arriving],
      promised: load.promised,
    });
    if (!verdict.ok) return outcomeOf(verdict);
    const d = this.#departure('move_up', fromId, on);
    for (const c of moving) {
      // #childrenOf: a stay in the group that began before the date and has no end.
      const i = c.stays.findIndex((s) => s.group === fromId && s.from < on && s.to === null);
      const stay = c.stays[i]!;
      stay.to = on;
      stay.endedBy = d;
      c.stays.splice(i + 1, 0, { group: toId, from: on, to: null, endedBy: null, movedFrom: stay });
    }
    return 'ok';
  }

  /**
   * `departure.cancel` (docs/rules.md): a graduation, move-up or termination dated after today is
   * undone exactly — a graduation's children attend on, a move's new stays are dropped and the old
   * ones carry on (a relabel is dropped), a termination's vacancy goes and its referral is enrolled
   * again — unless something was built on it, or the children back would break capacity by date.
   */
  cancelDeparture(d: MDeparture): Outcome {
    if (d.cancelled) return 'departure_cancelled';
    if (d.kind === 'account_blocked') return 'departure_not_cancellable';
    if (d.on <= this.today) return 'departure_in_effect';
    const undo = this.#saved();
    const restored = this.#restore(d);
    if (restored !== 'ok') {
      undo();
      return restored;
    }
    const verdict = checkCapacity(this.group(d.groupId).capacity, this.today, this.load(d.groupId));
    if (!verdict.ok) {
      undo();
      const published = this.publications.some(
        (p) => p.groupId === d.groupId && p.withdrawnAt === null && p.availableFrom >= d.on,
      );
      return published ? 'freed_seats_published' : outcomeOf(verdict);
    }
    d.cancelled = true;
    return 'ok';
  }

  #restore(d: MDeparture): Outcome {
    const ended = this.children.flatMap((c) => c.stays.filter((s) => s.endedBy === d).map((s) => ({ c, s })));
    const reopen = (s: MStay) => {
      s.to = null;
      s.endedBy = null;
    };
    if (d.kind === 'termination') {
      const stay = ended[0];
      if (!stay || d.droppedMove) return 'departure_not_cancellable';
      if (this.publications.some((p) => p.source.kind === 'vacancy' && p.source.vacancy === d.vacancy))
        return 'freed_seats_published';
      this.vacancies = this.vacancies.filter((v) => v !== d.vacancy);
      reopen(stay.s);
      stay.c.departed = false;
      const r = stay.c.referral;
      if (r && r.status === 'terminated') r.status = 'enrolled';
      return 'ok';
    }
    if (d.kind === 'move_up' && ended.length === 0) {
      // A relabel (or a move that took no child): the group keeps its age group after the date.
      const group = this.group(d.groupId);
      group.labels = group.labels.filter((l) => l.from !== d.on);
      return 'ok';
    }
    if (d.kind === 'move_up') {
      const begun = this.children.flatMap((c) =>
        c.stays.filter((s) => s.movedFrom && ended.some((e) => e.s === s.movedFrom)).map((s) => ({ c, s })),
      );
      if (begun.some(({ s }) => s.to !== null)) return 'already_departed';
      for (const { c, s } of begun) c.stays = c.stays.filter((x) => x !== s);
    }
    for (const { s } of ended) reopen(s);
    return 'ok';
  }

  /** Puts back what a refused cancellation changed (a refusal changes nothing). */
  #saved(): () => void {
    const children = this.children.map((c) => ({ c, departed: c.departed, stays: c.stays.map((s) => [s, { ...s }]) }));
    const vacancies = [...this.vacancies];
    const labels = this.groups.map((g): [MGroup, MGroup['labels']] => [g, [...g.labels]]);
    const statuses = this.referrals.map((r) => [r, r.status] as const);
    return () => {
      for (const { c, departed, stays } of children) {
        c.departed = departed;
        c.stays = stays.map(([s, fields]) => Object.assign(s as MStay, fields));
      }
      this.vacancies = vacancies;
      for (const [g, l] of labels) g.labels = l;
      for (const [r, status] of statuses) r.status = status;
    };
  }

  setCapacity(groupId: string, capacity: number): Outcome {
    const v = checkCapacityChange(capacity, this.today, this.load(groupId));
    if (v.ok) this.group(groupId).capacity = capacity;
    return outcomeOf(v);
  }

  // ——— parents ———

  claim(slot: number, pub: MPublication): { outcome: Outcome; referral?: MReferral } {
    const a = this.applicants[slot]!;
    if (a.blocked) return { outcome: 'http_401' };
    const now = new Date(this.now);
    const phase = publicationPhase(
      {
        publishedAt: new Date(pub.publishedAt),
        windowClosesAt: pub.windowClosesAt === null ? null : new Date(pub.windowClosesAt),
        withdrawnAt: pub.withdrawnAt === null ? null : new Date(pub.withdrawnAt),
      },
      now,
    );
    const seat = pub.seats.find((s) => s.status === 'open');
    const verdict = canClaim({
      phase,
      applicantInWindowList: pub.turns.includes(slot),
      eligible: checkEligibility(this.applicantView(a), this.target(pub), settings),
      seatsLeft: seat ? 1 : 0,
    });
    if (!verdict.ok) return { outcome: outcomeOf(verdict) };
    const referral: MReferral = {
      key: this.#key('ref'),
      serverId: null,
      applicant: slot,
      publication: pub,
      seat: seat!,
      status: 'active',
      deadline: contractDeadline(now, settings, calendar).getTime(),
      claimedAt: this.now,
      child: null,
    };
    seat!.status = 'claimed';
    seat!.referral = referral;
    this.referrals.push(referral);
    return { outcome: 'ok', referral };
  }

  concludeByParent(slot: number, r: MReferral): Outcome {
    if (this.applicants[slot]!.blocked) return 'http_401';
    if (r.applicant !== slot) return 'not_found';
    return this.concludeByKindergarten(r);
  }

  refuseByParent(slot: number, r: MReferral): Outcome {
    if (this.applicants[slot]!.blocked) return 'http_401';
    if (r.applicant !== slot) return 'not_found';
    const v = canRefuse(this.referralView(r), new Date(this.now));
    if (!v.ok) return outcomeOf(v);
    r.status = 'refused';
    this.#returnSeat(r.seat, this.now);
    return 'ok';
  }

  // ——— the department ———

  block(slot: number): Outcome {
    const a = this.applicants[slot]!;
    a.blocked = true;
    const live = this.referrals
      .filter((r) => r.applicant === slot && ['active', 'contracted', 'enrolled'].includes(r.status))
      .sort((x, y) => x.claimedAt - y.claimedAt);
    for (const r of live) {
      const wasEnrolled = r.status === 'enrolled';
      r.status = 'terminated';
      if (wasEnrolled && r.child) {
        if (!r.child.departed) {
          const enrolledOn = r.child.stays[0]!.from;
          this.#depart(r.child, this.today < enrolledOn ? enrolledOn : this.today, 'account_blocked');
        }
      } else this.#returnSeat(r.seat, this.now);
    }
    return 'ok';
  }
}

/** The first instant after the August pause that holds a seat returned at `at` (city midnight after its last day). */
export function pauseEnd(at: number): number {
  const pause = settings.augustPause!;
  const date = cityDate(new Date(at));
  const year = Number(date.slice(0, 4));
  const lastDay = `${year}-${pause.to}`;
  const dayAfter = plusDays(lastDay < date ? `${year + 1}-${pause.to}` : lastDay, 1);
  return cityMidnight(dayAfter);
}

/** 00:00 city time of a date, as an instant (Asia/Almaty is UTC+5 from March 2024). */
export function cityMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00.000+05:00`);
}
