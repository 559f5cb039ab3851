import { z } from 'zod';
import { systemClock, type Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';

/**
 * The demo's clock: real time plus an offset kept in the database (table `demo_clock`, migration
 * 0004), so the department's admin CLI — another process — can fast-forward a running demo.
 * A server process reads the offset when it starts and follows every change through LISTEN
 * demo_clock (PostgreSQL delivers it across processes at once; on embedded PGlite the CLI runs
 * while the server is stopped, and the server reads the new offset when it starts again).
 */
export class DemoClock implements Clock {
  #offsetMs = 0;
  #version = -1;
  #unlisten: (() => Promise<void>) | null = null;

  private constructor(private readonly base: Clock) {}

  /** Reads the stored offset and subscribes to its changes. Call `stop()` before closing the database. */
  static async start(db: Db, base: Clock = systemClock): Promise<DemoClock> {
    const clock = new DemoClock(base);
    // Listen first, then read: a change committed in between arrives as a notification, and the
    // version keeps a late read from undoing it.
    clock.#unlisten = await db.listen('demo_clock', (payload) => clock.#apply(parseNotification(payload)));
    clock.#apply(await readDemoOffset(db));
    return clock;
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.#offsetMs);
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#unlisten = null;
  }

  #apply(state: DemoOffset | null) {
    if (!state || state.version <= this.#version) return;
    this.#version = state.version;
    this.#offsetMs = state.offsetMs;
  }
}

export interface DemoOffset {
  offsetMs: number;
  version: number;
}

const notificationSchema = z.object({ offsetMs: z.coerce.number().int(), version: z.coerce.number().int() });

function parseNotification(payload: string): DemoOffset | null {
  try {
    const parsed = notificationSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function readDemoOffset(q: Queryable): Promise<DemoOffset> {
  const [row] = await q.query<{ offset_ms: string | number; version: string | number }>(
    'select offset_ms, version from demo_clock where id',
  );
  return { offsetMs: Number(row?.offset_ms ?? 0), version: Number(row?.version ?? 0) };
}

/** Stores a new offset (a new version); every server on the demo clock follows it. */
export async function writeDemoOffset(q: Queryable, offsetMs: number, at: Date): Promise<DemoOffset> {
  if (!Number.isSafeInteger(offsetMs)) throw new Error('the demo clock offset is a whole number of milliseconds');
  const [row] = await q.query<{ offset_ms: string | number; version: string | number }>(
    `insert into demo_clock (id, offset_ms, version, updated_at) values (true, $1, 1, $2)
     on conflict (id) do update set offset_ms = excluded.offset_ms, version = demo_clock.version + 1, updated_at = excluded.updated_at
     returning offset_ms, version`,
    [offsetMs, at],
  );
  return { offsetMs: Number(row?.offset_ms ?? offsetMs), version: Number(row?.version ?? 0) };
}

/** The demo clock as one read of the offset: for a short-lived process (the admin CLI) that does not listen. */
export async function demoClockSnapshot(q: Queryable, base: Clock = systemClock): Promise<Clock> {
  const { offsetMs } = await readDemoOffset(q);
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}
