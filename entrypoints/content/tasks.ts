import { LONG_STEP, type StepHint } from '../../page/steps';
import * as timing from '../../platform/timing';

/**
 * Keeping crossread's work on the page's main thread in short tasks: work is
 * written as generators that yield between small steps, and run here in
 * slices of a few milliseconds with the page getting the thread in between.
 */
const SLICE_MS = 10;
/**
 * crossread's work (its slices and timed steps) in one of the page's frames,
 * at most, besides the step that crosses it. scheduler.yield() lets input and
 * the page's tasks in, but its continuation is put before rendering: slices
 * followed one another inside one frame of 100 ms (the browser's own limit)
 * on a long page. Counted as crossread's own time since the page last
 * rendered, across its runs: wall time since a frame, restarted with each
 * run, let the 2 MB page's extraction put 53 ms of slices (19, 10, 8, 16) in
 * one frame, the first run's end and the next run's start. 30, not the 50 of
 * a long task: on a loaded machine a step's wall time is two to four times
 * its thread time (a Chromium trace of the 2 MB page at load 9), and the
 * page's frame holds its own work too.
 */
export const FRAME_BUDGET_MS = 30;
/** With less of the frame's budget left than this, the next slice waits for the page's next frame. */
const MIN_SLICE_MS = 4;

/** Gives the main thread back to the page (input, rendering, its own scripts). */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves after the page's next frame has been rendered: a task queued from
 * requestAnimationFrame runs after that frame's rendering. A page that
 * renders no frame (hidden, or no frames at all) is not waited for beyond
 * `fallbackMs`.
 */
export function afterNextFrame(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}

/** crossread's work on the page's main thread since the page last rendered a frame (ms). */
let sinceFrame = 0;
/** Whether a requestAnimationFrame callback is due to note the page's next frame. */
let watching = false;

/** Counts `ms` of crossread's work in the current frame, and watches for the frame that ends it. */
function noteWork(ms: number): void {
  sinceFrame += ms;
  if (watching || typeof requestAnimationFrame !== 'function') return;
  watching = true;
  // Animation frame callbacks run in the rendering that ends the frame: whatever crossread does after is in the next.
  requestAnimationFrame(() => {
    watching = false;
    sinceFrame = 0;
  });
}

/** What is left of the current frame's budget, or Infinity where waiting for a frame is pointless (a hidden page, no frames). */
function frameRoom(): number {
  const hidden = typeof document !== 'undefined' && document.hidden;
  if (hidden || typeof requestAnimationFrame !== 'function') return Infinity;
  return FRAME_BUDGET_MS - sinceFrame;
}

/** Waits for the page's next frame; the page has had its frame then (or, where none came, the thread for the fallback's time). */
async function nextFrame(): Promise<void> {
  await afterNextFrame();
  sinceFrame = 0;
}

/**
 * Runs a generator in slices of about SLICE_MS, yielding to the page between
 * slices, and letting it render a frame before crossread's work in the
 * current one would pass FRAME_BUDGET_MS; a step announced as long
 * (LONG_STEP) starts in a frame of its own. A step starts only where one as
 * long as the last would end within the slice's limit (one step a slice at
 * least).
 */
export async function runSliced<T>(name: string, work: Generator<StepHint, T, void>): Promise<T> {
  if (frameRoom() < MIN_SLICE_MS) await nextFrame();
  // The last step's time: the next is taken to be as long. A slice that stopped only after passing its limit ran
  // over it by its last step (steps of 5-9 ms on the 2 MB page under load made slices of 15-20 ms, one of them
  // in a frame whose budget had 10 left: 52 ms of crossread's work in that frame).
  let last = 0;
  for (;;) {
    const start = performance.now();
    const limit = Math.min(SLICE_MS, frameRoom());
    let step = work.next();
    last = performance.now() - start;
    while (!step.done && step.value !== LONG_STEP && performance.now() - start + last <= limit) {
      const before = performance.now();
      step = work.next();
      last = performance.now() - before;
    }
    noteWork(performance.now() - start);
    measureStep(name, start);
    if (step.done) return step.value;
    const room = frameRoom();
    if (room < Math.max(MIN_SLICE_MS, last) || (step.value === LONG_STEP && room < FRAME_BUDGET_MS)) await nextFrame();
    else await yieldToPage();
  }
}

/** Runs one indivisible step, recorded like a slice. */
export function timed<T>(name: string, step: () => T): T {
  const start = performance.now();
  try {
    return step();
  } finally {
    noteWork(performance.now() - start);
    measureStep(name, start);
  }
}

/** One of crossread's synchronous steps on the page, as `crossread:<step>` (e2e build only). */
export function measureStep(name: string, start: number): void {
  timing.measure(`crossread:${name}`, start);
}

export function markStep(name: string): void {
  timing.mark(`crossread:${name}`);
}
