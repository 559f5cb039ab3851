import { Button, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { cityDate } from '../../../../shared/calendar/index.js';
import { terminatePayload } from '../../../../shared/commands/intake-payloads.js';
import type { Enrollment, Referral } from '../../../../shared/domain/index.js';
import { canTerminate } from '../../../../shared/rules/index.js';
import { useConfirm } from '../departures/confirm-action.js';
import { useDesk } from '../desk-context.js';
import { formatDate } from '../format.js';
import { fieldError, useZodForm } from '../forms.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { OrderFields } from '../order-fields.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';
import { noEnterSubmit } from '../keyboard.js';

/** The payload's fields but the enrollment or referral it names (its refinement keeps `.omit` from being used). */
const termination = terminatePayload.shape;
const schema = z.object({
  reason: termination.reason,
  note: termination.note,
  terminatedOn: termination.terminatedOn,
  orderNumber: termination.orderNumber,
  orderDate: termination.orderDate,
});

/**
 * The day the child first came: a move-up ends one stay and begins the next on the same date, so
 * the stays of the same child that meet end to start are one stay in the kindergarten.
 */
export function firstEnrolledOn(enrollment: Enrollment, all: readonly Enrollment[]): string {
  let stay = enrollment;
  for (;;) {
    const previous = all.find(
      (e) => e.id !== stay.id && e.childIin === stay.childIin && e.departedOn === stay.enrolledOn,
    );
    if (!previous) return stay.enrolledOn;
    stay = previous;
  }
}

/**
 * Contract termination by order: an enrolled child leaves (a vacancy), or a contracted referral
 * ends. Checked with the server's rule first; destructive, so Enter in a field never submits it.
 */
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
  const { db, deviceId } = useDesk();
  const enrollments = useList('enrollments');
  const now = useServerNow(15_000);
  const today = cityDate(now);
  const form = useZodForm(schema, {
    reason: 'parent_request',
    note: '',
    terminatedOn: today,
    orderNumber: '',
    orderDate: today,
  });
  const { errors } = form.formState;
  const { refusal, allows } = useLocalRefusal();
  const confirm = useConfirm();
  const groups = useList('groups');
  const submit = form.handleSubmit(async (values) => {
    const target = enrollment ? { enrollmentId: enrollment.id } : referral ? { referralId: referral.id } : null;
    if (!target) return;
    const view = enrollment
      ? {
          status: 'enrolled' as const,
          contractDeadline: referral?.contractDeadline ?? new Date(0).toISOString(),
          enrolledOn: firstEnrolledOn(enrollment, enrollments),
        }
      : { ...referral!, enrolledOn: null };
    if (!allows(canTerminate(view, values, now))) return;
    const groupId = enrollment?.groupId ?? referral?.groupId;
    const date = formatDate(values.terminatedOn);
    const confirmed = await confirm.ask({
      title: t('confirm.terminateTitle'),
      confirmLabel: t('claims.terminate'),
      lines: [
        { label: t('confirm.child'), value: enrollment?.childFullName ?? referral?.childFullName ?? '' },
        { label: t('confirm.group'), value: groups.find((g) => g.id === groupId)?.name ?? '—' },
        { label: t('confirm.date'), value: date },
        { label: t('confirm.reason'), value: t(`terminationReason.${values.reason}`) },
        { label: t('confirm.order'), value: `№ ${values.orderNumber}, ${formatDate(values.orderDate)}` },
        {
          label: t('confirm.frees'),
          value: enrollment ? t('confirm.freesSeat', { date }) : t('confirm.returnsSeat'),
        },
      ],
    });
    if (!confirmed) return;
    await queueCommand(db, deviceId, 'contract.terminate', { ...target, ...values }, enrollment?.id ?? referral!.id);
    onDone();
  });
  return (
    <form onSubmit={(e) => void submit(e)} onKeyDown={noEnterSubmit} noValidate aria-label={t('claims.terminate')}>
      <Stack>
        <NativeSelect
          label={t('children.terminationReason')}
          data-autofocus
          data={termination.reason.options.map((r) => ({ value: r, label: t(`terminationReason.${r}`) }))}
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
        <LocalRefusal refusal={refusal} />
        <Button type="submit" color="red">
          {t('claims.terminate')}
        </Button>
      </Stack>
      {confirm.dialog}
    </form>
  );
}
