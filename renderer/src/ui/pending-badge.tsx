import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../shared/commands/command.js';

/** "Enroll — waiting to sync" on the object a pending command acts on. */
export function PendingBadge({ commands }: { commands: readonly Command[] | undefined }) {
  const { t } = useTranslation();
  if (!commands?.length) return null;
  return (
    <>
      {commands.map((c) => (
        <Badge key={c.id} color="yellow" variant="light" data-testid="pending-badge">
          {t('pending.waiting', { action: t(`commandKind.${c.kind}`, { defaultValue: c.kind }) })}
        </Badge>
      ))}
    </>
  );
}
