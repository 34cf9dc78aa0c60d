/** Polls `read` until `ok` holds for its value (or the time is up), and returns the last value: the caller's assertion says what was missing. */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 30_000): Promise<T> {
  const end = Date.now() + timeout;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
