/**
 * Resolves once `now()` has passed `time()`, asked again after each wait (what happened meanwhile may have moved it on),
 * after each call of a function put in `wakers` (something that moved it back), and as soon as `stale()`, asked when it
 * looks again, says the wait is no longer wanted. The store's idle work waits so for lookups to pause, the corpus
 * manager's story charts for the reader to pause: one wait, not two that drift apart.
 */
export async function whenPast(
  time: () => number,
  opts: { now?: () => number; wakers?: Set<() => void>; stale?: () => boolean } = {},
): Promise<void> {
  const now = opts.now ?? (() => performance.now());
  for (;;) {
    const wait = time() - now();
    if (wait <= 0 || opts.stale?.()) return;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        opts.wakers?.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, wait);
      opts.wakers?.add(wake);
    });
  }
}
