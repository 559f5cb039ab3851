import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../shared/domain/index.js';
import { usePendingByObject } from '../hooks/use-pending.js';
import { useVirtualRows } from '../hooks/use-virtual-rows.js';
import { useList, useRules } from '../hooks/use-replica.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { isNewClaim } from '../today/last-looked.js';
import { ClaimRow, ROW_HEIGHT } from './claim-row.js';
import type { ReferralAction } from './referral-dialog.js';

/** The claims as a table whose rows are virtualized: thousands of claims scroll smoothly. */
export function ClaimsTable(props: {
  referrals: Referral[];
  now: Date;
  showIin: boolean;
  /** Stable (memoized by the caller): every row is memoized on its props. */
  onAction(referral: Referral, action: ReferralAction): void;
  /** Claims made after this instant are marked new (null: never looked, all are new). */
  lastLooked: string | null;
  /** The referral a link opened the board on: highlighted and scrolled to. */
  highlighted: string;
}) {
  const { t } = useTranslation();
  const pending = usePendingByObject();
  const rules = useRules();
  const { openByObject } = useRefusals();
  const groups = useList('groups');
  const groupNames = useMemo(() => new Map(groups.map((g) => [g.id, g.name])), [groups]);
  const { scroller, items, before, after } = useVirtualRows(props.referrals.length, ROW_HEIGHT);
  return (
    <div ref={scroller} className="claims-scroller" tabIndex={0} aria-label={t('claims.title')}>
      <table className="data-table" data-testid="claims-table">
        <thead>
          <tr>
            <th scope="col">{t('claims.number')}</th>
            <th scope="col">{t('claims.child')}</th>
            <th scope="col">{t('claims.iin')}</th>
            <th scope="col">{t('groups.name')}</th>
            <th scope="col">{t('claims.claimedAt')}</th>
            <th scope="col">{t('claims.status')}</th>
            <th scope="col">{t('claims.deadline')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
          {items.map((item) => {
            const referral = props.referrals[item.index];
            return referral ? (
              <ClaimRow
                key={referral.id}
                referral={referral}
                now={props.now}
                showIin={props.showIin}
                groupName={groupNames.get(referral.groupId)}
                rules={rules}
                pending={pending.get(referral.id)}
                refused={openByObject.get(referral.id)}
                onAction={props.onAction}
                isNew={isNewClaim(referral.claimedAt, props.lastLooked)}
                highlighted={referral.id === props.highlighted}
              />
            ) : null;
          })}
          {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
        </tbody>
      </table>
    </div>
  );
}
