import fc from 'fast-check';
import {
  cityOffsetMinutes,
  formatCityClock,
  formatCityDate,
  formatCityDay,
  formatCityInstant,
  formatCityTime,
} from './city-format.js';

describe('dates and times in the city’s format', () => {
  it('writes a calendar date as DD.MM.YYYY', () => {
    expect(formatCityDate('2027-06-01')).toBe('01.06.2027');
    expect(formatCityDate('2026-12-31')).toBe('31.12.2026');
  });

  it('writes an instant in the city’s time (UTC+5 since 1 March 2024), whatever the PC’s zone', () => {
    expect(formatCityInstant('2026-06-10T18:59:59.999Z')).toBe('10.06.2026, 23:59');
    expect(formatCityInstant('2026-06-10T19:00:00Z')).toBe('11.06.2026, 00:00');
    expect(formatCityInstant('2026-12-05T07:41:30+00:00')).toBe('05.12.2026, 12:41');
    expect(formatCityTime(new Date('2026-12-05T07:41:30Z'))).toBe('12:41');
    expect(formatCityClock(Date.parse('2026-12-05T07:41:05Z'))).toBe('12:41:05');
    expect(formatCityDay('2026-06-10T19:00:00Z')).toBe('11.06.2026');
  });

  it('uses UTC+6 before 1 March 2024 (the clocks went back from 00:00 to 23:00), as the city did', () => {
    expect(cityOffsetMinutes(Date.parse('2024-02-29T17:59:59.999Z'))).toBe(360);
    expect(cityOffsetMinutes(Date.parse('2024-02-29T18:00:00Z'))).toBe(300);
    expect(formatCityInstant('2024-02-29T17:59:00Z')).toBe('29.02.2024, 23:59');
    expect(formatCityInstant('2024-02-29T18:00:00Z')).toBe('29.02.2024, 23:00');
  });

  it('refuses what is not a date or an instant instead of printing "Invalid Date"', () => {
    expect(() => formatCityDate('2027-6-1')).toThrow(RangeError);
    expect(() => formatCityInstant('yesterday')).toThrow(RangeError);
  });

  it('agrees with the zone database for every instant since the change', () => {
    const almaty = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Almaty',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2035, 0, 1) }), (ms) => {
        const p = Object.fromEntries(almaty.formatToParts(ms).map((x) => [x.type, x.value]));
        expect(formatCityInstant(ms)).toBe(`${p.day}.${p.month}.${p.year}, ${p.hour}:${p.minute}`);
      }),
    );
  });
});
