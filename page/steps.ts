/**
 * What crossread's step generators yield between steps on the page: nothing
 * (a pause where the caller may give the page its thread), or LONG_STEP,
 * which says the next step is long and cannot be divided (Readability's
 * parse: 10-37 ms on the bench's 2 MB page in Chromium under load). A caller
 * that keeps each of the page's frames short starts such a step in a frame of
 * its own rather than after other steps in one.
 */
export const LONG_STEP = 'long-step';

export type StepHint = void | typeof LONG_STEP;
