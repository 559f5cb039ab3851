import { randomUUID } from 'node:crypto';
import type { CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import {
  ageGroupFor,
  checkCapacity,
  checkPublication,
  inPublicationPause,
  returnedSeatWindowClosesAt,
  windowClosesAt,
  type PublicationSource,
} from '../../shared/rules/index.js';
import { CalendarYearNotLoaded, cityDate } from '../../shared/calendar/index.js';
import type { Queryable } from '../db/db.js';
import { ageGroupOn, loadGroupLoad, lockGroup } from './group-load.js';
import { recordTurns } from './queue.js';
import { writeAudit } from '../audit/audit-log.js';
import { publicationForUpdate, type LockedPublication } from './records.js';
import type { RuleContext } from './rule-context.js';

export interface IntakeActor {
  kindergartenId: string;
  staffId: string | null;
}

/** Seats of a schedule entry or vacancy still unpublished: its seats minus those open or claimed now. */
async function sourceOf(
  tx: Queryable,
  source: CommandPayload<'publication.publish'>['source'],
  kindergartenId: string,
) {
  const column = source.kind === 'schedule_entry' ? 'schedule_entry_id' : 'vacancy_id';
  const table = source.kind === 'schedule_entry' ? 'schedule_entries' : 'vacancies';
  const rows = await tx.query<{
    seats: number;
    status: string | null;
    birth_year: number | null;
    language: string | null;
    available_from: string;
    used: number;
  }>(
    `select t.seats, ${source.kind === 'schedule_entry' ? 't.status, t.birth_year, t.language' : 'null as status, null::int as birth_year, null as language'},
            t.available_from::text as available_from,
            (select count(*)::int from seats s join publications p on p.id = s.publication_id
              where p.${column} = t.id and s.status in ('open', 'claimed')) as used
       from ${table} t where t.id = $1 and t.kindergarten_id = $2 and not t.deleted for no key update`,
    [source.id, kindergartenId],
  );
  return rows[0] ?? null;
}

/**
 * Publishes seats: checks the source, the group, the pause and capacity by date with the shared
 * rules, freezes whose turn has come, and opens the queue window until the end of its last working day.
 */
export async function publish(
  tx: Queryable,
  ctx: RuleContext,
  actor: IntakeActor,
  p: CommandPayload<'publication.publish'>,
  now: Date,
) {
  const group = await lockGroup(tx, p.groupId, actor.kindergartenId);
  if (!group) return refuse('not_found', { object: 'group', id: p.groupId });
  const source = await sourceOf(tx, p.source, actor.kindergartenId);
  if (!source) return refuse('not_found', { object: p.source.kind, id: p.source.id });
  if (
    p.source.kind === 'schedule_entry' &&
    (source.birth_year !== p.birthYear || source.language !== p.language || source.available_from !== p.availableFrom)
  ) {
    return refuse('source_mismatch', {
      birthYear: source.birth_year,
      language: source.language,
      availableFrom: source.available_from,
    });
  }
  if (group.language !== p.language)
    return refuse('group_mismatch', { field: 'language', group: group.language, requested: p.language });
  // The group's age group on the seats' date: a move-up recorded ahead relabels it only from its date.
  const ageGroup = ageGroupFor(p.birthYear, p.availableFrom);
  const groupAgeGroup = ageGroupOn(group, p.availableFrom);
  if (ageGroup !== null && ageGroup !== groupAgeGroup) {
    return refuse('group_mismatch', { field: 'ageGroup', group: groupAgeGroup, requested: ageGroup });
  }
  const publicationSource: PublicationSource =
    p.source.kind === 'schedule_entry'
      ? { kind: 'schedule_entry', approved: source.status === 'approved', remainingSeats: source.seats - source.used }
      : { kind: 'vacancy', remainingSeats: source.seats - source.used };
  const verdict = checkPublication(
    {
      seats: p.seats,
      source: publicationSource,
      birthYear: p.birthYear,
      availableFrom: p.availableFrom,
      groupCapacity: group.capacity,
      groupLoad: await loadGroupLoad(tx, group.id, now),
    },
    now,
    ctx.settings,
  );
  if (!verdict.ok) return verdict;
  const closes = queueWindowCloses(now, ctx);
  if (!(closes instanceof Date)) return closes;
  const existing = await tx.query('select 1 from publications where id = $1', [p.publicationId]);
  if (existing.length) return refuse('duplicate_id', { id: p.publicationId });
  await tx.query(
    `insert into publications (id, kindergarten_id, group_id, schedule_entry_id, vacancy_id, birth_year, language, seats,
       available_from, published_at, window_closes_at, created_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10)`,
    [
      p.publicationId,
      actor.kindergartenId,
      group.id,
      p.source.kind === 'schedule_entry' ? p.source.id : null,
      p.source.kind === 'vacancy' ? p.source.id : null,
      p.birthYear,
      p.language,
      p.seats,
      p.availableFrom,
      now,
      closes,
      actor.staffId,
    ],
  );
  const target = {
    kindergartenId: actor.kindergartenId,
    birthYear: p.birthYear,
    language: p.language,
    availableFrom: p.availableFrom,
  };
  await recordTurns(tx, p.publicationId, target, p.seats, ctx, now);
  await insertSeats(tx, p.publicationId, actor.kindergartenId, group.id, p.availableFrom, p.seats, now);
  return allowed;
}

/** The queue window's end, or a refusal naming the year when it would run past the calendar table. */
function queueWindowCloses(now: Date, ctx: RuleContext) {
  try {
    return windowClosesAt(now, ctx.settings, ctx.calendar);
  } catch (error) {
    if (error instanceof CalendarYearNotLoaded) return refuse('calendar_year_not_loaded', { year: error.year });
    throw error;
  }
}

async function insertSeats(
  tx: Queryable,
  publicationId: string,
  kindergartenId: string,
  groupId: string,
  availableFrom: string,
  count: number,
  now: Date,
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    await tx.query(
      `insert into seats (id, publication_id, kindergarten_id, group_id, available_from, status, updated_at) values ($1, $2, $3, $4, $5, 'open', $6)`,
      [id, publicationId, kindergartenId, groupId, availableFrom, now],
    );
  }
  return ids;
}

