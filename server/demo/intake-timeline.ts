import { HOUR_MS, plusDays, plusMs } from '../../shared/calendar/dates.js';
import {
  cityDate,
  cityInstant,
  cityMinutes,
  workingDayOnOrBefore,
  type WorkingCalendar,
} from '../../shared/calendar/index.js';
import {
  canClaim,
  checkEligibility,
  checkPublication,
  contractDeadline,
  inPublicationPause,
  publicationPhase,
  whoseTurn,
  windowClosesAt,
  type Applicant,
  type PublicationPhase,
  type PublicationTarget,
  type RegionalSettings,
} from '../../shared/rules/index.js';
import type { ApplicantPlan, CityPlan, EntryPlan, PublicationMode } from './city-plan.js';
import type { Random } from './prng.js';

/**
 * The weeks before seeding, played out with the intake rules: kindergartens publish approved
 * entries (some today, still in their queue window; some a week or two ago, now open to all),
 * whose turn it is is frozen at publication, parents in turn claim during the window, and the
 * herd claims the moment seats open to all. Some referrals get their contract concluded. Every
 * step is checked with the same shared rules the server uses, so the seeded state is one the
 * server could have produced. Nothing expires or is refused before `now`, so no seat is returned.
 */

export interface PublicationPlan {
  id: string;
  kindergartenId: string;
  groupId: string;
  scheduleEntryId: string;
  birthYear: number;
  language: EntryPlan['language'];
  seats: number;
  availableFrom: string;
  publishedAt: Date;
  windowClosesAt: Date;
  /** What the scheduler stamps once the window has closed (display only). */
  openedToAllAt: Date | null;
  createdBy: string;
}

export interface TurnPlan {
  publicationId: string;
  applicantId: string;
  position: number;
}

export interface SeatPlan {
  id: string;
  publicationId: string;
  kindergartenId: string;
  groupId: string;
  availableFrom: string;
  status: 'open' | 'claimed';
  referralId: string | null;
}

export interface ReferralPlan {
  id: string;
  seatId: string;
  publicationId: string;
  kindergartenId: string;
  groupId: string;
  applicantId: string;
  availableFrom: string;
  claimedAt: Date;
  claimedInPhase: Exclude<PublicationPhase, 'withdrawn'>;
  contractDeadline: Date;
  status: 'active' | 'contracted';
  contractConcludedAt: Date | null;
}

export interface Timeline {
  publications: PublicationPlan[];
  turns: TurnPlan[];
  seats: SeatPlan[];
  referrals: ReferralPlan[];
}

interface Event {
  at: number;
  run(): void;
}

