import { DateTime } from 'luxon';
import { z } from 'zod';
import { iinSchema, parseIin } from '../../shared/domain/iin.js';
import { languageSchema, type Language } from '../../shared/domain/kindergarten.js';
import { applicantPrioritySchema, type ApplicantPriority } from '../../shared/domain/referral.js';
import { isUuid } from './args.js';
import { CsvSyntaxError, detectDelimiter, parseCsv } from './csv.js';

/** The columns of a queue import file (docs/operations.md describes each). */
export const APPLICANT_COLUMNS = [
  'iin',
  'last_name',
  'first_name',
  'middle_name',
  'birth_date',
  'language',
  'priority',
  'applied_at',
  'choices',
  'representative_full_name',
  'representative_phone',
  'parent_login',
  'parent_password',
] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly ApplicantColumn[] = [
  'middle_name',
  'representative_phone',
  'parent_login',
  'parent_password',
];
export const MAX_CHOICES = 4;
export const MIN_PARENT_PASSWORD_LENGTH = 8;

export interface RowError {
  /** The file's line number (header = 1). */
  row: number;
  /** The column, or '' for the row as a whole. */
  column: string;
  reason: string;
}

export interface ApplicantRecord {
  row: number;
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  language: Language;
  priority: ApplicantPriority;
  appliedAt: Date;
  choices: string[];
  representativeFullName: string;
  representativePhone: string;
  parentLogin: string | null;
  parentPassword: string | null;
}

