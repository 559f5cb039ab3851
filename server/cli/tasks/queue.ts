import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { maskIin } from '../../../shared/domain/iin.js';
import { hashPassword } from '../../auth/password.js';
import type { Queryable } from '../../db/db.js';
import { readApplicantCsv, type ApplicantRecord, type RowError } from '../applicant-csv.js';
import { parseOptions, required } from '../args.js';
import { CliError } from '../errors.js';
import type { CliCommand, CliContext } from '../registry.js';
import { findCity } from './lookups.js';

type Outcome = 'created' | 'updated';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Parent logins are unique across the whole system: a login held by another applicant is an error of its row. */
async function loginConflicts(q: Queryable, cityId: string, records: ApplicantRecord[]): Promise<RowError[]> {
  const logins = records.flatMap((r) => (r.parentLogin ? [r.parentLogin.toLowerCase()] : []));
  if (!logins.length) return [];
  const rows = await q.query<{ city_id: string; iin: string; login: string }>(
    'select city_id, iin, lower(login) as login from applicants where lower(login) = any($1::text[])',
    [logins],
  );
  const owners = new Map(rows.map((o) => [o.login, o]));
  return records.flatMap((r) => {
    const owner = r.parentLogin ? owners.get(r.parentLogin.toLowerCase()) : undefined;
    return owner && !(owner.city_id === cityId && owner.iin === r.iin)
      ? [{ row: r.row, column: 'parent_login', reason: 'is taken by another applicant' }]
      : [];
  });
}

function reportErrors(ctx: CliContext, errors: RowError[]): never {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  for (const e of sorted) ctx.out.error(`row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
  const rows = new Set(errors.map((e) => e.row)).size;
  throw new CliError(`${errors.length} error(s) in ${rows} row(s); nothing was imported`);
}

async function upsert(tx: Queryable, cityId: string, r: ApplicantRecord, passwordHash: string | null, now: Date) {
  const values = [
    cityId,
    r.iin,
    r.lastName,
    r.firstName,
    r.middleName,
    r.birthDate,
    r.language,
    r.priority,
    r.appliedAt,
    r.choices,
    r.representativeFullName,
    r.representativePhone,
    r.parentLogin,
    passwordHash,
    now,
  ];
  const updated = await tx.query(
    `update applicants set child_last_name = $3, child_first_name = $4, child_middle_name = $5, birth_date = $6,
            language = $7, priority = $8, applied_at = $9, choices = $10::uuid[], representative_full_name = $11,
            representative_phone = $12, login = coalesce($13, login), password_hash = coalesce($14, password_hash),
            updated_at = $15
      where city_id = $1 and iin = $2 returning id`,
    values,
  );
  if (updated.length) return;
  await tx.query(
    `insert into applicants (city_id, iin, child_last_name, child_first_name, child_middle_name, birth_date, language,
            priority, applied_at, choices, representative_full_name, representative_phone, login, password_hash,
            created_at, updated_at, id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid[], $11, $12, $13, $14, $15, $15, $16)`,
    [...values, uuidv7()],
  );
}

const importQueue: CliCommand = {
  name: 'queue:import',
  summary: "import (or update) a city's queue of applicants from a CSV file, all rows or none",
  usage: `Usage: npm run admin -- queue:import --city <city id> --file <applicants.csv> [--dry-run]

Reads a UTF-8 CSV file with a header row (columns: docs/operations.md, "Queue import"), checks
every row (IIN check digit, birth date against the IIN, kindergarten ids of the city, priority,
1–4 choices, …) and imports all of them in one transaction — or, if any row is wrong, prints
each problem (row, column, reason) and imports nothing. An applicant already in the city's
queue (same IIN) is updated. --dry-run checks and reports without writing.

Example:
  npm run admin -- queue:import --city petropavl --file applicants.csv --dry-run`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      city: { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean' },
    });
    const cityId = required(o.city, 'city');
    const file = required(o.file, 'file');
    const dryRun = o['dry-run'] === true;
    const city = await findCity(ctx.db, cityId);
    const text = await readText(file);
    const kindergartens = await ctx.db.query<{ id: string }>(
      'select id from kindergartens where city_id = $1 and not deleted',
      [city.id],
    );
    const { records, errors } = readApplicantCsv(text, {
      cityId: city.id,
      timeZone: city.time_zone,
      now: ctx.clock.now(),
      kindergartens: new Set(kindergartens.map((k) => k.id)),
    });
    if (errors.length) reportErrors(ctx, errors);
    const conflicts = await loginConflicts(ctx.db, city.id, records);
    if (conflicts.length) reportErrors(ctx, conflicts);

    const existing = new Set(
      (
        await ctx.db.query<{ iin: string }>('select iin from applicants where city_id = $1 and iin = any($2::text[])', [
          city.id,
          records.map((r) => r.iin),
        ])
      ).map((r) => r.iin),
    );
    const outcome = (r: ApplicantRecord): Outcome => (existing.has(r.iin) ? 'updated' : 'created');
    const counts = { created: records.filter((r) => outcome(r) === 'created').length, updated: 0 };
    counts.updated = records.length - counts.created;
    const details = { city: city.id, file: basename(file), rows: records.length, ...counts, dryRun };

    if (dryRun) {
      await ctx.audit(ctx.db, { objectType: 'applicant', details });
    } else {
      const hashes = await Promise.all(records.map((r) => (r.parentPassword ? hashPassword(r.parentPassword) : null)));
      await ctx.db.transaction(async (tx) => {
        const now = ctx.clock.now();
        for (const [i, r] of records.entries()) await upsert(tx, city.id, r, hashes[i] ?? null, now);
        await ctx.audit(tx, { objectType: 'applicant', details });
      });
    }
    for (const r of records) ctx.out.line(`row ${r.row}: ${dryRun ? 'would be ' : ''}${outcome(r)} ${maskIin(r.iin)}`);
    ctx.out.line(
      dryRun
        ? `Dry run: all ${records.length} rows are valid; ${counts.created} would be created, ${counts.updated} updated. Nothing was written.`
        : `Imported ${records.length} applicants into ${city.id}: ${counts.created} created, ${counts.updated} updated.`,
    );
  },
};

export const queueCommands: CliCommand[] = [importQueue];
