import { Progress } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { map, take } from 'rxjs';
import { useMemo } from 'react';
import { replicatedCollections } from '../../../../shared/replication/protocol.js';
import { useDesk } from '../desk-context.js';
import { useObservable } from '../use-observable.js';

/**
 * The first sync of an empty replica shows its progress; a replica that already holds the
 * kindergarten shows its data at once and syncs quietly.
 */
export function FirstSync() {
  const { t } = useTranslation();
  const { syncing, synced, total } = useFirstSync();
  if (!syncing) return null;
  return (
    <div className="first-sync" role="status">
      <span>{t('sync.firstSync', { done: synced, total })}</span>
      <Progress value={(synced / total) * 100} aria-label={t('sync.firstSync', { done: synced, total })} />
    </div>
  );
}

/** Whether an empty replica is still on its first sync (then screens say they are loading, not zero). */
export function useFirstSync(): { syncing: boolean; synced: number; total: number } {
  const { db, replication } = useDesk();
  // Whether the replica was empty when the app opened: decided once, so the progress stays until
  // every collection has synced, not only until the kindergarten's own document arrives.
  const empty$ = useMemo(
    () =>
      db.kindergartens.find().$.pipe(
        take(1),
        map((docs) => docs.length === 0),
      ),
    [db],
  );
  const empty = useObservable(empty$, false);
  const synced = useObservable(replication.collectionsSynced$, replication.collectionsSynced$.value);
  const total = replicatedCollections.length;
  return { syncing: empty && synced < total, synced, total };
}
