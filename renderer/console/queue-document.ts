import type { QueueReport, QueueWaitingRow } from '../../shared/reports/queue.js';
import { formatCityDate, formatCityDay, formatCityInstant } from '../../shared/text/city-format.js';
import type { Translate } from '../src/print/build-documents.js';
import type { DocumentLanguage, DocumentRow, PrintDocument } from '../src/print/document.js';

export interface QueueDocumentOptions {
  language: DocumentLanguage;
  /** The catalogue fixed to the document's language. */
  t: Translate;
  city: { nameRu: string; nameKk: string };
  /** The department employee who prints it (the signature line). */
  signedBy: string;
}

/**
 * The queue report as two printable lists (A4, the desk's sheets and XLSX): who waits, by birth
 * year, language and category with the total; and who had a queue window in the period and did
 * not claim, one row per missed window.
 */
export function queueDocuments(report: QueueReport, options: QueueDocumentOptions): [PrintDocument, PrintDocument] {
  const { t, language } = options;
  const name = (o: { nameRu: string; nameKk: string }) => (language === 'kk' ? o.nameKk : o.nameRu);
  const scope = report.kindergarten ? name(report.kindergarten) : t('console.queue.allKindergartens');
  const owner = report.kindergarten
    ? name(report.kindergarten)
    : t('console.queue.department', { city: name(options.city) });
  const today = formatCityDay(report.at);
  const priority = (p: QueueWaitingRow['priority']) => t(`console.queue.priorityName.${p}`);
  const common = {
    language,
    kindergartenName: owner,
    date: today,
    preamble: '',
    legend: null,
    unconfirmed: [],
    iinNote: null,
    signatures: [t('console.queue.signature', { name: options.signedBy })],
    fileName: `${t('console.queue.docFile')} ${report.from}–${report.to}`,
    emptyText: t('console.queue.empty'),
  };
  const waitingRows: DocumentRow[] = report.waiting.map((w) => ({
    id: `${w.birthYear}/${w.language}/${w.priority}`,
    pending: false,
    cells: [String(w.birthYear), t(`languageOfInstruction.${w.language}`), priority(w.priority), String(w.count)],
    xlsx: [w.birthYear, t(`languageOfInstruction.${w.language}`), priority(w.priority), w.count],
  }));
  if (report.waiting.length > 0) {
    waitingRows.push({
      id: 'total',
      pending: false,
      cells: [t('console.queue.total'), '', '', String(report.waitingTotal)],
      xlsx: [t('console.queue.total'), '', '', report.waitingTotal],
    });
  }
  const waitingTitle = t('console.queue.docWaiting');
  const missedTitle = t('console.queue.docMissed');
  return [
    {
      ...common,
      kind: 'queueWaiting',
      landscape: false,
      title: waitingTitle,
      heading: [waitingTitle, t('console.queue.docWaitingHeading', { date: today, scope })],
      columns: [
        { label: t('console.queue.birthYear'), width: 22, align: 'center' },
        { label: t('console.queue.language'), width: 28 },
        { label: t('console.queue.priority'), width: 30 },
        { label: t('console.queue.count'), width: 20, align: 'center' },
      ],
      rows: waitingRows,
    },
    {
      ...common,
      kind: 'queueMissed',
      landscape: true,
      title: missedTitle,
      heading: [
        missedTitle,
        t('console.queue.docMissedHeading', {
          from: formatCityDate(report.from),
          to: formatCityDate(report.to),
          scope,
        }),
        t('console.queue.missedSummary', { total: report.missedTotal, applicants: report.missedApplicants }),
      ],
      columns: [
        { label: '№', width: 5, align: 'center' },
        { label: t('console.queue.child'), width: 22 },
        { label: t('console.queue.birthDate'), width: 10, align: 'center' },
        { label: t('console.queue.language'), width: 10 },
        { label: t('console.queue.priority'), width: 11 },
        { label: t('console.queue.kindergarten'), width: 17 },
        { label: t('console.queue.position'), width: 7, align: 'center' },
        { label: t('console.queue.window'), width: 18, align: 'center' },
      ],
      rows: report.missed.map((m, i) => {
        const window = t('console.queue.windowRange', {
          from: formatCityInstant(m.windowOpenedAt),
          to: formatCityInstant(m.windowClosedAt),
        });
        const cells = [
          String(i + 1),
          m.childName,
          formatCityDate(m.birthDate),
          t(`languageOfInstruction.${m.language}`),
          priority(m.priority),
          name({ nameRu: m.kindergartenNameRu, nameKk: m.kindergartenNameKk }),
          String(m.position),
          window,
        ];
        return {
          id: `${m.applicantId}/${m.windowOpenedAt}/${i}`,
          pending: false,
          cells,
          xlsx: [
            i + 1,
            cells[1]!,
            { date: m.birthDate, format: 'dd.mm.yyyy' },
            cells[3]!,
            cells[4]!,
            cells[5]!,
            m.position,
            window,
          ],
        };
      }),
    },
  ];
}
