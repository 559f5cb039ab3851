import { allowed, refuse } from '../commands/rejection.js';
import { checkCapacity, type GroupLoad } from './capacity.js';

/**
 * Cancelling a departure not yet in effect (`departure.cancel`, issue #20.2). Source: docs/rules.md,
 * Rules › Departures free seats … from its date, and › Capacity is by date: a
 * departure dated ahead has freed nothing yet, so it may be cancelled by an order of its own; the
 * children it took back count again, and a cancellation that would break capacity by date (seats
 * already published or claimed on the freed capacity) is refused, naming those publications.
 * The server decides with these inside its transaction; the desk checks the same before queuing.
 */

const CANCELLABLE = new Set(['graduation', 'move_up', 'termination']);

export interface DepartureToCancel {
  id: string;
  kind: string;
  departsOn: string;
  cancelled: boolean;
}

/** A publication promising seats on the freed capacity. */
export interface FreedPublication {
  id: string;
  availableFrom: string;
}

/**
 * May this departure be cancelled today (city date)? Not twice ('departure_cancelled'), not an
 * account block ('departure_not_cancellable'), not on or after its date ('departure_in_effect').
 */
export function canCancelDeparture(departure: DepartureToCancel, today: string) {
  if (departure.cancelled) return refuse('departure_cancelled', { id: departure.id });
  if (!CANCELLABLE.has(departure.kind)) return refuse('departure_not_cancellable', { kind: departure.kind });
  if (departure.departsOn <= today) return refuse('departure_in_effect', { date: departure.departsOn });
  return allowed;
}

/** The publications on the freed capacity, named (earliest available-from first): 'freed_seats_published'. */
export function freedSeatsPublished(published: readonly FreedPublication[]) {
  if (published.length === 0) return allowed;
  const sorted = [...published].sort(
    (a, b) => a.availableFrom.localeCompare(b.availableFrom) || a.id.localeCompare(b.id),
  );
  return refuse('freed_seats_published', {
    count: sorted.length,
    availableFrom: sorted[0]!.availableFrom,
    publicationIds: sorted.map((p) => p.id).join(','),
  });
}

/**
 * With the children back (`restored`, the group's load once the departure is cancelled), does the
 * group still fit its capacity on every date from today? If not, the group's publications (not
 * withdrawn) available from the departure's date on are to blame and named; 'over_capacity' when
 * none is.
 */
export function capacityAfterCancel(
  capacity: number,
  today: string,
  departsOn: string,
  restored: GroupLoad,
  groupPublications: readonly FreedPublication[],
) {
  const verdict = checkCapacity(capacity, today, restored);
  if (verdict.ok) return allowed;
  const blamed = groupPublications.filter((p) => p.availableFrom >= departsOn);
  return blamed.length > 0 ? freedSeatsPublished(blamed) : verdict;
}

/** The ids `freed_seats_published` names. */
export const namedPublicationIds = (params: Record<string, unknown>): string[] =>
  typeof params.publicationIds === 'string' ? params.publicationIds.split(',').filter(Boolean) : [];
