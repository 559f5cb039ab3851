import { useEffect, useState } from 'react';
import { useDesk } from '../desk-context.js';

/** The server's "now", refreshed every `periodMs`: countdowns re-render without a reload. */
export function useServerNow(periodMs = 30_000): Date {
  const { clock } = useDesk();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const tick = () => setNow(clock.now());
    const timer = setInterval(tick, periodMs);
    const subscription = clock.offsetMs$.subscribe(tick);
    return () => {
      clearInterval(timer);
      subscription.unsubscribe();
    };
  }, [clock, periodMs]);
  return now;
}
