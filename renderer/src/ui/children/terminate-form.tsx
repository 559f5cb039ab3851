import { Button, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { cityDate } from '../../../../shared/calendar/index.js';
import type { Enrollment, Referral } from '../../../../shared/domain/index.js';
import { terminationReasonSchema } from '../../../../shared/rules/index.js';
import { sendCommand } from '../../data/commands.js';
import { useDesk } from '../desk-context.js';
import { fieldError, orderFormFields, useZodForm } from '../forms.js';
import { OrderFields } from '../order-fields.js';

const schema = z.object({
  reason: terminationReasonSchema,
  note: z.string().max(500),
  terminatedOn: z.iso.date('required'),
  ...orderFormFields,
});

/** Contract termination by order: an enrolled child leaves (a vacancy), or a contracted referral ends. */
export function TerminateForm({
  referral,
  enrollment,
  onDone,
}: {
  referral: Referral | null;
  enrollment: Enrollment | null;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { db, deviceId, clock } = useDesk();
  const today = cityDate(clock.now());
  const form = useZodForm(schema, {
    reason: 'parent_request',
    note: '',
    terminatedOn: today,
    orderNumber: '',
    orderDate: today,
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const target = enrollment ? { enrollmentId: enrollment.id } : referral ? { referralId: referral.id } : null;
    if (!target) return;
    await sendCommand(db, deviceId, 'contract.terminate', { ...target, ...values });
    onDone();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('claims.terminate')}>
      <Stack>
        <NativeSelect
          label={t('children.terminationReason')}
          data={terminationReasonSchema.options.map((r) => ({ value: r, label: t(`terminationReason.${r}`) }))}
          {...form.register('reason')}
        />
        <Textarea label={t('schedule.note')} autosize minRows={2} maxLength={500} {...form.register('note')} />
        <TextInput
          type="date"
          label={t('children.terminatedOn')}
          {...form.register('terminatedOn')}
          error={fieldError(t, errors.terminatedOn)}
        />
        <OrderFields register={form.register} errors={errors} />
        <Button type="submit" color="red">
          {t('claims.terminate')}
        </Button>
      </Stack>
    </form>
  );
}
