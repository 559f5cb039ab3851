/** The city's zone: times are always shown as Petropavl sees them, not as the office PC's zone says. */
export const CITY_ZONE = 'Asia/Almaty';

export const localeOf = (language: string) => (language === 'kk' ? 'kk-KZ' : language === 'en' ? 'en-GB' : 'ru-RU');

/** Time of day with seconds, in the city's zone (status bar). */
export function formatCityTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: CITY_ZONE,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));
}

/** An instant as date and minutes in the city's zone: "10.06.2026, 23:59". */
export function formatInstant(iso: string | Date, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: CITY_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** A calendar date (YYYY-MM-DD, already the city's date) in the user's locale. */
export function formatDate(date: string, language: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(n);
}
