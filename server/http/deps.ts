import type { Clock } from '../clock.js';
import type { ServerConfig } from '../config.js';
import type { Db } from '../db/db.js';
import type { ChangeHub } from '../events/change-hub.js';
import type { CollectionRegistry } from '../replication/core.js';

/** What every route may use; passed explicitly, never held in module state. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  hub: ChangeHub;
  config: Pick<ServerConfig, 'sessionTtlMs' | 'heartbeatMs' | 'rendererDir'>;
  /** The replicated collections; the production registry when absent (tests add their own). */
  collections?: CollectionRegistry;
}
