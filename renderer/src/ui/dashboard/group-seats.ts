import type { Enrollment, Group, Referral, Seat } from '../../../../shared/domain/index.js';
import { effectiveStatus, occupancyOn, type GroupLoad } from '../../../../shared/rules/index.js';

/** The replica's documents a group's load is made of. */
export interface LoadSources {
  enrollments: readonly Enrollment[];
  seats: readonly Seat[];
  referrals: ReadonlyMap<string, Referral>;
}

const lifecycle = (r: Referral) => ({
  status: r.status,
  contractDeadline: new Date(r.contractDeadline),
  availableFrom: r.availableFrom,
  enrolledOn: null,
});

/** A seat held by a live referral: active before its deadline, or contracted (as the server counts it). */
function isReferred(seat: Seat, sources: LoadSources, now: Date): boolean {
  const referral = seat.referralId ? sources.referrals.get(seat.referralId) : undefined;
  if (seat.status !== 'claimed' || !referral) return false;
  const status = effectiveStatus(lifecycle(referral), now);
  return status === 'active' || status === 'contracted';
}

/** The group's load as the capacity rule counts it (same selection as the server's). */
export function groupLoad(groupId: string, sources: LoadSources, now: Date): GroupLoad {
  return {
    attending: sources.enrollments
      .filter((e) => e.groupId === groupId)
      .map((e) => ({ enrolledOn: e.enrolledOn, departedOn: e.departedOn })),
    promised: sources.seats
      .filter((s) => s.groupId === groupId && (s.status === 'open' || isReferred(s, sources, now)))
      .map((s) => ({ availableFrom: s.availableFrom })),
  };
}

export interface GroupSeats {
  group: Group;
  attending: number;
  referred: number;
  published: number;
  free: number;
}

/** Seats of one group on a date: capacity, attending, referred, published (unclaimed) and free. */
export function groupSeatsOn(group: Group, date: string, sources: LoadSources, now: Date): GroupSeats {
  const load = groupLoad(group.id, sources, now);
  const attending = occupancyOn(date, { attending: load.attending, promised: [] });
  const mine = sources.seats.filter((s) => s.groupId === group.id && s.availableFrom <= date);
  const referred = mine.filter((s) => isReferred(s, sources, now)).length;
  const published = mine.filter((s) => s.status === 'open').length;
  return { group, attending, referred, published, free: group.capacity - occupancyOn(date, load) };
}
