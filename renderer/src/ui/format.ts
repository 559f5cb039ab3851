import { CITY_ZONE } from '../../../shared/calendar/index.js';

/** The city's zone (from the shared calendar): times are shown as Petropavl sees them, not the PC's zone. */
export { CITY_ZONE };

export const localeOf = (language: string) => (language === 'kk' ? 'kk-KZ' : language === 'en' ? 'en-GB' : 'ru-RU');

type Style = 'cityTime' | 'instant' | 'date' | 'number';

const styles: Record<Exclude<Style, 'number'>, Intl.DateTimeFormatOptions> = {
  cityTime: {
    timeZone: CITY_ZONE,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  },
  instant: {
    timeZone: CITY_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  },
  date: { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' },
};

/**
 * One formatter per language and style: building an Intl formatter costs milliseconds, and the
 * claims board formats every visible row on every change (profiled in bench/live-propagation).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter(style: Style, language: string) {
  const key = `${style}|${language}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      style === 'number'
        ? new Intl.NumberFormat(localeOf(language))
        : new Intl.DateTimeFormat(localeOf(language), styles[style]);
    formatters.set(key, f);
  }
  return f;
}

/** Time of day with seconds, in the city's zone (status bar). */
export function formatCityTime(iso: string, language: string): string {
  return (formatter('cityTime', language) as Intl.DateTimeFormat).format(new Date(iso));
}

/** An instant as date and minutes in the city's zone: "10.06.2026, 23:59". */
export function formatInstant(iso: string | Date, language: string): string {
  return (formatter('instant', language) as Intl.DateTimeFormat).format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** A calendar date (YYYY-MM-DD, already the city's date) in the user's locale. */
export function formatDate(date: string, language: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return (formatter('date', language) as Intl.DateTimeFormat).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

export function formatNumber(n: number, language: string): string {
  return (formatter('number', language) as Intl.NumberFormat).format(n);
}
