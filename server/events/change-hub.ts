import { z } from 'zod';
import type { Db } from '../db/db.js';

// Any registered collection (production or a test's): the streams look the name up in their registry.
const changeSchema = z.object({ collection: z.string().min(1).max(64), kindergartenId: z.string() });
/** `notification`: this hub's count of notifications so far, this one included (see `notified`). */
type Listener = (collection: string, notification: number) => void;

/**
 * Fans database change notifications (NOTIFY 'replication', sent by triggers on commit, from
 * any server process) out to the event streams of the kindergarten they concern.
 */
export class ChangeHub {
  readonly #listeners = new Map<string, Set<Listener>>();
  #unlisten: (() => Promise<void>) | null = null;
  #notified = 0;

  /**
   * How many notifications this hub has received. A read that starts after notification n arrived
   * sees that notification's commit; one that started before may not.
   */
  get notified(): number {
    return this.#notified;
  }

  async start(db: Db): Promise<void> {
    this.#unlisten = await db.listen('replication', (payload) => this.#dispatch(payload));
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#unlisten = null;
    this.#listeners.clear();
  }

  subscribe(kindergartenId: string, listener: Listener): () => void {
    let set = this.#listeners.get(kindergartenId);
    if (!set) this.#listeners.set(kindergartenId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(kindergartenId);
    };
  }

  get streamCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  #dispatch(payload: string): void {
    let parsed: z.infer<typeof changeSchema>;
    try {
      parsed = changeSchema.parse(JSON.parse(payload));
    } catch {
      return;
    }
    const notification = ++this.#notified;
    // '*' marks a city- or country-wide row (calendar, settings): every stream pulls, scoped.
    const targets =
      parsed.kindergartenId === '*'
        ? [...this.#listeners.values()]
        : [this.#listeners.get(parsed.kindergartenId) ?? []];
    for (const set of targets) for (const listener of set) listener(parsed.collection, notification);
  }
}
