import { Badge, Button, Group as Row } from '@mantine/core';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../shared/commands/command.js';
import { workingDaysBetween } from '../../../../shared/calendar/index.js';
import type { Referral } from '../../../../shared/domain/index.js';
import { maskIin } from '../../../../shared/domain/iin.js';
import { useMay } from '../hooks/use-may.js';
import type { RuleContext } from '../../data/rule-context.js';
import { formatInstant } from '../format.js';
import { PendingBadge } from '../pending-badge.js';
import { useActedOn } from '../refusals/feedback.js';
import { RowRefusal } from '../refusals/row-refusal.js';
import type { ReferralAction } from './referral-dialog.js';
import { statusAt } from './referral-view.js';

export const ROW_HEIGHT = 48;
const statusColor: Record<string, string> = {
  active: 'blue',
  contracted: 'teal',
  enrolled: 'green',
  refused: 'gray',
  declined: 'orange',
  expired: 'gray',
  terminated: 'red',
};

/**
 * One claim: the child, the referral's status at the server's now, the contract countdown and the
 * actions. Memoized: a live change re-renders the rows whose props changed (the new claim), not the
 * whole visible window — so every prop is a value or a stable callback.
 */
export const ClaimRow = memo(function ClaimRow(props: {
  referral: Referral;
  now: Date;
  showIin: boolean;
  groupName: string | undefined;
  rules: RuleContext | null;
  pending: Command[] | undefined;
  refused: Command[] | undefined;
  onAction(referral: Referral, action: ReferralAction): void;
  isNew: boolean;
  highlighted: boolean;
}) {
  const { t, i18n } = useTranslation();
  const may = useMay();
  const { referral: r, now, rules } = props;
  const status = statusAt(r, now);
  const acted = useActedOn(r.id);
  // An action waiting to sync is not offered again (its badge says it is on its way).
  const waiting = (kind: string) => props.pending?.some((c) => c.kind === kind) ?? false;
  // A decline or termination waiting to sync closes the referral: nothing else is offered on it meanwhile.
  const closing = waiting('referral.decline') || waiting('contract.terminate');
  const left = rules ? workingDaysBetween(now, new Date(r.contractDeadline), rules.calendar) : null;
  const act = (action: ReferralAction, label: string, destructive = false) => (
    <Button
      size="compact-sm"
      variant={destructive ? 'light' : 'default'}
      color={destructive ? 'red' : undefined}
      onClick={() => props.onAction(r, action)}
    >
      {label}
    </Button>
  );
  const canDecline = (status === 'active' || status === 'contracted') && may('referral.decline') && !closing;
  const canTerminate = status === 'contracted' && may('contract.terminate') && !closing && !waiting('referral.enroll');
  const rowRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (props.highlighted) rowRef.current?.scrollIntoView({ block: 'center' });
  }, [props.highlighted]);
  const classes = [acted && 'row-acted', props.isNew && 'row-new', props.highlighted && 'row-focused'].filter(Boolean);
  return (
    <tr
      ref={rowRef}
      data-testid="claim"
      data-referral={r.id}
      data-new={props.isNew || undefined}
      className={classes.join(' ') || undefined}
    >
      <td className="nowrap number">{r.number}</td>
      <th scope="row">
        {r.childFullName}
        {props.isNew && (
          <Badge size="xs" variant="filled" color="blue" ml={6} data-testid="claim-new">
            {t('today.newBadge')}
          </Badge>
        )}
      </th>
      <td className="iin">{props.showIin ? r.childIin : maskIin(r.childIin)}</td>
      <td>{props.groupName}</td>
      <td className="nowrap">{formatInstant(r.claimedAt, i18n.language)}</td>
      <td>
        <Badge color={statusColor[status]} className="status-chip" data-testid="claim-status">
          {t(`referralStatus.${status}`)}
        </Badge>
        <PendingBadge commands={props.pending} />
        <RowRefusal commands={props.refused} />
      </td>
      <td data-testid="countdown">
        {status === 'active' && left !== null
          ? `${formatInstant(r.contractDeadline, i18n.language)} · ${t('claims.workingDaysLeft', { count: left })}`
          : '—'}
      </td>
      <td>
        <Row gap={6}>
          {act('history', t('claims.history'))}
          {status === 'active' &&
            may('referral.concludeContract') &&
            !closing &&
            !waiting('referral.concludeContract') &&
            act('contract', t('claims.markContract'))}
          {status === 'contracted' &&
            may('referral.enroll') &&
            !closing &&
            !waiting('referral.enroll') &&
            act('enroll', t('claims.enroll'))}
          {(canDecline || canTerminate) && (
            <Row gap={6} className="destructive-actions" data-testid="destructive-actions">
              {canDecline && act('decline', t('claims.decline'), true)}
              {canTerminate && act('terminate', t('claims.terminate'), true)}
            </Row>
          )}
        </Row>
      </td>
    </tr>
  );
});
