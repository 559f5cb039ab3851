import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DepartmentCommandOutcome } from '../../shared/commands/department-commands.js';
import type { DepartmentRole, DepartmentSessionInfo } from '../../shared/department/auth.js';
import type { DepartmentScheduleList } from '../../shared/department/schedule.js';
import { hashPassword } from '../../server/auth/password.js';
import type { Queryable } from '../../server/db/db.js';
import { recordSecret } from './test-logging.js';

/** A second city (with one kindergarten) for tenancy tests; returns the kindergarten's id. */
export async function makeOtherCity(db: Queryable, cityId = 'astana'): Promise<string> {
  const kindergartenId = randomUUID();
  await db.query(
    `insert into cities (id, name_ru, name_kk) values ($1, 'Астана', 'Астана') on conflict (id) do nothing`,
    [cityId],
  );
  await db.query(
    `insert into kindergartens (id, name_ru, name_kk, city, city_id, created_at, updated_at)
     values ($1, 'Сад другого города', 'Басқа қаланың бақшасы', 'Астана', $2, now(), now())`,
    [kindergartenId, cityId],
  );
  return kindergartenId;
}

/** A department account, made straight in the database (the CLI's own test makes them through the CLI). */
export async function makeDepartmentAccount(
  db: Queryable,
  input: { login: string; password: string; cityId?: string; role?: DepartmentRole },
): Promise<string> {
  const id = randomUUID();
  recordSecret('password', input.password);
  await db.query(
    `insert into department_accounts (id, city_id, login, full_name, role, password_hash, created_at)
     values ($1, $2, $3, 'Сотрудник Отдела', $4, $5, now())`,
    [id, input.cityId ?? 'petropavl', input.login, input.role ?? 'specialist', await hashPassword(input.password)],
  );
  return id;
}

/** A submitted schedule entry of a kindergarten (the head's submit, without the desk). */
export async function makeSubmittedEntry(
  db: Queryable,
  input: { kindergartenId: string; birthYear?: number; language?: 'ru' | 'kk'; seats?: number; availableFrom?: string },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into schedule_entries (id, kindergarten_id, birth_year, language, seats, available_from, status, submitted_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, 'submitted', now(), now())`,
    [
      id,
      input.kindergartenId,
      input.birthYear ?? 2024,
      input.language ?? 'ru',
      input.seats ?? 3,
      input.availableFrom ?? '2026-09-01',
    ],
  );
  return id;
}

/** `from`: the caller's address, for a server that trusts the proxy header (each test its own per-address allowance). */
export async function departmentLogin(url: string, login: string, password: string, from?: string) {
  const res = await fetch(`${url}/api/department/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ login, password }),
  });
  const body = (await res.json()) as DepartmentSessionInfo & { error?: string };
  if (res.ok) recordSecret('token', body.token);
  return { status: res.status, body };
}

/** The console's calls, as the console makes them. */
export function departmentClient(url: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    token,
    async schedule(filter: Record<string, string> = {}) {
      const res = await fetch(`${url}/api/department/schedule?${new URLSearchParams(filter)}`, { headers });
      return { status: res.status, body: (await res.json()) as DepartmentScheduleList };
    },
    async command(kind: string, payload: Record<string, unknown>, id: string = uuidv7()) {
      const res = await fetch(`${url}/api/department/commands`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ id, kind, payload }),
      });
      return { status: res.status, body: (await res.json()) as DepartmentCommandOutcome };
    },
    async get(path: string) {
      const res = await fetch(`${url}${path}`, { headers });
      return { status: res.status, body: (await res.json()) as unknown };
    },
  };
}

export async function signedInDepartment(url: string, login: string, password: string) {
  const { status, body } = await departmentLogin(url, login, password);
  if (status !== 200) throw new Error(`department login failed: ${status}`);
  return departmentClient(url, body.token);
}

/** A specialist of the demo city signed in: its token (for tests that call every route). */
export async function departmentTokenFor(url: string, db: Queryable, login: string): Promise<string> {
  await makeDepartmentAccount(db, { login, password: `${login}-password` });
  return (await signedInDepartment(url, login, `${login}-password`)).token;
}

/** The session a route takes, by its path: a parent's, a department employee's, or a staff device's. */
export const tokenOf = (path: string, tokens: { staffToken: string; parentToken: string; departmentToken: string }) =>
  path.startsWith('/api/parent/')
    ? tokens.parentToken
    : path.startsWith('/api/department/')
      ? tokens.departmentToken
      : tokens.staffToken;
