import type { Group, Kindergarten } from '../../../shared/domain/index.js';
import type { MonthLoad } from '../../../shared/rules/index.js';
import { formatCityDate } from '../../../shared/text/city-format.js';
import { headSignature, type Signatory, type Translate } from './build-documents.js';
import type { DocumentLanguage, DocumentRow, PrintDocument } from './document.js';

/** One group's 12 months, as the unit calendar shows them (shared capacity-by-date rule). */
export interface GroupCalendar {
  group: Group;
  months: MonthLoad[];
}

/** "09.2026": a month as documents write it. */
export const monthText = (month: string): string => `${month.slice(5, 7)}.${month.slice(0, 4)}`;

/**
 * Dates over capacity as the city writes them, consecutive days joined into a range:
 * "01.09.2026–15.09.2026, 20.09.2026".
 */
export function overCapacityText(dates: readonly string[], nextDay: (date: string) => string): string {
  const ranges: Array<[string, string]> = [];
  for (const date of dates) {
    const last = ranges[ranges.length - 1];
    if (last && nextDay(last[1]) === date) last[1] = date;
    else ranges.push([date, date]);
  }
  return ranges
    .map(([from, to]) => (from === to ? formatCityDate(from) : `${formatCityDate(from)}–${formatCityDate(to)}`))
    .join(', ');
}

/**
 * Календарь мест: for each group and month, capacity, the peak day's attending and promised seats
 * (held returned seats among them), departures, free seats and the dates over capacity — A4
 * landscape; in XLSX the month is a real date and the figures numbers.
 */
export function unitCalendarDocument(
  calendars: readonly GroupCalendar[],
  kindergarten: Pick<Kindergarten, 'nameRu' | 'nameKk'>,
  options: {
    language: DocumentLanguage;
    t: Translate;
    today: string;
    nextDay(date: string): string;
    signatory?: Signatory | null;
  },
): PrintDocument {
  const { t, language } = options;
  const rows: DocumentRow[] = calendars.flatMap(({ group, months }) =>
    months.map((m) => {
      const promised = m.peak.referred + m.peak.published + m.peak.held;
      const leaving = m.departures.graduation + m.departures.moveUp + m.departures.termination;
      const over = overCapacityText(m.overCapacity, options.nextDay);
      return {
        id: `${group.id}:${m.month}`,
        pending: false,
        cells: [
          group.name,
          monthText(m.month),
          String(m.capacity),
          String(m.peak.attending),
          String(promised),
          String(m.peak.held),
          String(leaving),
          String(m.free),
          over || '—',
        ],
        xlsx: [
          group.name,
          { date: `${m.month}-01`, format: 'mm.yyyy' },
          m.capacity,
          m.peak.attending,
          promised,
          m.peak.held,
          leaving,
          m.free,
          over || '—',
        ],
      };
    }),
  );
  const title = t('calendar.docTitle');
  return {
    kind: 'unitCalendar',
    language,
    landscape: true,
    kindergartenName: language === 'kk' ? kindergarten.nameKk : kindergarten.nameRu,
    title,
    date: formatCityDate(options.today),
    heading: [title],
    preamble: '',
    columns: [
      { label: t('groups.name'), width: 14 },
      { label: t('dashboard.calendarMonth'), width: 8, align: 'center' },
      { label: t('dashboard.capacity'), width: 9, align: 'center' },
      { label: t('dashboard.attending'), width: 9, align: 'center' },
      { label: t('dashboard.calendarPromised'), width: 9, align: 'center' },
      { label: t('calendar.held'), width: 9, align: 'center' },
      { label: t('dashboard.calendarLeaving'), width: 8, align: 'center' },
      { label: t('dashboard.free'), width: 8, align: 'center' },
      { label: t('dashboard.calendarOverDays'), width: 26 },
    ],
    rows,
    legend: null,
    unconfirmed: [],
    iinNote: null,
    signatures: [headSignature(t, options.signatory ?? null)],
    fileName: `${t('calendar.docFile')} ${options.today}`,
    emptyText: t('doc.empty'),
  };
}
