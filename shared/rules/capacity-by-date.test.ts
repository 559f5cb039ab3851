import fc from 'fast-check';
import { plusDays } from '../calendar/dates.js';
import { loadOn, monthlyLoad, occupancyOn, type GroupLoad } from './capacity-by-date.js';
import { checkCapacity } from './capacity.js';
import { promisedSeatKind, type SeatFacts } from './promised-seats.js';

const stay = (
  enrolledOn: string,
  departedOn: string | null = null,
  leaves: 'graduation' | 'move_up' | null = null,
) => ({
  enrolledOn,
  departedOn,
  leaves,
});

describe('the unit calendar of a group', () => {
  const load: GroupLoad = {
    attending: [
      stay('2025-09-01', '2027-06-01', 'graduation'),
      stay('2025-09-01', '2027-06-01', 'graduation'),
      stay('2025-09-01', '2027-03-15', 'move_up'),
      stay('2025-09-01', '2027-03-20'),
    ],
    promised: [
      { availableFrom: '2027-03-10', kind: 'referral' },
      { availableFrom: '2027-03-12', count: 2, kind: 'published' },
      { availableFrom: '2027-09-01', kind: 'held' },
    ],
  };

  it('shows each month at its peak over its days, not on its first day', () => {
    const march = monthlyLoad(5, '2027-02-10', load, 12)[1]!;
    expect(march.month).toBe('2027-03');
    expect(march.peak).toEqual({ date: '2027-03-12', attending: 4, referred: 1, published: 2, held: 0, occupancy: 7 });
    expect(march.free).toBe(-2);
    expect(occupancyOn('2027-03-01', load)).toBe(4);
  });

  it('marks exactly the days over capacity', () => {
    const march = monthlyLoad(5, '2027-02-10', load, 12)[1]!;
    // 7 from the 12th, 6 from the 15th, 5 from the 20th: over on 12–19 March.
    expect(march.overCapacity).toEqual(Array.from({ length: 8 }, (_, i) => plusDays('2027-03-12', i)));
  });

  it('counts departures by kind in the month they take effect', () => {
    const months = monthlyLoad(5, '2027-02-10', load, 12);
    expect(months[1]!.departures).toEqual({ graduation: 0, moveUp: 1, termination: 1 });
    expect(months[4]!.month).toBe('2027-06');
    expect(months[4]!.departures).toEqual({ graduation: 2, moveUp: 0, termination: 0 });
  });

  it('starts the first month on the first date and covers twelve months', () => {
    const months = monthlyLoad(5, '2027-02-10', load, 12);
    expect(months.map((m) => m.month)).toEqual([
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-11',
      '2027-12',
      '2028-01',
    ]);
    expect(months[0]!.from).toBe('2027-02-10');
    expect(months[0]!.to).toBe('2027-02-28');
    expect(months[11]!.to).toBe('2028-01-31');
  });

  it('splits the load of a date by what holds the seats', () => {
    expect(loadOn('2027-09-01', load)).toEqual({
      date: '2027-09-01',
      attending: 0,
      referred: 1,
      published: 2,
      held: 1,
      occupancy: 4,
    });
  });
});

describe('unit calendar properties', () => {
  const day = fc
    .integer({ min: 0, max: 420 })
    .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
  const kind = fc.constantFrom('referral' as const, 'published' as const, 'held' as const);
  const attendance = fc.record({ enrolledOn: day, departedOn: fc.option(day, { nil: null }) });
  const promise = fc.record({ availableFrom: day, count: fc.integer({ min: 1, max: 4 }), kind });
  const load = fc.record({
    attending: fc.array(attendance, { maxLength: 25 }),
    promised: fc.array(promise, { maxLength: 8 }),
  });
  const capacity = fc.integer({ min: 0, max: 20 });

  it('equals the day-by-day maximum and over-capacity days of every month', () => {
    fc.assert(
      fc.property(load, day, capacity, (groupLoad, fromDate, cap) => {
        for (const month of monthlyLoad(cap, fromDate, groupLoad, 3)) {
          let maximum = -1;
          const over: string[] = [];
          for (let d = month.from; d <= month.to; d = plusDays(d, 1)) {
            const occupancy = occupancyOn(d, groupLoad);
            maximum = Math.max(maximum, occupancy);
            if (occupancy > cap) over.push(d);
          }
          expect(month.peak.occupancy).toBe(maximum);
          expect(occupancyOn(month.peak.date, groupLoad)).toBe(maximum);
          expect(month.overCapacity).toEqual(over);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('says a month is over capacity exactly when the server rule refuses from its first day to its last', () => {
    fc.assert(
      fc.property(load, day, capacity, (groupLoad, fromDate, cap) => {
        const months = monthlyLoad(cap, fromDate, groupLoad, 12);
        const anyOver = months.some((m) => m.overCapacity.length > 0);
        const beyond = months.at(-1)!.to;
        const within: GroupLoad = {
          attending: groupLoad.attending.map((a) => ({
            ...a,
            departedOn: a.departedOn === null || a.departedOn > beyond ? plusDays(beyond, 1) : a.departedOn,
          })),
          promised: groupLoad.promised.filter((p) => p.availableFrom <= beyond),
        };
        expect(!checkCapacity(cap, fromDate, within).ok).toBe(anyOver);
      }),
      { numRuns: 100 },
    );
  });
});

describe('which seats hold a place in the load', () => {
  const now = new Date('2027-03-10T06:00:00Z');
  const facts = (over: Partial<SeatFacts>): SeatFacts => ({
    status: 'open',
    referral: null,
    publicationWithdrawn: false,
    republished: false,
    ...over,
  });
  const referral = (status: 'active' | 'contracted' | 'refused', contractDeadline: string) => ({
    status,
    contractDeadline,
  });

  it('counts open seats as published and claimed seats of live referrals as referred', () => {
    expect(promisedSeatKind(facts({}), now)).toBe('published');
    expect(
      promisedSeatKind(facts({ status: 'claimed', referral: referral('contracted', '2027-03-01T00:00:00Z') }), now),
    ).toBe('referral');
    expect(
      promisedSeatKind(facts({ status: 'claimed', referral: referral('active', '2027-03-11T00:00:00Z') }), now),
    ).toBe('referral');
    expect(
      promisedSeatKind(facts({ status: 'claimed', referral: referral('refused', '2027-03-11T00:00:00Z') }), now),
    ).toBe(null);
  });

  it('keeps an overdue referral counted while its publication stands, and not once it is withdrawn', () => {
    const overdue = facts({ status: 'claimed', referral: referral('active', '2027-03-09T00:00:00Z') });
    expect(promisedSeatKind(overdue, now)).toBe('referral');
    expect(promisedSeatKind({ ...overdue, publicationWithdrawn: true }, now)).toBe(null);
  });

  it('counts a returned seat as held until it is republished, unless its publication was withdrawn', () => {
    expect(promisedSeatKind(facts({ status: 'returned' }), now)).toBe('held');
    expect(promisedSeatKind(facts({ status: 'returned', republished: true }), now)).toBe(null);
    expect(promisedSeatKind(facts({ status: 'returned', publicationWithdrawn: true }), now)).toBe(null);
    expect(promisedSeatKind(facts({ status: 'withdrawn' }), now)).toBe(null);
  });
});