export interface ReadOptions {
  cityId: string;
  /** The city's time zone: applied_at without an offset is read in it. */
  timeZone: string;
  now: Date;
  /** Ids of the city's kindergartens (the only valid choices). */
  kindergartens: ReadonlySet<string>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const PARENT_LOGIN = /^[^\s]{3,100}$/;

const isDate = (s: string) => DATE.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;

/** A cell holding one of the domain enum's values, refused naming them ("must be a, b or c"). */
function oneOf<T extends z.ZodEnum>(schema: T) {
  const options = schema.options.map(String);
  const message = `must be ${options.length > 1 ? `${options.slice(0, -1).join(', ')} or ${options.at(-1)}` : options[0]}`;
  return z
    .string()
    .trim()
    .transform((value, ctx): z.output<T> => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}

/** ISO 8601 with an offset, or 'YYYY-MM-DD HH:mm[:ss]' (or with T) in the city's time zone. */
export function parseAppliedAt(value: string, timeZone: string): Date | null {
  if (!INSTANT.test(value)) return null;
  const parsed = DateTime.fromISO(value.replace(' ', 'T'), { zone: timeZone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** A Kazakhstan number written any usual way (+7 705 123 45 67, 8 (705) 1234567) as +7 and 10 digits. */
export function normalizePhone(value: string): string | null {
  const digits = value.replace(/[\s()-]/g, '');
  const match = /^(?:\+7|8|7)?(\d{10})$/.exec(digits);
  return match ? `+7${match[1]}` : null;
}

function cellSchemas(o: ReadOptions) {
  const name = (max: number) => z.string().trim().min(1, 'is required').max(max, `is longer than ${max} characters`);
  const today = DateTime.fromJSDate(o.now, { zone: o.timeZone }).toISODate() ?? '';
  return z.object({
    iin: iinSchema,
    last_name: name(100),
    first_name: name(100),
    middle_name: z.string().trim().max(100, 'is longer than 100 characters'),
    birth_date: z
      .string()
      .trim()
      .refine(isDate, 'must be a date YYYY-MM-DD')
      .refine((d) => d <= today, 'is in the future'),
    language: oneOf(languageSchema),
    priority: oneOf(applicantPrioritySchema),
    applied_at: z
      .string()
      .trim()
      .transform((value, ctx) => {
        const at = parseAppliedAt(value, o.timeZone);
        if (!at) ctx.addIssue({ code: 'custom', message: "must be ISO 8601 or 'YYYY-MM-DD HH:mm' (city time)" });
        else if (at > o.now) ctx.addIssue({ code: 'custom', message: 'is in the future' });
        return at ?? new Date(NaN);
      }),
    choices: z.string().transform((value, ctx) => {
      const ids = value
        .split(';')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (ids.length < 1 || ids.length > MAX_CHOICES) {
        fail(`lists 1 to ${MAX_CHOICES} kindergarten ids separated by ';' (this row has ${ids.length})`);
      }
      ids.forEach((id, i) => {
        if (!isUuid(id)) fail(`"${id}" is not a kindergarten id`);
        else if (ids.indexOf(id) !== i) fail(`lists ${id} twice`);
        else if (!o.kindergartens.has(id)) fail(`${id} is not a kindergarten of ${o.cityId}`);
      });
      return ids;
    }),
    representative_full_name: name(200),
    representative_phone: z
      .string()
      .trim()
      .transform((value, ctx) => {
        if (!value) return '';
        const phone = normalizePhone(value);
        if (!phone) ctx.addIssue({ code: 'custom', message: 'must be a Kazakhstan number: +7 and 10 digits' });
        return phone ?? '';
      }),
    parent_login: z
      .string()
      .trim()
      .refine((v) => !v || PARENT_LOGIN.test(v), 'takes 3–100 characters without spaces'),
    parent_password: z
      .string()
      .refine(
        (v) => !v || (v.length >= MIN_PARENT_PASSWORD_LENGTH && v.length <= 200),
        `needs ${MIN_PARENT_PASSWORD_LENGTH} to 200 characters`,
      ),
  });
}

/** Checks that need two cells; run on the raw cells so they are reported alongside every other problem. */
function crossCheck(cells: Record<ApplicantColumn, string>, row: number): RowError[] {
  const errors: RowError[] = [];
  const facts = parseIin(cells.iin.trim());
  const birthDate = cells.birth_date.trim();
  if (facts && isDate(birthDate) && facts.birthDate !== birthDate) {
    errors.push({ row, column: 'birth_date', reason: `does not match the IIN, which gives ${facts.birthDate}` });
  }
  const login = cells.parent_login.trim();
  if (login && !cells.parent_password)
    errors.push({ row, column: 'parent_password', reason: 'is required with parent_login' });
  if (!login && cells.parent_password)
    errors.push({ row, column: 'parent_login', reason: 'is required with parent_password' });
  return errors;
}

function readHeader(fields: string[]): { columns: string[]; errors: RowError[] } {
  const columns = fields.map((f) => f.trim().toLowerCase());
  const errors: RowError[] = [];
  columns.forEach((column, i) => {
    if (!(APPLICANT_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ row: 1, column, reason: `is not a known column (known: ${APPLICANT_COLUMNS.join(', ')})` });
    } else if (columns.indexOf(column) !== i) {
      errors.push({ row: 1, column, reason: 'appears twice' });
    }
  });
  for (const column of APPLICANT_COLUMNS) {
    if (!OPTIONAL_COLUMNS.includes(column) && !columns.includes(column)) {
      errors.push({ row: 1, column, reason: 'is missing from the header' });
    }
  }
  return { columns, errors };
}

/**
 * Reads and validates a whole queue file: every row, every column, and repeats across rows (the
 * same IIN or parent login twice). Returns the rows only when no row has an error.
 */
export function readApplicantCsv(
  text: string,
  options: ReadOptions,
): { records: ApplicantRecord[]; errors: RowError[] } {
  let rows;
  try {
    rows = parseCsv(text, detectDelimiter(text));
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { records: [], errors: [{ row: error.line, column: '', reason: error.message }] };
    throw error;
  }
  const [header, ...data] = rows;
  if (!header || header.line !== 1)
    return { records: [], errors: [{ row: 1, column: '', reason: 'the header row is missing' }] };
  const { columns, errors } = readHeader(header.fields);
  if (errors.length) return { records: [], errors };
  if (!data.length) return { records: [], errors: [{ row: 2, column: '', reason: 'the file has no applicants' }] };

  const schema = cellSchemas(options);
  const records: ApplicantRecord[] = [];
  const firstRowOf = { iin: new Map<string, number>(), login: new Map<string, number>() };
  for (const { line: row, fields } of data) {
    if (fields.length !== columns.length) {
      errors.push({ row, column: '', reason: `has ${fields.length} fields; the header has ${columns.length}` });
      continue;
    }
    const cells = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, fields[columns.indexOf(c)] ?? ''])) as Record<
      ApplicantColumn,
      string
    >;
    const rowErrors = crossCheck(cells, row);
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      rowErrors.push(...parsed.error.issues.map((i) => ({ row, column: String(i.path[0] ?? ''), reason: i.message })));
    }
    const iin = cells.iin.trim();
    const login = cells.parent_login.trim().toLowerCase();
    for (const [key, value, column] of [
      ['iin', iin, 'iin'],
      ['login', login, 'parent_login'],
    ] as const) {
      const first = value ? firstRowOf[key].get(value) : undefined;
      if (first !== undefined) rowErrors.push({ row, column, reason: `repeats row ${first}` });
      else if (value) firstRowOf[key].set(value, row);
    }
    const c = parsed.data;
    if (c && c.applied_at < new Date(`${c.birth_date}T00:00:00Z`)) {
      rowErrors.push({ row, column: 'applied_at', reason: 'is before the child was born' });
    }
    if (c && rowErrors.length === 0) {
      records.push({
        row,
        iin: c.iin,
        lastName: c.last_name,
        firstName: c.first_name,
        middleName: c.middle_name,
        birthDate: c.birth_date,
        language: c.language,
        priority: c.priority,
        appliedAt: c.applied_at,
        choices: c.choices,
        representativeFullName: c.representative_full_name,
        representativePhone: c.representative_phone,
        parentLogin: c.parent_login || null,
        parentPassword: c.parent_password || null,
      });
    }
    errors.push(...rowErrors);
  }
  return { records: errors.length ? [] : records, errors };
}
