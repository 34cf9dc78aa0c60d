import { describe, expect, it } from 'vitest';
import { storeOpening } from '../../services/store-opening';

describe('storeOpening', () => {
  it('opens once and hands every caller the same store', async () => {
    let opened = 0;
    const ready = storeOpening(async () => ({ n: ++opened }));
    const [a, b] = await Promise.all([ready(), ready()]);
    const c = await ready();
    expect(opened).toBe(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it('tells every waiting caller why an opening failed, and tries again on the next request', async () => {
    const outcomes: Array<() => Promise<string>> = [
      async () => {
        throw new Error('disk full');
      },
      async () => 'store',
    ];
    let calls = 0;
    const ready = storeOpening(() => outcomes[calls++]());
    const first = await Promise.allSettled([ready(), ready()]);
    expect(first.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.value))).toEqual(['disk full', 'disk full']);
    expect(calls).toBe(1);
    await expect(ready()).resolves.toBe('store');
    await expect(ready()).resolves.toBe('store');
    expect(calls).toBe(2);
  });
});
