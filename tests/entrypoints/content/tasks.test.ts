import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRAME_DUE_MS, runSliced } from '../../../entrypoints/content/tasks';

/** Busy for `ms` of real time: one step of crossread's work. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** Work of `steps` steps of `ms` each, noting when each step starts. */
function* work(steps: number, ms: number, starts: number[]): Generator<void, number, void> {
  for (let i = 0; i < steps; i++) {
    starts.push(performance.now());
    busy(ms);
    yield;
  }
  return steps;
}

/**
 * A page that renders a frame only when the main thread is free to: a frame
 * requested with requestAnimationFrame is rendered (its callbacks run) in a
 * task of its own, so a frame happens only where crossread has given way;
 * scheduler.yield's continuation comes before rendering, as in Chromium.
 */
function framesOnlyWhenFree(frames: number[]): void {
  vi.stubGlobal('scheduler', { yield: () => Promise.resolve() });
  vi.stubGlobal('requestAnimationFrame', (callback: (time: number) => void) =>
    setTimeout(() => {
      frames.push(performance.now());
      callback(performance.now());
    }, 2),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('runSliced', () => {
  it('runs the work to its end in slices of about 10 ms, each a task of its own', async () => {
    const starts: number[] = [];
    // Where the page got the thread: the number of steps done at each yield (counted, not guessed from gaps in time, which a busy machine blurs).
    const yields: number[] = [];
    vi.stubGlobal('scheduler', {
      yield: () => {
        yields.push(starts.length);
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
    });
    const result = await runSliced('test', work(60, 1, starts));
    const bounds = [0, ...yields, starts.length];
    const slices: number[] = [];
    for (let i = 1; i < bounds.length; i++) if (bounds[i] > bounds[i - 1]) slices.push(starts[bounds[i] - 1] + 1 - starts[bounds[i - 1]]);
    expect(result).toBe(60);
    expect(slices.length).toBeGreaterThanOrEqual(4);
    // A slice stops at the first step past 10 ms (generous for a loaded machine).
    for (const slice of slices) expect(slice).toBeLessThan(10 + 1 + 15);
  });

  it('lets the page render a frame when slices have gone on for FRAME_DUE_MS without one', async () => {
    const frames: number[] = [];
    framesOnlyWhenFree(frames);
    const starts: number[] = [];
    // 200 ms of work: plain yields (scheduler.yield's continuations run before rendering) would render no frame in between.
    await runSliced('test', work(100, 2, starts));
    const rendered = frames.filter((f) => f > starts[0] && f < starts[starts.length - 1]);
    expect(rendered.length).toBeGreaterThanOrEqual(3);
    // Between two frames, no more work than the frame budget and one slice (counted in steps of 2 ms: a
    // loaded machine that stretches the time of a step fits fewer of them in, never more).
    let most = 0;
    for (let i = 0; i <= frames.length; i++) {
      const from = frames[i - 1] ?? -Infinity;
      const to = frames[i] ?? Infinity;
      most = Math.max(most, starts.filter((t) => t > from && t < to).length);
    }
    expect(most).toBeLessThanOrEqual((FRAME_DUE_MS + 10) / 2 + 2);
  });
});
