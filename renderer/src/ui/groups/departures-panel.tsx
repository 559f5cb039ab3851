import { Button, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../shared/commands/command.js';
import type { Departure } from '../../../../shared/domain/index.js';
import { mayCancel } from '../departures/cancel-check.js';
import { CancelDepartureDialog, NamedPublications } from '../departures/cancel-departure.js';
import { formatDate, formatNumber } from '../format.js';
import { useMay } from '../hooks/use-may.js';
import { usePendingByObject } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { PendingBadge } from '../pending-badge.js';
import { useActedOn } from '../refusals/feedback.js';
import { RowRefusal } from '../refusals/row-refusal.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { GraduationForm } from './graduation-form.js';
import { MoveUpForm } from './move-up-form.js';

/** Departures: the preschool group's graduation, the August move-up, and the movement register. */
export function DeparturesPanel() {
  const { t } = useTranslation();
  const departures = useList('departures');
  const may = useMay();
  const pending = usePendingByObject();
  const { openByObject } = useRefusals();
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  const [cancelling, setCancelling] = useState<Departure | null>(null);
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
              <Table.Th>{t('departures.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {departures.map((d) => (
              <DepartureRow
                key={d.id}
                departure={d}
                groupName={groups.get(d.groupId) ?? '—'}
                pending={pending.get(d.id)}
                refused={openByObject.get(d.id)}
                onCancel={may('departure.cancel') ? () => setCancelling(d) : null}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {cancelling && <CancelDepartureDialog departure={cancelling} onClose={() => setCancelling(null)} />}
    </section>
  );
}

/** One line of the register: the departure, its cancellation (by order) or the action that cancels it while it is ahead. */
function DepartureRow({
  departure: d,
  groupName,
  pending,
  refused,
  onCancel,
}: {
  departure: Departure;
  groupName: string;
  pending: Command[] | undefined;
  refused: Command[] | undefined;
  onCancel: (() => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const now = useServerNow(60_000);
  const acted = useActedOn(d.id);
  const waiting = pending?.some((c) => c.kind === 'departure.cancel') ?? false;
  return (
    <Table.Tr data-testid={`departure-${d.id}`} className={acted ? 'row-acted' : undefined}>
      <Table.Td>{formatDate(d.departsOn, i18n.language)}</Table.Td>
      <Table.Td>{groupName}</Table.Td>
      <Table.Td>{t(`departureKind.${d.kind}`)}</Table.Td>
      <Table.Td>{formatNumber(d.children, i18n.language)}</Table.Td>
      <Table.Td>{d.orderNumber}</Table.Td>
      <Table.Td>
        {d.cancelledAt !== null ? (
          <span className="departure-cancelled" data-testid="departure-cancelled">
            {t('departures.cancelled', {
              number: d.cancelOrderNumber,
              date: d.cancelOrderDate ? formatDate(d.cancelOrderDate) : '—',
            })}
          </span>
        ) : (
          onCancel &&
          !waiting &&
          mayCancel(d, now) && (
            <Button size="compact-xs" variant="default" color="red" onClick={onCancel}>
              {t('cancelDeparture.action')}
            </Button>
          )
        )}
        <PendingBadge commands={pending} />
        <RowRefusal commands={refused} />
        {refused?.map((c) => (
          <NamedPublications key={c.id} rejection={c.rejection} />
        ))}
      </Table.Td>
    </Table.Tr>
  );
}
