import { SILENT_HEARTBEATS } from '../../../shared/replication/protocol.js';
import { DEFAULT_HEARTBEAT_MS, reconnectDelay, silentAfter, watchdog } from './event-stream.js';

describe('the event stream’s backoff', () => {
  it('waits 2 s before the first reconnection, doubling to 32 s', () => {
    expect([1, 2, 3, 4, 5, 6, 12].map((attempt) => reconnectDelay(attempt, 60_000))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 32_000, 32_000,
    ]);
  });

  it('never waits longer than the longest wait', () => {
    expect([1, 2, 3, 4, 5, 9].map((attempt) => reconnectDelay(attempt, 30_000))).toEqual([
      2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(reconnectDelay(3, 1_000)).toBe(1_000);
  });

  it('counts a stream as cut after several heartbeats of silence (the default 15 s until it says)', () => {
    expect(silentAfter(DEFAULT_HEARTBEAT_MS)).toBe(15_000 * SILENT_HEARTBEATS);
    expect(silentAfter(200)).toBe(200 * SILENT_HEARTBEATS);
  });
});

describe('the event stream’s watchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls out a silence of one whole period, not before', () => {
    const onSilent = vi.fn();
    watchdog(45_000, onSilent).arm();
    vi.advanceTimersByTime(44_999);
    expect(onSilent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onSilent).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200_000);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('starts the period again with every message', () => {
    const onSilent = vi.fn();
    const dog = watchdog(1_000, onSilent);
    dog.arm();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(900);
      dog.arm();
    }
    expect(onSilent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('takes a new period from the next arming (the stream’s own heartbeat)', () => {
    const onSilent = vi.fn();
    const dog = watchdog(45_000, onSilent);
    dog.arm();
    dog.setPeriod(600);
    vi.advanceTimersByTime(600);
    expect(onSilent).not.toHaveBeenCalled();
    dog.arm();
    vi.advanceTimersByTime(599);
    expect(onSilent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onSilent).toHaveBeenCalledTimes(1);
  });

  it('stays quiet once disarmed (the connection ended)', () => {
    const onSilent = vi.fn();
    const dog = watchdog(1_000, onSilent);
    dog.arm();
    vi.advanceTimersByTime(500);
    dog.disarm();
    vi.advanceTimersByTime(10_000);
    expect(onSilent).not.toHaveBeenCalled();
  });
});
