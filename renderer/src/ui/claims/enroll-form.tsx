import { Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { cityDate } from '../../../../shared/calendar/index.js';
import { enrollPayload } from '../../../../shared/commands/intake-payloads.js';
import type { Referral } from '../../../../shared/domain/index.js';
import { canEnroll } from '../../../../shared/rules/index.js';
import { useDesk } from '../desk-context.js';
import { fieldError, useZodForm } from '../forms.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { OrderFields } from '../order-fields.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';

const schema = z.object(enrollPayload.omit({ referralId: true }).shape);

/** Enrollment (зачисление) by order: checked with the server's rule (never before the seat's available-from) before it is queued. */
export function EnrollForm({ referral, onDone }: { referral: Referral; onDone(): void }) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const now = useServerNow(15_000);
  const today = cityDate(now);
  const start = referral.availableFrom > today ? referral.availableFrom : today;
  const form = useZodForm(schema, { enrollmentDate: start, orderNumber: '', orderDate: today });
  const { errors } = form.formState;
  const { refusal, allows } = useLocalRefusal();
  const submit = form.handleSubmit(async (values) => {
    if (!allows(canEnroll(referral, values, now))) return;
    await queueCommand(db, deviceId, 'referral.enroll', { referralId: referral.id, ...values }, referral.id);
    onDone();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('claims.enroll')}>
      <Stack>
        <TextInput
          type="date"
          label={t('claims.enrollmentDate')}
          data-autofocus
          {...form.register('enrollmentDate')}
          error={fieldError(t, errors.enrollmentDate)}
        />
        <OrderFields register={form.register} errors={errors} />
        <LocalRefusal refusal={refusal} />
        <Button type="submit">{t('claims.enroll')}</Button>
      </Stack>
    </form>
  );
}
