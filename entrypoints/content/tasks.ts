import * as timing from '../../platform/timing';

/**
 * Keeping crossread's work on the page's main thread in short tasks: work is
 * written as generators that yield between small steps, and run here in
 * slices of a few milliseconds with the page getting the thread in between.
 */
const SLICE_MS = 10;
/**
 * How long crossread's slices may go on without the page rendering a frame.
 * scheduler.yield() lets input and the page's tasks in, but its continuation
 * is put before rendering: slices followed one another inside one frame of
 * 100 ms (the browser's own limit) on a long page. Past this, the next slice
 * waits until the page has rendered.
 */
export const FRAME_DUE_MS = 30;

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

/** When the page last rendered a frame while crossread's slices ran (requestAnimationFrame's time). */
let lastFrame = 0;
let slicing = 0;
let watching = false;

/** Notes the page's frames while slices run; returns the function that stops (when no other run needs it). */
function watchFrames(): () => void {
  if (typeof requestAnimationFrame !== 'function') return () => undefined;
  if (slicing++ === 0) lastFrame = performance.now();
  if (!watching) {
    watching = true;
    const tick = () => {
      lastFrame = performance.now();
      if (slicing > 0) requestAnimationFrame(tick);
      else watching = false;
    };
    requestAnimationFrame(tick);
  }
  return () => {
    slicing--;
  };
}

/** Whether the page is due a frame it has not rendered: crossread then waits for it rather than going on. */
function frameDue(): boolean {
  const hidden = typeof document !== 'undefined' && document.hidden;
  return slicing > 0 && !hidden && performance.now() - lastFrame > FRAME_DUE_MS;
}

/**
 * Runs a generator in slices of about SLICE_MS, yielding to the page between
 * slices, and letting it render a frame where slices have gone on for
 * FRAME_DUE_MS without one.
 */
export async function runSliced<T>(name: string, work: Generator<void, T, void>): Promise<T> {
  const stop = watchFrames();
  try {
    for (;;) {
      const start = performance.now();
      let step = work.next();
      while (!step.done && performance.now() - start < SLICE_MS) step = work.next();
      measureStep(name, start);
      if (step.done) return step.value;
      if (frameDue()) await afterNextFrame();
      else await yieldToPage();
    }
  } finally {
    stop();
  }
}

/** Runs one indivisible step, recorded like a slice. */
export function timed<T>(name: string, step: () => T): T {
  const start = performance.now();
  try {
    return step();
  } finally {
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
