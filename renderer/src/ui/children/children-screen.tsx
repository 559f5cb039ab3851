import { Button, Group as Row, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../../../shared/domain/index.js';
import { maskIin } from '../../../../shared/domain/iin.js';
import { ReferralDialog, type ReferralAction } from '../claims/referral-dialog.js';
import { matchesSearch } from '../claims/referral-view.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { usePendingByObject } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useNavigation } from '../navigation.js';
import { PendingBadge } from '../pending-badge.js';
import { SearchHeader } from '../search-header.js';

/** The children enrolled (and those who left), each with its history; the head terminates contracts here. */
export function ChildrenScreen() {
  const { t, i18n } = useTranslation();
  const { session } = useDesk();
  const { focus } = useNavigation();
  const enrollments = useList('enrollments');
  const referrals = useList('referrals');
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  const pending = usePendingByObject();
  const [search, setSearch] = useState(focus);
  const [showIin, setShowIin] = useState(false);
  const [open, setOpen] = useState<{ enrollment: Enrollment; action: ReferralAction } | null>(null);
  const shown = enrollments.filter((e) => matchesSearch(e, search));
  return (
    <section aria-labelledby="children-title">
      <SearchHeader
        id="children-title"
        title={t('children.title')}
        search={search}
        onSearch={setSearch}
        showIin={showIin}
        onShowIin={setShowIin}
      />
      {shown.length === 0 ? (
        <p>{t('children.empty')}</p>
      ) : (
        <Table striped aria-label={t('children.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('claims.child')}</Table.Th>
              <Table.Th>{t('claims.iin')}</Table.Th>
              <Table.Th>{t('groups.name')}</Table.Th>
              <Table.Th>{t('children.enrolledOn')}</Table.Th>
              <Table.Th>{t('children.departedOn')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={e.id} data-testid="child">
                <Table.Th scope="row">{e.childFullName}</Table.Th>
                <Table.Td>{showIin ? e.childIin : maskIin(e.childIin)}</Table.Td>
                <Table.Td>{groups.get(e.groupId)}</Table.Td>
                <Table.Td>{formatDate(e.enrolledOn, i18n.language)}</Table.Td>
                <Table.Td data-testid="departed-on">
                  {e.departedOn ? formatDate(e.departedOn, i18n.language) : '—'}
                  <PendingBadge commands={pending.get(e.id)} />
                </Table.Td>
                <Table.Td>
                  <Row gap={4}>
                    {!e.departedOn && session.info.staff.role === 'head' && (
                      <Button
                        size="compact-xs"
                        color="red"
                        variant="light"
                        onClick={() => setOpen({ enrollment: e, action: 'terminate' })}
                      >
                        {t('claims.terminate')}
                      </Button>
                    )}
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => setOpen({ enrollment: e, action: 'history' })}
                    >
                      {t('claims.history')}
                    </Button>
                  </Row>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && (
        <ReferralDialog
          referral={referrals.find((r) => r.id === open.enrollment.referralId) ?? null}
          enrollment={open.enrollment}
          action={open.action}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
