/**
 * Keeping crossread's work on the page's main thread in short tasks: work is
 * written as generators that yield between small steps, and run here in
 * slices of a few milliseconds with the page getting the thread in between.
 */
const SLICE_MS = 10;
const measuring = import.meta.env.MODE === 'e2e';

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
    measure(name, start);
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
    measure(name, start);
  }
}

/**
 * The e2e build records each of crossread's synchronous steps as a User Timing
 * measure (`crossread:<step>`), so the end-to-end run can report the largest
 * task crossread put on a page. The shipped build records nothing.
 */
export function measure(name: string, start: number): void {
  if (!measuring) return;
  try {
    performance.measure(`crossread:${name}`, { start, end: performance.now() });
  } catch {
    // Timing is for the tests only; never let it break the notes.
  }
}

export function mark(name: string): void {
  if (!measuring) return;
  try {
    performance.mark(`crossread:${name}`);
  } catch {
    // As above.
  }
}
