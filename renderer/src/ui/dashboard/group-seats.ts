import type { Departure, Enrollment, Group, Publication, Referral, Seat } from '../../../../shared/domain/index.js';
import {
  loadOn,
  monthlyLoad,
  promisedSeatKind,
  type GroupLoad,
  type MonthLoad,
  type PromisedSeat,
} from '../../../../shared/rules/index.js';

/** The replica's documents a group's load is made of. */
export interface LoadSources {
  enrollments: readonly Enrollment[];
  seats: readonly Seat[];
  referrals: ReadonlyMap<string, Referral>;
  /** Withdrawn publications and republications of returned seats (held seats need them). */
  publications?: readonly Publication[];
  /** The movement register: why each departed child left. */
  departures?: readonly Departure[];
}

/**
 * Returned seats already republished, per seat: a republication is a publication naming the
 * returned seat's publication as previous, one per republished seat (the replica has no link
 * from the seat itself), so the first so many returned seats of that publication are taken as
 * republished — which ones does not matter, they share their available-from date.
 */
function republishedSeats(sources: LoadSources): Set<string> {
  const republications = new Map<string, number>();
  for (const p of sources.publications ?? [])
    if (p.previousPublicationId)
      republications.set(p.previousPublicationId, (republications.get(p.previousPublicationId) ?? 0) + 1);
  const republished = new Set<string>();
  const returned = sources.seats.filter((s) => s.status === 'returned').sort((a, b) => a.id.localeCompare(b.id));
  for (const seat of returned) {
    const left = republications.get(seat.publicationId) ?? 0;
    if (left === 0) continue;
    republished.add(seat.id);
    republications.set(seat.publicationId, left - 1);
  }
  return republished;
}

/** The group's load as the capacity rule counts it (the same selection as the server's SQL). */
export function groupLoad(groupId: string, sources: LoadSources, now: Date): GroupLoad {
  const withdrawn = new Set((sources.publications ?? []).filter((p) => p.withdrawnAt).map((p) => p.id));
  const republished = republishedSeats(sources);
  const kinds = new Map((sources.departures ?? []).map((d) => [d.id, d.kind]));
  const promised: PromisedSeat[] = [];
  for (const seat of sources.seats) {
    if (seat.groupId !== groupId) continue;
    const referral = seat.referralId ? sources.referrals.get(seat.referralId) : undefined;
    const kind = promisedSeatKind(
      {
        status: seat.status,
        referral: referral ? { status: referral.status, contractDeadline: referral.contractDeadline } : null,
        publicationWithdrawn: withdrawn.has(seat.publicationId),
        republished: republished.has(seat.id),
      },
      now,
    );
    if (kind) promised.push({ availableFrom: seat.availableFrom, kind });
  }
  return {
    attending: sources.enrollments
      .filter((e) => e.groupId === groupId)
      .map((e) => ({
        enrolledOn: e.enrolledOn,
        departedOn: e.departedOn,
        leaves: e.departureId ? (kinds.get(e.departureId) ?? null) : null,
      })),
    promised,
  };
}

export interface GroupSeats {
  group: Group;
  attending: number;
  referred: number;
  published: number;
  held: number;
  free: number;
}

/** Seats of one group on a date: capacity, attending, referred, published (unclaimed), held and free. */
export function groupSeatsOn(group: Group, date: string, sources: LoadSources, now: Date): GroupSeats {
  const day = loadOn(date, groupLoad(group.id, sources, now));
  return { group, ...day, free: group.capacity - day.occupancy };
}

/** The group's unit calendar: each of the next `months` months' peak, departures and days over capacity. */
export function groupCalendar(
  group: Group,
  fromDate: string,
  sources: LoadSources,
  now: Date,
  months = 12,
): MonthLoad[] {
  return monthlyLoad(group.capacity, fromDate, groupLoad(group.id, sources, now), months);
}
