import { Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { plusDays } from '../../../../shared/calendar/dates.js';
import { cityDate, workingDaysBetween } from '../../../../shared/calendar/index.js';
import { effectiveStatus, isEarlyBooking, publicationPhase } from '../../../../shared/rules/index.js';
import { formatDate, formatInstant } from '../format.js';
import { useList, useRules } from '../hooks/use-replica.js';

function Block({ title, testId, children }: { title: string; testId: string; children: ReactNode[] }) {
  const { t } = useTranslation();
  return (
    <section aria-label={title} data-testid={testId}>
      <Title order={3}>{title}</Title>
      {children.length ? <ul className="plain-list">{children}</ul> : <p>{t('dashboard.none')}</p>}
    </section>
  );
}

/** The schedule ahead, windows closing today, contract deadlines and early-booking seats freeing up soon. */
export function UpcomingLists({ now }: { now: Date }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rules = useRules();
  const today = cityDate(now);
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  const entries = useList('scheduleEntries').filter((e) => e.availableFrom >= today);
  const publications = useList('publications');
  const referrals = useList('referrals');
  const instants = (p: (typeof publications)[number]) => ({
    publishedAt: new Date(p.publishedAt),
    windowClosesAt: p.windowClosesAt ? new Date(p.windowClosesAt) : null,
    withdrawnAt: p.withdrawnAt ? new Date(p.withdrawnAt) : null,
  });
  const closingToday = publications.filter(
    (p) =>
      p.windowClosesAt &&
      publicationPhase(instants(p), now) === 'queue_window' &&
      cityDate(new Date(p.windowClosesAt)) === today,
  );
  const deadlines = referrals
    .filter(
      (r) =>
        effectiveStatus({ ...r, contractDeadline: new Date(r.contractDeadline), enrolledOn: null }, now) === 'active',
    )
    .sort((a, b) => a.contractDeadline.localeCompare(b.contractDeadline));
  const soon = plusDays(today, 60);
  const early = publications.filter(
    (p) => !p.withdrawnAt && isEarlyBooking(p.availableFrom, now) && p.availableFrom <= soon,
  );
  return (
    <>
      <Block title={t('dashboard.scheduleAhead')} testId="schedule-ahead">
        {entries.map((e) => (
          <li key={e.id}>
            {formatDate(e.availableFrom, lang)} · {t('schedule.birthYearN', { year: e.birthYear })} ·{' '}
            {t(`languageOfInstruction.${e.language}`)} · {t('common.seats', { count: e.seats })} ·{' '}
            {t(`scheduleStatus.${e.status}`)}
          </li>
        ))}
      </Block>
      <Block title={t('dashboard.closingToday')} testId="closing-today">
        {closingToday.map((p) => (
          <li key={p.id}>
            {groups.get(p.groupId)} · {t('common.seats', { count: p.seats })} ·{' '}
            {t('dashboard.closesAt', { time: formatInstant(p.windowClosesAt ?? now, lang) })}
          </li>
        ))}
      </Block>
      <Block title={t('dashboard.deadlines')} testId="deadlines">
        {deadlines.map((r) => (
          <li key={r.id}>
            {r.childFullName} · {formatInstant(r.contractDeadline, lang)} ·{' '}
            {rules &&
              t('claims.workingDaysLeft', {
                count: workingDaysBetween(now, new Date(r.contractDeadline), rules.calendar),
              })}
          </li>
        ))}
      </Block>
      <Block title={t('dashboard.earlyBooking')} testId="early-booking">
        {early.map((p) => (
          <li key={p.id}>
            {groups.get(p.groupId)} · {t('common.seats', { count: p.seats })} ·{' '}
            {t('publications.availableFromDate', { date: formatDate(p.availableFrom, lang) })}
          </li>
        ))}
      </Block>
    </>
  );
}
