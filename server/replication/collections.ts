import { z } from 'zod';
import { commandSchema } from '../../shared/commands/command.js';
import {
  calendarDayDocSchema,
  departureSchema,
  enrollmentSchema,
  groupSchema,
  kindergartenSchema,
  publicationSchema,
  referralSchema,
  regionalSettingsDocSchema,
  scheduleEntrySchema,
  seatSchema,
  vacancySchema,
} from '../../shared/domain/index.js';
import type { DocumentBody, ReplicatedCollection } from '../../shared/replication/protocol.js';
import type { CollectionPolicy } from './core.js';

/** How a field travels: as read, a date as YYYY-MM-DD text, an instant as an ISO string, JSON as read. */
export type FieldType = 'value' | 'date' | 'instant' | 'json';
/** One document field's column and type. */
export interface FieldColumn {
  column: string;
  type: FieldType;
}

const ownKindergarten = 'kindergarten_id = $1';
const ownRow = 'id = $1';

export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/** A document field's column by convention: camelCase → snake_case (`childBirthDate` → `child_birth_date`). */
export const snakeCase = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * A field's type by its zod schema (nullable and optional unwrapped): `isoDate` is a date,
 * `isoInstant` an instant, an object, record or array is JSON, anything else a plain value.
 */
export function fieldType(schema: z.ZodType): FieldType {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodISODate) return 'date';
  if (inner instanceof z.ZodISODateTime) return 'instant';
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord || inner instanceof z.ZodArray) return 'json';
  return 'value';
}

/** What every replicated table holds beside its documents' columns (migrations/0001_init.sql). */
const replicationColumns = {
  deleted: 'the deletion flag, sent as RxDB’s `_deleted` beside the document',
  change_txid: 'the change position a pull checkpoint reads, never part of a document',
  change_seq: 'the change position a pull checkpoint reads, never part of a document',
} as const;

const createdBy = 'the staff member who made it, for the server’s audit; the desk does not show it';

/** A replicated table described by its document's zod schema; only what the convention cannot say is written. */
interface ReplicatedTable<S extends z.ZodObject> {
  table: string;
  /** The SQL condition selecting the rows one replica may see; `$1` is its kindergarten id. */
  scope: string;
  schema: S;
  /** Fields whose column does not follow the convention, each with why. */
  renamed?: Partial<Record<keyof S['shape'] & string, { column: string; why: string }>>;
  /** The table's columns no document carries, each with why (beside `replicationColumns`). */
  notReplicated?: Record<string, string>;
}

/** The document's fields and their columns: the schema's fields in order, `id` first. */
function fieldColumns<S extends z.ZodObject>({
  schema,
  renamed = {},
}: ReplicatedTable<S>): Record<string, FieldColumn> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const names = ['id', ...Object.keys(shape).filter((name) => name !== 'id')];
  const exceptions = renamed as Record<string, { column: string } | undefined>;
  return Object.fromEntries(
    names.map((name) => [name, { column: exceptions[name]?.column ?? snakeCase(name), type: fieldType(shape[name]!) }]),
  );
}

/** A read-model collection's policy from its table: the select list and the row → document conversion. */
function collection(name: ReplicatedCollection, fields: Record<string, FieldColumn>, table: string, scope: string) {
  // Whose streams a change wakes: the row's kindergarten, or every one (city- and country-wide rows).
  const changeKey = scope === ownKindergarten ? 'kindergarten_id::text' : scope === ownRow ? 'id::text' : `'*'`;
  const entries = Object.entries(fields);
  const columns = entries
    .map(([key, { column, type }]) => (type === 'date' ? `${column}::text as "${key}"` : `${column} as "${key}"`))
    .join(', ');
  const policy: CollectionPolicy = {
    name,
    table,
    scope,
    columns,
    changeKey,
    toDocument(row) {
      const doc: Record<string, unknown> = {};
      for (const [key, { type }] of entries) {
        const value = row[key];
        doc[key] = type === 'instant' && value !== null && value !== undefined ? iso(value) : value;
      }
      doc.id = String(doc.id);
      return doc as DocumentBody;
    },
  };
  return policy;
}

