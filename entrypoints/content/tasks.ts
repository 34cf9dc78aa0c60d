import * as timing from '../../platform/timing';

/**
 * Keeping crossread's work on the page's main thread in short tasks: work is
 * written as generators that yield between small steps, and run here in
 * slices of a few milliseconds with the page getting the thread in between.
 */
const SLICE_MS = 10;

/** Gives the main thread back to the page (input, rendering, its own scripts). */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs a generator in slices of about SLICE_MS, yielding to the page between slices. */
export async function runSliced<T>(name: string, work: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const start = performance.now();
    let step = work.next();
    while (!step.done && performance.now() - start < SLICE_MS) step = work.next();
    measureStep(name, start);
    if (step.done) return step.value;
    await yieldToPage();
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
