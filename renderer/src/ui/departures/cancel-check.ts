import { cityDate } from '../../../../shared/calendar/index.js';
import { refuse, type Verdict } from '../../../../shared/commands/rejection.js';
import type { Departure, Group, Publication, Vacancy } from '../../../../shared/domain/index.js';
import {
  canCancelDeparture,
  capacityAfterCancel,
  freedSeatsPublished,
  groupLoadOf,
  type LoadSources,
} from '../../../../shared/rules/index.js';

export interface CancelSources extends LoadSources {
  publications: readonly Publication[];
  vacancies: readonly Vacancy[];
}

const cancellable = (departure: Departure, today: string) =>
  canCancelDeparture(
    {
      id: departure.id,
      kind: departure.kind,
      departsOn: departure.departsOn,
      cancelled: departure.cancelledAt !== null,
    },
    today,
  );

/** May this departure be offered for cancellation at all (the button shows only then)? */
export const mayCancel = (departure: Departure, now: Date): boolean => cancellable(departure, cityDate(now)).ok;

/**
 * The desk's check before it queues `departure.cancel`, with the server's shared rules on the
 * replica: the departure may still be cancelled; a termination's vacancy is not published yet; a
 * move-up's new stays have no departure of their own; and with the children back (their stays
 * without this departure) the group fits its capacity on every date from today, or the
 * publications on the freed capacity are named.
 */
export function cancelVerdict(
  departure: Departure,
  group: Group | undefined,
  sources: CancelSources,
  now: Date,
): Verdict {
  const today = cityDate(now);
  const verdict = cancellable(departure, today);
  if (!verdict.ok) return verdict;
  if (!group) return refuse('not_found', { object: 'group', id: departure.groupId });
  const ended = sources.enrollments.filter((e) => e.departureId === departure.id);
  if (departure.kind === 'termination') {
    const vacancies = new Set(sources.vacancies.filter((v) => v.departureId === departure.id).map((v) => v.id));
    const published = freedSeatsPublished(
      sources.publications.filter((p) => p.vacancyId !== null && vacancies.has(p.vacancyId)),
    );
    if (!published.ok) return published;
  }
  if (departure.kind === 'move_up') {
    // The stays the move began: the same children in another group from the move's date.
    const children = new Set(ended.map((e) => e.childIin));
    const departed = sources.enrollments.find(
      (e) =>
        e.groupId !== departure.groupId &&
        e.enrolledOn === departure.departsOn &&
        children.has(e.childIin) &&
        e.departedOn !== null,
    );
    if (departed) return refuse('already_departed', { departedOn: departed.departedOn });
  }
  const restored = sources.enrollments.map((e) =>
    e.departureId === departure.id ? { ...e, departedOn: null, departureId: null } : e,
  );
  return capacityAfterCancel(
    group.capacity,
    today,
    departure.departsOn,
    groupLoadOf(group.id, { ...sources, enrollments: restored }, now),
    sources.publications.filter((p) => p.groupId === group.id && p.withdrawnAt === null),
  );
}
