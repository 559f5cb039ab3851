import { allowed, refuse, type Verdict } from '../commands/rejection.js';
import {
  CITY_ZONE,
  endOfNthCalendarDayAfter,
  endOfNthWorkingDayAfter,
  endOfNthWorkingDayAfterAtLeast,
  type WorkingCalendar,
} from '../calendar/index.js';
import { parseIsoInstant } from '../calendar/dates.js';
import type { Publication } from '../domain/publication.js';
import type { RegionalSettings } from './settings.js';

/**
 * The phases of a publication and who may claim in each.
 * Source: docs/rules.md, Process §3 (queue window of 3 working days, then open to all at the
 * same moment regardless of queue position), Rules › Phases come from time, not
 * from flags (a claim at 00:05 after the window closed is judged open to all even if no job ran),
 * › Working days (the window counts from the next working day after publication and closes at
 * 23:59:59.999 of the last one, Asia/Almaty), › Returned seats (a new window, or straight open to all).
 */

export type PublicationPhase = 'queue_window' | 'open_to_all' | 'withdrawn';

/** The stored instants of a publication. `windowClosesAt` null = published straight to open to all. */
export type PublicationInstants = {
  publishedAt: Date;
  windowClosesAt: Date | null;
  withdrawnAt: Date | null;
};

/** A publication's instants as the shared domain holds them (ISO text), read for the phase rule. */
export function publicationInstants(
  publication: Pick<Publication, 'publishedAt' | 'windowClosesAt' | 'withdrawnAt'>,
): PublicationInstants {
  const { publishedAt, windowClosesAt, withdrawnAt } = publication;
  return {
    publishedAt: parseIsoInstant(publishedAt, 'publishedAt'),
    windowClosesAt: windowClosesAt === null ? null : parseIsoInstant(windowClosesAt, 'windowClosesAt'),
    withdrawnAt: withdrawnAt === null ? null : parseIsoInstant(withdrawnAt, 'withdrawnAt'),
  };
}

/**
 * The phase at `now` (the server's clock). The window includes its closing instant; from the next
 * millisecond the seats are open to all. A withdrawal counts from its instant on.
 */
export function publicationPhase(publication: PublicationInstants, now: Date): PublicationPhase {
  if (publication.withdrawnAt !== null && now.getTime() >= publication.withdrawnAt.getTime()) return 'withdrawn';
  if (publication.windowClosesAt !== null && now.getTime() <= publication.windowClosesAt.getTime()) {
    return 'queue_window';
  }
  return 'open_to_all';
}

/**
 * When a queue window opened at `openedAt` closes: the end of the Nth working (or calendar) day
 * after it. Throws `CalendarYearNotLoaded` when the window reaches past the calendar table (the
 * server refuses the publication with `calendar_year_not_loaded` and the year).
 */
export function windowClosesAt(openedAt: Date, settings: RegionalSettings, calendar: WorkingCalendar): Date {
  const { length, unit } = settings.queueWindow;
  return unit === 'working_days'
    ? endOfNthWorkingDayAfter(openedAt, length, calendar, CITY_ZONE)
    : endOfNthCalendarDayAfter(openedAt, length, CITY_ZONE);
}

/**
 * The window of a seat returned at `returnedAt` (expired, refused or declined referral): a new queue
 * window for the next applicants in order, or none (straight open to all), per the setting.
 */
export function returnedSeatWindowClosesAt(
  returnedAt: Date,
  settings: RegionalSettings,
  calendar: WorkingCalendar,
): Date | null {
  if (settings.returnedSeats === 'open_to_all') return null;
  const { length, unit } = settings.queueWindow;
  // A returned seat is never held back by a year not loaded: its window is counted at least as long.
  return unit === 'working_days'
    ? endOfNthWorkingDayAfterAtLeast(returnedAt, length, calendar, CITY_ZONE).end
    : endOfNthCalendarDayAfter(returnedAt, length, CITY_ZONE);
}

export type ClaimInput = {
  phase: PublicationPhase;
  /** Was the applicant among those whose turn had come when the current window opened? */
  applicantInWindowList: boolean;
  /** The applicant's eligibility for this publication (`checkEligibility`). */
  eligible: Verdict;
  seatsLeft: number;
};

/**
 * May the applicant claim a seat now? Reported in this order: publication withdrawn, the
 * applicant's own ineligibility, no seats left, not in the window list during the queue window.
 */
export function canClaim(input: ClaimInput): Verdict {
  if (input.phase === 'withdrawn') return refuse('publication_withdrawn');
  if (!input.eligible.ok) return input.eligible;
  if (input.seatsLeft <= 0) return refuse('no_seats_left');
  if (input.phase === 'queue_window' && !input.applicantInWindowList) return refuse('not_your_turn');
  return allowed;
}
