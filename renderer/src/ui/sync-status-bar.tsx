import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { formatCityTime } from './format.js';
import { useDesk } from './desk-context.js';
import { useObservable } from './use-observable.js';

/** Always visible: connection mode, last successful sync, and commands waiting to be sent. */
export function SyncStatusBar() {
  const { t, i18n } = useTranslation();
  const { replication, db } = useDesk();
  const status = useObservable(replication.status$, replication.status$.value);
  const pending$ = useMemo(
    () => db.commands.find({ selector: { status: 'pending' } }).$.pipe(map((docs) => docs.length)),
    [db],
  );
  const pending = useObservable(pending$, 0);
  return (
    <div className="sync-status" role="status" aria-live="polite" data-connection={status.connection}>
      <span className={`sync-dot sync-dot--${status.connection}`} aria-hidden="true" />
      <span data-testid="connection">{t(`sync.${status.connection}`)}</span>
      <span>
        {t('sync.lastSync', {
          time: status.lastSyncAt ? formatCityTime(status.lastSyncAt, i18n.language) : t('sync.never'),
        })}
      </span>
      {pending > 0 && <span data-testid="pending-count">{t('sync.pending', { count: pending })}</span>}
    </div>
  );
}
