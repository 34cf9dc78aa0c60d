/**
 * Runs `body` while IndexedDB refuses every put after the first `allowed` with
 * QuotaExceededError, as a full disk does; puts work again afterwards.
 */
export async function withFullDiskAfter(allowed: number, body: () => Promise<void>): Promise<void> {
  const storeProto = globalThis.IDBObjectStore.prototype as unknown as { put: (...args: unknown[]) => unknown };
  const originalPut = storeProto.put;
  let puts = 0;
  storeProto.put = function (this: unknown, ...args: unknown[]) {
    if (++puts > allowed) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return originalPut.apply(this, args);
  };
  try {
    await body();
  } finally {
    storeProto.put = originalPut;
  }
}
