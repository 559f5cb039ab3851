import type { SessionInfo, Signatory } from '../../shared/auth.js';
import type { Queryable } from '../db/db.js';

/** A staff account that may sign in, with its kindergarten's names (the sign-in answers with them). */
export type StaffSignInRow = SessionInfo['staff'] &
  Pick<SessionInfo['kindergarten'], 'nameRu' | 'nameKk'> & { kindergartenId: string; passwordHash: string };

/** The enabled staff account of a login (case-insensitive), or null. */
export async function staffForSignIn(db: Queryable, login: string): Promise<StaffSignInRow | null> {
  const [row] = await db.query<StaffSignInRow>(
    `select s.id, s.kindergarten_id as "kindergartenId", s.full_name as "fullName", s.position, s.role,
            s.password_hash as "passwordHash", k.name_ru as "nameRu", k.name_kk as "nameKk"
       from staff s join kindergartens k on k.id = s.kindergarten_id
      where lower(s.login) = lower($1) and s.disabled_at is null`,
    [login],
  );
  return row ?? null;
}

/**
 * Who signs the kindergarten's orders for this staff member: the staff member herself when she is an
 * active head, else the kindergarten's longest-standing active head; null when it has none.
 */
export async function signatoryFor(
  db: Queryable,
  staff: { kindergartenId: string; staffId: string },
): Promise<Signatory | null> {
  const [head] = await db.query<Signatory>(
    `select full_name as "fullName", position from staff
      where kindergarten_id = $1 and role = 'head' and disabled_at is null
      order by id = $2 desc, created_at, id limit 1`,
    [staff.kindergartenId, staff.staffId],
  );
  return head ?? null;
}
