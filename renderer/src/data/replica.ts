import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import type { Command } from '../../../shared/commands/command.js';
import type { Group, Kindergarten } from '../../../shared/domain/index.js';
import { commandRxSchema, groupRxSchema, kindergartenRxSchema } from './rx-schemas.js';

export type ReplicaCollections = {
  kindergartens: RxCollection<Kindergarten>;
  groups: RxCollection<Group>;
  commands: RxCollection<Command>;
};
export type ReplicaDatabase = RxDatabase<ReplicaCollections>;

let devModeAdded = false;

/** The database name for one server and kindergarten: replicas of different accounts never mix. */
export async function replicaName(serverUrl: string, kindergartenId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(serverUrl));
  const hex = [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `kg_${hex}_${kindergartenId.replaceAll('-', '')}`;
}

/** Creates (or reopens) the local replica. Called once, outside React, before the app renders. */
export async function openReplica(name: string): Promise<ReplicaDatabase> {
  if (import.meta.env.DEV && !devModeAdded) {
    const { RxDBDevModePlugin } = await import('rxdb/plugins/dev-mode');
    addRxPlugin(RxDBDevModePlugin);
    devModeAdded = true;
  }
  const db = await createRxDatabase<ReplicaCollections>({
    name,
    storage: wrappedValidateZSchemaStorage({ storage: getRxStorageDexie() }),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    kindergartens: { schema: kindergartenRxSchema },
    groups: { schema: groupRxSchema },
    commands: { schema: commandRxSchema },
  });
  return db;
}
