import type { Enrollment, Group, Publication, Referral, Seat } from '../domain/index.js';
import { intakeStatistics, median, occupancyForecast } from './index.js';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const stamp = { rev: 1, updatedAt: '2026-06-01T00:00:00.000Z' };
/** Wednesday 10 June 2026, 10:00 in Petropavl. */
const NOW = new Date('2026-06-10T05:00:00.000Z');

const publication = (n: number, more: Partial<Publication> = {}): Publication => ({
  id: id(n),
  kindergartenId: id(9),
  groupId: id(1),
  scheduleEntryId: id(50),
  vacancyId: null,
  previousPublicationId: null,
  birthYear: 2024,
  language: 'kk',
  seats: 3,
  availableFrom: '2026-09-01',
  publishedAt: '2026-06-01T05:00:00.000Z',
  windowClosesAt: '2026-06-04T13:00:00.000Z',
  withdrawnAt: null,
  round: 1,
  ...stamp,
  ...more,
});
const referral = (n: number, more: Partial<Referral> = {}): Referral => ({
  id: id(100 + n),
  number: `KZ-2026-${n}`,
  seatId: id(200 + n),
  publicationId: id(1),
  kindergartenId: id(9),
  groupId: id(1),
  applicantId: id(300 + n),
  applicantPriority: 'general',
  childFullName: `Бала ${n}`,
  childBirthDate: '2024-02-02',
  childIin: '240202500017',
  representativeFullName: 'Ана',
  representativePhone: '',
  availableFrom: '2026-09-01',
  claimedAt: '2026-06-01T09:00:00.000Z',
  claimedInPhase: 'queue_window',
  contractDeadline: '2026-06-08T18:59:59.999Z',
  status: 'active',
  contractConcludedAt: null,
  contractConcludedBy: null,
  enrollmentId: null,
  closedAt: null,
  closeReason: null,
  closeNote: '',
  ...stamp,
  ...more,
});
const enrollment = (n: number, more: Partial<Enrollment> = {}): Enrollment => ({
  id: id(400 + n),
  kindergartenId: id(9),
  groupId: id(1),
  referralId: null,
  applicantId: null,
  childFullName: `Бала ${n}`,
  childBirthDate: '2023-02-02',
  childIin: '230202500017',
  representativeFullName: 'Ана',
  representativePhone: '',
  enrolledOn: '2025-09-01',
  orderNumber: '1-к',
  orderDate: '2025-08-25',
  departedOn: null,
  departureId: null,
  ...stamp,
  ...more,
});

