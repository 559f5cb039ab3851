import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Command } from '../../../shared/commands/command.js';
import type {
  CalendarDayDoc,
  Departure,
  Group,
  Kindergarten,
  Publication,
  RegionalSettingsDoc,
  ScheduleEntry,
  Seat,
  Vacancy,
} from '../../../shared/domain/index.js';
import type { ReplicatedCollection } from '../../../shared/replication/protocol.js';
import { iinHash } from './replica-crypto.js';
import * as schemas from './rx-schemas.js';
import { replicaStorage } from './replica-storage.js';
import type { LocalEnrollment, LocalReferral } from './rx-schemas.js';

export type ReplicaCollections = {
  kindergartens: RxCollection<Kindergarten>;
  groups: RxCollection<Group>;
  commands: RxCollection<Command>;
  calendarDays: RxCollection<CalendarDayDoc>;
  regionalSettings: RxCollection<RegionalSettingsDoc>;
  scheduleEntries: RxCollection<ScheduleEntry>;
  publications: RxCollection<Publication>;
  seats: RxCollection<Seat>;
  referrals: RxCollection<LocalReferral>;
  enrollments: RxCollection<LocalEnrollment>;
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

/** The schemas of the last release without encryption at rest (referrals v1, enrollments v0, groups v0, departures v0). */
export const unencryptedCollectionSchemas = {
  ...collectionSchemas,
  groups: schemas.groupRxSchemaV0,
  departures: schemas.departureRxSchemaV0,
  referrals: schemas.referralRxSchemaV1,
  enrollments: schemas.enrollmentRxSchemaV0,
};

let pluginsAdded = false;

type Strategy = (doc: never) => unknown;

/**
 * How a replica made by an older app version reaches the current schema (RxDB's migration-schema
 * plugin). Referrals v1 adds the (status, claimedAt) index of the claims board (documents
 * unchanged); referrals v2 and enrollments v1 store the IIN's keyed hash beside the (now
 * encrypted) IIN and phone; groups v1 add the dated age group of a move-up (none recorded yet: the
 * next pull brings it); referrals v3 add the termination's note (empty for referrals already
 * stored: a note shows once the referral changes again or the replica is made anew); departures v1
 * add their cancellation (none could be recorded by an older desk); referrals v4 add the applicant's
 * category at the claim, null for referrals already stored (the replica holds no applicants to take
 * it from) until the pull brings them again: migration 0015 rewrote every referral on the server, so
 * each one is past the replica's checkpoint and comes back, with its category, at the next sync.
 */
export function migrationStrategiesFor(
  secret: string | undefined,
): Partial<Record<ReplicatedCollection, Record<number, Strategy>>> {
  const addIinHash = async (doc: { childIin: string }) => ({
    ...doc,
    childIinHash: secret ? await iinHash(secret, doc.childIin) : '',
  });
  return {
    referrals: {
      1: (doc) => doc,
      2: addIinHash as Strategy,
      3: ((doc: object) => ({ ...doc, closeNote: '' })) as Strategy,
      4: ((doc: object) => ({ ...doc, applicantPriority: null })) as Strategy,
    },
    enrollments: { 1: addIinHash as Strategy },
    groups: { 1: ((doc: object) => ({ ...doc, nextAgeGroup: null, nextAgeGroupOn: null })) as Strategy },
    departures: {
      1: ((doc: object) => ({ ...doc, cancelledAt: null, cancelOrderNumber: '', cancelOrderDate: null })) as Strategy,
    },
  };
}

/** What the replica adds to a server document before storing it (the IIN's keyed hash). */
export function localDocumentsFor(
  secret: string,
): Partial<Record<ReplicatedCollection, (doc: Record<string, unknown>) => Promise<Record<string, unknown>>>> {
  const addIinHash = async (doc: Record<string, unknown>) => ({
    ...doc,
    childIinHash: await iinHash(secret, typeof doc.childIin === 'string' ? doc.childIin : ''),
  });
  return { referrals: addIinHash, enrollments: addIinHash };
}

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

export interface OpenReplicaOptions {
  storage?: RxStorage<unknown, unknown>;
  schemas?: Record<string, unknown>;
  /**
   * The replica's secret (`replicaSecret`, kept in the token vault): the password of the fields
   * encrypted at rest and the key of the IIN's hash. Only the unencrypted schemas of older
   * releases open without it.
   */
  secret?: string;
}

async function createReplica(name: string, options: OpenReplicaOptions): Promise<ReplicaDatabase> {
  await addPlugins();
  const db = await createRxDatabase<ReplicaCollections>({
    name,
    storage: replicaStorage(options.storage ?? getRxStorageDexie()),
    ...(options.secret ? { password: options.secret } : {}),
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const chosen = options.schemas ?? collectionSchemas;
  const strategies = migrationStrategiesFor(options.secret);
  try {
    // A replica made without (or with another) password fails here (DB1), before any collection.
    await db.storageTokenDocument;
    if (db.startupErrors[0]) throw db.startupErrors[0];
    await db.addCollections(
      Object.fromEntries(
        Object.entries(chosen).map(([collection, schema]) => [
          collection,
          {
            schema,
            migrationStrategies: strategiesUpTo(strategies, collection, (schema as { version: number }).version),
          },
        ]),
      ) as never,
    );
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Creates (or reopens) the local replica. Called once, outside React, before the app renders.
 * A replica made before encryption at rest (no password) is carried over once: its documents
 * (read models, and the commands still waiting to be sent) are copied into a new, encrypted
 * replica of the same name through the migration strategies, and the old one is removed.
 */
export async function openReplica(name: string, options: OpenReplicaOptions = {}): Promise<ReplicaDatabase> {
  try {
    return await createReplica(name, options);
  } catch (error) {
    if (!options.secret || (error as { code?: string }).code !== 'DB1') throw error;
  }
  return carryOverUnencrypted(name, options);
}

async function carryOverUnencrypted(name: string, options: OpenReplicaOptions): Promise<ReplicaDatabase> {
  const old = await createReplica(name, { ...options, schemas: unencryptedCollectionSchemas, secret: undefined });
  const kept: Record<string, Array<Record<string, unknown>>> = {};
  for (const collection of Object.keys(unencryptedCollectionSchemas) as ReplicatedCollection[]) {
    const docs = await old[collection]
      .find(collection === 'commands' ? { selector: { status: 'pending' } } : {})
      .exec();
    kept[collection] = docs.map((d) => d.toMutableJSON(false) as Record<string, unknown>);
  }
  await old.remove();
  const db = await createReplica(name, options);
  const strategies = migrationStrategiesFor(options.secret);
  for (const [collection, docs] of Object.entries(kept)) {
    const from = (unencryptedCollectionSchemas[collection as ReplicatedCollection] as { version: number }).version;
    const to = (collectionSchemas[collection as ReplicatedCollection] as { version: number }).version;
    const steps = strategies[collection as ReplicatedCollection] ?? {};
    const migrated = [];
    for (const doc of docs) {
      let current: unknown = doc;
      for (let v = from + 1; v <= to; v++) {
        const step = steps[v];
        if (step) current = await step(current as never);
      }
      migrated.push(current);
    }
    if (migrated.length) await db[collection as ReplicatedCollection].bulkInsert(migrated as never[]);
  }
  return db;
}

function strategiesUpTo(
  all: Partial<Record<ReplicatedCollection, Record<number, Strategy>>>,
  collection: string,
  version: number,
) {
  const mine = all[collection as ReplicatedCollection] ?? {};
  return Object.fromEntries(Object.entries(mine).filter(([v]) => Number(v) <= version));
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
