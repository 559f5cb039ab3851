import { Badge, Button, Table, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Publication } from '../../../../shared/domain/index.js';
import { isEarlyBooking, publicationInstants, publicationPhase } from '../../../../shared/rules/index.js';
import { useConfirm } from '../departures/confirm-action.js';
import { useDesk } from '../desk-context.js';
import { formatDate, formatInstant } from '../format.js';
import { usePendingByObject } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { useMay } from '../hooks/use-may.js';
import { PendingBadge } from '../pending-badge.js';
import { queueCommand, useNotice } from '../refusals/feedback.js';
import { RowRefusal } from '../refusals/row-refusal.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { PublishDialog, type PublishSource } from './publish-dialog.js';
import { VacancyList } from './vacancy-list.js';
import { useNavigation } from '../navigation.js';

const phaseColor = { queue_window: 'blue', open_to_all: 'green', withdrawn: 'gray' } as const;

/** Published seats with their phase (from the server's clock), claimed and open counts; withdraw what is unclaimed. */
export function PublicationsScreen() {
  const { t, i18n } = useTranslation();
  const { db, deviceId, clock } = useDesk();
  const ticked = useServerNow();
  const publications = useList('publications');
  // Read the server's now again whenever a publication changes: a withdrawal just applied shows at once.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const now = useMemo(() => clock.now(), [clock, ticked, publications]);
  const may = useMay();
  const notice = useNotice();
  const { openByObject } = useRefusals();
  const { row } = useNavigation();
  const seats = useList('seats');
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  const pending = usePendingByObject();
  const [publishing, setPublishing] = useState<PublishSource | null>(null);
  const confirm = useConfirm();
  const withdraw = async (p: Publication, open: number) => {
    const confirmed = await confirm.ask({
      title: t('confirm.withdrawTitle'),
      confirmLabel: t('publications.withdraw'),
      lines: [
        { label: t('confirm.group'), value: groups.get(p.groupId) ?? '—' },
        { label: t('schedule.availableFrom'), value: formatDate(p.availableFrom) },
        { label: t('confirm.frees'), value: t('confirm.seatsOff', { count: open }) },
      ],
    });
    if (confirmed) await queueCommand(db, deviceId, 'publication.withdraw', { publicationId: p.id }, p.id);
  };
  const lang = i18n.language;
  return (
    <section aria-labelledby="publications-title">
      <Title order={2} id="publications-title">
        {t('publications.title')}
      </Title>
      <VacancyList onPublish={(vacancy) => setPublishing({ kind: 'vacancy', vacancy })} />
      {publications.length === 0 ? (
        <p>{t('publications.empty')}</p>
      ) : (
        <Table striped aria-label={t('publications.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('groups.name')}</Table.Th>
              <Table.Th>{t('schedule.birthYear')}</Table.Th>
              <Table.Th>{t('schedule.availableFrom')}</Table.Th>
              <Table.Th>{t('publications.seats')}</Table.Th>
              <Table.Th>{t('publications.phase')}</Table.Th>
              <Table.Th>{t('publications.windowCloses')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {publications.map((p) => {
              const mine = seats.filter((s) => s.publicationId === p.id);
              const open = mine.filter((s) => s.status === 'open').length;
              const claimed = mine.filter((s) => s.status === 'claimed').length;
              const phase = publicationPhase(publicationInstants(p), now);
              return (
                <Table.Tr
                  key={p.id}
                  data-testid="publication"
                  className={notice?.objectId === p.id ? 'row-acted' : row === p.id ? 'row-focused' : undefined}
                  data-focused={row === p.id || undefined}
                >
                  <Table.Td>{groups.get(p.groupId)}</Table.Td>
                  <Table.Td>{p.birthYear}</Table.Td>
                  <Table.Td>
                    {formatDate(p.availableFrom, lang)}{' '}
                    {isEarlyBooking(p.availableFrom, now) && <Badge variant="light">{t('publications.early')}</Badge>}
                  </Table.Td>
                  <Table.Td data-testid="publication-seats">
                    {t('publications.seatCounts', { total: p.seats, claimed, open })}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={phaseColor[phase]} data-testid="phase">
                      {t(`phase.${phase}`)}
                    </Badge>
                    <PendingBadge commands={pending.get(p.id)} />
                    <RowRefusal commands={openByObject.get(p.id)} />
                  </Table.Td>
                  <Table.Td>{p.windowClosesAt ? formatInstant(p.windowClosesAt, lang) : '—'}</Table.Td>
                  <Table.Td>
                    {may('publication.withdraw') &&
                      phase !== 'withdrawn' &&
                      open > 0 &&
                      !pending.get(p.id)?.some((c) => c.kind === 'publication.withdraw') && (
                        <Button size="xs" variant="default" onClick={() => void withdraw(p, open)}>
                          {t('publications.withdraw')}
                        </Button>
                      )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {publishing && <PublishDialog source={publishing} onClose={() => setPublishing(null)} />}
      {confirm.dialog}
    </section>
  );
}
