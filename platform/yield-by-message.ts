/**
 * Lets the event loop run without a timer's clamping: nested timers wait at
 * least 4 ms, a fifth of a 20 ms slice, while a message to itself comes back
 * at once. Long work that must breathe (the import worker's analysis, the
 * store's story choice inside a write) awaits this between slices. Where
 * there is no MessageChannel (Node before a polyfill), a zero timer.
 */
export function yieldByMessage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
