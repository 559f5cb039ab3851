import { useMemo } from 'react';
import type { LoadSources } from '../../../../shared/rules/index.js';
import { useList } from '../hooks/use-replica.js';
import { loadSourcesOf } from './load-sources.js';

/** The live load sources of the replica (one object per change of any list). */
export function useLoadSources(): LoadSources {
  const enrollments = useList('enrollments');
  const seats = useList('seats');
  const referrals = useList('referrals');
  const publications = useList('publications');
  const departures = useList('departures');
  return useMemo(
    () => loadSourcesOf({ enrollments, seats, referrals, publications, departures }),
    [enrollments, seats, referrals, publications, departures],
  );
}
