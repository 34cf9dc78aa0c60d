import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRAME_BUDGET_MS, runSliced, timed } from '../../../entrypoints/content/tasks';
import { LONG_STEP, type StepHint } from '../../../page/steps';

/** The time of a fake clock where a test keeps one, else null: steps then take exactly their time, whatever the machine's load. */
let fakeNow: number | null = null;

/** performance.now() reads a clock that moves only with crossread's steps (busy) and the page's frames. */
function fakeClock(): void {
  fakeNow = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => fakeNow ?? 0);
}

/** Busy for `ms` (of real time, or of the fake clock's): one step of crossread's work. */
function busy(ms: number): void {
  if (fakeNow !== null) {
    fakeNow += ms;
    return;
  }
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
      // The frame takes a moment of the fake clock's: no step starts at the time of a frame.
      if (fakeNow !== null) fakeNow += 1;
      callback(performance.now());
    }, 2),
  );
}

/** A fake clock and a page that renders only when free: the frames rendered, and the starts of the steps the test notes. */
function fakePage(): { frames: number[]; starts: number[] } {
  fakeClock();
  const frames: number[] = [];
  framesOnlyWhenFree(frames);
  return { frames, starts: [] };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  fakeNow = null;
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

  it('lets the page render a frame before crossread\'s work in one passes FRAME_BUDGET_MS', async () => {
    const { frames, starts } = fakePage();
    // 200 ms of work: plain yields (scheduler.yield's continuations run before rendering) would render no frame in between.
    await runSliced('test', work(100, 2, starts));
    const rendered = frames.filter((f) => f > starts[0] && f < starts[starts.length - 1]);
    expect(rendered.length).toBeGreaterThanOrEqual(3);
    expect(mostStepsBetweenFrames(frames, starts)).toBeLessThanOrEqual(FRAME_BUDGET_MS / 2 + 1);
  });

  it('counts the work of one run in the frame the next one starts in', async () => {
    const { frames, starts } = fakePage();
    // As the extraction's two runs follow each other: the first ends 28 ms into a frame, the second starts there.
    // (Counting from each run's start put 28 + 30 ms in that frame.)
    await runSliced('first', work(28, 1, starts));
    await runSliced('second', work(60, 1, starts));
    expect(mostStepsBetweenFrames(frames, starts)).toBeLessThanOrEqual(FRAME_BUDGET_MS + 1);
  });

  it('counts a timed step in its frame', async () => {
    const { frames, starts } = fakePage();
    timed('step', () => {
      starts.push(performance.now());
      busy(FRAME_BUDGET_MS - 2);
    });
    await runSliced('after', work(20, 1, starts));
    // The frame's budget is spent: the slices start after the page's next frame.
    expect(frames.some((f) => f > starts[0] && f < starts[1])).toBe(true);
  });

  it('starts no step that, as long as the last, would pass the slice or the frame', async () => {
    const { frames, starts } = fakePage();
    // Steps of 8 ms: two to a slice made slices of 16 ms, and two such slices 32 ms in one frame.
    await runSliced('test', work(40, 8, starts));
    expect(starts).toHaveLength(40);
    expect(mostStepsBetweenFrames(frames, starts) * 8).toBeLessThanOrEqual(FRAME_BUDGET_MS);
  });

  it('starts a step announced as long in a frame of its own', async () => {
    const { frames, starts } = fakePage();
    function* withLongStep(): Generator<StepHint, void, void> {
      yield* work(3, 1, starts);
      yield LONG_STEP;
      starts.push(performance.now());
      busy(30);
      yield;
      yield* work(5, 2, starts);
    }
    await runSliced('test', withLongStep());
    // A frame between the short steps before it and the long step, though the frame's budget is far from spent.
    expect(frames.some((f) => f > starts[2] && f < starts[3])).toBe(true);
  });
});

/** The most steps started between two of the page's frames (before the first, after the last). */
function mostStepsBetweenFrames(frames: readonly number[], starts: readonly number[]): number {
  let most = 0;
  for (let i = 0; i <= frames.length; i++) {
    const from = frames[i - 1] ?? -Infinity;
    const to = frames[i] ?? Infinity;
    most = Math.max(most, starts.filter((t) => t > from && t < to).length);
  }
  return most;
}
