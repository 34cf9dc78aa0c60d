/**
 * When the reader last worked the corpus manager (typed, scrolled, pointed),
 * and a wait until they have left it alone a while. In Firefox the
 * background page runs on the manager's thread: the story charts' comparisons
 * held it in stalls of 100-240 ms while the reader typed a filter or scrolled
 * (session 18: the likeliest cause of its filter frame, 131 ms at 10,000
 * articles), so the charts are asked for only in a pause.
 */
import { whenPast } from '../../platform/when-past';

const INPUTS = ['keydown', 'input', 'wheel', 'scroll', 'pointerdown', 'touchstart'] as const;

export interface ReaderInput {
  /** Resolves once the reader has done nothing for `ms`, or where `stale()` says, when it looks again, that the wait is no longer wanted. */
  idle(ms: number, stale: () => boolean): Promise<void>;
  stop(): void;
}

/** Watches `target` for the reader's input (capturing: a scroll of the list's own element does not bubble). */
export function watchReaderInput(target: EventTarget, now: () => number = () => performance.now()): ReaderInput {
  let last = -Infinity;
  const note = () => {
    last = now();
  };
  for (const type of INPUTS) target.addEventListener(type, note, { capture: true, passive: true });
  return {
    idle(ms, stale) {
      return whenPast(() => last + ms, { now, stale });
    },
    stop() {
      for (const type of INPUTS) target.removeEventListener(type, note, { capture: true });
    },
  };
}
