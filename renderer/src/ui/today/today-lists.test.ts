import type { Command } from '../../../../shared/commands/command.js';
import { calendarFromTable, kzCalendarDays } from '../../../../shared/calendar/index.js';
import type { Publication, Referral } from '../../../../shared/domain/index.js';
import { todayLists, type TodayInput } from './today-lists.js';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
/** Wednesday 3 June 2026, 10:00 in Petropavl. */
const NOW = new Date('2026-06-03T05:00:00.000Z');
const calendar = calendarFromTable(kzCalendarDays);
const stamp = { rev: 1, updatedAt: '2026-06-01T00:00:00.000Z' };
const publication = (n: number, more: Partial<Publication> = {}): Publication => ({
  id: id(n),
  kindergartenId: id(9),
  groupId: id(1),
  scheduleEntryId: null,
  vacancyId: id(20),
  previousPublicationId: null,
  birthYear: 2023,
  language: 'ru',
  seats: 2,
  availableFrom: '2026-06-01',
  publishedAt: '2026-06-02T05:00:00.000Z',
  windowClosesAt: '2026-06-05T13:00:00.000Z',
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
  childFullName: `Ребёнок ${n}`,
  childBirthDate: '2023-02-02',
  childIin: '230202500017',
  representativeFullName: 'Мама',
  representativePhone: '',
  availableFrom: '2026-06-01',
  claimedAt: '2026-06-02T06:00:00.000Z',
  claimedInPhase: 'queue_window',
  contractDeadline: '2026-06-05T13:00:00.000Z',
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
const command = (n: number, status: Command['status']): Command => ({
  id: id(400 + n),
  kind: 'referral.concludeContract',
  payload: { referralId: id(101) },
  deviceId: 'pc',
  deviceTime: '2026-06-03T04:00:00.000Z',
  status,
  rejection: null,
  executedAt: null,
  rev: 0,
  updatedAt: '2026-06-03T04:00:00.000Z',
});
const input = (more: Partial<TodayInput>): TodayInput => ({
  now: NOW,
  calendar,
  publications: [],
  referrals: [],
  pending: [],
  refused: [],
  lastLooked: null,
  ...more,
});

describe('what "Today" lists for the head', () => {
  it('lists a queue window open now with its working days left, not one closed or not yet in its window', () => {
    const lists = todayLists(
      input({
        publications: [
          publication(1),
          publication(2, { windowClosesAt: '2026-06-02T13:00:00.000Z' }),
          publication(3, { withdrawnAt: '2026-06-02T08:00:00.000Z' }),
        ],
      }),
    );
    // Wednesday → Friday: Thursday and Friday are left.
    expect(lists.windows.map((w) => [w.publication.id, w.workingDaysLeft])).toEqual([[id(1), 2]]);
  });

  it('counts claims made after the last look as new, and all of them before the first look', () => {
    const referrals = [referral(1), referral(2, { claimedAt: '2026-06-03T04:30:00.000Z' })];
    expect(todayLists(input({ referrals, lastLooked: '2026-06-03T00:00:00.000Z' })).newClaims.map((r) => r.id)).toEqual(
      [id(102)],
    );
    expect(todayLists(input({ referrals })).newClaims).toHaveLength(2);
  });

  it('lists active contract deadlines within 2 working days, skipping later ones and expired ones', () => {
    const lists = todayLists(
      input({
        referrals: [
          referral(1),
          referral(2, { contractDeadline: '2026-06-10T13:00:00.000Z' }),
          referral(3, { contractDeadline: '2026-06-02T13:00:00.000Z' }),
        ],
      }),
    );
    expect(lists.deadlines.map((d) => [d.referral.id, d.workingDaysLeft])).toEqual([[id(101), 2]]);
  });

  it('lists a contracted child whose seat has freed up as an enrollment due, not one booked ahead', () => {
    const lists = todayLists(
      input({
        referrals: [
          referral(1, { status: 'contracted' }),
          referral(2, { status: 'contracted', availableFrom: '2026-09-01' }),
        ],
      }),
    );
    expect(lists.enrollmentsDue.map((r) => r.id)).toEqual([id(101)]);
  });

  it('lists early-booking seats freeing up within 60 days, not later ones or withdrawn ones', () => {
    const lists = todayLists(
      input({
        publications: [
          publication(1, { availableFrom: '2026-07-01', windowClosesAt: null }),
          publication(2, { availableFrom: '2026-09-01', windowClosesAt: null }),
          publication(3, { availableFrom: '2026-07-01', withdrawnAt: '2026-06-02T08:00:00.000Z' }),
        ],
      }),
    );
    expect(lists.earlyBooking.map((p) => p.id)).toEqual([id(1)]);
  });

  it('lists unsent changes and open refusals with the object each is about', () => {
    const lists = todayLists(input({ pending: [command(1, 'pending')], refused: [command(2, 'rejected')] }));
    expect(lists.unsent.map((u) => u.objectId)).toEqual([id(101)]);
    expect(lists.refusals.map((u) => u.command.id)).toEqual([id(402)]);
  });
});