describe('the intake statistics', () => {
  const sources = {
    publications: [
      publication(1),
      publication(2, { language: 'ru', birthYear: 2022, seats: 2, publishedAt: '2026-06-05T05:00:00.000Z' }),
      // Published on 31 May at 23:30 in the city (18:30 UTC): before a period starting 1 June.
      publication(3, { seats: 5, publishedAt: '2026-05-31T18:30:00.000Z' }),
    ],
    referrals: [
      // Concluded 2 days after the claim, enrolled on 1 September.
      referral(1, {
        applicantPriority: 'first',
        status: 'enrolled',
        contractConcludedAt: '2026-06-03T09:00:00.000Z',
        enrollmentId: id(401),
      }),
      referral(2, { status: 'refused', closedAt: '2026-06-02T05:00:00.000Z', closeReason: 'refused' }),
      referral(3, {
        applicantPriority: 'out_of_turn',
        publicationId: id(2),
        status: 'declined',
        claimedAt: '2026-06-05T11:00:00.000Z',
        closedAt: '2026-06-06T05:00:00.000Z',
        closeReason: 'medical',
      }),
      // Still stored active, its deadline passed on 8 June: expired as the rules read it.
      referral(4, { claimedAt: '2026-06-01T17:00:00.000Z' }),
      referral(5, {
        status: 'terminated',
        contractConcludedAt: '2026-06-01T21:00:00.000Z',
        closedAt: '2026-06-09T05:00:00.000Z',
        closeReason: 'parent_request',
      }),
    ],
    enrollments: [enrollment(1, { enrolledOn: '2026-09-01', referralId: id(101) })],
  };

  it('counts each event dated in the period, by city date, with its grounds and reasons', () => {
    const stats = intakeStatistics({ from: '2026-06-01', to: '2026-06-30' }, sources, NOW);
    expect(stats.total).toEqual({
      seatsPublished: 5,
      issued: 5,
      concluded: 2,
      enrolled: 0,
      refused: 1,
      declined: 1,
      expired: 1,
      terminated: 1,
    });
    expect(stats.byLanguage.ru).toMatchObject({ seatsPublished: 2, issued: 1, declined: 1 });
    expect(stats.byLanguage.kk).toMatchObject({ seatsPublished: 3, issued: 4 });
    // 2024-born for a September 2026 seat: junior; 2022-born: senior.
    expect(stats.byAgeGroup.junior).toMatchObject({ seatsPublished: 3, issued: 4, expired: 1 });
    expect(stats.byAgeGroup.senior).toMatchObject({ seatsPublished: 2, declined: 1 });
    expect(stats.byPriority).toMatchObject({
      first: { issued: 1, concluded: 1 },
      out_of_turn: { issued: 1, declined: 1 },
      general: { issued: 3, refused: 1, expired: 1, terminated: 1 },
    });
    expect(stats.declinedByGround).toEqual({ medical: 1 });
    expect(stats.terminatedByReason).toEqual({ parent_request: 1 });
    // Claims 4 h, 4 h, 6 h (publication 2: 05:00 → 11:00), 4 h, 12 h after publication; contracts 48 h and 12 h after the claim.
    expect(stats.medianHours).toEqual({ publicationToClaim: 4, claimToContract: 30 });
  });

  it('counts an enrollment by its date, in the category of the referral behind it', () => {
    const stats = intakeStatistics({ from: '2026-09-01', to: '2026-09-30' }, sources, NOW);
    expect(stats.total).toMatchObject({ enrolled: 1, issued: 0, seatsPublished: 0 });
    expect(stats.byPriority.first).toMatchObject({ enrolled: 1, issued: 0 });
    expect(stats.byPriority.general.enrolled + stats.byPriority.out_of_turn.enrolled).toBe(0);
    expect(stats.medianHours).toEqual({ publicationToClaim: null, claimToContract: null });
  });

  it('counts a referral with no category yet (a desk replica before its next pull) in the total only', () => {
    const stats = intakeStatistics(
      { from: '2026-06-01', to: '2026-06-30' },
      {
        ...sources,
        referrals: sources.referrals.map((r) => (r.id === id(102) ? { ...r, applicantPriority: null } : r)),
      },
      NOW,
    );
    expect(stats.total).toMatchObject({ issued: 5, refused: 1 });
    expect(stats.byPriority.general).toMatchObject({ issued: 2, refused: 0, expired: 1, terminated: 1 });
    expect(stats.byLanguage.kk).toMatchObject({ issued: 4, refused: 1 });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe('the occupancy forecast', () => {
  const group = (n: number, capacity: number): Group => ({
    id: id(n),
    kindergartenId: id(9),
    name: `Группа ${n}`,
    ageGroup: 'junior',
    nextAgeGroup: null,
    nextAgeGroupOn: null,
    language: 'kk',
    capacity,
    ...stamp,
  });
  const seat = (n: number, groupId: string, availableFrom: string, more: Partial<Seat> = {}): Seat => ({
    id: id(600 + n),
    publicationId: id(1),
    kindergartenId: id(9),
    groupId,
    availableFrom,
    status: 'open',
    referralId: null,
    ...stamp,
    ...more,
  });

  it("sums each group's peak month by month, with departures, early booking and groups over capacity", () => {
    const enrollments = [
      enrollment(1, { groupId: id(1), departedOn: '2026-08-01' }),
      enrollment(2, { groupId: id(1) }),
      enrollment(3, { groupId: id(2) }),
    ];
    const seats = [
      seat(1, id(1), '2026-09-01'),
      seat(2, id(1), '2026-09-01'),
      seat(3, id(2), '2026-06-01', { status: 'claimed', referralId: id(101) }),
      seat(4, id(2), '2026-06-20'),
    ];
    const referrals = new Map([[id(101), referral(1, { status: 'contracted', groupId: id(2) })]]);
    const forecast = occupancyForecast(
      [group(1, 2), group(2, 3)],
      { enrollments, seats, referrals, publications: [], departures: [] },
      '2026-06-10',
      NOW,
    );
    expect(forecast).toHaveLength(12);
    expect(forecast[0]).toEqual({
      month: '2026-06',
      capacity: 5,
      attending: 3,
      referrals: 1,
      published: 1,
      earlyBooking: 1,
      peak: 5,
      free: 0,
      graduation: 0,
      moveUp: 0,
      otherDepartures: 0,
      groupsOver: 0,
    });
    expect(forecast[1]).toMatchObject({ month: '2026-07', peak: 5, free: 0 });
    // The child leaving on 1 August is not counted on any day of August.
    expect(forecast[2]).toMatchObject({ month: '2026-08', attending: 2, otherDepartures: 1, peak: 4 });
    // From 1 September group 1 holds one child and two seats over its capacity of 2.
    expect(forecast[3]).toMatchObject({
      month: '2026-09',
      attending: 2,
      published: 3,
      earlyBooking: 3,
      peak: 6,
      free: -1,
      groupsOver: 1,
    });
  });

  it('keeps the months with nothing in them when there are no groups', () => {
    const forecast = occupancyForecast([], { enrollments: [], seats: [], referrals: new Map() }, '2026-06-10', NOW);
    expect(forecast.map((m) => m.month)).toHaveLength(12);
    expect(forecast.every((m) => m.capacity === 0 && m.peak === 0)).toBe(true);
  });
});
