import type { Queryable } from '../../db/db.js';
import { CliError } from '../errors.js';

/** Lookups several commands share; each fails with the message an operator needs. */

export interface CityRow {
  id: string;
  name_ru: string;
  time_zone: string;
}

export async function findCity(q: Queryable, cityId: string): Promise<CityRow> {
  const [city] = await q.query<CityRow>('select id, name_ru, time_zone from cities where id = $1', [cityId]);
  if (city) return city;
  const known = await q.query<{ id: string }>('select id from cities order by id');
  throw new CliError(`unknown city "${cityId}"; known cities: ${known.map((c) => c.id).join(', ') || '(none)'}`);
}

export interface KindergartenRow {
  id: string;
  name_ru: string;
  city_id: string;
}

export async function findKindergarten(q: Queryable, id: string): Promise<KindergartenRow> {
  const [row] = await q.query<KindergartenRow>(
    'select id, name_ru, city_id from kindergartens where id = $1 and not deleted',
    [id],
  );
  if (!row) throw new CliError(`no kindergarten ${id} (see kindergarten:list)`);
  return row;
}

export interface StaffRow {
  id: string;
  login: string;
  kindergarten_id: string;
  disabled_at: Date | null;
}

export async function findStaff(q: Queryable, login: string): Promise<StaffRow> {
  const [row] = await q.query<StaffRow>(
    'select id, login, kindergarten_id, disabled_at from staff where lower(login) = lower($1)',
    [login],
  );
  if (!row) throw new CliError(`no staff account with login "${login}" (see staff:list)`);
  return row;
}
