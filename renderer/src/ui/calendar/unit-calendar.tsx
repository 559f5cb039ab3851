import { Button, Table, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group } from '../../../../shared/domain/index.js';
import { groupCalendar, type LoadSources } from '../dashboard/group-seats.js';
import { formatNumber } from '../format.js';
import { plusDays } from '../../../../shared/calendar/dates.js';
import { overCapacityText } from '../../print/unit-calendar-document.js';
import { useNavigation } from '../navigation.js';

/**
 * The unit calendar: for each group and each of the next 12 months, the capacity and the month's
 * peak day (attending, promised seats), the departures dated in it, the seats free on every day of
 * it, and how many of its days are over capacity — from the shared capacity-by-date function the
 * server enforces.
 */
export function UnitCalendar({
  groups,
  sources,
  today,
  now,
}: {
  groups: readonly Group[];
  sources: LoadSources;
  today: string;
  now: Date;
}) {
  const { t, i18n } = useTranslation();
  const { go } = useNavigation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const calendars = useMemo(
    () => groups.map((group) => ({ group, months: groupCalendar(group, today, sources, now) })),
    [groups, sources, today, now],
  );
  return (
    <section aria-labelledby="unit-calendar-title" data-testid="unit-calendar">
      <div className="section-head">
        <Title order={3} id="unit-calendar-title">
          {t('dashboard.calendarTitle')}
        </Title>
        <Button variant="default" onClick={() => go('documents', '', 'unitCalendar')} data-testid="calendar-print">
          {t('calendar.print')}
        </Button>
      </div>
      {calendars.map(({ group, months }) => (
        <Table key={group.id} striped captionSide="top" aria-label={group.name} data-testid="unit-calendar-group">
          <Table.Caption>{group.name}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboard.calendarMonth')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.capacity')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.attending')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.calendarPromised')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.calendarLeaving')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.free')}</Table.Th>
              <Table.Th scope="col">{t('dashboard.calendarOverDays')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {months.map((m) => (
              <Table.Tr
                key={m.month}
                data-over={m.overCapacity.length > 0 || undefined}
                className={m.overCapacity.length > 0 ? 'calendar-row-over' : undefined}
              >
                <Table.Th scope="row">{`${m.month.slice(5, 7)}.${m.month.slice(0, 4)}`}</Table.Th>
                <Table.Td>{n(m.capacity)}</Table.Td>
                <Table.Td>{n(m.peak.attending)}</Table.Td>
                <Table.Td>
                  {n(m.peak.referred + m.peak.published + m.peak.held)}
                  {m.peak.held > 0 && (
                    <span className="calendar-held" data-testid="calendar-held">
                      {' '}
                      ({t('calendar.held')} {n(m.peak.held)})
                    </span>
                  )}
                </Table.Td>
                <Table.Td>{n(m.departures.graduation + m.departures.moveUp + m.departures.termination)}</Table.Td>
                <Table.Td>{n(m.free)}</Table.Td>
                <Table.Td data-testid="calendar-over">
                  {m.overCapacity.length > 0 ? (
                    <span className="calendar-over">
                      {n(m.overCapacity.length)} ·{' '}
                      {t('calendar.overDates', { dates: overCapacityText(m.overCapacity, (d) => plusDays(d, 1)) })}
                    </span>
                  ) : (
                    n(0)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </section>
  );
}
