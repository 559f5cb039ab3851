import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import type { Command } from '../../../shared/commands/command.js';
import type {
  CalendarDayDoc,
  Departure,
  Enrollment,
  Group,
  Kindergarten,
  Publication,
  Referral,
  RegionalSettingsDoc,
  ScheduleEntry,
  Seat,
  Vacancy,
} from '../../../shared/domain/index.js';
import type { ReplicatedCollection } from '../../../shared/replication/protocol.js';
import * as schemas from './rx-schemas.js';

export type ReplicaCollections = {
  kindergartens: RxCollection<Kindergarten>;
  groups: RxCollection<Group>;
  commands: RxCollection<Command>;
  calendarDays: RxCollection<CalendarDayDoc>;
  regionalSettings: RxCollection<RegionalSettingsDoc>;
  scheduleEntries: RxCollection<ScheduleEntry>;
  publications: RxCollection<Publication>;
  seats: RxCollection<Seat>;
  referrals: RxCollection<Referral>;
  enrollments: RxCollection<Enrollment>;
  departures: RxCollection<Departure>;
  vacancies: RxCollection<Vacancy>;
};

/** Every replicated collection and its local schema: the replica holds exactly the server's list. */
export const collectionSchemas = {
  kindergartens: schemas.kindergartenRxSchema,
  groups: schemas.groupRxSchema,
  commands: schemas.commandRxSchema,
  calendarDays: schemas.calendarDayRxSchema,
  regionalSettings: schemas.regionalSettingsRxSchema,
  scheduleEntries: schemas.scheduleEntryRxSchema,
  publications: schemas.publicationRxSchema,
  seats: schemas.seatRxSchema,
  referrals: schemas.referralRxSchema,
  enrollments: schemas.enrollmentRxSchema,
  departures: schemas.departureRxSchema,
  vacancies: schemas.vacancyRxSchema,
} satisfies Record<ReplicatedCollection, unknown>;
export type ReplicaDatabase = RxDatabase<ReplicaCollections>;

let pluginsAdded = false;

/**
 * How a replica made by an older app version reaches the current schema (RxDB's migration-schema
 * plugin). Version 1 of referrals adds the (status, claimedAt) index of the claims board; the
 * documents themselves are unchanged.
 */
export const migrationStrategies: Partial<Record<ReplicatedCollection, Record<number, (doc: never) => unknown>>> = {
  referrals: { 1: (doc) => doc },
};

async function addPlugins() {
  if (pluginsAdded) return;
  pluginsAdded = true;
  addRxPlugin(RxDBMigrationSchemaPlugin);
  if (import.meta.env.DEV) {
    const { RxDBDevModePlugin } = await import('rxdb/plugins/dev-mode');
    addRxPlugin(RxDBDevModePlugin);
  }
}

/** The database name for one server and kindergarten: replicas of different accounts never mix. */
export async function replicaName(serverUrl: string, kindergartenId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(serverUrl));
  const hex = [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `kg_${hex}_${kindergartenId.replaceAll('-', '')}`;
}

/** Creates (or reopens) the local replica. Called once, outside React, before the app renders. */
export async function openReplica(
  name: string,
  options: { storage?: RxStorage<unknown, unknown>; schemas?: Record<string, unknown> } = {},
): Promise<ReplicaDatabase> {
  await addPlugins();
  const db = await createRxDatabase<ReplicaCollections>({
    name,
    storage: wrappedValidateZSchemaStorage({ storage: options.storage ?? getRxStorageDexie() }),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const schemas = options.schemas ?? collectionSchemas;
  await db.addCollections(
    Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [
        name,
        { schema, migrationStrategies: strategiesUpTo(name, (schema as { version: number }).version) },
      ]),
    ) as never,
  );
  return db;
}

function strategiesUpTo(collection: string, version: number) {
  const all = migrationStrategies[collection as ReplicatedCollection] ?? {};
  return Object.fromEntries(Object.entries(all).filter(([v]) => Number(v) <= version));
}

/** Sign-out with "wipe": the replica and its replication state leave this PC. */
export async function wipeReplica(db: ReplicaDatabase): Promise<void> {
  const name = db.name;
  await db.remove();
  // Dexie leaves the emptied IndexedDB databases behind: delete them too, so nothing of the
  // kindergarten's data (not even its structure) stays on a shared PC.
  const leftovers = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes(`-${name}--`));
  await Promise.all(
    leftovers.map(
      (n) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(n);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}