export function playTimeline(input: {
  random: Random;
  plan: CityPlan;
  calendar: WorkingCalendar;
  settings: RegionalSettings;
}): Timeline {
  const { plan, calendar, settings } = input;
  const random = input.random;
  const ids = random.fork('ids');
  const now = plan.now;
  const firstKindergarten = plan.kindergartens.find((k) => k.existing)?.id;
  const applicantById = new Map(plan.applicants.map((a) => [a.id, a]));
  const timeline: Timeline = { publications: [], turns: [], seats: [], referrals: [] };
  const busy = new Set<string>();
  const events: Event[] = [];
  /** Queues a step of the story: `events` stays sorted latest first (ties in arrival order), popped from the end. */
  const schedule = (at: Date, run: () => void) => {
    if (at.getTime() >= now.getTime()) return;
    const event = { at: at.getTime(), run };
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid]!.at > event.at) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, event);
  };

  const asRuleApplicant = (a: ApplicantPlan): Applicant => ({
    id: a.id,
    birthDate: a.birthDate,
    language: a.language,
    priority: a.priority,
    appliedAt: a.appliedAt.toISOString(),
    choices: a.choices,
    blocked: false,
    hasActiveReferralOrEnrollment: busy.has(a.id),
  });
  /**
   * Those the rules let claim this publication, before anyone has a referral: a cheap pre-filter,
   * then the rule itself. What changes with time (a referral taken, an application not yet made)
   * is checked when a claim is played.
   */
  const candidatesFor = (target: PublicationTarget) =>
    plan.applicants.filter(
      (a) =>
        a.language === target.language &&
        Number(a.birthDate.slice(0, 4)) === target.birthYear &&
        a.choices.slice(0, settings.maxChoices).includes(target.kindergartenId) &&
        checkEligibility({ ...asRuleApplicant(a), hasActiveReferralOrEnrollment: false }, target, settings).ok,
    );
  const freeAt = (candidates: readonly ApplicantPlan[], at: Date) =>
    candidates.filter((a) => !busy.has(a.id) && a.appliedAt <= at);

  const attendingByGroup = new Map<string, Array<{ enrolledOn: string; departedOn: null }>>();
  for (const e of plan.enrollments) {
    const list = attendingByGroup.get(e.groupId) ?? [];
    list.push({ enrolledOn: e.enrolledOn, departedOn: null });
    attendingByGroup.set(e.groupId, list);
  }
  const promisedByGroup = new Map<string, Array<{ availableFrom: string; count: number }>>();
  const capacityOf = new Map(plan.kindergartens.flatMap((k) => k.groups.map((g) => [g.id, g.capacity] as const)));

  for (const entry of plan.entries) {
    if (entry.status !== 'approved') continue;
    const mode =
      entry.mode ??
      random.weighted<PublicationMode>([
        ['none', 0.35],
        ['window', 0.25],
        ['open', 0.4],
      ]);
    if (mode === 'none') continue;
    const publishedAt = publicationInstant(mode, random, now, calendar, settings);
    if (!publishedAt) continue;
    const target: PublicationTarget = {
      kindergartenId: entry.kindergartenId,
      birthYear: entry.birthYear,
      language: entry.language,
      availableFrom: entry.availableFrom,
    };
    const promised = promisedByGroup.get(entry.groupId) ?? [];
    const verdict = checkPublication(
      {
        seats: entry.seats,
        source: { kind: 'schedule_entry', approved: true, remainingSeats: entry.seats },
        birthYear: entry.birthYear,
        availableFrom: entry.availableFrom,
        groupCapacity: capacityOf.get(entry.groupId) ?? 0,
        groupLoad: { attending: attendingByGroup.get(entry.groupId) ?? [], promised },
      },
      publishedAt,
      settings,
    );
    if (!verdict.ok) throw new Error(`demo seed: publication refused: ${JSON.stringify(verdict.rejection)}`);
    promised.push({ availableFrom: entry.availableFrom, count: entry.seats });
    promisedByGroup.set(entry.groupId, promised);

    const publication: PublicationPlan = {
      id: ids.uuid(),
      kindergartenId: entry.kindergartenId,
      groupId: entry.groupId,
      scheduleEntryId: entry.id,
      birthYear: entry.birthYear,
      language: entry.language,
      seats: entry.seats,
      availableFrom: entry.availableFrom,
      publishedAt,
      windowClosesAt: windowClosesAt(publishedAt, settings, calendar),
      openedToAllAt: null,
      createdBy: entry.createdBy,
    };
    if (publication.windowClosesAt < now) publication.openedToAllAt = publication.windowClosesAt;
    timeline.publications.push(publication);
    const seats = Array.from({ length: entry.seats }, () => ids.uuid())
      .sort()
      .map((id): SeatPlan => ({
        id,
        publicationId: publication.id,
        kindergartenId: entry.kindergartenId,
        groupId: entry.groupId,
        availableFrom: entry.availableFrom,
        status: 'open',
        referralId: null,
      }));
    timeline.seats.push(...seats);
    const favourite = entry.kindergartenId === firstKindergarten;
    const candidates = candidatesFor(target);
    const inTurn = new Set<string>();

    const claim = (applicant: ApplicantPlan, at: Date) => {
      const open = seats.filter((s) => s.status === 'open');
      const phase = publicationPhase(
        { publishedAt, windowClosesAt: publication.windowClosesAt, withdrawnAt: null },
        at,
      );
      const verdict = canClaim({
        phase,
        applicantInWindowList: inTurn.has(applicant.id),
        eligible: checkEligibility(asRuleApplicant(applicant), target, settings),
        seatsLeft: open.length,
      });
      const seat = open[0];
      if (!verdict.ok || !seat || phase === 'withdrawn') return;
      const deadline = contractDeadline(at, settings, calendar);
      const concluded =
        deadline < now
          ? plusMs(at, (deadline.getTime() - at.getTime()) * (0.1 + 0.8 * random.float()))
          : random.chance(0.4)
            ? plusMs(at, (now.getTime() - at.getTime()) * 0.9 * random.float())
            : null;
      const referralId = ids.uuid();
      seat.status = 'claimed';
      seat.referralId = referralId;
      busy.add(applicant.id);
      timeline.referrals.push({
        id: referralId,
        seatId: seat.id,
        publicationId: publication.id,
        kindergartenId: entry.kindergartenId,
        groupId: entry.groupId,
        applicantId: applicant.id,
        availableFrom: entry.availableFrom,
        claimedAt: at,
        claimedInPhase: phase,
        contractDeadline: deadline,
        status: concluded ? 'contracted' : 'active',
        contractConcludedAt: concluded,
      });
    };

    schedule(publishedAt, () => {
      const turn = whoseTurn(freeAt(candidates, publishedAt).map(asRuleApplicant), entry.seats, settings);
      turn.forEach((a, i) => {
        inTurn.add(a.id);
        timeline.turns.push({ publicationId: publication.id, applicantId: a.id, position: i + 1 });
        // The favourite kindergarten keeps its first in turn unclaimed, for whoever runs the demo.
        if (favourite ? i === 0 || !random.chance(0.35) : !random.chance(0.55)) return;
        const end = Math.min(publication.windowClosesAt.getTime(), now.getTime() - 60_000);
        const at = publishedAt.getTime() + (end - publishedAt.getTime()) * random.float() ** 2;
        const applicant = applicantById.get(a.id);
        if (applicant) schedule(new Date(at), () => claim(applicant, new Date(at)));
      });
      // The herd: when the window closes, everyone eligible races for what is left.
      const opensToAll = plusMs(publication.windowClosesAt, 1);
      schedule(opensToAll, () => {
        const left = seats.filter((s) => s.status === 'open').length;
        const keep = favourite ? Math.min(left, 2) : random.chance(0.45) ? random.int(1, Math.max(1, left)) : 0;
        for (let n = 0; n < left - keep; n++) {
          const at = plusMs(opensToAll, 200 + 600_000 * random.float() ** 3);
          schedule(at, () => {
            const free = freeAt(candidates, at);
            if (free.length) claim(random.pick(free), at);
          });
        }
      });
    });
  }

  // Play the events in time order (events scheduled while playing join the queue in place).
  for (let event = events.pop(); event; event = events.pop()) event.run();
  timeline.referrals.sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime());
  return timeline;
}

