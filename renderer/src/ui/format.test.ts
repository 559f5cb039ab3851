import { formatCityTime, formatDate, formatInstant, formatNumber, formatTime } from './format.js';

describe('formatting for the user', () => {
  it('shows instants in the city’s zone (Asia/Almaty, UTC+5), whatever the PC’s zone, in every language', () => {
    for (const language of ['ru', 'kk', 'en']) {
      expect(formatInstant('2026-06-10T18:59:59.999Z', language)).toBe('10.06.2026, 23:59');
      expect(formatCityTime('2026-12-05T07:41:00Z', language)).toBe('05.12.2026, 12:41');
      expect(formatTime('2026-12-05T07:41:00Z', language)).toBe('12:41');
    }
  });

  it('shows calendar dates as DD.MM.YYYY in ru, kk and en alike', () => {
    for (const language of ['ru', 'kk', 'en']) expect(formatDate('2027-06-01', language)).toBe('01.06.2027');
  });

  it('groups digits the language’s way', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'ru')).toBe('12\u00a0345');
  });
});
