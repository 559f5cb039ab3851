import { ServerClock } from './server-clock.js';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('the server clock', () => {
  it('counts from the server’s time, not the PC’s', () => {
    const clock = new ServerClock(memoryStorage());
    clock.observe(new Date(Date.now() + 3_600_000).toISOString());
    expect(Math.abs(clock.now().getTime() - Date.now() - 3_600_000)).toBeLessThan(1_000);
  });

  it('remembers the offset for an offline start', () => {
    const storage = memoryStorage();
    new ServerClock(storage).observe('2026-06-03T05:00:00.000Z', Date.parse('2026-06-03T04:00:00.000Z'));
    expect(new ServerClock(storage).offsetMs$.value).toBe(3_600_000);
  });

  it('ignores a malformed time', () => {
    const clock = new ServerClock(memoryStorage());
    clock.observe('not a time');
    expect(clock.offsetMs$.value).toBe(0);
  });
});