/**
 * When a publication of this mode was made: `window` on the last working day (this morning, or
 * the previous working day), still inside its queue window now; `open` one to three weeks ago, its
 * window closed. Never during the August pause (moved back before it); null if that is impossible.
 */
function publicationInstant(
  mode: Exclude<PublicationMode, 'none'>,
  random: Random,
  now: Date,
  calendar: WorkingCalendar,
  settings: RegionalSettings,
): Date | null {
  const today = cityDate(now);
  const workStart = 9 * 60;
  let day: string;
  if (mode === 'window') {
    const todayWorks = calendar.isWorkingDay(today) && cityMinutes(now) >= workStart + 40;
    day = todayWorks ? today : workingDayOnOrBefore(plusDays(today, -1), calendar);
  } else {
    day = workingDayOnOrBefore(plusDays(today, -random.int(6, 16)), calendar);
  }
  const at = (d: string) => {
    const latest = d === today ? Math.min(17 * 60, cityMinutes(now) - 30) : 17 * 60;
    return cityInstant(d, random.int(workStart, Math.max(workStart, latest)));
  };
  let instant = at(day);
  for (let tries = 0; tries < 60; tries++) {
    const closed = windowClosesAt(instant, settings, calendar).getTime() < now.getTime() - HOUR_MS;
    if (!inPublicationPause(instant, settings) && (mode === 'window' || closed) && instant < now) return instant;
    day = workingDayOnOrBefore(plusDays(day, -1), calendar);
    instant = at(day);
  }
  return null;
}
