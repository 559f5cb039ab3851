import type { ReferralStatus, SeatStatus } from '../domain/index.js';
import type { PromiseKind } from './capacity-by-date.js';

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
