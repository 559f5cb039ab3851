import { Badge, Button, Group as Row } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../../../shared/domain/index.js';
import { maskIin } from '../../../../shared/domain/iin.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { usePendingByObject } from '../hooks/use-pending.js';
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
}) {
  const { t } = useTranslation();
  const { session } = useDesk();
  const pending = usePendingByObject();
  const isHead = session.info.staff.role === 'head';
  const notice = useNotice();
  const { openByObject } = useRefusals();
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
                    {!e.departedOn && isHead && !pending.get(e.id)?.some((c) => c.kind === 'contract.terminate') && (
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
