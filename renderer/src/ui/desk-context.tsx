import { createContext, useContext } from 'react';
import type { HostApi } from '../../../shared/host-api.js';
import type { ReplicaDatabase } from '../data/replica.js';
import type { Replication } from '../data/replication.js';
import type { StoredSession } from '../data/session.js';

/** Everything a signed-in screen needs, made once by the composition root (main.tsx). */
export interface Desk {
  host: HostApi;
  session: StoredSession;
  deviceId: string;
  db: ReplicaDatabase;
  replication: Replication;
  signOut(): Promise<void>;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside a signed-in desk');
  return desk;
}
