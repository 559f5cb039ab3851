import { Button, Group as Row, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Enrollment, Referral } from '../../../../shared/domain/index.js';
import { canConcludeContract } from '../../../../shared/rules/index.js';
import { ChildHistory } from '../children/child-history.js';
import { TerminateForm } from '../children/terminate-form.js';
import { useDesk } from '../desk-context.js';
import { useServerNow } from '../hooks/use-server-now.js';
import { queueCommand } from '../refusals/feedback.js';
import { LocalRefusal, useLocalRefusal } from '../refusals/local-refusal.js';
import { DeclineForm } from './decline-form.js';
import { EnrollForm } from './enroll-form.js';

export type ReferralAction = 'contract' | 'decline' | 'enroll' | 'terminate' | 'history';

/**
 * One action on a referral (or an enrolled child), in a dialog: each ends in one command, checked
 * first with the server's own rule. The dialog takes focus when it opens and Esc cancels it.
 */
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
  const name = referral?.childFullName ?? enrollment?.childFullName ?? '';
  return (
    <Modal
      lockScroll={false}
      opened
      onClose={onClose}
      title={`${t(`referralAction.${action}`)}: ${name}`}
      size="lg"
      trapFocus
      closeOnEscape
      returnFocus
    >
      {action === 'contract' && referral && <ContractForm referral={referral} onDone={onClose} />}
      {action === 'decline' && referral && <DeclineForm referral={referral} onDone={onClose} />}
      {action === 'enroll' && referral && <EnrollForm referral={referral} onDone={onClose} />}
      {action === 'terminate' && <TerminateForm referral={referral} enrollment={enrollment ?? null} onDone={onClose} />}
      {action === 'history' && <ChildHistory referral={referral} enrollment={enrollment ?? null} />}
    </Modal>
  );
}

/** The contract is marked concluded (Enter confirms: nothing is lost by it). */
function ContractForm({ referral, onDone }: { referral: Referral; onDone(): void }) {
  const { t } = useTranslation();
  const { db, deviceId } = useDesk();
  const now = useServerNow(15_000);
  const { refusal, allows } = useLocalRefusal();
  const mark = async () => {
    if (!allows(canConcludeContract(referral, now))) return;
    await queueCommand(db, deviceId, 'referral.concludeContract', { referralId: referral.id }, referral.id);
    onDone();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void mark();
      }}
      aria-label={t('claims.markContract')}
    >
      <Text>{t('claims.markContractExplain')}</Text>
      <LocalRefusal refusal={refusal} />
      <Row justify="flex-end" mt="md">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" data-autofocus>
          {t('claims.markContract')}
        </Button>
      </Row>
    </form>
  );
}
