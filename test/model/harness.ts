import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../server/clock.js';
import type { Db } from '../../server/db/db.js';
import { demoAccounts, demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { migrate } from '../../server/db/migrate.js';
import { ChangeHub } from '../../server/events/change-hub.js';
import { buildApp } from '../../server/http/app.js';
import { blockApplicant } from '../../server/intake/blocking.js';
import { catchUpTime, runTransitions } from '../../server/intake/scheduler.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { createSession, hashToken } from '../../server/auth/sessions.js';
import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import { collectionPolicies } from '../../server/replication/collections.js';
import { REPLICATION_VERSION, replicatedCollections, type Checkpoint } from '../../shared/replication/protocol.js';
import { makeIin } from '../../shared/domain/iin.js';
import type { WorldSpec } from './world.js';

/**
 * The real system the model is checked against: the central server's Fastify app (every route,
 * driven by `inject`, HTTP layer included) over one database per worker, with a clock that stands
 * still until the sequence moves it. Department actions go through the admin CLI, the way the
 * department runs them; the scheduler round is the server's own `runTransitions`.
 */
export class FrozenClock implements Clock {
  #t = 0;
  now(): Date {
    return new Date(this.#t);
  }
  set(instant: Date): void {
    this.#t = instant.getTime();
  }
}

/** What one action answered: `ok`, a rejection code, or how the transport failed. */
export interface Answer {
  outcome: string;
  /** The id the server made (a claim's referral), when it made one. */
  id?: string;
  status: number;
}

export type Device = 'a' | 'b';

/** Tables a sequence writes; emptied before the next one. */
const INTAKE_TABLES = [
  'publication_turns',
  'seats',
  'referrals',
  'publications',
  'vacancies',
  'departures',
  'enrollments',
  'schedule_entries',
  'commands',
  'audit_log',
  'parent_sessions',
];

export const APPLICANT_SLOTS = 10;
/** Fixed ids of the applicant slots (the queue's tie-break by id stays the same in every run). */
export const applicantIds = Array.from(
  { length: APPLICANT_SLOTS },
  (_, i) => `0191d2a0-0000-7000-8000-0000000a${String(i).padStart(4, '0')}`,
);

/** A valid IIN for the birth date, the same for the same key in every run (the runs' documents compare). */
function iinFor(birthDate: string, key: number): string {
  for (let serial = key * 10 + 1; ; serial++) {
    try {
      return makeIin(birthDate, 'female', serial);
    } catch {
      // No valid check digit for this serial; take the next one.
    }
  }
}

export class Harness {
  readonly clock = new FrozenClock();
  #app!: FastifyInstance;
  #hub!: ChangeHub;
  #heads: Record<Device, string> = { a: '', b: '' };
  #parents: string[] = [];
  #address = 0;
  /** The groups table has the dated relabel columns (migration 0007); older schemas (replaying on a past commit) do not. */
  #datedAgeGroups = false;
  get datedSchema(): boolean {
    return this.#datedAgeGroups;
  }
  /** The departures table records cancellations (migration 0011); older schemas do not. */
  #cancellations = false;
  get cancellations(): boolean {
    return this.#cancellations;
  }

  constructor(readonly db: Db) {}

  /** Milliseconds spent and calls made per kind of call (MODEL_STATS=1 prints them: where a sequence's time goes). */
  readonly timings = new Map<string, { ms: number; calls: number }>();
  async timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      const t = this.timings.get(name) ?? { ms: 0, calls: 0 };
      t.ms += performance.now() - start;
      t.calls += 1;
      this.timings.set(name, t);
    }
  }

  /** Migrates, seeds the demo kindergarten, makes the applicant slots and their sessions, builds the app. */
  async start(): Promise<void> {
    this.clock.set(new Date('2026-06-01T04:00:00Z'));
    await migrate(this.db);
    await seedDemo(this.db, this.clock);
    await installShippedData(this.db, this.clock);
    const dated = await this.db.query(
      `select 1 from information_schema.columns where table_name = 'groups' and column_name = 'next_age_group'`,
    );
    this.#datedAgeGroups = dated.length > 0;
    const cancelled = await this.db.query(
      `select 1 from information_schema.columns where table_name = 'departures' and column_name = 'cancelled_at'`,
    );
    this.#cancellations = cancelled.length > 0;
    this.#hub = new ChangeHub();
    await this.#hub.start(this.db);
    this.#app = await buildApp(
      {
        db: this.db,
        clock: this.clock,
        hub: this.#hub,
        config: { sessionTtlMs: 1e12, heartbeatMs: 60_000, rendererDir: null },
      },
      { logLevel: 'silent' },
    );
    await this.#app.ready();
    for (const device of ['a', 'b'] as const) {
      const session = await createSession(this.db, this.clock, {
        staffId: demoAccounts[0].id,
        kindergartenId: demoKindergarten.id,
        deviceId: `model-device-${device}`,
        deviceName: `model ${device}`,
        ttlMs: 1e12,
      });
      this.#heads[device] = session.token;
    }
    for (const [i, id] of applicantIds.entries()) {
      const exists = await this.db.query('select 1 from applicants where id = $1', [id]);
      if (!exists.length) {
        await this.db.query(
          `insert into applicants (id, city_id, iin, child_last_name, child_first_name, birth_date, language, priority, applied_at, choices,
             representative_full_name, login, created_at, updated_at)
           values ($1, 'petropavl', $2, $3, 'Модель', '2024-01-01', 'ru', 'general', now(), $4, 'Родитель', $5, now(), now())`,
          [id, iinFor('2024-01-01', 700 + i), `Ребёнок${i}`, [demoKindergarten.id], `model-parent-${i}`],
        );
      }
    }
  }

  async close(): Promise<void> {
    await this.#app?.close();
    await this.#hub?.stop();
  }

  /** Empties what a sequence wrote and lays out the world the model starts from (a few statements, each for all rows). */
  async reset(world: WorldSpec): Promise<void> {
    return this.timed('reset', async () => {
      this.clock.set(new Date(world.start));
      // Deleting the few rows a sequence wrote costs a tenth of a TRUNCATE on PGlite (which makes every
      // table's files anew); foreign keys are not checked while the tables are emptied together.
      await this.db.exec(
        `begin; set local session_replication_role = replica; ${INTAKE_TABLES.map((t) => `delete from ${t};`).join(' ')} commit;
         alter sequence referral_number_seq restart`,
      );
      const groups = world.groups;
      // A relabelling move-up of the last sequence left a dated age group on the group: cleared too.
      const relabel = this.#datedAgeGroups ? ', next_age_group = null, next_age_group_on = null' : '';
      await this.db.query(
        `update groups g set age_group = w.age_group, language = w.language, capacity = w.capacity${relabel}
         from unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) as w(id, age_group, language, capacity) where g.id = w.id`,
        [
          groups.map((g) => g.id),
          groups.map((g) => g.ageGroup),
          groups.map((g) => g.language),
          groups.map((g) => g.capacity),
        ],
      );
      const children = groups.flatMap((g, gi) =>
        g.children.map((id, i) => ({ id, g, i, iin: iinFor(g.childBirthDate, 100 * gi + i) })),
      );
      if (children.length) {
        await this.db.query(
          `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, enrolled_on, order_number, order_date, updated_at)
         select c.id, $1, c.group_id, c.name, c.birth_date, c.iin, c.enrolled_on, '1-к', c.enrolled_on, $2
           from unnest($3::uuid[], $4::uuid[], $5::text[], $6::date[], $7::text[], $8::date[]) as c(id, group_id, name, birth_date, iin, enrolled_on)`,
          [
            demoKindergarten.id,
            world.start,
            children.map((c) => c.id),
            children.map((c) => c.g.id),
            children.map((c) => `Посещающий ${c.i}`),
            children.map((c) => c.g.childBirthDate),
            children.map((c) => c.iin),
            children.map((c) => c.g.enrolledOn),
          ],
        );
      }
      const applicants = world.applicants;
      await this.db.query(
        `update applicants a set birth_date = w.birth_date, iin = w.iin, language = w.language, priority = w.priority,
         applied_at = w.applied_at, choices = string_to_array(w.choices, ',')::uuid[], blocked_at = null, blocked_reason = null
         from unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
           as w(id, birth_date, iin, language, priority, applied_at, choices)
        where a.id = w.id`,
        [
          applicants.map((_, i) => applicantIds[i]),
          applicants.map((a) => a.birthDate),
          applicants.map((a, i) => iinFor(a.birthDate, 600 + i)),
          applicants.map((a) => a.language),
          applicants.map((a) => a.priority),
          applicants.map((a) => a.appliedAt),
          applicants.map((a) => a.choices.join(',')),
        ],
      );
      // Slots the world does not use choose no kindergarten of ours, so they are nobody's turn (a
      // shorter world after a longer one left them with its birth dates and categories).
      await this.db.query(
        `update applicants set choices = array['00000000-0000-4000-8000-00000000dead'::uuid], priority = 'general',
           blocked_at = null, blocked_reason = null where id = any ($1::uuid[])`,
        [applicantIds.slice(applicants.length)],
      );
      // New parent sessions per sequence: the claim route's rate limit counts per session, in real time.
      const tokens = applicantIds.map(() => randomBytes(24).toString('base64url'));
      await this.db.query(
        `insert into parent_sessions (id, token_hash, applicant_id, created_at, expires_at)
       select gen_random_uuid(), s.hash, s.applicant, now(), '2100-01-01' from unnest($1::text[], $2::uuid[]) as s(hash, applicant)`,
        [tokens.map(hashToken), applicantIds],
      );
      this.#parents = tokens;
      if (world.entries.length) {
        const e = world.entries;
        await this.db.query(
          `insert into schedule_entries (id, kindergarten_id, group_id, birth_year, language, seats, available_from, status, updated_at)
         select w.id, $1, w.group_id, w.birth_year, w.language, w.seats, w.available_from, 'approved', $2
           from unnest($3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::int[], $8::date[]) as w(id, group_id, birth_year, language, seats, available_from)`,
          [
            demoKindergarten.id,
            world.start,
            e.map((x) => x.id),
            e.map((x) => x.groupId),
            e.map((x) => x.birthYear),
            e.map((x) => x.language),
            e.map((x) => x.seats),
            e.map((x) => x.availableFrom),
          ],
        );
      }
    });
  }

  #nextAddress(): string {
    this.#address = (this.#address + 1) % 65000;
    return `10.77.${Math.floor(this.#address / 250)}.${(this.#address % 250) + 1}`;
  }

  async #inject(method: 'GET' | 'POST', url: string, token: string, body?: unknown) {
    const response = await this.#app.inject({
      method,
      url,
      // Each call from its own address: the parent routes' per-address rate limits are not under test here.
      remoteAddress: this.#nextAddress(),
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  }

  /** Pushes commands from one of the head's two devices; answers each command's outcome in order. */
  async push(device: Device, commands: Array<{ id: string; kind: string; payload: unknown }>): Promise<Answer[]> {
    return this.timed('push', async () => {
      const documents = commands.map((c) => ({
        assumedMasterState: null,
        newDocumentState: { ...c, deviceId: `model-device-${device}`, deviceTime: '2026-01-01T00:00:00.000Z' },
      }));
      const res = await this.#inject(
        'POST',
        `/api/replication/v${REPLICATION_VERSION}/commands/push`,
        this.#heads[device],
        documents,
      );
      if (res.status !== 200) return commands.map(() => ({ outcome: `http_${res.status}`, status: res.status }));
      const stored = res.body as unknown as Array<{ id: string; status: string; rejection: { code: string } | null }>;
      return commands.map((c) => {
        const doc = stored.find((d) => d.id === c.id);
        if (!doc) return { outcome: 'missing_outcome', status: 200 };
        return {
          outcome: doc.status === 'applied' ? 'ok' : (doc.rejection?.code ?? `status_${doc.status}`),
          status: 200,
        };
      });
    });
  }

  async #parent(slot: number, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> {
    return this.timed('parent', async () => {
      const res = await this.#inject(method, url, this.#parents[slot]!, body);
      if (res.status === 200)
        return { outcome: 'ok', status: 200, ...(res.body.referralId ? { id: String(res.body.referralId) } : {}) };
      const rejection = res.body.rejection as { code?: string } | undefined;
      return { outcome: rejection?.code ?? `http_${res.status}`, status: res.status };
    });
  }

  claim(slot: number, publicationId: string) {
    return this.#parent(slot, 'POST', '/api/parent/claims', { publicationId });
  }
  conclude(slot: number, referralId: string) {
    return this.#parent(slot, 'POST', `/api/parent/referrals/${referralId}/contract`);
  }
  refuse(slot: number, referralId: string) {
    return this.#parent(slot, 'POST', `/api/parent/referrals/${referralId}/refuse`);
  }

  /** The department blocks an applicant account (the admin CLI's `applicant:block` runs the same function). */
  async block(slot: number): Promise<Answer> {
    const outcome = await blockApplicant(this.db, this.clock, applicantIds[slot]!, 'model: access shared');
    return { outcome: outcome ? 'ok' : 'not_found', status: 200 };
  }

  /** The department approves a submitted schedule entry with the admin CLI. */
  async approve(entryId: string): Promise<Answer> {
    const { out } = bufferOutput();
    const code = await runCli(['schedule:approve', '--entry', entryId], {
      db: this.db,
      clock: this.clock,
      out,
      operator: 'model',
    });
    return { outcome: code === 0 ? 'ok' : 'cli_refused', status: code };
  }

  async schedulerRound(): Promise<void> {
    return this.timed('scheduler', async () => {
      await runTransitions(this.db, this.clock);
    });
  }

  /** The server id of a republished publication: the one made from `previousId` at `publishedAt`. */
  async republished(previousId: string, publishedAt: Date, nth: number): Promise<string | null> {
    await this.touch();
    const rows = await this.db.query<{ id: string }>(
      `select id from publications where previous_publication_id = $1 and published_at = $2
        order by round, xmin::text::bigint, id`,
      [previousId, publishedAt],
    );
    return rows[nth]?.id ?? null;
  }

  /** Every replicated document of the kindergarten, read straight from the database (as the pull reads it). */
  async snapshot(): Promise<Snapshot> {
    return this.timed('snapshot', async () => {
      await this.touch();
      // One statement for every collection (each step reads them all): the rows as JSON, made documents
      // by each collection's own `toDocument`.
      const [row] = await this.db.query<{ snap: string }>(this.#datedAgeGroups ? snapshotWithMovesSql : snapshotSql, [
        demoKindergarten.id,
      ]);
      const rows = JSON.parse(row!.snap) as Record<string, Array<Record<string, unknown>>>;
      const snap = {} as Snapshot;
      for (const name of sequenceCollections) {
        if (name === 'commands') continue;
        snap[name] = rows[name]!.map((r) => collectionPolicies[name].toDocument(r) as Record<string, unknown>);
      }
      snap.turns = rows.turns as Array<{ publicationId: string; applicantId: string }>;
      snap.moves = this.#datedAgeGroups ? (rows.moves as Array<{ id: string; movedFrom: string }>) : [];
      return snap;
    });
  }

  /**
   * The desk reads the server (one pull page): what time decided since the last request (an expired
   * referral's republished seat, a seat held by the August pause) is written by then, scheduler or not.
   */
  async touch(): Promise<void> {
    // What every read route runs first (server/intake/scheduler.ts, `catchUpTime`), called directly:
    // the same decisions as a pull page, without the route's session lookup and reply.
    return this.timed('touch', () => catchUpTime(this.db, this.clock.now()));
  }

  /** A full pull of every collection through the replication API, as a new replica makes it. */
  async pull(): Promise<Snapshot> {
    return this.timed('pull', async () => {
      const snap = {} as Snapshot;
      for (const name of sequenceCollections) {
        const docs: Array<Record<string, unknown>> = [];
        let checkpoint: Checkpoint | null = null;
        for (;;) {
          const q = new URLSearchParams({ limit: '1000', ...(checkpoint ?? {}) });
          const res = await this.#inject(
            'GET',
            `/api/replication/v${REPLICATION_VERSION}/${name}/pull?${q}`,
            this.#heads.a,
          );
          if (res.status !== 200) throw new Error(`pull ${name}: ${res.status} ${JSON.stringify(res.body)}`);
          const page = res.body as unknown as {
            documents: Array<Record<string, unknown>>;
            checkpoint: Checkpoint | null;
          };
          docs.push(...page.documents);
          checkpoint = page.checkpoint;
          if (page.documents.length < 1000) break;
        }
        snap[name] = docs.filter((d) => !d._deleted).map(({ _deleted: _, ...d }) => d);
      }
      const direct = await this.snapshot();
      snap.turns = direct.turns;
      snap.moves = direct.moves;
      return snap;
    });
  }
}

