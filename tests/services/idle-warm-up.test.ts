import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleWarmUp } from '../../services/idle-warm-up';

/** Steps that record when each ran. */
function recorder(n: number) {
  const ran: number[] = [];
  let made = 0;
  const steps = function* () {
    made++;
    for (let i = 0; i < n; i++) {
      ran.push(i);
      yield;
    }
  };
  return { ran, steps, made: () => made };
}

describe('idleWarmUp', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts its delay after the last request of a page, one step per task, and runs once', async () => {
    const r = recorder(3);
    const warm = idleWarmUp(r.steps, { delayMs: 50 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.ran).toEqual([]);
    warm.started();
    warm.ended(false);
    await vi.advanceTimersByTimeAsync(49);
    expect(r.ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    // One step per task: the thread is given back between them.
    expect(r.ran).toEqual([0]);
    // (The fake clock runs a task queued with no delay from within a task 1 ms later.)
    await vi.advanceTimersByTimeAsync(1);
    expect(r.ran).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(10);
    expect(r.ran).toEqual([0, 1, 2]);
    // Later pages do not run it again.
    warm.started();
    warm.ended(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.ran).toEqual([0, 1, 2]);
    expect(r.made()).toBe(1);
  });

  it('waits for the page request that follows a first look that found a story, and for every request in flight', async () => {
    const r = recorder(2);
    const warm = idleWarmUp(r.steps, { delayMs: 50 });
    warm.started();
    // Not all answered: the page's next request is to come.
    expect(warm.ended(true)).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(r.ran).toEqual([]);
    warm.started();
    warm.started();
    // Another request still in flight.
    expect(warm.ended(false)).toBe(false);
    expect(warm.ended(false)).toBe(true);
    await vi.advanceTimersByTimeAsync(60);
    expect(r.ran).toEqual([0, 1]);
  });

  it('pauses while a request is in flight and goes on after it', async () => {
    const r = recorder(4);
    const warm = idleWarmUp(r.steps, { delayMs: 50 });
    warm.started();
    warm.ended(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(r.ran).toEqual([0]);
    // A request arrives before the next step: no step runs until it has ended, and then after the delay again.
    warm.started();
    await vi.advanceTimersByTimeAsync(500);
    expect(r.ran).toEqual([0]);
    warm.started();
    warm.ended(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(r.ran).toEqual([0]);
    warm.ended(false);
    await vi.advanceTimersByTimeAsync(49);
    expect(r.ran).toEqual([0]);
    await vi.advanceTimersByTimeAsync(10);
    expect(r.ran).toEqual([0, 1, 2, 3]);
    expect(r.made()).toBe(1);
  });

  it('gives up for good when a step throws', async () => {
    let calls = 0;
    const warm = idleWarmUp(function* () {
      calls++;
      yield;
      throw new Error('broken');
    }, { delayMs: 0 });
    warm.started();
    warm.ended(false);
    await vi.advanceTimersByTimeAsync(100);
    warm.started();
    warm.ended(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(1);
  });
});
