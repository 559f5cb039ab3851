import { Badge, Button, Group as Row, Table, Title } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleEntry } from '../../../../shared/domain/index.js';
import { useDesk } from '../desk-context.js';
import { formatDate, formatNumber } from '../format.js';
import { usePendingByObject } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useMay } from '../hooks/use-may.js';
import { useNavigation } from '../navigation.js';
import { PendingBadge } from '../pending-badge.js';
import { PublishDialog, type PublishSource } from '../publications/publish-dialog.js';
import { remainingSeats } from '../publications/remaining.js';
import { queueCommand, useNotice } from '../refusals/feedback.js';
import { RowRefusal } from '../refusals/row-refusal.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { ScheduleEntryForm } from './schedule-entry-form.js';

/** Only a draft or a rejected entry may change; a submitted or approved one is the department's to decide. */
const editable = (entry: ScheduleEntry) => entry.status === 'draft' || entry.status === 'rejected';

const statusColor = { draft: 'gray', submitted: 'blue', approved: 'green', rejected: 'red' } as const;

/** The intake schedule (график комплектования): plan, submit for approval, publish approved seats. */
export function ScheduleScreen() {
  const { t, i18n } = useTranslation();
  const { db, deviceId } = useDesk();
  const may = useMay();
  const notice = useNotice();
  const { openByObject } = useRefusals();
  const { row } = useNavigation();
  const lists = { publications: useList('publications'), seats: useList('seats'), pending: useList('pending') };
  const entries = useList('scheduleEntries');
  const groups = new Map(useList('groups').map((g) => [g.id, g.name]));
  const pending = usePendingByObject();
  const [publishing, setPublishing] = useState<PublishSource | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const send = (kind: 'scheduleEntry.submit' | 'scheduleEntry.delete', entry: ScheduleEntry) =>
    void queueCommand(db, deviceId, kind, { entryId: entry.id }, entry.id);
  // An entry whose deletion waits to sync is offered nothing more (its badge says it is on its way).
  const deleting = (e: ScheduleEntry) => pending.get(e.id)?.some((c) => c.kind === 'scheduleEntry.delete') ?? false;
  return (
    <section aria-labelledby="schedule-title">
      <Title order={2} id="schedule-title">
        {t('schedule.title')}
      </Title>
      <ScheduleEntryForm />
      {entries.length === 0 ? (
        <p>{t('schedule.empty')}</p>
      ) : (
        <Table striped aria-label={t('schedule.title')} data-testid="schedule-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schedule.availableFrom')}</Table.Th>
              <Table.Th>{t('groups.name')}</Table.Th>
              <Table.Th>{t('schedule.birthYear')}</Table.Th>
              <Table.Th>{t('groups.language')}</Table.Th>
              <Table.Th>{t('schedule.seats')}</Table.Th>
              <Table.Th>{t('schedule.status')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Fragment key={e.id}>
                <Table.Tr
                  data-testid="schedule-entry"
                  className={notice?.objectId === e.id ? 'row-acted' : row === e.id ? 'row-focused' : undefined}
                  data-focused={row === e.id || undefined}
                >
                  <Table.Td>{formatDate(e.availableFrom, i18n.language)}</Table.Td>
                  <Table.Td>{e.groupId ? groups.get(e.groupId) : '—'}</Table.Td>
                  <Table.Td>{e.birthYear}</Table.Td>
                  <Table.Td>{t(`languageOfInstruction.${e.language}`)}</Table.Td>
                  <Table.Td>{formatNumber(e.seats, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[e.status]} data-testid="entry-status">
                      {t(`scheduleStatus.${e.status}`)}
                    </Badge>
                    {e.decisionNote && e.status !== 'approved' && (
                      <div className="return-reason" data-testid="entry-return-reason">
                        {t('schedule.returnReason', { reason: e.decisionNote })}
                      </div>
                    )}
                    <PendingBadge commands={pending.get(e.id)} />
                    <RowRefusal commands={openByObject.get(e.id)} />
                  </Table.Td>
                  <Table.Td>
                    <Row gap="xs">
                      {e.status === 'draft' &&
                        may('scheduleEntry.submit') &&
                        !deleting(e) &&
                        !pending.get(e.id)?.some((c) => c.kind === 'scheduleEntry.submit') && (
                          <Button size="xs" onClick={() => send('scheduleEntry.submit', e)}>
                            {t('schedule.submit')}
                          </Button>
                        )}
                      {editable(e) && !deleting(e) && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-expanded={editing === e.id}
                          onClick={() => setEditing(editing === e.id ? null : e.id)}
                        >
                          {t('schedule.edit')}
                        </Button>
                      )}
                      {editable(e) && !deleting(e) && (
                        <Button size="xs" variant="default" onClick={() => send('scheduleEntry.delete', e)}>
                          {t('schedule.delete')}
                        </Button>
                      )}
                      {e.status === 'approved' &&
                        may('publication.publish') &&
                        remainingSeats(e.id, e.seats, lists) > 0 && (
                          <Button size="xs" onClick={() => setPublishing({ kind: 'schedule_entry', entry: e })}>
                            {t('publications.publish')}
                          </Button>
                        )}
                    </Row>
                  </Table.Td>
                </Table.Tr>
                {editing === e.id && editable(e) && (
                  <Table.Tr data-testid="schedule-entry-editor">
                    <Table.Td colSpan={7}>
                      <ScheduleEntryForm key={`${e.id}-${e.rev}`} entry={e} onDone={() => setEditing(null)} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {entries.some((e) => !editable(e)) && <p data-testid="schedule-edit-hint">{t('schedule.editHint')}</p>}
      {publishing && <PublishDialog source={publishing} onClose={() => setPublishing(null)} />}
    </section>
  );
}