/**
 * The collections a sequence can change (the calendar, the settings and the kindergarten's card are
 * shipped data it never touches, and would only slow every check down).
 */
export const sequenceCollections = replicatedCollections.filter(
  (name) => !['calendarDays', 'regionalSettings', 'kindergartens'].includes(name),
);

const rowsOf = (select: string) => `(select coalesce(json_agg(t), '[]'::json) from (${select}) t)`;
const snapshotSql = `select json_build_object(${[
  ...sequenceCollections
    .filter((name) => name !== 'commands')
    .map((name) => {
      const policy = collectionPolicies[name];
      return `'${name}', ${rowsOf(`select ${policy.columns} from ${policy.table} where ${policy.scope} and not deleted`)}`;
    }),
  `'turns', ${rowsOf('select publication_id as "publicationId", applicant_id as "applicantId" from publication_turns')}`,
].join(', ')})::text as snap`;
/** With the stays a move-up started (`moved_from`, migration 0007; not replicated): the chain of each child's stays. */
const snapshotWithMovesSql = snapshotSql.replace(
  /\)::text as snap$/,
  `, 'moves', ${rowsOf('select id::text as id, moved_from::text as "movedFrom" from enrollments where moved_from is not null')})::text as snap`,
);

export type Snapshot = Record<(typeof replicatedCollections)[number], Array<Record<string, unknown>>> & {
  turns: Array<{ publicationId: string; applicantId: string }>;
  /** Each stay a move-up started and the stay it started from (not replicated; read from the database). */
  moves: Array<{ id: string; movedFrom: string }>;
};
