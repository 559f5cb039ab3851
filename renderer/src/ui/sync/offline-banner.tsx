import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../desk-context.js';
import { formatCityTime } from '../format.js';
import { useList } from '../hooks/use-replica.js';
import { useObservable } from '../use-observable.js';

/**
 * A banner you cannot miss while the desk works without the server's stream (offline, or polling
 * every 30 s): what it means, how many changes wait to be sent and when the last sync was (city format).
 */
export function OfflineBanner() {
  const { t, i18n } = useTranslation();
  const { replication } = useDesk();
  const status = useObservable(replication.status$, replication.status$.value);
  const pending = useList('pending');
  if (status.connection !== 'offline' && status.connection !== 'fallback') return null;
  const time = status.lastSyncAt ? formatCityTime(status.lastSyncAt, i18n.language) : t('sync.never');
  return (
    <Alert
      color={status.connection === 'offline' ? 'red' : 'yellow'}
      variant="filled"
      role="alert"
      data-testid="offline-banner"
      title={t(`offlineBanner.${status.connection}`)}
    >
      {t('offlineBanner.explain', { count: pending.length, time })}
    </Alert>
  );
}
