import { NativeSelect } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cityDate } from '../../../../shared/calendar/index.js';
import type { Departure, Enrollment } from '../../../../shared/domain/index.js';
import { ReferralDialog, type ReferralAction } from '../claims/referral-dialog.js';
import { CancelDepartureDialog } from '../departures/cancel-departure.js';
import { EmptySearch } from '../empty-search.js';
import { usePersonSearch } from '../hooks/use-person-search.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { useNavigation } from '../navigation.js';
import { SearchHeader } from '../search-header.js';
import { childListRows, childStatuses, type ChildStatus } from './child-rows.js';
import { ChildrenTable } from './children-table.js';

/** The children enrolled (and those who left), grouped by group and filtered; the head terminates contracts here. */
export function ChildrenScreen() {
  const { t } = useTranslation();
  const { focus } = useNavigation();
  const now = useServerNow(60_000);
  const today = cityDate(now);
  const enrollments = useList('enrollments');
  const referrals = useList('referrals');
  const groups = useList('groups');
  const [search, setSearch] = useState(focus);
  const [groupId, setGroupId] = useState('');
  const [status, setStatus] = useState<ChildStatus | ''>('');
  const [showIin, setShowIin] = useState(false);
  const [open, setOpen] = useState<{ enrollment: Enrollment; action: ReferralAction } | null>(null);
  const [cancelling, setCancelling] = useState<Departure | null>(null);
  const { query, matches } = usePersonSearch(search);
  const noGroup = t('children.noGroup');
  const rows = useMemo(
    () => childListRows(enrollments, groups, { today, groupId, status, matches, noGroup }),
    [enrollments, groups, today, groupId, status, matches, noGroup],
  );
  const onAction = useCallback((enrollment: Enrollment, action: ReferralAction) => setOpen({ enrollment, action }), []);
  const shownCount = rows.filter((r) => r.kind === 'child').length;
  const filters = [
    groupId ? `${t('groups.name')}: ${groups.find((g) => g.id === groupId)?.name ?? ''}` : null,
    status ? `${t('children.status')}: ${t(`childStatus.${status}`)}` : null,
  ].filter((f): f is string => f !== null);
  return (
    <section aria-labelledby="children-title">
      <SearchHeader
        id="children-title"
        title={t('children.title')}
        search={search}
        onSearch={setSearch}
        showIin={showIin}
        onShowIin={setShowIin}
      >
        <NativeSelect
          label={t('groups.name')}
          value={groupId}
          onChange={(e) => setGroupId(e.currentTarget.value)}
          data={[{ value: '', label: t('children.allGroups') }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
        />
        <NativeSelect
          label={t('children.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as ChildStatus | '')}
          data={[
            { value: '', label: t('claims.allStatuses') },
            ...childStatuses.map((s) => ({ value: s, label: t(`childStatus.${s}`) })),
          ]}
        />
      </SearchHeader>
      <p data-testid="children-count">{t('claims.count', { count: shownCount, total: enrollments.length })}</p>
      {shownCount === 0 ? (
        <EmptySearch
          query={query}
          filters={filters}
          nothing={t('children.empty')}
          onClear={() => {
            setSearch('');
            setGroupId('');
            setStatus('');
          }}
        />
      ) : (
        <ChildrenTable rows={rows} showIin={showIin} onAction={onAction} onCancelDeparture={setCancelling} />
      )}
      {open && (
        <ReferralDialog
          referral={referrals.find((r) => r.id === open.enrollment.referralId) ?? null}
          enrollment={open.enrollment}
          action={open.action}
          onClose={() => setOpen(null)}
        />
      )}
      {cancelling && <CancelDepartureDialog departure={cancelling} onClose={() => setCancelling(null)} />}
    </section>
  );
}
