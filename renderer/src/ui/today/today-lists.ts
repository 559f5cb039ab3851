import type { Command } from '../../../../shared/commands/command.js';
import { plusDays } from '../../../../shared/calendar/dates.js';
import { cityDate, workingDaysBetween, type WorkingCalendar } from '../../../../shared/calendar/index.js';
import type { Publication, Referral } from '../../../../shared/domain/index.js';
import { isEarlyBooking, publicationInstants, publicationPhase } from '../../../../shared/rules/index.js';
import { statusAt } from '../claims/referral-view.js';
import { objectIdOf } from '../hooks/use-pending.js';
import { isNewClaim } from './last-looked.js';

/** A contract deadline this close (in working days) or closer is on "Today". */
export const DEADLINE_WORKING_DAYS = 2;
/** Early-booking seats freeing up within this many days are on "Today". */
export const EARLY_BOOKING_DAYS = 60;

export interface TodayInput {
  now: Date;
  calendar: WorkingCalendar;
  publications: readonly Publication[];
  referrals: readonly Referral[];
  pending: readonly Command[];
  refused: readonly Command[];
  /** When the claims were last looked at on this PC (null: never). */
  lastLooked: string | null;
}

export interface TodayLists {
  windows: Array<{ publication: Publication; workingDaysLeft: number }>;
  newClaims: Referral[];
  deadlines: Array<{ referral: Referral; workingDaysLeft: number }>;
  enrollmentsDue: Referral[];
  earlyBooking: Publication[];
  unsent: Array<{ command: Command; objectId: string | null }>;
  refusals: Array<{ command: Command; objectId: string | null }>;
}

/**
 * What needs the head today, from the replica: queue windows open now with their countdown in
 * working days, claims new since she last looked, contract deadlines within 2 working days,
 * contracted children whose seat is free (enrollment due), early-booking seats freeing up within
 * 60 days, changes not yet sent and refusals still open. The countdowns are the desk's
 * (workingDaysBetween over the replicated calendar, as on the claims board).
 */
export function todayLists(input: TodayInput): TodayLists {
  const { now, calendar } = input;
  const today = cityDate(now);
  const soon = plusDays(today, EARLY_BOOKING_DAYS);
  const windows = input.publications
    .filter((p) => p.windowClosesAt && publicationPhase(publicationInstants(p), now) === 'queue_window')
    .map((publication) => ({
      publication,
      workingDaysLeft: workingDaysBetween(now, new Date(publication.windowClosesAt!), calendar),
    }))
    .sort((a, b) => a.publication.windowClosesAt!.localeCompare(b.publication.windowClosesAt!));
  const deadlines = input.referrals
    .filter((r) => statusAt(r, now) === 'active')
    .map((referral) => ({
      referral,
      workingDaysLeft: workingDaysBetween(now, new Date(referral.contractDeadline), calendar),
    }))
    .filter((d) => d.workingDaysLeft <= DEADLINE_WORKING_DAYS)
    .sort((a, b) => a.referral.contractDeadline.localeCompare(b.referral.contractDeadline));
  return {
    windows,
    newClaims: input.referrals.filter((r) => isNewClaim(r.claimedAt, input.lastLooked)),
    deadlines,
    enrollmentsDue: input.referrals
      .filter((r) => statusAt(r, now) === 'contracted' && r.availableFrom <= today)
      .sort((a, b) => a.availableFrom.localeCompare(b.availableFrom)),
    earlyBooking: input.publications
      .filter((p) => !p.withdrawnAt && isEarlyBooking(p.availableFrom, now) && p.availableFrom <= soon)
      .sort((a, b) => a.availableFrom.localeCompare(b.availableFrom)),
    unsent: input.pending.map((command) => ({ command, objectId: objectIdOf(command) })),
    refusals: input.refused.map((command) => ({ command, objectId: objectIdOf(command) })),
  };
}
