import type { ForecastMonth, IntakeFigureKey, IntakeFigures, IntakeStatistics } from '../../../shared/reports/index.js';
import { intakeFigureKeys, reportAgeGroups, reportLanguages, reportPriorities } from '../../../shared/reports/index.js';
import { formatCityDate } from '../../../shared/text/city-format.js';
import type { Translate } from './build-documents.js';
import type { DocumentLanguage, DocumentRow, PrintDocument, XlsxCell } from './document.js';
import { monthText } from './unit-calendar-document.js';

/** Whose report: a kindergarten's name, or the city's ("Петропавловск: все детские сады города"). */
export interface ReportScope {
  name: string;
  /** Signature lines under the table (the head's on the desk; none from the department's console). */
  signatures: string[];
}

interface ReportOptions {
  language: DocumentLanguage;
  t: Translate;
  /** The city date the report is made on. */
  today: string;
  scope: ReportScope;
}

/** Hours as days with one decimal, the way the document's language writes it ("1,5 сут."). */
function daysText(hours: number | null, t: Translate): string {
  if (hours === null) return t('report.noMedian');
  return t('report.days', { days: (hours / 24).toFixed(1).replace('.', ',') });
}

const figureRow = (id: string, label: string, figures: IntakeFigures): DocumentRow => ({
  id,
  pending: false,
  cells: [label, ...intakeFigureKeys.map((k) => String(figures[k]))],
  xlsx: [label, ...intakeFigureKeys.map((k) => figures[k])],
});

/** A row of one figure only (a decline's ground, a termination's reason), the other columns blank. */
function oneFigureRow(id: string, label: string, key: IntakeFigureKey, n: number): DocumentRow {
  const cells: XlsxCell[] = intakeFigureKeys.map((k) => (k === key ? n : ''));
  return { id, pending: false, cells: [label, ...cells.map(String)], xlsx: [label, ...cells] };
}

/**
 * Статистика комплектования: one table, A4 landscape — the figures in columns (seats published,
 * referrals issued, contracts, enrollments, refusals, declines, expiries, terminations), the total
 * and each age group, language and queue category in rows, then the declines by ground and the
 * terminations by reason; the period and the medians in the heading. In XLSX the figures are numbers.
 */
export function intakeStatisticsDocument(stats: IntakeStatistics, options: ReportOptions): PrintDocument {
  const { t, language } = options;
  const rows: DocumentRow[] = [figureRow('total', t('report.total'), stats.total)];
  for (const age of reportAgeGroups)
    rows.push(figureRow(`age:${age}`, t('report.byAgeGroup', { name: t(`ageGroup.${age}`) }), stats.byAgeGroup[age]));
  for (const lang of reportLanguages)
    rows.push(
      figureRow(
        `lang:${lang}`,
        t('report.byLanguage', { name: t(`languageOfInstruction.${lang}`) }),
        stats.byLanguage[lang],
      ),
    );
  for (const priority of reportPriorities)
    rows.push(
      figureRow(
        `priority:${priority}`,
        t('report.byPriority', { name: t(`report.priority.${priority}`) }),
        stats.byPriority[priority],
      ),
    );
  const reason = (code: string) => t(`closeReason.${code}`, { defaultValue: code });
  for (const [ground, n] of Object.entries(stats.declinedByGround))
    rows.push(oneFigureRow(`declined:${ground}`, t('report.declinedGround', { name: reason(ground) }), 'declined', n));
  for (const [code, n] of Object.entries(stats.terminatedByReason))
    rows.push(
      oneFigureRow(`terminated:${code}`, t('report.terminatedReason', { name: reason(code) }), 'terminated', n),
    );
  const title = t('report.statisticsTitle');
  const period = t('report.period', { from: formatCityDate(stats.from), to: formatCityDate(stats.to) });
  const median = t('report.median', {
    toClaim: daysText(stats.medianHours.publicationToClaim, t),
    toContract: daysText(stats.medianHours.claimToContract, t),
  });
  return {
    kind: 'intakeStatistics',
    language,
    landscape: true,
    kindergartenName: options.scope.name,
    // With its period: the running header and the spreadsheet's title row say which period it is.
    title: `${title} ${period}`,
    date: formatCityDate(options.today),
    heading: [title, period, median],
    preamble: '',
    columns: [
      { label: t('report.slice'), width: 22 },
      ...intakeFigureKeys.map((k) => ({ label: t(`report.figure.${k}`), width: 9.75, align: 'center' as const })),
    ],
    rows,
    legend: null,
    unconfirmed: [],
    iinNote: null,
    signatures: options.scope.signatures,
    fileName: `${t('report.statisticsFile')} ${stats.from} ${stats.to}`,
    emptyText: t('doc.empty'),
  };
}

/** The forecast's columns and their shares of the width (percent, with the month's 6): each sized for its longest word. */
const forecastColumns = {
  capacity: 8,
  attending: 8,
  graduation: 7,
  moveUp: 8,
  otherDepartures: 7.5,
  earlyBooking: 8,
  referrals: 12,
  published: 11,
  peak: 7,
  free: 9.5,
  groupsOver: 8,
} as const;
const forecastKeys = Object.keys(forecastColumns) as Array<keyof typeof forecastColumns>;

/**
 * Прогноз наполняемости: the next 12 months, each at its groups' peak days (the unit calendar's
 * shared capacity-by-date function), A4 landscape; in XLSX the month is a real date.
 */
export function occupancyForecastDocument(months: readonly ForecastMonth[], options: ReportOptions): PrintDocument {
  const { t, language } = options;
  const title = t('report.forecastTitle');
  return {
    kind: 'occupancyForecast',
    language,
    landscape: true,
    kindergartenName: options.scope.name,
    title,
    date: formatCityDate(options.today),
    heading: [title, t('report.forecastFrom', { date: formatCityDate(options.today) })],
    preamble: '',
    columns: [
      { label: t('report.month'), width: 6, align: 'center' },
      ...forecastKeys.map((k) => ({ label: t(`report.${k}`), width: forecastColumns[k], align: 'center' as const })),
    ],
    rows: months.map((m) => ({
      id: m.month,
      pending: false,
      cells: [monthText(m.month), ...forecastKeys.map((k) => String(m[k]))],
      xlsx: [{ date: `${m.month}-01`, format: 'mm.yyyy' }, ...forecastKeys.map((k) => m[k])],
    })),
    legend: null,
    unconfirmed: [],
    iinNote: null,
    signatures: options.scope.signatures,
    fileName: `${t('report.forecastFile')} ${options.today}`,
    emptyText: t('doc.empty'),
  };
}
