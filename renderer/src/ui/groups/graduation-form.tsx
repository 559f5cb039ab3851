import { Button, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { plusDays } from '../../../../shared/calendar/dates.js';
import { graduatePayload } from '../../../../shared/commands/intake-payloads.js';
import { allowed, refuse } from '../../../../shared/commands/rejection.js';
import { graduation, groupAgeGroupOn } from '../../../../shared/rules/index.js';
import { useConfirm } from '../departures/confirm-action.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { fieldError, useZodForm } from '../forms.js';
import { useList } from '../hooks/use-replica.js';
import { noEnterSubmit } from '../keyboard.js';
import { OrderFields } from '../order-fields.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';

const schema = z.object(graduatePayload.shape);

/**
 * The preschool group graduates to school on a date, by order: its seats free up from that date.
 * Checked first with the server's rule on the replica's roster; Enter in a field does not submit it.
 */
export function GraduationForm() {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const groups = useList('groups');
  const enrollments = useList('enrollments');
  const preschool = groups.filter((g) => g.ageGroup === 'preschool');
  const { refusal, allows } = useLocalRefusal();
  const confirm = useConfirm();
  const form = useZodForm(schema, { groupId: '', departsOn: '', orderNumber: '', orderDate: '' });
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const group = groups.find((g) => g.id === values.groupId);
    if (!group) return;
    // The children in the group the day before the date, with no departure yet (as the server selects them).
    const children = enrollments
      .filter((e) => e.groupId === group.id && e.departedOn === null && e.enrolledOn < values.departsOn)
      .map((e) => ({ childId: e.id, enrolledOn: e.enrolledOn }));
    const ageGroup = groupAgeGroupOn(group, plusDays(values.departsOn, -1));
    const plan = graduation({ groupId: group.id, ageGroup, children }, values.departsOn, values);
    if (!allows(plan.ok ? allowed : plan, children.length > 0 ? allowed : refuse('no_children_to_move'))) return;
    const names = enrollments
      .filter((e) => children.some((c) => c.childId === e.id))
      .map((e) => e.childFullName)
      .sort((a, b) => a.localeCompare(b));
    const date = formatDate(values.departsOn);
    const confirmed = await confirm.ask({
      title: t('confirm.graduateTitle'),
      confirmLabel: t('departures.graduateSubmit'),
      lines: [
        { label: t('confirm.group'), value: group.name },
        { label: t('confirm.date'), value: date },
        { label: t('confirm.children'), value: `${names.length}: ${names.join(', ')}` },
        { label: t('confirm.order'), value: `№ ${values.orderNumber}, ${formatDate(values.orderDate)}` },
        { label: t('confirm.frees'), value: t('confirm.freesSeats', { count: names.length, date }) },
      ],
    });
    if (!confirmed) return;
    await queueCommand(db, deviceId, 'departure.graduate', values, group.id);
    form.reset();
  });
  return (
    <form onSubmit={(e) => void submit(e)} onKeyDown={noEnterSubmit} aria-label={t('departures.graduate')} noValidate>
      <Stack gap="xs">
        <Title order={3}>{t('departures.graduate')}</Title>
        <NativeSelect
          label={t('groups.name')}
          data={[{ value: '', label: '—' }, ...preschool.map((g) => ({ value: g.id, label: g.name }))]}
          {...form.register('groupId')}
          error={fieldError(t, errors.groupId)}
        />
        <TextInput
          type="date"
          label={t('departures.date')}
          {...form.register('departsOn')}
          error={fieldError(t, errors.departsOn)}
        />
        <OrderFields register={form.register} errors={errors} />
        <LocalRefusal refusal={refusal} />
        <Button type="submit">{t('departures.graduateSubmit')}</Button>
      </Stack>
      {confirm.dialog}
    </form>
  );
}