/**
 * Every replicated collection: its table, its scope and its document schema (shared/domain). The
 * columns follow from the schema (see `fieldColumns`); test/integration/replicated-columns.test.ts
 * checks them against the tables, so a field without a column, or a column no field or exclusion
 * names, fails there.
 */
export const replicatedTables = {
  kindergartens: {
    table: 'kindergartens',
    scope: ownRow,
    schema: kindergartenSchema,
    notReplicated: {
      city_id: 'the city as a key, for city-scoped rows on the server; the document carries the city’s name',
      created_at: 'when the row was made, for the server only',
    },
  },
  groups: { table: 'groups', scope: ownKindergarten, schema: groupSchema },
  commands: {
    table: 'commands',
    scope: ownKindergarten,
    schema: commandSchema,
    notReplicated: {
      kindergarten_id: 'the scope: a replica holds only its own kindergarten’s commands',
      staff_id: 'who sent it, for the server’s audit; the desk does not show it',
      received_at: 'when the server received it, for the server’s audit',
    },
  },
  calendarDays: {
    table: 'calendar_days',
    scope: '$1::uuid is not null',
    schema: calendarDayDocSchema,
    renamed: { id: { column: 'date', why: 'a calendar row is keyed by its date: the document’s id is the date' } },
  },
  regionalSettings: {
    table: 'regional_settings',
    scope: 'city_id = (select city_id from kindergartens where id = $1)',
    schema: regionalSettingsDocSchema,
    renamed: { id: { column: 'city_id', why: 'one settings row per city, keyed by the city' } },
    notReplicated: {
      effective_from: 'since when `settings` are in force: the server decides which settings a moment reads',
      pending_settings: 'a stated change not yet in force; the server promotes it into `settings` on its date',
      pending_from: 'when the pending change takes effect (server only, as `pending_settings`)',
    },
  },
  scheduleEntries: {
    table: 'schedule_entries',
    scope: ownKindergarten,
    schema: scheduleEntrySchema,
    notReplicated: { created_by: createdBy },
  },
  publications: {
    table: 'publications',
    scope: ownKindergarten,
    schema: publicationSchema,
    notReplicated: {
      created_by: createdBy,
      opened_to_all_at: 'that the scheduler has opened the seats to all; replicas derive the phase from the instants',
      released_at: 'that the scheduler has released an early booking; replicas derive it from the dates',
    },
  },
  seats: {
    table: 'seats',
    scope: ownKindergarten,
    schema: seatSchema,
    notReplicated: { republished_as: 'the seat a returned seat was republished as, for the server’s intake' },
  },
  referrals: { table: 'referrals', scope: ownKindergarten, schema: referralSchema },
  enrollments: {
    table: 'enrollments',
    scope: ownKindergarten,
    schema: enrollmentSchema,
    notReplicated: { moved_from: 'the stay a move continues, for the server’s departure rules' },
  },
  departures: {
    table: 'departures',
    scope: ownKindergarten,
    schema: departureSchema,
    notReplicated: {
      created_by: createdBy,
      note: 'a termination’s free text; replicas read it as the referral’s `closeNote`, written with it',
    },
  },
  vacancies: { table: 'vacancies', scope: ownKindergarten, schema: vacancySchema },
} satisfies { [C in ReplicatedCollection]: ReplicatedTable<z.ZodObject> };

/** A collection's document fields with their columns and types, the exceptions and the columns it leaves out (with why). */
export function collectionColumns(name: ReplicatedCollection): {
  table: string;
  fields: Record<string, FieldColumn>;
  renamed: Record<string, { column: string; why: string } | undefined>;
  notReplicated: Record<string, string>;
} {
  const spec: ReplicatedTable<z.ZodObject> = replicatedTables[name];
  return {
    table: spec.table,
    fields: fieldColumns(spec),
    renamed: { ...spec.renamed },
    notReplicated: { ...replicationColumns, ...spec.notReplicated },
  };
}

export const collectionPolicies = Object.fromEntries(
  (Object.keys(replicatedTables) as ReplicatedCollection[]).map((name) => {
    const { table, scope } = replicatedTables[name];
    return [name, collection(name, collectionColumns(name).fields, table, scope)];
  }),
) as Record<ReplicatedCollection, CollectionPolicy>;

export const commandColumns = collectionPolicies.commands.columns;
