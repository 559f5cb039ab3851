import type { Group, Publication, Referral, Seat } from '../../../../shared/domain/index.js';
import { defaultRegionalSettings } from '../../../../shared/rules/index.js';
import { loadSourcesOf } from '../dashboard/load-sources.js';
import { publishVerdict } from './publish-verdict.js';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const NOW = new Date('2026-06-03T05:00:00.000Z');
const stamp = { rev: 1, updatedAt: '2026-06-01T00:00:00.000Z' };
const group: Group = {
  id: id(1),
  kindergartenId: id(9),
  name: 'Солнышко',
  ageGroup: 'early',
  nextAgeGroup: null,
  nextAgeGroupOn: null,
  language: 'ru',
  capacity: 2,
  ...stamp,
};
const publication: Publication = {
  id: id(10),
  kindergartenId: id(9),
  groupId: group.id,
  scheduleEntryId: null,
  vacancyId: id(20),
  previousPublicationId: null,
  birthYear: 2024,
  language: 'ru',
  seats: 2,
  availableFrom: '2026-09-01',
  publishedAt: '2026-05-20T05:00:00.000Z',
  windowClosesAt: '2026-05-25T12:00:00.000Z',
  withdrawnAt: null,
  round: 1,
  ...stamp,
};
const seat = (n: number, status: Seat['status']): Seat => ({
  id: id(100 + n),
  publicationId: publication.id,
  kindergartenId: id(9),
  groupId: group.id,
  availableFrom: '2026-09-01',
  status,
  referralId: null,
  ...stamp,
});
const request = {
  group,
  seats: 1,
  entry: null,
  remaining: 5,
  birthYear: 2024,
  availableFrom: '2026-09-01',
};
const lists = (seats: Seat[], publications: Publication[] = [publication]) =>
  loadSourcesOf({ enrollments: [], seats, referrals: [] as Referral[], publications, departures: [] });

describe('the publish dialog’s preview', () => {
  it('counts a returned seat held until it is republished, as the server does', () => {
    // Capacity 2: one open seat and one returned (held) seat fill it, so one more seat is refused.
    const verdict = publishVerdict(
      request,
      lists([seat(1, 'open'), seat(2, 'returned')]),
      NOW,
      defaultRegionalSettings,
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? null : verdict.rejection.code).toBe('over_capacity');
  });

  it('counts a republished returned seat once (its new seat), not also as held', () => {
    // Capacity 3: the open seat, the returned seat and its republication's open seat are two seats
    // of load, not three, so one more seat fits.
    const republication = { ...publication, id: id(11), previousPublicationId: publication.id, seats: 1 };
    const republished = { ...seat(3, 'open'), publicationId: republication.id };
    const verdict = publishVerdict(
      { ...request, group: { ...group, capacity: 3 } },
      lists([seat(1, 'open'), seat(2, 'returned'), republished], [publication, republication]),
      NOW,
      defaultRegionalSettings,
    );
    expect(verdict).toEqual({ ok: true });
  });
});
