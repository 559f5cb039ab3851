import { Button, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { sendCommand } from '../../data/commands.js';
import { useDesk } from '../desk-context.js';
import { fieldError, orderFormFields, useZodForm } from '../forms.js';
import { useList } from '../hooks/use-replica.js';
import { OrderFields } from '../order-fields.js';

const schema = z.object({ groupId: z.uuid('required'), departsOn: z.iso.date('required'), ...orderFormFields });

/** The preschool group graduates to school on a date, by order: its seats free up from that date. */
export function GraduationForm() {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const preschool = useList('groups').filter((g) => g.ageGroup === 'preschool');
  const form = useZodForm(schema, { groupId: '', departsOn: '', orderNumber: '', orderDate: '' });
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    await sendCommand(db, deviceId, 'departure.graduate', values);
    form.reset();
  });
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('departures.graduate')} noValidate>
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
        <Button type="submit">{t('departures.graduateSubmit')}</Button>
      </Stack>
    </form>
  );
}
