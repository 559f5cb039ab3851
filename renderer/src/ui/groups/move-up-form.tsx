import { Button, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { plusDays } from '../../../../shared/calendar/dates.js';
import { moveUpPayload } from '../../../../shared/commands/intake-payloads.js';
import { allowed, refuse, type Verdict } from '../../../../shared/commands/rejection.js';
import type { Enrollment, Group } from '../../../../shared/domain/index.js';
import {
  checkCapacity,
  checkMoveUpTarget,
  checkOrder,
  groupAgeGroupOn,
  nextAgeGroup,
} from '../../../../shared/rules/index.js';
import { groupLoad, type LoadSources } from '../dashboard/group-seats.js';
import { useConfirm } from '../departures/confirm-action.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { fieldError, useZodForm } from '../forms.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { noEnterSubmit } from '../keyboard.js';
import { OrderFields } from '../order-fields.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';

const schema = z.object(moveUpPayload.omit({ moves: true }).shape);

type Move = { fromGroupId: string; toGroupId: string };

/**
 * The move-up as the server decides it, move by move on the replica: the order, a relabel already
 * recorded for a later date, the target's age group, and the target's capacity from the date with
 * the children arriving (several groups into one add up).
 */
export function checkMoveUp(
  moves: readonly Move[],
  movesOn: string,
  order: { orderNumber: string; orderDate: string },
  groups: readonly Group[],
  sources: LoadSources,
  now: Date,
): Verdict {
  const orderVerdict = checkOrder(order);
  if (!orderVerdict.ok) return orderVerdict;
  const lastDay = plusDays(movesOn, -1);
  const arriving = new Map<string, number>();
  const attendingBefore = (groupId: string) =>
    sources.enrollments.filter(
      (e: Enrollment) => e.groupId === groupId && e.departedOn === null && e.enrolledOn < movesOn,
    ).length;
  for (const move of moves) {
    const from = groups.find((g) => g.id === move.fromGroupId);
    const to = groups.find((g) => g.id === move.toGroupId);
    if (!from || !to) return refuse('not_found', { object: 'group', id: move.toGroupId });
    const current = groupAgeGroupOn(from, lastDay);
    if (from.id === to.id) {
      if (from.nextAgeGroupOn !== null && from.nextAgeGroupOn > movesOn)
        return refuse('move_up_pending', { groupId: from.id, date: from.nextAgeGroupOn });
      continue;
    }
    const target = checkMoveUpTarget(current, groupAgeGroupOn(to, movesOn));
    if (!target.ok) return target;
    const count = (arriving.get(to.id) ?? 0) + attendingBefore(from.id);
    arriving.set(to.id, count);
    const load = groupLoad(to.id, sources, now);
    const capacity = checkCapacity(to.capacity, movesOn, {
      attending: [
        ...load.attending,
        ...Array.from({ length: count }, () => ({ enrolledOn: movesOn, departedOn: null })),
      ],
      promised: load.promised,
    });
    if (!capacity.ok) return capacity;
  }
  return allowed;
}

/** The yearly August move-up: each group's children move to a group of the next age (the shared rule). Enter in a field does not submit it. */
export function MoveUpForm() {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const groups = useList('groups');
  const enrollments = useList('enrollments');
  const seats = useList('seats');
  const referrals = useList('referrals');
  const now = useServerNow(60_000);
  const { refusal, allows } = useLocalRefusal();
  const confirm = useConfirm();
  const movable = groups.filter((g) => nextAgeGroup(g.ageGroup) !== 'school');
  const [targets, setTargets] = useState<Record<string, string>>({});
  const form = useZodForm(schema, { movesOn: '', orderNumber: '', orderDate: '' });
  const { errors } = form.formState;
  const moves = Object.entries(targets)
    .filter(([, to]) => to)
    .map(([fromGroupId, toGroupId]) => ({ fromGroupId, toGroupId }));
  const submit = form.handleSubmit(async (values) => {
    if (moves.length === 0) return;
    const sources = { enrollments, seats, referrals: new Map(referrals.map((r) => [r.id, r])) };
    if (!allows(checkMoveUp(moves, values.movesOn, values, groups, sources, now))) return;
    const nameOf = (id: string) => groups.find((g) => g.id === id)?.name ?? '';
    const countOf = (id: string) =>
      enrollments.filter((e) => e.groupId === id && e.departedOn === null && e.enrolledOn < values.movesOn).length;
    const date = formatDate(values.movesOn);
    const freed = moves.filter((m) => m.fromGroupId !== m.toGroupId).reduce((n, m) => n + countOf(m.fromGroupId), 0);
    const confirmed = await confirm.ask({
      title: t('confirm.moveUpTitle'),
      confirmLabel: t('departures.moveUpSubmit'),
      lines: [
        {
          label: t('confirm.moves'),
          value: moves
            .map((m) =>
              m.fromGroupId === m.toGroupId
                ? `${nameOf(m.fromGroupId)} (${countOf(m.fromGroupId)}) → ${t(`ageGroup.${nextAgeGroup(groups.find((g) => g.id === m.fromGroupId)?.ageGroup ?? 'early')}`)}`
                : `${nameOf(m.fromGroupId)} (${countOf(m.fromGroupId)}) → ${nameOf(m.toGroupId)}`,
            )
            .join('; '),
        },
        { label: t('confirm.date'), value: date },
        { label: t('confirm.order'), value: `№ ${values.orderNumber}, ${formatDate(values.orderDate)}` },
        {
          label: t('confirm.frees'),
          value: freed > 0 ? t('confirm.freesSeats', { count: freed, date }) : t('confirm.none'),
        },
      ],
    });
    if (!confirmed) return;
    await queueCommand(db, deviceId, 'departure.moveUp', { ...values, moves }, null);
    form.reset();
    setTargets({});
  });
  return (
    <form onSubmit={(e) => void submit(e)} onKeyDown={noEnterSubmit} aria-label={t('departures.moveUp')} noValidate>
      <Stack gap="xs">
        <Title order={3}>{t('departures.moveUp')}</Title>
        {movable.map((from) => {
          const next = nextAgeGroup(from.ageGroup);
          const options = groups.filter((g) => g.ageGroup === next && g.language === from.language);
          return (
            <NativeSelect
              key={from.id}
              label={t('departures.moveTo', { group: from.name })}
              value={targets[from.id] ?? ''}
              onChange={(e) => setTargets({ ...targets, [from.id]: e.currentTarget.value })}
              data={[
                { value: '', label: t('departures.noMove') },
                // The usual case: the group moves up whole, relabelled to the next age group.
                {
                  value: from.id,
                  label: t('departures.relabel', { group: from.name, ageGroup: t(`ageGroup.${next}`) }),
                },
                ...options.map((g) => ({ value: g.id, label: g.name })),
              ]}
            />
          );
        })}
        <TextInput
          type="date"
          label={t('departures.date')}
          {...form.register('movesOn')}
          error={fieldError(t, errors.movesOn)}
        />
        <OrderFields register={form.register} errors={errors} />
        <LocalRefusal refusal={refusal} />
        <Button type="submit" disabled={moves.length === 0}>
          {t('departures.moveUpSubmit')}
        </Button>
      </Stack>
      {confirm.dialog}
    </form>
  );
}
