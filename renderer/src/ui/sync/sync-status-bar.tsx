import { Button, Indicator } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCityTime } from '../format.js';
import { useDesk } from '../desk-context.js';
import { useList } from '../hooks/use-replica.js';
import { useObservable } from '../use-observable.js';
import { useRefusals } from '../refusals/use-refusals.js';
import { RejectionsInbox } from './rejections-inbox.js';

/** Always visible: online/offline, stream or fallback, last successful sync, commands waiting, rejections. */
export function SyncStatusBar() {
  const { t, i18n } = useTranslation();
  const { replication, signInAgain } = useDesk();
  const status = useObservable(replication.status$, replication.status$.value);
  const pending = useList('pending');
  const rejected = useRefusals().open;
  const [inboxOpen, setInboxOpen] = useState(false);
  return (
    <div className="sync-status" data-connection={status.connection}>
      <div role="status" aria-live="polite" className="sync-status__facts">
        <span className={`sync-dot sync-dot--${status.connection}`} aria-hidden="true" />
        <span data-testid="connection">{t(`sync.${status.connection}`)}</span>
        <span data-testid="last-sync">
          {t('sync.lastSync', {
            time: status.lastSyncAt ? formatCityTime(status.lastSyncAt, i18n.language) : t('sync.never'),
          })}
        </span>
        <span data-testid="pending-count">
          {pending.length > 0 ? t('sync.pending', { count: pending.length }) : t('sync.nothingPending')}
        </span>
      </div>
      {status.connection === 'unauthorized' && (
        <Button size="xs" onClick={() => void signInAgain()} data-testid="sign-in-again">
          {t('sync.signInAgain')}
        </Button>
      )}
      <Indicator label={rejected.length} size={18} color="red" disabled={rejected.length === 0}>
        <Button size="xs" variant="default" onClick={() => setInboxOpen(true)} data-testid="rejections-button">
          {t('rejections.open', { count: rejected.length })}
        </Button>
      </Indicator>
      <RejectionsInbox opened={inboxOpen} onClose={() => setInboxOpen(false)} />
    </div>
  );
}
