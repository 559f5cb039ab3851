import { createContext, useContext } from 'react';
import type { Observable } from 'rxjs';
import type { HostApi } from '../../../shared/host-api.js';
import type { ReplicaDatabase } from '../data/replica.js';
import type { Replication } from '../data/replication.js';
import type { RuleContext } from '../data/rule-context.js';
import type { ServerClock } from '../data/server-clock.js';
import type { StoredSession } from '../data/session.js';

/** Everything a signed-in screen needs, made once by the composition root (main.tsx). */
export interface Desk {
  host: HostApi;
  session: StoredSession;
  deviceId: string;
  db: ReplicaDatabase;
  replication: Replication;
  /** The server's clock (offset kept in the data layer): every countdown and phase reads it. */
  clock: ServerClock;
  /** The replicated calendar and regional settings, for the shared rules' previews. */
  rules$: Observable<RuleContext>;
  /** Signs out; with `wipe` the local replica is deleted from this PC. */
  signOut(wipe: boolean): Promise<void>;
  /**
   * The session expired or was revoked (sync status `unauthorized`): back to the sign-in screen,
   * keeping the replica and every pending command, which are pushed after the new sign-in.
   */
  signInAgain(): Promise<void>;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside a signed-in desk');
  return desk;
}
