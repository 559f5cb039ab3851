/** An instant: an ISO string with an offset, a Date, or milliseconds since the epoch. */
export type Instant = string | Date | number;

/** The city's offset from UTC in minutes at an instant (ms since the epoch): 300 from 1 March 2024, 360 before. */
export function cityOffsetMinutes(ms: number): number;
/** A calendar date (YYYY-MM-DD, already the city's date) as "01.06.2027"; anything else throws. */
export function formatCityDate(date: string): string;
/** The city's date of an instant as "01.06.2027". */
export function formatCityDay(instant: Instant): string;
/** The city's time of day of an instant as "23:59". */
export function formatCityTime(instant: Instant): string;
/** The city's time of day of an instant with seconds, "23:59:07". */
export function formatCityClock(instant: Instant): string;
/** An instant as the city's date and time, "10.06.2026, 23:59". */
export function formatCityInstant(instant: Instant): string;
