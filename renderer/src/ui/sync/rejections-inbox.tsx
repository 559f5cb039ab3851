import { Anchor, Badge, Button, Drawer, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../shared/commands/command.js';
import { formatInstant } from '../format.js';
import { objectIdOf } from '../hooks/use-pending.js';
import { useList } from '../hooks/use-replica.js';
import { screenOfCommand as screenOf, useNavigation } from '../navigation.js';
import { linkTo, useContradictedPrints } from '../print/printed-documents.js';
import { dismissRefusal } from '../refusals/dismissed.js';
import type { RefusalState } from '../refusals/refusal-state.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { rejectionText } from './rejection-text.js';

/**
 * What the server refused and why, each linked to the object it was about: the open ones first
 * (dismissible), then those dismissed or put right by a later applied command of the same kind.
 * A refusal whose change went on paper names the document and when it was printed, until the
 * document is printed again.
 */
export function RejectionsInbox({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { all } = useRefusals();
  const open = all.filter((r) => r.state === 'open');
  const closed = all.filter((r) => r.state !== 'open');
  const referrals = useList('referrals');
  const enrollments = useList('enrollments');
  const { go } = useNavigation();
  const contradicted = useContradictedPrints();
  const printsOf = (command: Command) =>
    contradicted.filter(({ refused }) => refused.some((c) => c.id === command.id)).map(({ printed }) => printed);
  const nameOf = (command: Command) => {
    const id = objectIdOf(command);
    return (
      referrals.find((r) => r.id === id)?.childFullName ?? enrollments.find((e) => e.id === id)?.childFullName ?? ''
    );
  };
  const item = (command: Command, state: RefusalState) => (
    <li
      key={command.id}
      data-testid="rejection"
      data-state={state}
      className={state === 'open' ? 'refusal' : undefined}
    >
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
      {printsOf(command).map((printed) => (
        <Text key={printed.printedAt} size="sm" c="orange.9" data-testid="rejection-printed">
          {t('rejections.printed', {
            document: printed.title,
            printedAt: formatInstant(printed.printedAt, i18n.language),
          })}{' '}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              go('documents', undefined, linkTo(printed));
              onClose();
            }}
          >
            {t('rejections.reprint')}
          </Anchor>
        </Text>
      ))}
      {state !== 'open' && (
        <Badge variant="light" color="gray">
          {t(state === 'dismissed' ? 'rejections.dismissed' : 'rejections.putRight')}
        </Badge>
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
      {state === 'open' && (
        <Button size="xs" variant="subtle" onClick={() => dismissRefusal(command.id)}>
          {t('desk.dismiss')}
        </Button>
      )}
    </li>
  );
  return (
    <Drawer lockScroll={false} opened={opened} onClose={onClose} position="right" title={t('rejections.title')}>
      {all.length === 0 && <Text>{t('rejections.empty')}</Text>}
      {all.length > 0 && (
        <Title order={3} size="h5">
          {t('rejections.openSection')}
        </Title>
      )}
      {all.length > 0 && open.length === 0 && <Text size="sm">{t('rejections.noneOpen')}</Text>}
      <Stack
        component="ul"
        className="plain-list"
        aria-label={t('rejections.openSection')}
        data-testid="open-rejections"
      >
        {open.map(({ command, state }) => item(command, state))}
      </Stack>
      {closed.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md">
            {t('rejections.closedSection')}
          </Title>
          <Stack
            component="ul"
            className="plain-list"
            aria-label={t('rejections.closedSection')}
            data-testid="closed-rejections"
          >
            {closed.map(({ command, state }) => item(command, state))}
          </Stack>
        </>
      )}
    </Drawer>
  );
}
