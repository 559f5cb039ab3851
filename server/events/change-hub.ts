import { z } from 'zod';
import type { Db } from '../db/db.js';

// Any registered collection (production or a test's): the streams look the name up in their registry.
const changeSchema = z.object({ collection: z.string().min(1).max(64), kindergartenId: z.string() });
const sessionEndSchema = z.union([
  z.object({ staffSession: z.string() }),
  z.object({ staff: z.string() }),
  z.object({ parentSession: z.string() }),
  z.object({ applicant: z.string() }),
]);

/**
 * A change of `collection` in `kindergartenId` ('*': city- or country-wide rows) — `notification`
 * is this hub's count of notifications so far, this one included (see `notified`).
 */
export type ChangeListener = (collection: string, kindergartenId: string, notification: number) => void;
/**
 * What ended (NOTIFY session_ended, migrations/0007): one staff device session, every session of a
 * disabled staff account, one parent session, every session of a blocked parent. As `kind:id`.
 */
export type SessionEndListener = (ended: string) => void;

/**
 * The process's ear on the database: change notifications (NOTIFY 'replication', sent by triggers
 * on commit, from any server process) and session ends (NOTIFY 'session_ended'), handed to the
 * event streams of this process.
 */
export class ChangeHub {
  readonly #changes = new Set<ChangeListener>();
  readonly #ends = new Set<SessionEndListener>();
  #unlisten: Array<() => Promise<void>> = [];
  #notified = 0;

  /**
   * How many notifications this hub has received. A read that starts after notification n arrived
   * sees that notification's commit; one that started before may not.
   */
  get notified(): number {
    return this.#notified;
  }

  async start(db: Db): Promise<void> {
    this.#unlisten = [
      await db.listen('replication', (payload) => this.#dispatch(payload)),
      await db.listen('session_ended', (payload) => this.#ended(payload)),
    ];
  }

  async stop(): Promise<void> {
    const unlisten = this.#unlisten;
    this.#unlisten = [];
    await Promise.all(unlisten.map((u) => u()));
    this.#changes.clear();
    this.#ends.clear();
  }

  onChange(listener: ChangeListener): () => void {
    this.#changes.add(listener);
    return () => this.#changes.delete(listener);
  }

  onSessionEnd(listener: SessionEndListener): () => void {
    this.#ends.add(listener);
    return () => this.#ends.delete(listener);
  }

  /**
   * A change found by a process's own catch-up query (its notification was lost): announced like
   * a notification.
   */
  announce(collection: string, kindergartenId: string): void {
    const notification = ++this.#notified;
    for (const listener of this.#changes) listener(collection, kindergartenId, notification);
  }

  #dispatch(payload: string): void {
    let parsed: z.infer<typeof changeSchema>;
    try {
      parsed = changeSchema.parse(JSON.parse(payload));
    } catch {
      return;
    }
    this.announce(parsed.collection, parsed.kindergartenId);
  }

  #ended(payload: string): void {
    let parsed: z.infer<typeof sessionEndSchema>;
    try {
      parsed = sessionEndSchema.parse(JSON.parse(payload));
    } catch {
      return;
    }
    const [kind, id] = Object.entries(parsed)[0]!;
    for (const listener of this.#ends) listener(`${kind}:${id}`);
  }
}
