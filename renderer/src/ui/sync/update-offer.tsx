import { Alert, Button, Group, Progress, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateState } from '../../../../shared/host-api.js';
import { useDesk } from '../desk-context.js';
import { useList } from '../hooks/use-replica.js';
import { useObservable } from '../use-observable.js';

/** How often the offer asks the host for progress while it checks or downloads. */
const PROGRESS_POLL_MS = 1_500;

/**
 * Shown when the server answers 426 (sync status `outdated`): asks the host for the update at
 * once and offers it — restart into the downloaded version (desktop) or reload the page from the
 * server (browser). Commands waiting to sync stay in the local replica either way.
 */
export function UpdateOffer() {
  const { replication } = useDesk();
  const status = useObservable(replication.status$, replication.status$.value);
  return status.connection === 'outdated' ? <UpdateOfferPanel /> : null;
}

function UpdateOfferPanel() {
  const { t } = useTranslation();
  const { host } = useDesk();
  const pending = useList('pending');
  const [update, setUpdate] = useState<UpdateState>({ status: 'checking' });

  const ask = useCallback(
    (call: () => Promise<UpdateState>) =>
      call().then(setUpdate, (error: unknown) => setUpdate({ status: 'error', message: String(error) })),
    [],
  );

  useEffect(() => {
    void ask(() => host.checkForUpdates());
  }, [ask, host]);

  const inProgress = update.status === 'checking' || update.status === 'downloading';
  useEffect(() => {
    if (!inProgress) return;
    const timer = setInterval(() => void ask(() => host.checkForUpdates()), PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [ask, host, inProgress]);

  const percent = Math.round(update.percent ?? 0);
  const text: Record<UpdateState['status'], string> = {
    reload: t('update.reload'),
    checking: t('update.checking'),
    downloading: t('update.downloading', { version: update.version ?? '', percent }),
    ready: t('update.ready', { version: update.version ?? '' }),
    'up-to-date': t('update.upToDate'),
    'package-manager': t('update.packageManager'),
    unsupported: t('update.unsupported'),
    error: t('update.error', { message: update.message ?? '' }),
  };
  const action =
    update.status === 'reload'
      ? { label: t('update.reloadButton'), run: () => host.installUpdate() }
      : update.status === 'ready'
        ? { label: t('update.restartButton'), run: () => host.installUpdate() }
        : update.status === 'up-to-date' || update.status === 'error'
          ? { label: t('update.retryButton'), run: () => host.checkForUpdates() }
          : null;

  return (
    <Alert color="orange" title={t('update.title')} data-testid="update-offer" data-update-status={update.status}>
      <Text size="sm" data-testid="update-offer-text">
        {text[update.status]}
      </Text>
      {update.status === 'downloading' && <Progress value={percent} mt="xs" aria-label={text.downloading} />}
      <Text size="sm" mt="xs">
        {t('update.kept', { count: pending.length })}
      </Text>
      {action && (
        <Group mt="sm">
          <Button size="xs" onClick={() => void ask(action.run)} data-testid="update-offer-button">
            {action.label}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
