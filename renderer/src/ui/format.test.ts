import { formatDate, formatInstant, formatNumber } from './format.js';

describe('formatting for the user', () => {
  it('shows instants in the city’s zone (Asia/Almaty, UTC+5), whatever the PC’s zone', () => {
    expect(formatInstant('2026-06-10T18:59:59.999Z', 'ru')).toBe('10.06.2026, 23:59');
  });

  it('shows calendar dates as they are, in the user’s locale', () => {
    expect(formatDate('2026-06-03', 'ru')).toBe('03.06.2026');
    expect(formatDate('2026-06-03', 'en')).toBe('03/06/2026');
  });

  it('groups digits the locale’s way', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});
