import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import { commandSchema, type Command } from '../../../shared/commands/command.js';
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
  type CalendarDayDoc,
  type Departure,
  type Enrollment,
  type Group,
  type Kindergarten,
  type Publication,
  type Referral,
  type RegionalSettingsDoc,
  type ScheduleEntry,
  type Seat,
  type Vacancy,
} from '../../../shared/domain/index.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> };

/** Formats and patterns are checked by zod on the server; the local validator checks shape and types. */
function strip(schema: JsonSchema): JsonSchema {
  const { format: _format, pattern: _pattern, $schema: _s, ...rest } = schema;
  const out: JsonSchema = { ...rest };
  if (rest.properties) {
    out.properties = Object.fromEntries(Object.entries(rest.properties).map(([k, v]) => [k, strip(v)]));
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = rest[key];
    if (Array.isArray(list)) out[key] = list.map((s: JsonSchema) => strip(s));
  }
  if (rest.items && typeof rest.items === 'object') out.items = strip(rest.items as JsonSchema);
  return out;
}

/**
 * The RxDB schema of a collection, generated from the shared zod schema so the local replica,
 * the server and the wire agree on one definition.
 */
export function rxSchemaFromZod<T>(
  schema: z.ZodObject,
  options: { version: number; indexes?: Array<string | string[]>; maxLength?: Record<string, number> },
): RxJsonSchema<T> {
  const json = strip(z.toJSONSchema(schema, { io: 'output' }) as JsonSchema);
  const properties = json.properties ?? {};
  properties.id = { ...properties.id, maxLength: 36 };
  for (const [field, maxLength] of Object.entries(options.maxLength ?? {})) {
    properties[field] = { ...properties[field], maxLength };
  }
  return {
    version: options.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: (json.required as string[]) ?? [],
    indexes: options.indexes ?? [],
  } as unknown as RxJsonSchema<T>;
}

export const kindergartenRxSchema = rxSchemaFromZod<Kindergarten>(kindergartenSchema, { version: 0 });
/** Earlier version, kept for the migration test: groups before the dated age group. */
export const groupRxSchemaV0 = rxSchemaFromZod<Omit<Group, 'nextAgeGroup' | 'nextAgeGroupOn'>>(
  groupSchema.omit({ nextAgeGroup: true, nextAgeGroupOn: true }),
  { version: 0, indexes: ['name'], maxLength: { name: 100 } },
);
/** Version 1: the dated age group of a relabelling move-up recorded ahead (`nextAgeGroup`, `nextAgeGroupOn`). */
export const groupRxSchema = rxSchemaFromZod<Group>(groupSchema, {
  version: 1,
  indexes: ['name'],
  maxLength: { name: 100 },
});
export const commandRxSchema = rxSchemaFromZod<Command>(commandSchema, {
  version: 0,
  indexes: ['status'],
  maxLength: { status: 16 },
});
export const calendarDayRxSchema = rxSchemaFromZod<CalendarDayDoc>(calendarDayDocSchema, { version: 0 });
export const regionalSettingsRxSchema = rxSchemaFromZod<RegionalSettingsDoc>(regionalSettingsDocSchema, { version: 0 });
export const scheduleEntryRxSchema = rxSchemaFromZod<ScheduleEntry>(scheduleEntrySchema, {
  version: 0,
  indexes: ['availableFrom'],
  maxLength: { availableFrom: 10 },
});
export const publicationRxSchema = rxSchemaFromZod<Publication>(publicationSchema, {
  version: 0,
  indexes: ['publishedAt'],
  maxLength: { publishedAt: 40 },
});
export const seatRxSchema = rxSchemaFromZod<Seat>(seatSchema, {
  version: 0,
  indexes: ['publicationId'],
  maxLength: { publicationId: 36 },
});
/** A referral or enrollment as the replica keeps it: with the IIN's keyed hash beside the IIN. */
export type LocalReferral = Referral & { childIinHash: string };
export type LocalEnrollment = Enrollment & { childIinHash: string };

/**
 * Personal data at rest: the IIN and the representative's phone are encrypted by RxDB's
 * encryption plugin (nobody searches them by substring); `childIinHash` (HMAC-SHA-256 under the
 * replica's secret, `replica-crypto.ts`) is stored beside the IIN and indexed for exact search.
 */
