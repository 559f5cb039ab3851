import {
  canCancelDeparture,
  capacityAfterCancel,
  freedSeatsPublished,
  namedPublicationIds,
} from './departure-cancel.js';

const departure = { id: 'd1', kind: 'graduation', departsOn: '2026-06-30', cancelled: false };
const load = (attending: number, published: number) => ({
  attending: Array.from({ length: attending }, () => ({ enrolledOn: '2025-09-01', departedOn: null })),
  promised: published ? [{ availableFrom: '2026-06-30', count: published, kind: 'published' as const }] : [],
});

describe('cancelling a departure not yet in effect', () => {
  it('is allowed before its date only, once, and never for an account block', () => {
    expect(canCancelDeparture(departure, '2026-06-29').ok).toBe(true);
    expect(canCancelDeparture(departure, '2026-06-30')).toEqual({
      ok: false,
      rejection: { code: 'departure_in_effect', params: { date: '2026-06-30' } },
    });
    expect(canCancelDeparture({ ...departure, cancelled: true }, '2026-06-01')).toMatchObject({
      rejection: { code: 'departure_cancelled' },
    });
    expect(canCancelDeparture({ ...departure, kind: 'account_blocked' }, '2026-06-01')).toMatchObject({
      rejection: { code: 'departure_not_cancellable', params: { kind: 'account_blocked' } },
    });
  });

  it('names the publications on the freed capacity, earliest first, when the children back would exceed it', () => {
    const publications = [
      { id: 'p2', availableFrom: '2026-09-01' },
      { id: 'p1', availableFrom: '2026-06-30' },
      { id: 'p0', availableFrom: '2026-06-01' },
    ];
    expect(capacityAfterCancel(20, '2026-06-10', '2026-06-30', load(20, 0), publications).ok).toBe(true);
    const refused = capacityAfterCancel(20, '2026-06-10', '2026-06-30', load(20, 2), publications);
    expect(refused).toEqual({
      ok: false,
      rejection: {
        code: 'freed_seats_published',
        params: { count: 2, availableFrom: '2026-06-30', publicationIds: 'p1,p2' },
      },
    });
    expect(!refused.ok && namedPublicationIds(refused.rejection.params)).toEqual(['p1', 'p2']);
    // Over capacity with no publication from the departure's date to blame.
    expect(capacityAfterCancel(20, '2026-06-10', '2026-06-30', load(21, 0), [])).toMatchObject({
      rejection: { code: 'over_capacity' },
    });
    expect(freedSeatsPublished([]).ok).toBe(true);
  });
});
