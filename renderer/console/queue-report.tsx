import { Button, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentSessionInfo } from '../../shared/department/auth.js';
import type { DepartmentKindergarten } from '../../shared/department/schedule.js';
import { queueReportQuerySchema, type QueueReport, type QueueReportQuery } from '../../shared/reports/queue.js';
import { cityDate } from '../../shared/calendar/index.js';
import { plusDays } from '../../shared/calendar/dates.js';
import { formatCityDate, formatCityDay, formatCityInstant } from '../../shared/text/city-format.js';
import type { DocumentLanguage, PrintDocument } from '../src/print/document.js';
import { documentsToXlsx } from '../src/print/export-table.js';
import { PrintSheets } from '../src/print/print-sheets.js';
import type { ConsoleApi } from './api.js';
import { NoticeLine, useGuard, type Notice } from './notice.js';
import { queueDocuments } from './queue-document.js';
import './dashboard.css';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Missed windows listed on screen; the print and the XLSX have every one the server sent. */
const SCREEN_ROWS = 300;

/** The period's default: the 30 days up to the city date of the sign-in. */
function lastMonth(signedInAt: string): QueueReportQuery {
  const to = cityDate(new Date(signedInAt));
  return { from: plusDays(to, -30), to };
}

/**
 * The queue report for the city or one kindergarten: who waits by birth year, language and
 * category, and who had a queue window opened in the period and did not claim; printed on A4
 * (the desk's sheets) and exported to XLSX in the console's language.
 */
