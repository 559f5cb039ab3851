import { Button, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DASHBOARD_REFRESH_MS,
  type CityDashboard,
  type DashboardFigures,
  type DashboardKindergarten,
} from '../../shared/reports/dashboard.js';
import { formatCityClock, formatCityDate, formatCityInstant } from '../../shared/text/city-format.js';
import type { ConsoleApi } from './api.js';
import { NoticeLine, useGuard, type Notice } from './notice.js';
import './dashboard.css';

type Count = Exclude<keyof DashboardFigures, 'nearestDeadline' | 'awaitingContract' | 'entriesAwaitingApproval'>;
const counts: readonly Count[] = [
  'windowsOpen',
  'seatsPublishedToday',
  'seatsClaimedToday',
  'seatsOpenToAll',
  'unclaimedSeats',
  'enrollmentsDue',
];

/**
 * The city dashboard: each kindergarten's and the city's figures of today, asked for again every
 * few seconds while the tab is shown and the page visible (a parent's claim shows without a
 * reload). A kindergarten's name (or its waiting referrals) narrows the table and the deadlines to
 * it; its entries awaiting approval open the approvals tab filtered to it.
 */
export function Dashboard({
  api,
  onSignedOut,
  onOpenApprovals,
}: {
  api: ConsoleApi;
  onSignedOut: () => void;
  onOpenApprovals: (kindergartenId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<CityDashboard | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const guard = useGuard(onSignedOut, setNotice);
  const nameOf = (k: { nameRu: string; nameKk: string }) => (i18n.language === 'kk' ? k.nameKk : k.nameRu);

  useEffect(() => {
    let current = true;
    const load = () => {
      if (document.visibilityState === 'hidden') return;
      api
        .dashboard()
        .then((d) => {
          if (!current) return;
          setData(d);
          setNotice(null);
        })
        .catch((error: unknown) => current && guard(error));
    };
    load();
    const timer = window.setInterval(load, DASHBOARD_REFRESH_MS);
    document.addEventListener('visibilitychange', load);
    return () => {
      current = false;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', load);
    };
  }, [api, guard]);

  if (!data) return <NoticeLine notice={notice} />;
  const shown = focus ? data.kindergartens.filter((k) => k.id === focus) : data.kindergartens;
  const focused = data.kindergartens.find((k) => k.id === focus) ?? null;
  const deadlines = focus ? data.deadlines.filter((d) => d.kindergartenId === focus) : data.deadlines;
  const names = new Map(data.kindergartens.map((k) => [k.id, nameOf(k)]));

  const awaiting = (f: DashboardFigures) => (
    <>
      {f.awaitingContract}
      {f.nearestDeadline && (
        <span className="dashboard-deadline">
          {t('console.dashboard.nearest', { at: formatCityInstant(f.nearestDeadline) })}
        </span>
      )}
    </>
  );
  const link = (label: string, onClick: () => void, content: ReactNode) => (
    <button type="button" className="dashboard-link" aria-label={label} onClick={onClick}>
      {content}
    </button>
  );
  /** A row's figures; a kindergarten's waiting referrals narrow to it, its entries open its approvals. */
  const cells = (f: DashboardFigures, of: DashboardKindergarten | null) => (
    <>
      {counts.map((key) => (
        <td key={key} data-figure={key}>
          {f[key]}
        </td>
      ))}
      <td data-figure="awaitingContract">
        {of && f.awaitingContract > 0
          ? link(t('console.dashboard.only', { name: nameOf(of) }), () => setFocus(of.id), awaiting(f))
          : awaiting(f)}
      </td>
      <td data-figure="entriesAwaitingApproval">
        {of && f.entriesAwaitingApproval > 0
          ? link(
              t('console.dashboard.openApprovals', { name: nameOf(of) }),
              () => onOpenApprovals(of.id),
              f.entriesAwaitingApproval,
            )
          : f.entriesAwaitingApproval}
      </td>
      <td data-figure="staleDevices">{f.staleDevices}</td>
    </>
  );

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <Title order={2} id="dashboard-title">
        {t('console.dashboard.title')}
      </Title>
      <p data-testid="dashboard-updated">
        {t('console.dashboard.updated', { date: formatCityDate(data.today), time: formatCityClock(data.at) })}
      </p>
      <NoticeLine notice={notice} />
      {focused && (
        <p>
          <Button size="xs" variant="default" onClick={() => setFocus(null)}>
            {t('console.dashboard.showAll')}
          </Button>
        </p>
      )}
      <div className="dashboard-scroll">
        <table className="dashboard-table" data-testid="dashboard-table">
          <thead>
            <tr>
              <th scope="col">{t('console.dashboard.kindergarten')}</th>
              {counts.map((key) => (
                <th scope="col" key={key}>
                  {t(`console.dashboard.${key}`)}
                </th>
              ))}
              <th scope="col">{t('console.dashboard.awaitingContract')}</th>
              <th scope="col">{t('console.dashboard.entriesAwaitingApproval')}</th>
              <th scope="col">{t('console.dashboard.staleDevices', { count: data.staleDeviceDays })}</th>
            </tr>
          </thead>
          <tbody>
            {!focused && (
              <tr className="dashboard-city" data-testid="dashboard-city">
                <th scope="row">{t('console.dashboard.city')}</th>
                {cells(data.city, null)}
              </tr>
            )}
            {shown.map((k) => (
              <tr key={k.id} data-testid="dashboard-row">
                <th scope="row">
                  {link(t('console.dashboard.only', { name: nameOf(k) }), () => setFocus(k.id), nameOf(k))}
                </th>
                {cells(k, k)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="dashboard-hint">{t('console.dashboard.unclaimedHint')}</p>
      <Title order={3}>{t('console.dashboard.deadlinesTitle')}</Title>
      {deadlines.length === 0 ? (
        <p>{t('console.dashboard.noDeadlines')}</p>
      ) : (
        <table className="calendar-list" data-testid="dashboard-deadlines">
          <thead>
            <tr>
              <th scope="col">{t('console.dashboard.number')}</th>
              <th scope="col">{t('console.dashboard.kindergarten')}</th>
              <th scope="col">{t('console.dashboard.claimedAt')}</th>
              <th scope="col">{t('console.dashboard.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {deadlines.map((d) => (
              <tr key={d.number}>
                <td>{d.number}</td>
                <td>{names.get(d.kindergartenId)}</td>
                <td>{formatCityInstant(d.claimedAt)}</td>
                <td>{formatCityInstant(d.deadline)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.deadlinesTruncated && <p>{t('console.dashboard.deadlinesTruncated', { count: data.deadlines.length })}</p>}
    </section>
  );
}
