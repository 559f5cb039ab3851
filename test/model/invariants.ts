import { cityDate } from '../../shared/calendar/index.js';
import { checkCapacity, inPublicationPause, type GroupLoad } from '../../shared/rules/index.js';
import type { Snapshot } from './harness.js';
import { settings } from './model.js';

/**
 * The intake invariants, read from what the server stores (a direct read of the replicated
 * documents, or a full pull): they need no model, so they hold whatever the sequence was.
 * Each returns the violations it finds as sentences naming the documents.
 */
type Doc = Record<string, unknown>;

const LIVE = new Set(['active', 'contracted', 'enrolled']);

/** The stored status as the rules read it at `now`: an active referral past its deadline is expired. */
export function effectiveStatus(referral: Doc, now: Date): string {
  return referral.status === 'active' && Date.parse(String(referral.contractDeadline)) < now.getTime()
    ? 'expired'
    : String(referral.status);
}

/** Capacity by date: attending children plus promised seats never exceed the group's capacity, on any date from today. */
export function capacityByDate(snap: Snapshot, now: Date): string[] {
  const today = cityDate(now);
  const referrals = new Map(snap.referrals.map((r) => [r.id, r]));
  const publications = new Map(snap.publications.map((p) => [p.id, p]));
  const problems: string[] = [];
  for (const group of snap.groups) {
    const load: GroupLoad = {
      attending: snap.enrollments
        .filter((e) => e.groupId === group.id)
        .map((e) => ({ enrolledOn: String(e.enrolledOn), departedOn: (e.departedOn as string | null) ?? null })),
      promised: [],
    };
    const promised: Array<{ availableFrom: string; count: number }> = [];
    for (const seat of snap.seats.filter((s) => s.groupId === group.id)) {
      const referral = seat.referralId ? referrals.get(seat.referralId) : undefined;
      const live =
        seat.status === 'open' ||
        (seat.status === 'claimed' && referral && ['active', 'contracted'].includes(effectiveStatus(referral, now)));
      if (live) promised.push({ availableFrom: String(seat.availableFrom), count: 1 });
    }
    for (const [publicationId, count] of heldSeats(snap, now)) {
      const publication = publications.get(publicationId)!;
      if (publication.groupId === group.id) promised.push({ availableFrom: String(publication.availableFrom), count });
    }
    const verdict = checkCapacity(Number(group.capacity), today, { ...load, promised });
    if (!verdict.ok) {
      problems.push(`capacity by date: group ${String(group.name)} ${JSON.stringify(verdict.rejection.params)}`);
    }
  }
  return problems;
}

/** Returned seats of a publication not withdrawn that no later publication republished (by publication). */
function heldSeats(snap: Snapshot, _now: Date): Map<unknown, number> {
  const republished = new Map<unknown, number>();
  for (const p of snap.publications) {
    if (p.previousPublicationId)
      republished.set(p.previousPublicationId, (republished.get(p.previousPublicationId) ?? 0) + 1);
  }
  const held = new Map<unknown, number>();
  for (const p of snap.publications) {
    if (p.withdrawnAt) continue;
    const returned = snap.seats.filter((s) => s.publicationId === p.id && s.status === 'returned').length;
    const waiting = returned - (republished.get(p.id) ?? 0);
    if (waiting > 0) held.set(p.id, waiting);
  }
  return held;
}

/** Every freed seat is republished, or held by the August pause (never lost, never counted twice). */
export function freedSeats(snap: Snapshot, now: Date): string[] {
  const problems: string[] = [];
  const paused = inPublicationPause(now, settings);
  const republished = new Map<unknown, number>();
  for (const p of snap.publications) {
    if (p.previousPublicationId)
      republished.set(p.previousPublicationId, (republished.get(p.previousPublicationId) ?? 0) + 1);
  }
  for (const p of snap.publications) {
    const returned = snap.seats.filter((s) => s.publicationId === p.id && s.status === 'returned').length;
    const again = republished.get(p.id) ?? 0;
    if (again > returned)
      problems.push(`publication ${String(p.id)}: republished ${again} times for ${returned} returned seats`);
    if (!p.withdrawnAt && !paused && again < returned) {
      problems.push(
        `publication ${String(p.id)}: ${returned - again} returned seat(s) neither republished nor held by the pause`,
      );
    }
  }
  for (const r of snap.referrals) {
    if (effectiveStatus(r, now) === 'expired' && r.status === 'active') {
      problems.push(`referral ${String(r.id)} is past its deadline but still holds its seat (no republication yet)`);
    }
  }
  return problems;
}

