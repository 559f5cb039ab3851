import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../format.js';
import { useMay } from '../hooks/use-may.js';
import { useList } from '../hooks/use-replica.js';
import { GraduationForm } from './graduation-form.js';
import { MoveUpForm } from './move-up-form.js';

/** Departures: the preschool group's graduation, the August move-up, and the movement register. */
export function DeparturesPanel() {
  const { t, i18n } = useTranslation();
  const departures = useList('departures');
  const may = useMay();
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  return (
    <section aria-labelledby="departures-title" className="panel">
      <Title order={2} id="departures-title">
        {t('departures.title')}
      </Title>
      <div className="two-columns">
        {may('departure.graduate') && <GraduationForm />}
        {may('departure.moveUp') && <MoveUpForm />}
      </div>
      <Title order={3}>{t('departures.register')}</Title>
      {departures.length === 0 ? (
        <p>{t('departures.empty')}</p>
      ) : (
        <Table aria-label={t('departures.register')} data-testid="movement-register">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('departures.date')}</Table.Th>
              <Table.Th>{t('groups.name')}</Table.Th>
              <Table.Th>{t('departures.kind')}</Table.Th>
              <Table.Th>{t('departures.children')}</Table.Th>
              <Table.Th>{t('order.number')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {departures.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{formatDate(d.departsOn, i18n.language)}</Table.Td>
                <Table.Td>{groups.get(d.groupId)}</Table.Td>
                <Table.Td>{t(`departureKind.${d.kind}`)}</Table.Td>
                <Table.Td>{formatNumber(d.children, i18n.language)}</Table.Td>
                <Table.Td>{d.orderNumber}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