/** Withdraws the unclaimed seats of a publication; claimed seats keep their referrals. */
export async function withdraw(tx: Queryable, actor: IntakeActor, publicationId: string, now: Date) {
  const publication = await publicationForUpdate(tx, publicationId, actor.kindergartenId);
  if (!publication) return refuse('not_found', { object: 'publication', id: publicationId });
  if (publication.withdrawnAt) return refuse('publication_withdrawn');
  const withdrawn = await tx.query(
    `update seats set status = 'withdrawn', updated_at = $2 where publication_id = $1 and status = 'open' returning id`,
    [publicationId, now],
  );
  if (withdrawn.length === 0) return refuse('no_seats_left');
  await tx.query('update publications set withdrawn_at = $2, updated_at = $2 where id = $1', [publicationId, now]);
  return allowed;
}

/**
 * A refused, declined or expired referral returns its seat: the seat is marked returned and, unless
 * its publication was withdrawn or publishing is paused (then the scheduler republishes it later),
 * republished at once as a new seat — a new window for the next applicants, or open to all.
 */
export async function returnSeat(tx: Queryable, ctx: RuleContext, seatId: string, now: Date): Promise<void> {
  await tx.query(`update seats set status = 'returned', updated_at = $2 where id = $1`, [seatId, now]);
  await republishReturnedSeat(tx, ctx, seatId, now);
}

export async function republishReturnedSeat(
  tx: Queryable,
  ctx: RuleContext,
  seatId: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx.query<{ publication_id: string; republished_as: string | null; status: string }>(
    'select publication_id, republished_as, status from seats where id = $1 for update',
    [seatId],
  );
  const seat = rows[0];
  if (!seat || seat.status !== 'returned' || seat.republished_as) return false;
  const previous = (await publicationForUpdate(tx, seat.publication_id)) as LockedPublication;
  if (previous.withdrawnAt || inPublicationPause(now, ctx.settings)) return false;
  // The held seat is in the group's load (promised from its available-from date), so republishing
  // it changes nothing there; a load that no longer fits (capacity lowered past it by data older
  // than this rule) drops the seat instead of overfilling the group, and says so in the audit log.
  const group = await lockGroup(tx, previous.groupId, previous.kindergartenId);
  const fits = group
    ? checkCapacity(group.capacity, cityDate(now), await loadGroupLoad(tx, group.id, now))
    : refuse('not_found', { object: 'group', id: previous.groupId });
  if (!fits.ok) {
    await tx.query(`update seats set status = 'withdrawn', updated_at = $2 where id = $1`, [seatId, now]);
    await writeAudit(tx, {
      at: now,
      kindergartenId: previous.kindergartenId,
      staffId: null,
      action: 'publication.republish.refused',
      objectType: 'seat',
      objectId: seatId,
      details: fits.rejection,
    });
    return false;
  }
  const id = randomUUID();
  await tx.query(
    `insert into publications (id, kindergarten_id, group_id, schedule_entry_id, vacancy_id, previous_publication_id, birth_year,
       language, seats, available_from, published_at, window_closes_at, round, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12, $10)`,
    [
      id,
      previous.kindergartenId,
      previous.groupId,
      previous.scheduleEntryId,
      previous.vacancyId,
      previous.id,
      previous.birthYear,
      previous.language,
      previous.availableFrom,
      now,
      returnedSeatWindowClosesAt(now, ctx.settings, ctx.calendar),
      previous.round + 1,
    ],
  );
  // The new window goes to the next applicants in order: not to those already offered a window on
  // the original publication or on any of its republications (of this seat or of any other).
  const offered = await tx.query<{ applicant_id: string }>(
    `with recursive up(id, previous) as (
       select id, previous_publication_id from publications where id = $1
       union select p.id, p.previous_publication_id from publications p join up on p.id = up.previous),
     family(id) as (
       select id from up where previous is null
       union select p.id from publications p join family on p.previous_publication_id = family.id)
     select distinct applicant_id from publication_turns where publication_id in (select id from family)`,
    [previous.id],
  );
  const target = {
    kindergartenId: previous.kindergartenId,
    birthYear: previous.birthYear,
    language: previous.language,
    availableFrom: previous.availableFrom,
  };
  if (ctx.settings.returnedSeats === 'republish_with_window') {
    await recordTurns(tx, id, target, 1, ctx, now, new Set(offered.map((o) => o.applicant_id)));
  }
  const [newSeat] = await insertSeats(
    tx,
    id,
    previous.kindergartenId,
    previous.groupId,
    previous.availableFrom,
    1,
    now,
  );
  await tx.query('update seats set republished_as = $2, updated_at = $3 where id = $1', [seatId, newSeat, now]);
  await writeAudit(tx, {
    at: now,
    kindergartenId: previous.kindergartenId,
    staffId: null,
    action: 'publication.republish',
    objectType: 'publication',
    objectId: id,
    details: { returnedSeat: seatId },
  });
  return true;
}
