import { Button, Group as Row, NumberInput, Table } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../shared/commands/command.js';
import { MAX_GROUP_CAPACITY, capacitySchema, type Group } from '../../../../shared/domain/index.js';
import { cityDate } from '../../../../shared/calendar/index.js';
import { checkCapacityChange, groupAgeGroupOn } from '../../../../shared/rules/index.js';
import { groupLoad } from '../dashboard/group-seats.js';
import { useDesk } from '../desk-context.js';
import { useMay } from '../hooks/use-may.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { PendingBadge } from '../pending-badge.js';
import { queueCommand, useActedOn } from '../refusals/feedback.js';
import { RowRefusal } from '../refusals/row-refusal.js';
import { rejectionText } from '../sync/rejection-text.js';

/**
 * One group; the head changes its capacity inline (sent as `group.setCapacity`), checked first
 * with the server's rule on the replica's load (never below what attends or is promised).
 */
export function GroupRow({
  group,
  pending,
  refused,
  focused = false,
}: {
  group: Group;
  pending: Command[] | undefined;
  refused: Command[] | undefined;
  /** Opened from a link on "Today": highlighted and scrolled into view. */
  focused?: boolean;
}) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const may = useMay();
  const enrollments = useList('enrollments');
  const seats = useList('seats');
  const referrals = useList('referrals');
  const acted = useActedOn(group.id);
  // A move-up recorded ahead relabels the group only from its date.
  const now = useServerNow(60_000);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<string | number>(group.capacity);
  const [error, setError] = useState<string | null>(null);
  const rowRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (focused) rowRef.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  const pendingCapacity = pending?.filter((c) => c.kind === 'group.setCapacity').at(-1)?.payload.capacity;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = capacitySchema.safeParse(Number(value));
    if (String(value).trim() === '' || !parsed.success) {
      setError(t('errors.capacityRange', { max: MAX_GROUP_CAPACITY }));
      return;
    }
    const load = groupLoad(group.id, { enrollments, seats, referrals: new Map(referrals.map((r) => [r.id, r])) }, now);
    const verdict = checkCapacityChange(parsed.data, cityDate(now), load);
    if (!verdict.ok) {
      const hint = t(`desk.hint.${verdict.rejection.code}`, { defaultValue: '' });
      setError(`${t('desk.notSent')}: ${rejectionText(t, verdict.rejection)} ${hint}`.trim());
      return;
    }
    await queueCommand(db, deviceId, 'group.setCapacity', { groupId: group.id, capacity: parsed.data }, group.id);
    setEditing(false);
    setError(null);
  };

  return (
    <Table.Tr
      ref={rowRef}
      data-testid={`group-${group.id}`}
      className={acted ? 'row-acted' : focused ? 'row-focused' : undefined}
      data-focused={focused || undefined}
    >
      <Table.Th scope="row">{group.name}</Table.Th>
      <Table.Td>{t(`ageGroup.${groupAgeGroupOn(group, cityDate(now))}`)}</Table.Td>
      <Table.Td>{t(`languageOfInstruction.${group.language}`)}</Table.Td>
      <Table.Td>
        {editing ? (
          <form onSubmit={(e) => void save(e)} className="inline-form" noValidate>
            <NumberInput
              value={value}
              onChange={setValue}
              aria-label={`${t('groups.capacity')}: ${group.name}`}
              error={error}
              errorProps={{ role: 'alert' }}
              allowDecimal={false}
              allowNegative={false}
              autoFocus
            />
            <Button type="submit">{t('groups.save')}</Button>
            <Button variant="default" onClick={() => (setEditing(false), setError(null), setValue(group.capacity))}>
              {t('groups.cancel')}
            </Button>
          </form>
        ) : (
          <Row gap="xs">
            <span data-testid="capacity">{group.capacity}</span>
            {pendingCapacity !== undefined && (
              <span className="pending-badge">({t('groups.pending', { capacity: pendingCapacity })})</span>
            )}
            {may('group.setCapacity') && (
              <Button
                size="xs"
                variant="default"
                onClick={() => (setValue(Number(pendingCapacity ?? group.capacity)), setEditing(true))}
              >
                {t('groups.change')}
              </Button>
            )}
          </Row>
        )}
        <PendingBadge commands={pending?.filter((c) => c.kind !== 'group.setCapacity')} />
        <RowRefusal commands={refused} />
      </Table.Td>
    </Table.Tr>
  );
}
