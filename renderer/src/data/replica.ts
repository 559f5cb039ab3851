import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
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
const collectionSchemas = {
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
  await db.addCollections(
    Object.fromEntries(Object.entries(collectionSchemas).map(([name, schema]) => [name, { schema }])) as never,
  );
  return db;
}
