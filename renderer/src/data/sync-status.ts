import { BehaviorSubject } from 'rxjs';
import { ServerError } from './server-api.js';

export type ConnectionState = 'connecting' | 'live' | 'fallback' | 'offline' | 'unauthorized' | 'outdated';
export interface SyncStatus {
  connection: ConnectionState;
  lastSyncAt: string | null;
}

/** What the replication tells the status: the status bar and banners read the result. */
export type SyncEvent =
  /** A pull or push was answered at `at`. */
  | { type: 'answered'; at: string }
  /** A pull, push or the event stream failed with this error. */
  | { type: 'failed'; error: unknown }
  /** The event stream confirmed itself (its RESYNC message). */
  | { type: 'live' }
  /** The event stream is silent or down: the replica polls. */
  | { type: 'fallback' }
  /** The event stream brought changes at `at`. */
  | { type: 'changes'; at: string };

// 401 (the session expired or was revoked) and 426 (this app is too old) stay until the user
// acts: no later answer may hide them. Pending commands stay in the replica meanwhile.
const blocked = (status: SyncStatus) => status.connection === 'unauthorized' || status.connection === 'outdated';

/**
 * The status after `event`: the same object when the event changes nothing (nothing is emitted),
 * a new one otherwise.
 */
export function reduceSyncStatus(status: SyncStatus, event: SyncEvent): SyncStatus {
  switch (event.type) {
    case 'failed': {
      const { error } = event;
      if (!(error instanceof ServerError)) return status;
      if (error.status === 401) return { ...status, connection: 'unauthorized' };
      if (error.status === 426) return { ...status, connection: 'outdated' };
      if (error.status === 0 && !blocked(status)) return { ...status, connection: 'offline' };
      return status;
    }
    case 'answered':
      return {
        ...status,
        lastSyncAt: event.at,
        // The server answers; until the stream confirms itself the replica is polling.
        ...(status.connection === 'live' || blocked(status) ? {} : { connection: 'fallback' as const }),
      };
    case 'fallback':
      return status.connection === 'live' || status.connection === 'connecting'
        ? { ...status, connection: 'fallback' }
        : status;
    case 'live':
      return status.connection === 'outdated' ? status : { ...status, connection: 'live' };
    case 'changes':
      return { ...status, lastSyncAt: event.at };
  }
}

const LAST_SYNC_KEY = 'last-sync-at';

export interface SyncStatusStore {
  /** The status the UI reads (`useObservable`). */
  status$: BehaviorSubject<SyncStatus>;
  note(event: SyncEvent): void;
}

/**
 * The sync status, starting at `connecting` with the last sync time this PC remembers; every
 * later sync time is remembered (localStorage, where there is one).
 */
export function createSyncStatus(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): SyncStatusStore {
  const status$ = new BehaviorSubject<SyncStatus>({
    connection: 'connecting',
    lastSyncAt: storage?.getItem(LAST_SYNC_KEY) ?? null,
  });
  status$.subscribe((s) => s.lastSyncAt && storage?.setItem(LAST_SYNC_KEY, s.lastSyncAt));
  return {
    status$,
    note(event) {
      const next = reduceSyncStatus(status$.value, event);
      if (next !== status$.value) status$.next(next);
    },
  };
}
