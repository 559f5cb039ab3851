import fc from 'fast-check';
import { checkCapacity, checkCapacityChange, occupancyOn, peakOccupancy, type GroupLoad } from './capacity.js';

const stay = (enrolledOn: string, departedOn: string | null = null) => ({ enrolledOn, departedOn });
const times = <T>(n: number, make: () => T) => Array.from({ length: n }, make);

describe('occupancy by date', () => {
  const load: GroupLoad = {
    attending: [stay('2025-09-01', '2026-09-01'), stay('2026-01-15')],
    promised: [{ availableFrom: '2026-09-01' }, { availableFrom: '2026-06-10', count: 2 }],
  };

  it('counts a child from the enrollment date and no longer on the departure date', () => {
    expect(occupancyOn('2026-01-14', { attending: load.attending, promised: [] })).toBe(1);
    expect(occupancyOn('2026-01-15', { attending: load.attending, promised: [] })).toBe(2);
    expect(occupancyOn('2026-08-31', { attending: load.attending, promised: [] })).toBe(2);
    expect(occupancyOn('2026-09-01', { attending: load.attending, promised: [] })).toBe(1);
  });

  it('counts promised seats from their available-from date on', () => {
    expect(occupancyOn('2026-06-09', load)).toBe(2);
    expect(occupancyOn('2026-06-10', load)).toBe(4);
    expect(occupancyOn('2026-09-01', load)).toBe(4);
  });

  it('finds the highest occupancy from a date on, and the first date it is reached', () => {
    expect(peakOccupancy('2026-06-01', load)).toEqual({ date: '2026-06-10', occupancy: 4 });
    expect(peakOccupancy('2024-01-01', { attending: [stay('2025-09-01', '2026-09-01')], promised: [] })).toEqual({
      date: '2025-09-01',
      occupancy: 1,
    });
  });
});

describe('capacity check', () => {
  const fullGraduatingGroup: GroupLoad = { attending: times(25, () => stay('2021-09-01', '2026-09-01')), promised: [] };

  it('lets a full group publish the seats its graduates free on 1 September', () => {
    const load = { ...fullGraduatingGroup, promised: [{ availableFrom: '2026-09-01', count: 25 }] };
    expect(checkCapacity(25, '2026-06-01', load)).toEqual({ ok: true });
  });

  it('refuses one seat more than the graduates free, naming the date', () => {
    const load = { ...fullGraduatingGroup, promised: [{ availableFrom: '2026-09-01', count: 26 }] };
    expect(checkCapacity(25, '2026-06-01', load)).toEqual({
      ok: false,
      rejection: { code: 'over_capacity', params: { date: '2026-09-01', capacity: 25, occupancy: 26 } },
    });
  });

  it('refuses seats available before the graduates leave', () => {
    const load = { ...fullGraduatingGroup, promised: [{ availableFrom: '2026-08-31', count: 1 }] };
    expect(checkCapacity(25, '2026-06-01', load)).toMatchObject({
      rejection: { code: 'over_capacity', params: { date: '2026-08-31', occupancy: 26 } },
    });
  });

  it('ignores the past: occupancy before the from date does not count', () => {
    const load = { attending: times(3, () => stay('2025-09-01', '2026-05-31')), promised: [] };
    expect(checkCapacity(2, '2026-06-01', load).ok).toBe(true);
    expect(checkCapacity(2, '2026-05-30', load).ok).toBe(false);
  });

  it('refuses lowering capacity below what attends or is promised on a later date', () => {
    const load = {
      attending: times(20, () => stay('2025-09-01')),
      promised: [{ availableFrom: '2026-09-01', count: 3 }],
    };
    expect(checkCapacityChange(23, '2026-06-01', load)).toEqual({ ok: true });
    expect(checkCapacityChange(22, '2026-06-01', load)).toEqual({
      ok: false,
      rejection: { code: 'capacity_below_occupancy', params: { date: '2026-09-01', capacity: 22, occupancy: 23 } },
    });
  });
});

describe('capacity properties', () => {
  const day = fc
    .integer({ min: 0, max: 400 })
    .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
  const attendance = fc.record({ enrolledOn: day, departedOn: fc.option(day, { nil: null }) });
  const promise = fc.record({ availableFrom: day, count: fc.integer({ min: 1, max: 5 }) });
  const load = fc.record({
    attending: fc.array(attendance, { maxLength: 30 }),
    promised: fc.array(promise, { maxLength: 10 }),
  });

  it('never finds a peak below the occupancy on any single date from the start', () => {
    fc.assert(
      fc.property(load, day, day, (groupLoad, fromDate, date) => {
        const peak = peakOccupancy(fromDate, groupLoad);
        expect(peak.date >= fromDate).toBe(true);
        expect(occupancyOn(peak.date, groupLoad)).toBe(peak.occupancy);
        if (date >= fromDate) expect(peak.occupancy).toBeGreaterThanOrEqual(occupancyOn(date, groupLoad));
      }),
    );
  });

  it('equals the maximum found by checking every single date', () => {
    fc.assert(
      fc.property(load, day, (groupLoad, fromDate) => {
        let maximum = 0;
        for (let n = 0; n <= 401; n += 1) {
          const date = new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
          if (date >= fromDate) maximum = Math.max(maximum, occupancyOn(date, groupLoad));
        }
        expect(peakOccupancy(fromDate, groupLoad).occupancy).toBe(maximum);
      }),
      { numRuns: 50 },
    );
  });

  it('never lowers the peak when a promise is added', () => {
    fc.assert(
      fc.property(load, promise, day, (groupLoad, extra, fromDate) => {
        const before = peakOccupancy(fromDate, groupLoad).occupancy;
        const after = peakOccupancy(fromDate, { ...groupLoad, promised: [...groupLoad.promised, extra] }).occupancy;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
