// Dates and times as the user reads them, in every language of the desk and the parent page:
// DD.MM.YYYY and HH:mm in the city's time (the convention of official documents in Kazakhstan).
// Formatted here digit by digit, never by Intl's locale data: Chromium's and Electron's data for
// "kk" writes dates as 2027-06-01 and times as "12-05 12:41". Plain JavaScript (with
// city-format.d.ts beside it) so the parent page, which has no build step, loads this very file.

/**
 * Asia/Almaty (the zone the shared calendar names) is UTC+5 from 1 March 2024 00:00 local time
 * (29 February 2024 18:00 UTC) and was UTC+6 since 2005. The offset is fixed here by the instant,
 * not read from the zone database, because browsers with older zone data still say +6.
 */
const ZONE_CHANGE_MS = Date.UTC(2024, 1, 29, 18, 0, 0);

/** The city's offset from UTC in minutes at an instant (ms since the epoch). */
export function cityOffsetMinutes(ms) {
  return ms >= ZONE_CHANGE_MS ? 300 : 360;
}

const two = (n) => String(n).padStart(2, '0');

function toMs(instant) {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return ms;
}

/** The city's wall clock at an instant, as UTC fields of a shifted Date. */
function wall(instant) {
  const ms = toMs(instant);
  return new Date(ms + cityOffsetMinutes(ms) * 60_000);
}

/** A calendar date (YYYY-MM-DD, already the city's date) as "01.06.2027". */
export function formatCityDate(date) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return `${match[3]}.${match[2]}.${match[1]}`;
}

/** The city's date of an instant as "01.06.2027". */
export function formatCityDay(instant) {
  const d = wall(instant);
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** The city's time of day of an instant as "23:59". */
export function formatCityTime(instant) {
  const d = wall(instant);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** The city's time of day of an instant with seconds, "23:59:07" (clocks that tick). */
export function formatCityClock(instant) {
  const d = wall(instant);
  return `${formatCityTime(instant)}:${two(d.getUTCSeconds())}`;
}

/** An instant as the city's date and time, "10.06.2026, 23:59". */
export function formatCityInstant(instant) {
  return `${formatCityDay(instant)}, ${formatCityTime(instant)}`;
}
