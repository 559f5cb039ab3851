import { Button, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../shared/domain/index.js';
import { canDecline, declineReasonSchema, type DeclineReason } from '../../../../shared/rules/index.js';
import { useConfirm } from '../departures/confirm-action.js';
import { useDesk } from '../desk-context.js';
import { useList } from '../hooks/use-replica.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';

/** Declining a referral on one of the published grounds; the seat returns. Destructive: only a click (never Enter) declines. */
export function DeclineForm({ referral, onDone }: { referral: Referral; onDone(): void }) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const now = useServerNow(15_000);
  const [reason, setReason] = useState<DeclineReason>('documents_incomplete');
  const { refusal, allows } = useLocalRefusal();
  const confirm = useConfirm();
  const groups = useList('groups');
  const decline = async () => {
    if (!allows(canDecline(referral, reason, now))) return;
    const confirmed = await confirm.ask({
      title: t('confirm.declineTitle'),
      confirmLabel: t('claims.decline'),
      lines: [
        { label: t('confirm.child'), value: referral.childFullName },
        { label: t('confirm.group'), value: groups.find((g) => g.id === referral.groupId)?.name ?? '—' },
        { label: t('confirm.reason'), value: t(`declineReason.${reason}`) },
        { label: t('confirm.frees'), value: t('confirm.returnsSeat') },
      ],
    });
    if (!confirmed) return;
    await queueCommand(db, deviceId, 'referral.decline', { referralId: referral.id, reason }, referral.id);
    onDone();
  };
  return (
    <Stack>
      <NativeSelect
        label={t('claims.declineReason')}
        value={reason}
        data-autofocus
        onChange={(e) => setReason(e.currentTarget.value as DeclineReason)}
        data={declineReasonSchema.options.map((r) => ({ value: r, label: t(`declineReason.${r}`) }))}
      />
      <LocalRefusal refusal={refusal} />
      <Button color="orange" onClick={() => void decline()}>
        {t('claims.decline')}
      </Button>
      {confirm.dialog}
    </Stack>
  );
}
