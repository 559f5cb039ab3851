import type { Departure, Enrollment, Publication, Referral, Seat } from '../../../../shared/domain/index.js';
import type { LoadSources } from '../../../../shared/rules/index.js';

/** The replica's lists a group's load is counted from. */
export interface LoadLists {
  enrollments: readonly Enrollment[];
  seats: readonly Seat[];
  referrals: readonly Referral[];
  publications: readonly Publication[];
  departures: readonly Departure[];
}

/**
 * Everything the capacity-by-date rule counts, from the replica's lists: every screen that shows
 * or checks a group's load (the seats table, the unit calendar, the publish dialog's preview)
 * builds its sources here, so none leaves out the publications held returned seats depend on.
 */
export function loadSourcesOf(lists: LoadLists): LoadSources {
  return {
    enrollments: lists.enrollments,
    seats: lists.seats,
    referrals: new Map(lists.referrals.map((r) => [r.id, r])),
    publications: lists.publications,
    departures: lists.departures,
  };
}