export function QueueReportTab({
  api,
  session,
  onSignedOut,
}: {
  api: ConsoleApi;
  session: DepartmentSessionInfo;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState<QueueReportQuery>(() => lastMonth(session.serverTime));
  /** The query of the report on screen: "Show" sets it anew (and asks again). */
  const [asked, setAsked] = useState<QueueReportQuery>(query);
  const [kindergartens, setKindergartens] = useState<DepartmentKindergarten[]>([]);
  const [report, setReport] = useState<QueueReport | null>(null);
  const [printing, setPrinting] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const guard = useGuard(onSignedOut, setNotice);
  const nameOf = (k: { nameRu: string; nameKk: string }) => (i18n.language === 'kk' ? k.nameKk : k.nameRu);

  useEffect(() => {
    api
      .queueReport(asked)
      .then((r) => {
        setReport(r);
        setPrinting(false);
        setNotice(null);
      })
      .catch(guard);
  }, [api, guard, asked]);
  /** A period the server would refuse is said here, in the console's language, and not asked for. */
  const show = () => {
    if (queueReportQuerySchema.safeParse(query).success) setAsked({ ...query });
    else setNotice({ kind: 'error', text: t('console.queue.badPeriod') });
  };
  useEffect(() => {
    api.kindergartens().then(setKindergartens).catch(guard);
  }, [api, guard]);

  const language: DocumentLanguage = i18n.language === 'kk' ? 'kk' : i18n.language === 'en' ? 'en' : 'ru';
  const docs = useMemo(
    () =>
      report
        ? queueDocuments(report, {
            language,
            t: (key: string, values?: Record<string, unknown>) =>
              String(i18n.getFixedT(language)(key, values as never)),
            city: session.city,
            signedBy: session.account.fullName,
          })
        : null,
    [report, language, i18n, session],
  );

  const laidOut = useRef(new Set<PrintDocument>());
  const onLayout = useCallback(
    (doc: PrintDocument) => {
      laidOut.current.add(doc);
      if (docs && docs.every((d) => laidOut.current.has(d))) window.print();
    },
    [docs],
  );
  const print = () => {
    laidOut.current = new Set();
    setPrinting(true);
  };
  const download = async () => {
    if (!docs) return;
    const data = await documentsToXlsx(docs);
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type: XLSX_TYPE }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${docs[0].fileName}.xlsx`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const set = (key: keyof QueueReportQuery) => (value: string) =>
    setQuery((q) => ({ ...q, [key]: value === '' && key === 'kindergartenId' ? undefined : value }));

  return (
    <section aria-labelledby="queue-title" className="queue-screen">
      <Title order={2} id="queue-title">
        {t('console.queue.title')}
      </Title>
      <div className="console-filters">
        <label>
          {t('console.queue.kindergarten')}
          <select value={query.kindergartenId ?? ''} onChange={(e) => set('kindergartenId')(e.target.value)}>
            <option value="">{t('console.queue.allKindergartens')}</option>
            {kindergartens.map((k) => (
              <option key={k.id} value={k.id}>
                {nameOf(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.queue.from')}
          <input type="date" value={query.from} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label>
          {t('console.queue.to')}
          <input type="date" value={query.to} onChange={(e) => set('to')(e.target.value)} />
        </label>
        <Button onClick={show}>{t('console.queue.show')}</Button>
        <Button variant="default" disabled={!docs} onClick={print}>
          {t('console.queue.print')}
        </Button>
        <Button variant="default" disabled={!docs} onClick={() => void download().catch(guard)}>
          {t('console.queue.xlsx')}
        </Button>
      </div>
      <NoticeLine notice={notice} />
      {printing && docs ? (
        <div className="queue-print">
          <p>
            <Button size="xs" variant="default" onClick={() => setPrinting(false)}>
              {t('console.queue.closePreview')}
            </Button>
          </p>
          {docs.map((doc) => (
            <PrintSheets key={doc.kind} doc={doc} onLayout={onLayout} />
          ))}
        </div>
      ) : (
        report && <QueueTables report={report} />
      )}
    </section>
  );
}

function QueueTables({ report }: { report: QueueReport }) {
  const { t, i18n } = useTranslation();
  const nameOf = (k: { nameRu: string; nameKk: string }) => (i18n.language === 'kk' ? k.nameKk : k.nameRu);
  return (
    <>
      <Title order={3}>
        {t('console.queue.waitingTitle', { date: formatCityDay(report.at), count: report.waitingTotal })}
      </Title>
      {report.waiting.length === 0 ? (
        <p>{t('console.queue.noWaiting')}</p>
      ) : (
        <table className="calendar-list" data-testid="queue-waiting">
          <thead>
            <tr>
              <th scope="col">{t('console.queue.birthYear')}</th>
              <th scope="col">{t('console.queue.language')}</th>
              <th scope="col">{t('console.queue.priority')}</th>
              <th scope="col">{t('console.queue.count')}</th>
            </tr>
          </thead>
          <tbody>
            {report.waiting.map((w) => (
              <tr key={`${w.birthYear}/${w.language}/${w.priority}`} data-testid="queue-waiting-row">
                <td>{w.birthYear}</td>
                <td>{t(`languageOfInstruction.${w.language}`)}</td>
                <td>{t(`console.queue.priorityName.${w.priority}`)}</td>
                <td>{w.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Title order={3}>
        {t('console.queue.missedTitle', { from: formatCityDate(report.from), to: formatCityDate(report.to) })}
      </Title>
      <p data-testid="queue-missed-summary">
        {t('console.queue.missedSummary', { total: report.missedTotal, applicants: report.missedApplicants })}
      </p>
      {report.missed.length === 0 ? (
        <p>{t('console.queue.noMissed')}</p>
      ) : (
        <table className="calendar-list" data-testid="queue-missed">
          <thead>
            <tr>
              <th scope="col">{t('console.queue.child')}</th>
              <th scope="col">{t('console.queue.birthDate')}</th>
              <th scope="col">{t('console.queue.language')}</th>
              <th scope="col">{t('console.queue.priority')}</th>
              <th scope="col">{t('console.queue.kindergarten')}</th>
              <th scope="col">{t('console.queue.position')}</th>
              <th scope="col">{t('console.queue.window')}</th>
            </tr>
          </thead>
          <tbody>
            {report.missed.slice(0, SCREEN_ROWS).map((m, i) => (
              <tr key={i}>
                <td>{m.childName}</td>
                <td>{formatCityDate(m.birthDate)}</td>
                <td>{t(`languageOfInstruction.${m.language}`)}</td>
                <td>{t(`console.queue.priorityName.${m.priority}`)}</td>
                <td>{nameOf({ nameRu: m.kindergartenNameRu, nameKk: m.kindergartenNameKk })}</td>
                <td>{m.position}</td>
                <td>
                  {t('console.queue.windowRange', {
                    from: formatCityInstant(m.windowOpenedAt),
                    to: formatCityInstant(m.windowClosedAt),
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.missed.length > SCREEN_ROWS && <p>{t('console.queue.missedShown', { count: SCREEN_ROWS })}</p>}
    </>
  );
}
