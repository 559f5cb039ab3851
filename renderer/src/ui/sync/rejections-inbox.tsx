import { Button, Drawer, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../shared/commands/command.js';
import { formatInstant } from '../format.js';
import { objectIdOf } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { useNavigation, type Screen } from '../navigation.js';
import { rejectionText } from './rejection-text.js';

function screenOf(kind: string): Screen {
  if (kind.startsWith('referral.')) return 'claims';
  if (kind.startsWith('contract.')) return 'children';
  if (kind.startsWith('publication.')) return 'publications';
  if (kind.startsWith('scheduleEntry.')) return 'schedule';
  return 'groups';
}

/** What the server refused and why, each linked to the object it was about. */
export function RejectionsInbox({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const rejected = useList('rejected');
  const referrals = useList('referrals');
  const enrollments = useList('enrollments');
  const { go } = useNavigation();
  const nameOf = (command: Command) => {
    const id = objectIdOf(command);
    return (
      referrals.find((r) => r.id === id)?.childFullName ?? enrollments.find((e) => e.id === id)?.childFullName ?? ''
    );
  };
  return (
    <Drawer lockScroll={false} opened={opened} onClose={onClose} position="right" title={t('rejections.title')}>
      {rejected.length === 0 && <Text>{t('rejections.empty')}</Text>}
      <Stack component="ul" className="plain-list" aria-label={t('rejections.title')}>
        {rejected.map((command) => (
          <li key={command.id} data-testid="rejection">
            <Text fw={600}>
              {t(`commandKind.${command.kind}`, { defaultValue: command.kind })} {nameOf(command)}
            </Text>
            <Text size="sm" data-testid="rejection-reason">
              {command.rejection ? rejectionText(t, command.rejection) : ''}
            </Text>
            {command.executedAt && (
              <Text size="xs" c="dimmed">
                {formatInstant(command.executedAt, i18n.language)}
              </Text>
            )}
            <Button
              size="xs"
              variant="subtle"
              onClick={() => {
                go(screenOf(command.kind), nameOf(command));
                onClose();
              }}
            >
              {t('rejections.show')}
            </Button>
          </li>
        ))}
      </Stack>
    </Drawer>
  );
}
