import { randomUUID } from 'node:crypto';
import { makeIin } from '../../shared/domain/iin.js';
import { hashPassword } from '../../server/auth/password.js';
import type { Queryable } from '../../server/db/db.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { newCommand, type apiClient } from './api-client.js';
import { recordSecret } from './test-logging.js';

/** Small factories for intake tests: each makes one row with sensible defaults and returns its id. */
let serial = 1;

/** A valid IIN for the birth date: the next serial whose check digit exists. */
export function nextIin(birthDate: string, sex: 'male' | 'female' = serial % 2 ? 'male' : 'female'): string {
  for (;;) {
    try {
      return makeIin(birthDate, sex, serial++);
    } catch {
      // This serial has no valid check digit (remainder 10 twice); take the next one.
    }
  }
}

export interface ApplicantInput {
  birthDate: string;
  language?: 'ru' | 'kk';
  priority?: 'out_of_turn' | 'first' | 'general';
  appliedAt: string;
  choices?: string[];
  login?: string;
  password?: string;
  name?: string;
}

export async function makeApplicant(db: Queryable, input: ApplicantInput): Promise<string> {
  const id = randomUUID();
  const iin = nextIin(input.birthDate);
  recordSecret('password', input.password);
  await db.query(
    `insert into applicants (id, city_id, iin, child_last_name, child_first_name, birth_date, language, priority, applied_at, choices,
       representative_full_name, login, password_hash, created_at, updated_at)
     values ($1, 'petropavl', $2, $3, 'Тест', $4, $5, $6, $7, $8, 'Родитель Тестовый', $9, $10, now(), now())`,
    [
      id,
      iin,
      input.name ?? `Ребёнок${serial}`,
      input.birthDate,
      input.language ?? 'ru',
      input.priority ?? 'general',
      input.appliedAt,
      input.choices ?? [demoKindergarten.id],
      input.login ?? null,
      input.password ? await hashPassword(input.password) : null,
    ],
  );
  return id;
}

export async function makeApprovedEntry(
  db: Queryable,
  input: {
    groupId: string | null;
    birthYear: number;
    language?: 'ru' | 'kk';
    seats: number;
    availableFrom: string;
    status?: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into schedule_entries (id, kindergarten_id, group_id, birth_year, language, seats, available_from, status, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
    [
      id,
      demoKindergarten.id,
      input.groupId,
      input.birthYear,
      input.language ?? 'ru',
      input.seats,
      input.availableFrom,
      input.status ?? 'approved',
    ],
  );
  return id;
}

/**
 * Publishes `seats` seats of an approved 2024 Russian-language entry of the group through the
 * head's command push (the way the desk does) and returns the publication's id.
 */
export async function publishApprovedSeats(
  db: Queryable,
  head: ReturnType<typeof apiClient>,
  input: { groupId: string; seats: number; availableFrom?: string },
): Promise<string> {
  const availableFrom = input.availableFrom ?? '2026-09-01';
  const entry = await makeApprovedEntry(db, {
    groupId: input.groupId,
    birthYear: 2024,
    seats: input.seats,
    availableFrom,
  });
  const publicationId = randomUUID();
  const published = await head.push([
    newCommand('publication.publish', {
      publicationId,
      groupId: input.groupId,
      source: { kind: 'schedule_entry', id: entry },
      birthYear: 2024,
      language: 'ru',
      seats: input.seats,
      availableFrom,
    }),
  ]);
  const outcome = published.body[0] as { status?: string } | undefined;
  if (outcome?.status !== 'applied') throw new Error(`publish not applied: ${JSON.stringify(published.body)}`);
  return publicationId;
}

export async function makeEnrollment(
  db: Queryable,
  input: { groupId: string; enrolledOn: string; birthDate?: string },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, enrolled_on, order_number, order_date, updated_at)
     values ($1, $2, $3, 'Посещающий Ребёнок', $4, $5, $6, '1-к', $6, now())`,
    [
      id,
      demoKindergarten.id,
      input.groupId,
      input.birthDate ?? '2021-03-03',
      nextIin(input.birthDate ?? '2021-03-03'),
      input.enrolledOn,
    ],
  );
  return id;
}

/** The demo groups by name (seed.ts), for readable tests. */
export async function groupId(db: Queryable, name: string): Promise<string> {
  const rows = await db.query<{ id: string }>('select id from groups where name = $1', [name]);
  if (!rows[0]) throw new Error(`no group ${name}`);
  return rows[0].id;
}