function withEncryptedIin<T>(schema: RxJsonSchema<T>): RxJsonSchema<T> {
  const base = schema as unknown as {
    properties: Record<string, unknown>;
    required: string[];
    indexes: Array<string | string[]>;
  };
  return {
    ...schema,
    properties: { ...base.properties, childIinHash: { type: 'string', maxLength: 64 } },
    required: [...base.required, 'childIinHash'],
    indexes: [...base.indexes, 'childIinHash'],
    encrypted: ['childIin', 'representativePhone'],
  } as unknown as RxJsonSchema<T>;
}

/** A referral as versions 0–2 stored it: before the termination's note (and the applicant's category). */
const referralSchemaV2 = referralSchema.omit({ closeNote: true, applicantPriority: true });
type ReferralV2 = Omit<Referral, 'closeNote' | 'applicantPriority'>;
/** A referral as version 3 stored it: before the applicant's category. */
const referralSchemaV3 = referralSchema.omit({ applicantPriority: true });
type ReferralV3 = Omit<Referral, 'applicantPriority'>;
/** Earlier versions, kept for the migration test: replicas made by earlier releases. */
export const referralRxSchemaV0 = rxSchemaFromZod<ReferralV2>(referralSchemaV2, {
  version: 0,
  indexes: ['claimedAt', 'status'],
  maxLength: { claimedAt: 40, status: 16 },
});
export const referralRxSchemaV1 = rxSchemaFromZod<ReferralV2>(referralSchemaV2, {
  version: 1,
  indexes: ['claimedAt', 'status', ['status', 'claimedAt']],
  maxLength: { claimedAt: 40, status: 16 },
});
/** Version 2: IIN and phone encrypted, the IIN's keyed hash beside them. */
export const referralRxSchemaV2 = withEncryptedIin<ReferralV2 & { childIinHash: string }>(
  rxSchemaFromZod<ReferralV2 & { childIinHash: string }>(referralSchemaV2, {
    version: 2,
    indexes: ['claimedAt', 'status', ['status', 'claimedAt']],
    maxLength: { claimedAt: 40, status: 16 },
  }),
);
/** Version 3: the termination's note (`closeNote`, issue #20), shown in the child's history. */
export const referralRxSchemaV3 = withEncryptedIin<ReferralV3 & { childIinHash: string }>(
  rxSchemaFromZod<ReferralV3 & { childIinHash: string }>(referralSchemaV3, {
    version: 3,
    indexes: ['claimedAt', 'status', ['status', 'claimedAt']],
    maxLength: { claimedAt: 40, status: 16 },
  }),
);
/** Version 4: the applicant's category at the claim (`applicantPriority`, issue #23), counted by the head's statistics. */
export const referralRxSchema = withEncryptedIin<LocalReferral>(
  rxSchemaFromZod<LocalReferral>(referralSchema, {
    version: 4,
    indexes: ['claimedAt', 'status', ['status', 'claimedAt']],
    maxLength: { claimedAt: 40, status: 16 },
  }),
);
export const enrollmentRxSchemaV0 = rxSchemaFromZod<Enrollment>(enrollmentSchema, {
  version: 0,
  indexes: ['childFullName'],
  maxLength: { childFullName: 300 },
});
/** Version 1: IIN and phone encrypted, the IIN's keyed hash beside them. */
export const enrollmentRxSchema = withEncryptedIin<LocalEnrollment>(
  rxSchemaFromZod<LocalEnrollment>(enrollmentSchema, {
    version: 1,
    indexes: ['childFullName'],
    maxLength: { childFullName: 300 },
  }),
);
/** Earlier version, kept for the migration test: departures before their cancellation. */
export const departureRxSchemaV0 = rxSchemaFromZod<
  Omit<Departure, 'cancelledAt' | 'cancelOrderNumber' | 'cancelOrderDate'>
>(departureSchema.omit({ cancelledAt: true, cancelOrderNumber: true, cancelOrderDate: true }), {
  version: 0,
  indexes: ['departsOn'],
  maxLength: { departsOn: 10 },
});
/** Version 1: a departure cancelled by an order of its own (`cancelledAt`, `cancelOrderNumber`, `cancelOrderDate`). */
export const departureRxSchema = rxSchemaFromZod<Departure>(departureSchema, {
  version: 1,
  indexes: ['departsOn'],
  maxLength: { departsOn: 10 },
});
export const vacancyRxSchema = rxSchemaFromZod<Vacancy>(vacancySchema, { version: 0 });