/** At most one live referral and at most one current enrollment per child, and they are the same child's. */
export function onePerChild(snap: Snapshot, now: Date): string[] {
  const problems: string[] = [];
  const live = new Map<unknown, number>();
  for (const r of snap.referrals)
    if (LIVE.has(effectiveStatus(r, now))) live.set(r.applicantId, (live.get(r.applicantId) ?? 0) + 1);
  for (const [applicant, n] of live) if (n > 1) problems.push(`applicant ${String(applicant)} has ${n} live referrals`);
  const attending = new Map<unknown, number>();
  for (const e of snap.enrollments) {
    if (e.applicantId && !e.departedOn) attending.set(e.applicantId, (attending.get(e.applicantId) ?? 0) + 1);
  }
  for (const [applicant, n] of attending)
    if (n > 1) problems.push(`applicant ${String(applicant)} has ${n} current enrollments`);
  return problems;
}

/** Referral, seat and enrollment statuses agree with each other. */
export function statusesConsistent(snap: Snapshot): string[] {
  const problems: string[] = [];
  const enrollments = new Map(snap.enrollments.map((e) => [e.id, e]));
  const seats = new Map(snap.seats.map((s) => [s.id, s]));
  for (const r of snap.referrals) {
    const seat = seats.get(r.seatId);
    const enrollment = r.enrollmentId ? enrollments.get(r.enrollmentId) : undefined;
    const name = `referral ${String(r.id)} (${String(r.status)})`;
    if (!seat) problems.push(`${name}: no seat`);
    if (r.status === 'enrolled' && !enrollment) problems.push(`${name}: enrolled without an enrollment`);
    if (r.status === 'terminated' && enrollment && !enrollment.departedOn) {
      problems.push(`${name}: terminated, but enrollment ${String(enrollment.id)} has no departure`);
    }
    if (enrollment && enrollment.referralId !== r.id) problems.push(`${name}: its enrollment names another referral`);
    const held =
      ['active', 'contracted', 'enrolled'].includes(String(r.status)) || (r.status === 'terminated' && enrollment);
    if (seat && held && (seat.status !== 'claimed' || seat.referralId !== r.id)) {
      problems.push(`${name}: its seat is ${String(seat.status)}`);
    }
    if (seat && !held && seat.status !== 'returned')
      problems.push(`${name}: its seat is ${String(seat.status)}, not returned`);
  }
  for (const e of snap.enrollments) {
    if (!e.referralId) continue;
    const r = snap.referrals.find((x) => x.id === e.referralId);
    if (!r || !['enrolled', 'terminated'].includes(String(r.status))) {
      problems.push(`enrollment ${String(e.id)}: its referral is ${r ? String(r.status) : 'missing'}`);
    }
  }
  return problems;
}

/** A window goes to applicants not yet offered one for the same seats: never twice to anyone in a publication's family. */
export function windowsOnce(snap: Snapshot): string[] {
  const problems: string[] = [];
  const byId = new Map(snap.publications.map((p) => [p.id, p]));
  const root = (p: Doc): unknown => {
    let current = p;
    while (current.previousPublicationId && byId.has(current.previousPublicationId))
      current = byId.get(current.previousPublicationId)!;
    return current.id;
  };
  const offered = new Map<string, unknown>();
  for (const t of snap.turns) {
    const p = byId.get(t.publicationId);
    if (!p) continue;
    const key = `${String(root(p))}/${t.applicantId}`;
    if (offered.has(key)) {
      problems.push(
        `applicant ${t.applicantId} offered a window twice for the seats of publication ${String(root(p))}`,
      );
    }
    offered.set(key, t.publicationId);
  }
  for (const p of snap.publications) {
    const n = snap.turns.filter((t) => t.publicationId === p.id).length;
    const seats = snap.seats.filter((s) => s.publicationId === p.id).length;
    if (n > seats) problems.push(`publication ${String(p.id)}: ${n} windows for ${seats} seats`);
  }
  return problems;
}

/** Every invariant on one snapshot. */
export function invariantViolations(snap: Snapshot, now: Date): string[] {
  return [
    ...capacityByDate(snap, now),
    ...onePerChild(snap, now),
    ...statusesConsistent(snap),
    ...freedSeats(snap, now),
    ...windowsOnce(snap),
  ];
}
