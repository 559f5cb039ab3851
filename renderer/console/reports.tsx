import { Button, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cityDate } from '../../shared/calendar/index.js';
import type { DepartmentReport } from '../../shared/department/reports.js';
import type { DepartmentKindergarten } from '../../shared/department/schedule.js';
import type { DocumentLanguage, PrintDocument } from '../src/print/document.js';
import { documentToXlsx } from '../src/print/export-table.js';
import { PrintSheets } from '../src/print/print-sheets.js';
import { intakeStatisticsDocument, occupancyForecastDocument } from '../src/print/report-documents.js';
import { KindergartenSelect } from './accounts.js';
import { SignedOut, type ConsoleApi } from './api.js';
import { NoticeLine, type Notice } from './notice.js';
import './reports.css';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves the bytes as a file through the browser's download (the console runs in a browser, online). */
function download(data: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The console's "Reports" tab: the intake statistics for a period and the occupancy forecast, for
 * the city or one of its kindergartens, computed by the server with the shared report functions,
 * shown as the same A4 sheets the desk prints (renderer/src/print), printed through the browser and
 * exported to XLSX.
 */
export function ReportsTab(props: { api: ConsoleApi; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, onSignedOut } = props;
  // The period's default: from 1 January to today, the city's dates.
  const [today] = useState(() => cityDate(new Date()));
  const [kindergartens, setKindergartens] = useState<DepartmentKindergarten[]>([]);
  const [query, setQuery] = useState({ kindergartenId: '', from: `${today.slice(0, 4)}-01-01`, to: today });
  const [which, setWhich] = useState<'statistics' | 'forecast'>('statistics');
  const [language, setLanguage] = useState<DocumentLanguage>(i18n.language === 'kk' ? 'kk' : 'ru');
  const [report, setReport] = useState<DepartmentReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [pages, setPages] = useState<{ doc: PrintDocument; pages: number } | null>(null);
  const onLayout = useCallback((doc: PrintDocument, n: number) => setPages({ doc, pages: n }), []);

  useEffect(() => {
    api
      .kindergartens()
      .then(setKindergartens)
      .catch((error: unknown) => (error instanceof SignedOut ? onSignedOut() : undefined));
  }, [api, onSignedOut]);

  async function show() {
    if (!query.from || !query.to || query.from > query.to) {
      setNotice({ kind: 'error', text: t('report.badPeriod') });
      return;
    }
    setLoading(true);
    setNotice(null);
    try {
      const made = await api.report({
        from: query.from,
        to: query.to,
        ...(query.kindergartenId ? { kindergartenId: query.kindergartenId } : {}),
      });
      setReport(made);
      if (!made) setNotice({ kind: 'error', text: t('console.reports.notFound') });
    } catch (error) {
      if (error instanceof SignedOut) onSignedOut();
      else setNotice({ kind: 'error', text: t('console.signIn.failed') });
    } finally {
      setLoading(false);
    }
  }

  const doc = useMemo<PrintDocument | null>(() => {
    if (!report) return null;
    const fixed = i18n.getFixedT(language);
    const tr = (key: string, values?: Record<string, unknown>) => String(fixed(key, values as never));
    const scope = {
      name: report.kindergarten
        ? language === 'kk'
          ? report.kindergarten.nameKk
          : report.kindergarten.nameRu
        : tr('report.cityScope', { city: language === 'kk' ? report.city.nameKk : report.city.nameRu }),
      signatures: [],
    };
    const options = { language, t: tr, today: report.today, scope };
    return which === 'statistics'
      ? intakeStatisticsDocument(report.statistics, options)
      : occupancyForecastDocument(report.forecast, options);
  }, [report, which, language, i18n]);
  const laidOut = pages?.doc === doc;

  return (
    <section aria-labelledby="reports-title" className="console-reports">
      <Title order={2} id="reports-title">
        {t('console.reports.title')}
      </Title>
      <form
        className="console-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <label>
          {t('console.reports.scope')}
          <KindergartenSelect
            kindergartens={kindergartens}
            value={query.kindergartenId}
            emptyLabel={t('console.reports.wholeCity')}
            onChange={(kindergartenId) => setQuery({ ...query, kindergartenId })}
          />
        </label>
        <label>
          {t('console.reports.from')}
          <input type="date" value={query.from} onChange={(e) => setQuery({ ...query, from: e.target.value })} />
        </label>
        <label>
          {t('console.reports.to')}
          <input type="date" value={query.to} onChange={(e) => setQuery({ ...query, to: e.target.value })} />
        </label>
        <Button size="xs" type="submit" loading={loading}>
          {t('console.reports.show')}
        </Button>
      </form>
      <NoticeLine notice={notice} />
      {loading && <p role="status">{t('console.reports.loading')}</p>}
      {doc && (
        <>
          <div className="console-filters">
            <label>
              {t('console.reports.report')}
              <select value={which} onChange={(e) => setWhich(e.target.value as 'statistics' | 'forecast')}>
                <option value="statistics">{t('console.reports.statistics')}</option>
                <option value="forecast">{t('console.reports.forecast')}</option>
              </select>
            </label>
            <label>
              {t('console.reports.language')}
              <select value={language} onChange={(e) => setLanguage(e.target.value as DocumentLanguage)}>
                <option value="ru">{t('language.ru')}</option>
                <option value="kk">{t('language.kk')}</option>
              </select>
            </label>
            <Button size="xs" disabled={!laidOut} onClick={() => window.print()}>
              {t('console.reports.print')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => void documentToXlsx(doc).then((data) => download(data, `${doc.fileName}.xlsx`))}
            >
              {t('console.reports.xlsx')}
            </Button>
            {laidOut && <span data-testid="page-count">{t('print.pages', { count: pages.pages })}</span>}
          </div>
          <PrintSheets doc={doc} onLayout={onLayout} />
        </>
      )}
    </section>
  );
}
