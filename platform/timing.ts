/**
 * The e2e build records crossread's steps as User Timing measures and marks,
 * so the end-to-end run can report what crossread costs a page and what the
 * background spends per request. The shipped build records nothing.
 */
const measuring = import.meta.env.MODE === 'e2e';

/** Records the step from `start` to now as a measure named `label`; returns now, the start of the next step. */
export function measure(label: string, start: number): number {
  const end = performance.now();
  if (!measuring) return end;
  try {
    performance.measure(label, { start, end });
  } catch {
    // Timing is for the tests only; never let it break the work it times.
  }
  return end;
}

export function mark(label: string): void {
  if (!measuring) return;
  try {
    performance.mark(label);
  } catch {
    // As above.
  }
}
