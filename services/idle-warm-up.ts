/**
 * Runs a warm-up (the engine over built-in texts, lib/match/warm-up.ts) once
 * in a started worker's life, in the idle time after a page's requests: the
 * next pages then find the engine's code compiled and its tables made, in
 * every language, where they would each pay for it the first time.
 */

/**
 * Milliseconds after a page's last request before the warm-up starts: the
 * worker's reply is on its way and the page shows its notes meanwhile.
 */
export const WARM_UP_DELAY_MS = 50;

export interface IdleWarmUp {
  /** A request started: the warm-up's next step waits until the page's requests are done. */
  started(): void;
  /**
   * A request ended. `more`: another request of the same page follows (a first look that found a story:
   * the content script asks again on the extracted article), so the warm-up does not run in between.
   * True when the pages' requests are all answered: none in flight, none to follow.
   */
  ended(more: boolean): boolean;
}

/**
 * `steps` run one per task (the thread is given back between them), the
 * first `delayMs` after a request ended with no other request in flight or
 * to follow, and paused while a request is in flight: a request waits at most
 * for the one step under way. Made at most once, at the first such moment.
 */
export function idleWarmUp(steps: () => Iterator<unknown>, { delayMs = WARM_UP_DELAY_MS }: { delayMs?: number } = {}): IdleWarmUp {
  let running: Iterator<unknown> | null = null;
  let finished = false;
  let inFlight = 0;
  /** Another request of the page is still to come. */
  let awaited = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = (ms: number) => {
    if (finished || timer !== null) return;
    timer = setTimeout(step, ms);
  };
  const step = () => {
    timer = null;
    if (finished || inFlight > 0 || awaited) return;
    try {
      running ??= steps();
      if (running.next().done) finished = true;
    } catch {
      // A warm-up only saves later pages time: one that fails is not tried again.
      finished = true;
    }
    schedule(0);
  };

  return {
    started() {
      inFlight++;
      awaited = false;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    },
    ended(more) {
      inFlight = Math.max(0, inFlight - 1);
      awaited = more;
      if (inFlight > 0 || more) return false;
      schedule(delayMs);
      return true;
    },
  };
}
