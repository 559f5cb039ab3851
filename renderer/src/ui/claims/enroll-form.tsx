import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { cityDate } from '../../../../shared/calendar/index.js';
import type { Referral } from '../../../../shared/domain/index.js';
import { canEnrollOn } from '../../../../shared/rules/index.js';
import { sendCommand } from '../../data/commands.js';
import { useDesk } from '../desk-context.js';
import { fieldError, orderFormFields, useZodForm } from '../forms.js';
import { OrderFields } from '../order-fields.js';
import { rejectionText } from '../sync/rejection-text.js';

const schema = z.object({ enrollmentDate: z.iso.date('required'), ...orderFormFields });

/** Enrollment (зачисление) by order, never before the seat's available-from date (the shared rule says why). */
export function EnrollForm({ referral, onDone }: { referral: Referral; onDone(): void }) {
  const { t } = useTranslation();
  const { db, deviceId, clock } = useDesk();
  const today = cityDate(clock.now());
  const start = referral.availableFrom > today ? referral.availableFrom : today;
  const form = useZodForm(schema, { enrollmentDate: start, orderNumber: '', orderDate: today });
  const { errors } = form.formState;
  const date = form.watch('enrollmentDate');
  const verdict = date ? canEnrollOn(date, referral.availableFrom) : null;
  const submit = form.handleSubmit(async (values) => {
    await sendCommand(db, deviceId, 'referral.enroll', { referralId: referral.id, ...values });
    onDone();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('claims.enroll')}>
      <Stack>
        <TextInput
          type="date"
          label={t('claims.enrollmentDate')}
          {...form.register('enrollmentDate')}
          error={fieldError(t, errors.enrollmentDate)}
        />
        <OrderFields register={form.register} errors={errors} />
        {verdict && !verdict.ok && <Alert color="orange">{rejectionText(t, verdict.rejection)}</Alert>}
        <Button type="submit">{t('claims.enroll')}</Button>
      </Stack>
    </form>
  );
}
