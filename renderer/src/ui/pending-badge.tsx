import { Badge, CloseButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isCommandKind, type Command } from '../../../shared/commands/command.js';
import { cancelPending } from '../data/outbox.js';
import { useDesk } from './desk-context.js';
import { useMay } from './hooks/use-may.js';
import { showNotice } from './refusals/feedback.js';

/**
 * "Enroll — waiting to sync" on the object a pending command acts on, with a button that withdraws
 * it while it has not been sent (and the later commands that depend on it); once sent, the desk
 * says it can no longer be withdrawn.
 */
export function PendingBadge({ commands }: { commands: readonly Command[] | undefined }) {
  const { t } = useTranslation();
  const { db } = useDesk();
  const may = useMay();
  if (!commands?.length) return null;
  const actionOf = (kind: string) => t(`commandKind.${kind}`, { defaultValue: kind });
  const cancel = async (command: Command) => {
    const outcome = await cancelPending(db, command.id);
    const action = actionOf(command.kind);
    if (outcome.status === 'sent') {
      showNotice(command.kind, t('pending.tooLate', { action }), 'yellow');
      return;
    }
    const dependents = outcome.dependents.length
      ? ` ${t('pending.dependents', { list: outcome.dependents.map(actionOf).join(', ') })}`
      : '';
    showNotice(command.kind, `${t('pending.cancelled', { action })}${dependents}`, 'green');
  };
  return (
    <>
      {commands.map((c) => (
        <Badge
          key={c.id}
          color="yellow"
          variant="light"
          data-testid="pending-badge"
          rightSection={
            isCommandKind(c.kind) && may(c.kind) ? (
              <CloseButton
                size="xs"
                aria-label={t('pending.cancel', { action: actionOf(c.kind) })}
                title={t('pending.cancel', { action: actionOf(c.kind) })}
                onClick={() => void cancel(c)}
              />
            ) : null
          }
        >
          {t('pending.waiting', { action: actionOf(c.kind) })}
        </Badge>
      ))}
    </>
  );
}
