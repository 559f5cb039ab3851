import { NativeSelect } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../shared/domain/index.js';
import { referralStatusSchema } from '../../../../shared/domain/index.js';
import { useDesk } from '../desk-context.js';
import { EmptySearch } from '../empty-search.js';
import { markClaimsLooked, useClaimsLastLooked } from '../today/last-looked.js';
import { usePersonSearch } from '../hooks/use-person-search.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { useNavigation } from '../navigation.js';
import { SearchHeader } from '../search-header.js';
import { ClaimsTable } from './claims-table.js';
import { ReferralDialog, type ReferralAction } from './referral-dialog.js';
import { statusAt } from './referral-view.js';

/** The live board of referral claims: a parent's claim appears without reload; filters, search, countdowns. */
export function ClaimsBoard() {
  const { t } = useTranslation();
  const { focus, row } = useNavigation();
  const { session } = useDesk();
  const now = useServerNow(15_000);
  // The last look before this one: claims made after it stay highlighted while the board is open.
  const lastLooked = useClaimsLastLooked(session.info.staff.id);
  const [seenBefore] = useState(lastLooked);
  useEffect(() => markClaimsLooked(session.info.staff.id, now), [session, now]);
  const referrals = useList('referrals');
  const [search, setSearch] = useState(focus);
  const [status, setStatus] = useState('');
  const [showIin, setShowIin] = useState(false);
  const [action, setAction] = useState<{ referral: Referral; action: ReferralAction } | null>(null);
  const { query, matches } = usePersonSearch(search);
  const onAction = useCallback((referral: Referral, a: ReferralAction) => setAction({ referral, action: a }), []);
  const shown = useMemo(
    () => referrals.filter((r) => (!status || statusAt(r, now) === status) && matches(r)),
    [referrals, status, now, matches],
  );
  const filters = status ? [`${t('claims.statusFilter')}: ${t(`referralStatus.${status}`)}`] : [];
  return (
    <section aria-labelledby="claims-title">
      <SearchHeader
        id="claims-title"
        title={t('claims.title')}
        search={search}
        onSearch={setSearch}
        showIin={showIin}
        onShowIin={setShowIin}
      >
        <NativeSelect
          label={t('claims.statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('claims.allStatuses') },
            ...referralStatusSchema.options.map((s) => ({ value: s, label: t(`referralStatus.${s}`) })),
          ]}
        />
      </SearchHeader>
      <p data-testid="claims-count">{t('claims.count', { count: shown.length, total: referrals.length })}</p>
      {shown.length === 0 ? (
        <EmptySearch
          query={query}
          filters={filters}
          nothing={t('claims.empty')}
          onClear={() => {
            setSearch('');
            setStatus('');
          }}
        />
      ) : (
        <ClaimsTable
          referrals={shown}
          now={now}
          showIin={showIin}
          onAction={onAction}
          lastLooked={seenBefore}
          highlighted={row}
        />
      )}
      {action && <ReferralDialog {...action} onClose={() => setAction(null)} />}
    </section>
  );
}
