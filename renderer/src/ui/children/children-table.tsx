import { Badge, Button, Group as Row } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Departure, Enrollment } from '../../../../shared/domain/index.js';
import { maskIin } from '../../../../shared/domain/iin.js';
import { mayCancel } from '../departures/cancel-check.js';
import { formatDate } from '../format.js';
import { useMay } from '../hooks/use-may.js';
import { usePendingByObject } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { useVirtualRows } from '../hooks/use-virtual-rows.js';
import { PendingBadge } from '../pending-badge.js';
import { useNotice } from '../refusals/feedback.js';
import { RowRefusal } from '../refusals/row-refusal.js';
import { useRefusals } from '../refusals/use-refusals.js';
import type { ReferralAction } from '../claims/referral-dialog.js';
import type { ChildListRow, ChildStatus } from './child-rows.js';

const ROW_HEIGHT = 48;
const COLUMNS = 6;
const statusColor: Record<ChildStatus, string> = { attending: 'green', leaving: 'orange', departed: 'gray' };

/** The children list, grouped by group, its rows virtualized: hundreds of children scroll smoothly. */
export function ChildrenTable(props: {
  rows: ChildListRow[];
  showIin: boolean;
  onAction(enrollment: Enrollment, action: ReferralAction): void;
  /** A departure of the child recorded ahead is cancelled by an order of its own. */
  onCancelDeparture(departure: Departure): void;
}) {
  const { t } = useTranslation();
  const may = useMay();
  const pending = usePendingByObject();
  const now = useServerNow(60_000);
  const departures = new Map(useList('departures').map((d) => [d.id, d]));
  const notice = useNotice();
  const { openByObject } = useRefusals();
  // The child's departure ahead of its date, when the head may cancel it and no cancellation waits to sync.
  const cancellable = (e: Enrollment): Departure | null => {
    const departure = e.departureId ? departures.get(e.departureId) : undefined;
    if (!departure || !may('departure.cancel') || !mayCancel(departure, now)) return null;
    return pending.get(departure.id)?.some((c) => c.kind === 'departure.cancel') ? null : departure;
  };
  const { scroller, items, before, after } = useVirtualRows(props.rows.length, ROW_HEIGHT);
  return (
    <div ref={scroller} className="claims-scroller" tabIndex={0} aria-label={t('children.title')}>
      <table className="data-table" data-testid="children-table">
        <thead>
          <tr>
            <th scope="col">{t('claims.child')}</th>
            <th scope="col">{t('claims.iin')}</th>
            <th scope="col">{t('children.enrolledOn')}</th>
            <th scope="col">{t('children.departedOn')}</th>
            <th scope="col">{t('children.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
          {items.map((item) => {
            const row = props.rows[item.index];
            if (!row) return null;
            if (row.kind === 'group') {
              return (
                <tr key={row.key} className="list-group-row" data-testid="children-group">
                  <th scope="colgroup" colSpan={COLUMNS}>
                    {t('children.groupHeading', { group: row.name, count: row.count })}
                  </th>
                </tr>
              );
            }
            const e = row.enrollment;
            return (
              <tr key={row.key} data-testid="child" className={notice?.objectId === e.id ? 'row-acted' : undefined}>
                <th scope="row">{e.childFullName}</th>
                <td className="iin nowrap">{props.showIin ? e.childIin : maskIin(e.childIin)}</td>
                <td className="nowrap">{formatDate(e.enrolledOn)}</td>
                <td data-testid="departed-on" className="nowrap">
                  {e.departedOn ? formatDate(e.departedOn) : '—'}
                </td>
                <td>
                  <Badge color={statusColor[row.status]} className="status-chip" data-testid="child-status">
                    {t(`childStatus.${row.status}`)}
                  </Badge>
                  <PendingBadge commands={pending.get(e.id)} />
                  <RowRefusal commands={openByObject.get(e.id)} />
                </td>
                <td>
                  <Row gap={6}>
                    <Button size="compact-sm" variant="default" onClick={() => props.onAction(e, 'history')}>
                      {t('claims.history')}
                    </Button>
                    {cancellable(e) && (
                      <Button
                        size="compact-sm"
                        color="red"
                        variant="light"
                        onClick={() => props.onCancelDeparture(cancellable(e)!)}
                      >
                        {t('cancelDeparture.action')}
                      </Button>
                    )}
                    {!e.departedOn &&
                      may('contract.terminate') &&
                      !pending.get(e.id)?.some((c) => c.kind === 'contract.terminate') && (
                        <Row gap={6} className="destructive-actions" data-testid="destructive-actions">
                          <Button
                            size="compact-sm"
                            color="red"
                            variant="light"
                            onClick={() => props.onAction(e, 'terminate')}
                          >
                            {t('claims.terminate')}
                          </Button>
                        </Row>
                      )}
                  </Row>
                </td>
              </tr>
            );
          })}
          {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
        </tbody>
      </table>
    </div>
  );
}
