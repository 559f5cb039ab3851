import { Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cityDate } from '../../../../shared/calendar/index.js';
import { formatNumber } from '../format.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { groupSeatsOn } from './group-seats.js';
import { UnitCalendar } from '../calendar/unit-calendar.js';
import { TodayPanel } from '../today/today-panel.js';
import { UpcomingLists } from './upcoming-lists.js';
import { useLoadSources } from './use-load-sources.js';

/** At a glance: seats per group on a date, and what is due soon. */
export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const now = useServerNow();
  const today = cityDate(now);
  const [date, setDate] = useState(today);
  const groups = useList('groups');
  const sources = useLoadSources();
  const rows = groups.map((g) => groupSeatsOn(g, date || today, sources, now));
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <section aria-labelledby="dashboard-title">
      <TodayPanel now={now} />
      <div className="section-head">
        <Title order={2} id="dashboard-title">
          {t('dashboard.title')}
        </Title>
        <TextInput
          type="date"
          label={t('dashboard.onDate')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
      </div>
      <Table striped aria-label={t('dashboard.seats')} data-testid="seats-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('groups.name')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.capacity')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.attending')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.referred')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.published')}</Table.Th>
            <Table.Th scope="col">{t('dashboard.free')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.group.id}>
              <Table.Th scope="row">{r.group.name}</Table.Th>
              <Table.Td>{n(r.group.capacity)}</Table.Td>
              <Table.Td>{n(r.attending)}</Table.Td>
              <Table.Td>{n(r.referred)}</Table.Td>
              <Table.Td>{n(r.published)}</Table.Td>
              <Table.Td data-testid="free">{n(r.free)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <UnitCalendar groups={groups} sources={sources} today={today} now={now} />
      <div className="two-columns">
        <UpcomingLists now={now} />
      </div>
    </section>
  );
}
