import { CITY_ZONE } from '../../../shared/calendar/index.js';
import {
  formatCityDate,
  formatCityInstant,
  formatCityTime as cityTimeOfDay,
} from '../../../shared/text/city-format.js';

/** The city's zone (from the shared calendar): times are shown as Petropavl sees them, not the PC's zone. */
export { CITY_ZONE };

export const localeOf = (language: string) => (language === 'kk' ? 'kk-KZ' : language === 'en' ? 'en-GB' : 'ru-RU');

/**
 * Dates and times are the same in ru, kk and en: DD.MM.YYYY and HH:mm in the city's time
 * (`shared/text/city-format.js`, also loaded by the parent page and used by print), never Intl's
 * locale data (Chromium's "kk" writes 2027-06-01 and "12-05 12:41"). The `language` argument is
 * kept so a call site reads the same as for numbers.
 */
export function formatInstant(iso: string | Date, _language?: string): string {
  return formatCityInstant(iso);
}

/** The last sync and other moments of today: "05.12.2026, 12:41" (the day, so yesterday's sync is not read as today's). */
export function formatCityTime(iso: string, _language?: string): string {
  return formatCityInstant(iso);
}

/** Time of day only, "12:41". */
export function formatTime(iso: string | Date, _language?: string): string {
  return cityTimeOfDay(iso);
}

/** A calendar date (YYYY-MM-DD, already the city's date): "01.06.2027". */
export function formatDate(date: string, _language?: string): string {
  return formatCityDate(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** Digits grouped the language's way ("12 345" in ru and kk, "12,345" in en); Intl is right here. */
export function formatNumber(n: number, language: string): string {
  let f = numberFormats.get(language);
  if (!f) numberFormats.set(language, (f = new Intl.NumberFormat(localeOf(language))));
  return f.format(n);
}
