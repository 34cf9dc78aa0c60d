import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenPast } from '../../platform/when-past';

afterEach(() => {
  vi.useRealTimers();
});

describe('whenPast', () => {
  it('waits until the time has passed, asking again after each wait (the time moved on meanwhile)', async () => {
    vi.useFakeTimers();
    let until = Date.now() + 100;
    let done = false;
    void whenPast(() => until, { now: () => Date.now() }).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(50);
    until += 200;
    await vi.advanceTimersByTimeAsync(60);
    // The first wait ended at 100, but the time is now 300.
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(true);
  });

  it('ends sooner when a waker is called after the time moved back, and when the wait is no longer wanted', async () => {
    vi.useFakeTimers();
    let until = Date.now() + 1000;
    const wakers = new Set<() => void>();
    let woken = false;
    void whenPast(() => until, { now: () => Date.now(), wakers }).then(() => {
      woken = true;
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(wakers.size).toBe(1);
    until = Date.now();
    for (const wake of [...wakers]) wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(woken).toBe(true);
    expect(wakers.size).toBe(0);

    let stale = false;
    let dropped = false;
    void whenPast(() => Date.now() + 1000, { now: () => Date.now(), stale: () => stale }).then(() => {
      dropped = true;
    });
    stale = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(dropped).toBe(true);
  });
});
