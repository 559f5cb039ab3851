import { Button, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../shared/domain/index.js';
import { declineReasonSchema, type DeclineReason } from '../../../../shared/rules/index.js';
import { sendCommand } from '../../data/commands.js';
import { useDesk } from '../desk-context.js';

/** Declining a referral on one of the published grounds; the seat returns. */
export function DeclineForm({ referral, onDone }: { referral: Referral; onDone(): void }) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const [reason, setReason] = useState<DeclineReason>('documents_incomplete');
  return (
    <Stack>
      <NativeSelect
        label={t('claims.declineReason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value as DeclineReason)}
        data={declineReasonSchema.options.map((r) => ({ value: r, label: t(`declineReason.${r}`) }))}
      />
      <Button
        color="orange"
        onClick={() =>
          void sendCommand(db, deviceId, 'referral.decline', { referralId: referral.id, reason }).then(onDone)
        }
      >
        {t('claims.decline')}
      </Button>
    </Stack>
  );
}
