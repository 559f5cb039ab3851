import { BehaviorSubject } from 'rxjs';

const STORAGE_KEY = 'server-clock-offset-ms';

/**
 * The server's clock as this PC sees it: countdowns and phases are judged against the server's
 * time, never the office PC's. The offset comes from the sign-in answer and every stream heartbeat,
 * and is remembered so an offline start still counts from the last known server time.
 */
export class ServerClock {
  readonly offsetMs$: BehaviorSubject<number>;

  constructor(private readonly storage: Storage | null = globalThis.localStorage ?? null) {
    const stored = Number(this.storage?.getItem(STORAGE_KEY) ?? '0');
    this.offsetMs$ = new BehaviorSubject(Number.isFinite(stored) ? stored : 0);
  }

  /** The server said it is `serverTime` now (received at local `receivedAtMs`). */
  observe(serverTime: string, receivedAtMs: number = Date.now()): void {
    const server = Date.parse(serverTime);
    if (!Number.isFinite(server)) return;
    const offset = server - receivedAtMs;
    this.storage?.setItem(STORAGE_KEY, String(offset));
    this.offsetMs$.next(offset);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs$.value);
  }
}
