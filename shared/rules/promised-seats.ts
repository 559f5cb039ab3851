import type {
  Departure,
  Enrollment,
  Publication,
  Referral,
  ReferralStatus,
  Seat,
  SeatStatus,
} from '../domain/index.js';
import type { GroupLoad, PromiseKind, PromisedSeat } from './capacity-by-date.js';

/**
 * Which seats count in a group's load, for the desk's replica as for the server. Source:
 * docs/rules.md, Rules › Capacity is by date (seats promised for a date: active referrals,
 * concluded contracts, published unclaimed seats) and "Invariants and the model" (a held returned
 * seat counts while held).
 */

/** What decides whether a seat still holds a place in its group's load. */
export interface SeatFacts {
  status: SeatStatus;
  /** The referral holding a claimed seat, if any. */
  referral: { status: ReferralStatus; contractDeadline: string } | null;
  publicationWithdrawn: boolean;
  /** A returned seat already republished as a new seat (which counts instead). */
  republished: boolean;
}

/**
 * Which promise a seat is in its group's load, or null when it no longer counts — the selection
 * of the server's group-load SQL, for the desk's replica: an unclaimed open seat (published); a
 * claimed seat of a contracted referral, or of an active one before its deadline, or past it while
 * the publication stands (the seat returns and is republished: it stays promised) (referral); a
 * returned seat not yet republished of a publication not withdrawn (held).
 */
export function promisedSeatKind(seat: SeatFacts, now: Date): PromiseKind | null {
  if (seat.status === 'open') return 'published';
  if (seat.status === 'claimed') {
    const r = seat.referral;
    if (!r) return null;
    if (r.status === 'contracted') return 'referral';
    const beforeDeadline = new Date(r.contractDeadline).getTime() >= now.getTime();
    return r.status === 'active' && (beforeDeadline || !seat.publicationWithdrawn) ? 'referral' : null;
  }
  if (seat.status === 'returned') return !seat.republished && !seat.publicationWithdrawn ? 'held' : null;
  return null;
}

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

/** A group's load from its replicated documents, as the server's group-load SQL selects it. */
export function groupLoadOf(groupId: string, sources: LoadSources, now: Date): GroupLoad {
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
