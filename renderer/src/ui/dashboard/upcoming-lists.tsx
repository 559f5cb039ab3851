import { Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cityDate } from '../../../../shared/calendar/index.js';
import { formatDate } from '../format.js';
import { useList } from '../hooks/use-replica.js';

function Block({ title, testId, children }: { title: string; testId: string; children: ReactNode[] }) {
  const { t } = useTranslation();
  return (
    <section aria-label={title} data-testid={testId}>
      <Title order={3}>{title}</Title>
      {children.length ? <ul className="plain-list">{children}</ul> : <p>{t('dashboard.none')}</p>}
    </section>
  );
}

/**
 * The intake schedule ahead. Windows, contract deadlines and early-booking seats are on "Today"
 * (renderer/src/ui/today), each a link to its row.
 */
export function UpcomingLists({ now }: { now: Date }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = cityDate(now);
  const entries = useList('scheduleEntries').filter((e) => e.availableFrom >= today);
  return (
    <Block title={t('dashboard.scheduleAhead')} testId="schedule-ahead">
      {entries.map((e) => (
        <li key={e.id}>
          {formatDate(e.availableFrom, lang)} · {t('schedule.birthYearN', { year: e.birthYear })} ·{' '}
          {t(`languageOfInstruction.${e.language}`)} · {t('common.seats', { count: e.seats })} ·{' '}
          {t(`scheduleStatus.${e.status}`)}
        </li>
      ))}
    </Block>
  );
}
