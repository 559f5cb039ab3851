import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../shared/commands/command.js';
import { rejectionText } from '../sync/rejection-text.js';
import { dismissRefusal } from './dismissed.js';

/** The server's refusals of commands about this row, in place: what, why, what to do, and dismiss. */
export function RowRefusal({ commands }: { commands: readonly Command[] | undefined }) {
  const { t } = useTranslation();
  if (!commands?.length) return null;
  return (
    <>
      {commands.map((command) => {
        const action = t(`commandKind.${command.kind}`, { defaultValue: command.kind });
        return (
          <div key={command.id} className="row-refusal" data-testid="row-refusal">
            <strong>{t('desk.refusedTitle', { action })}</strong>{' '}
            {command.rejection ? rejectionText(t, command.rejection) : ''}{' '}
            {t(`desk.hint.${command.rejection?.code ?? 'default'}`, { defaultValue: t('desk.hint.default') })}{' '}
            <Button
              size="compact-xs"
              variant="subtle"
              aria-label={t('desk.dismissLabel', { action })}
              onClick={() => dismissRefusal(command.id)}
            >
              {t('desk.dismiss')}
            </Button>
          </div>
        );
      })}
    </>
  );
}
