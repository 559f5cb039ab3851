import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import type { Db } from '../db/db.js';
import type { ChangeHub } from '../events/change-hub.js';

/** What every route may use; passed explicitly, never held in module state. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  hub: ChangeHub;
  config: Pick<ServerConfig, 'sessionTtlMs' | 'heartbeatMs' | 'rendererDir'>;
}
