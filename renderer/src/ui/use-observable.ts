import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** The latest value of an observable; the observable must be stable (module-level or memoized). */
export function useObservable<T>(observable: Observable<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = observable.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, [observable]);
  return value;
}
