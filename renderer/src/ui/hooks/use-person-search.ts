import { useCallback, useEffect, useMemo, useState } from 'react';
import { iinHashFor } from '../../data/replica-crypto.js';
import { useDesk } from '../desk-context.js';
import { matchesPerson, personQuery, type Person, type PersonQuery } from '../person-search.js';

/**
 * The search box's query and a stable matcher for it. A whole IIN is looked up by its keyed hash
 * (the IIN itself is encrypted at rest), computed here once per query.
 */
export function usePersonSearch(search: string): { query: PersonQuery; matches(person: Person): boolean } {
  const { db } = useDesk();
  const query = useMemo(() => personQuery(search), [search]);
  const [hashed, setHashed] = useState<{ iin: string; hash: string } | null>(null);
  useEffect(() => {
    let current = true;
    if (query.kind === 'iin')
      void iinHashFor(db, query.iin).then((hash) => current && setHashed({ iin: query.iin, hash }));
    return () => {
      current = false;
    };
  }, [db, query]);
  const hash = query.kind === 'iin' && hashed?.iin === query.iin ? hashed.hash : null;
  const matches = useCallback((person: Person) => matchesPerson(person, query, hash), [query, hash]);
  return { query, matches };
}
