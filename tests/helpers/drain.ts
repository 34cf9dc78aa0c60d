/** Runs a step-by-step generator (the extension yields between steps so a page never stalls) to its end in one go. */
export function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
