/**
 * Waits until the page has drawn a frame: work split by this shows as frames
 * of their own (a message or a zero timer may run before the page draws). A
 * hidden page draws no frames, so a timer ends the wait there.
 */
const HIDDEN_WAIT_MS = 50;

export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, HIDDEN_WAIT_MS);
  });
}
