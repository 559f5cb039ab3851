import { DateTime } from 'luxon';
import { CITY_ZONE } from '../../shared/calendar/index.js';
import { canClaim, checkEligibility, publicationPhase } from '../../shared/rules/index.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import { demoAccounts, demoKindergarten } from './seed-kindergarten.js';
import { loadApplicant } from '../intake/queue.js';
import { loadSettings } from '../intake/rule-context.js';
import { DEMO_CITY_ID, demoPasswords } from './seed-city.js';

const cityTime = (instant: Date) => DateTime.fromJSDate(instant, { zone: CITY_ZONE }).toFormat('dd.MM.yyyy HH:mm');

/**
 * What the run command prints about the demo city: the staff sign-ins, the parent page, and
 * parents who may claim a seat at the demo kindergarten right now (so a head watching its claims
 * board sees the claim arrive). Read from the database at every start, so it stays true as the
 * demo goes on. Empty when there is no demo city.
 */
export async function demoGuide(db: Queryable, clock: Clock, url: string): Promise<string[]> {
  const [counts] = await db.query<{
    kindergartens: number;
    applicants: number;
    firstLogin: string | null;
    lastLogin: string | null;
    windows: number;
    open: number;
  }>(
    `select (select count(*)::int from kindergartens where city_id = $1) as kindergartens,
            (select count(*)::int from applicants where city_id = $1) as applicants,
            (select min(login) from applicants where city_id = $1 and login ~ '^p[0-9]+$') as "firstLogin",
            (select max(login) from applicants where city_id = $1 and login ~ '^p[0-9]+$') as "lastLogin",
            (select count(*)::int from publications where withdrawn_at is null and window_closes_at >= $2) as windows,
            (select count(*)::int from publications p where withdrawn_at is null and (window_closes_at is null or window_closes_at < $2)
               and exists (select 1 from seats s where s.publication_id = p.id and s.status = 'open')) as open`,
    [DEMO_CITY_ID, clock.now()],
  );
  if (!counts || counts.kindergartens < 2) return [];
  const [heads] = await db.query<{ first: string | null; last: string | null }>(
    `select min(login) as first, max(login) as last from staff where login like 'head-%'`,
  );
  const [head, staff] = demoAccounts;
  const lines = [
    `Demo city «Петропавловск»: ${counts.kindergartens} kindergartens, ${counts.applicants} applicants in the queue, ` +
      `${counts.windows} publications in their queue window and ${counts.open} open to all.`,
    `  Staff app — ${demoKindergarten.nameRu}: ${head.login} / ${head.password} (head), ${staff.login} / ${staff.password} (staff)`,
  ];
  if (heads?.first && heads.last) {
    lines.push(
      `  other kindergartens: ${heads.first} … ${heads.last} / ${demoPasswords.head} (heads), ` +
        `${heads.first.replace('head', 'staff')} … ${heads.last.replace('head', 'staff')} / ${demoPasswords.staff} (staff)`,
    );
  }
  lines.push(
    `  Parent page: ${url}/parent/ — parents ${counts.firstLogin ?? 'p0001'} … ${counts.lastLogin ?? ''} / ${demoPasswords.parent}`,
  );
  for (const offer of await claimableAtDemoKindergarten(db, clock)) {
    lines.push(
      `    ${offer.login} may claim a seat at ${demoKindergarten.nameRu} now: ${
        offer.phase === 'queue_window'
          ? `their turn has come (queue window until ${cityTime(offer.closes!)})`
          : 'open to all'
      }`,
    );
  }
  lines.push(`  Many parents at once: npm run simulate -- --url ${url} --rate 2 --duration 120`);
  return lines;
}

interface Claimable {
  login: string;
  phase: 'queue_window' | 'open_to_all';
  closes: Date | null;
}

/** The first parent (by login) who may claim in a queue window there now, and the first for an open-to-all seat. */
async function claimableAtDemoKindergarten(db: Queryable, clock: Clock): Promise<Claimable[]> {
  const now = clock.now();
  const settings = await loadSettings(db, DEMO_CITY_ID);
  const publications = await db.query<{
    id: string;
    birth_year: number;
    language: 'ru' | 'kk';
    available_from: string;
    published_at: Date;
    window_closes_at: Date | null;
    open_seats: number;
  }>(
    `select p.id, p.birth_year, p.language, p.available_from::text as available_from, p.published_at, p.window_closes_at,
            (select count(*)::int from seats s where s.publication_id = p.id and s.status = 'open') as open_seats
       from publications p where p.kindergarten_id = $1 and p.withdrawn_at is null order by p.published_at`,
    [demoKindergarten.id],
  );
  const found = new Map<string, Claimable>();
  for (const p of publications) {
    if (p.open_seats < 1) continue;
    const phase = publicationPhase(
      { publishedAt: p.published_at, windowClosesAt: p.window_closes_at, withdrawnAt: null },
      now,
    );
    if (phase === 'withdrawn') continue;
    const candidates = await db.query<{ id: string; login: string; in_turn: boolean }>(
      `select a.id, a.login, exists (select 1 from publication_turns t where t.publication_id = $5 and t.applicant_id = a.id) as in_turn
         from applicants a
        where a.login is not null and a.blocked_at is null and a.language = $2 and extract(year from a.birth_date) = $3
          and $1::uuid = any (a.choices[1:$4])
        order by a.login limit 40`,
      [demoKindergarten.id, p.language, p.birth_year, settings.maxChoices, p.id],
    );
    for (const c of candidates) {
      if (phase === 'queue_window' && !c.in_turn) continue;
      const applicant = await loadApplicant(db, c.id, now);
      if (!applicant) continue;
      const target = {
        kindergartenId: demoKindergarten.id,
        birthYear: p.birth_year,
        language: p.language,
        availableFrom: p.available_from,
      };
      const eligible = checkEligibility(applicant, target, settings);
      if (!canClaim({ phase, applicantInWindowList: c.in_turn, eligible, seatsLeft: p.open_seats }).ok) continue;
      const known = found.get(phase);
      if (!known || c.login < known.login) found.set(phase, { login: c.login, phase, closes: p.window_closes_at });
      break;
    }
  }
  return [...found.values()].sort((a, b) => a.login.localeCompare(b.login));
}
