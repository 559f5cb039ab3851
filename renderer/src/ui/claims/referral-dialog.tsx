import { Button, Group as Row, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrollment, Referral } from '../../../../shared/domain/index.js';
import { sendCommand } from '../../data/commands.js';
import { ChildHistory } from '../children/child-history.js';
import { TerminateForm } from '../children/terminate-form.js';
import { useDesk } from '../desk-context.js';
import { DeclineForm } from './decline-form.js';
import { EnrollForm } from './enroll-form.js';

export type ReferralAction = 'contract' | 'decline' | 'enroll' | 'terminate' | 'history';

/** One action on a referral (or an enrolled child), in a dialog: each ends in one command. */
export function ReferralDialog({
  referral,
  enrollment,
  action,
  onClose,
}: {
  referral: Referral | null;
  enrollment?: Enrollment | null;
  action: ReferralAction;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const name = referral?.childFullName ?? enrollment?.childFullName ?? '';
  return (
    <Modal lockScroll={false} opened onClose={onClose} title={`${t(`referralAction.${action}`)}: ${name}`} size="lg">
      {action === 'contract' && referral && (
        <>
          <Text>{t('claims.markContractExplain')}</Text>
          <Row justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() =>
                void sendCommand(db, deviceId, 'referral.concludeContract', { referralId: referral.id }).then(onClose)
              }
            >
              {t('claims.markContract')}
            </Button>
          </Row>
        </>
      )}
      {action === 'decline' && referral && <DeclineForm referral={referral} onDone={onClose} />}
      {action === 'enroll' && referral && <EnrollForm referral={referral} onDone={onClose} />}
      {action === 'terminate' && <TerminateForm referral={referral} enrollment={enrollment ?? null} onDone={onClose} />}
      {action === 'history' && <ChildHistory referral={referral} enrollment={enrollment ?? null} />}
    </Modal>
  );
}
