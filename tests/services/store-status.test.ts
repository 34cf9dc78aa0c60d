import { describe, expect, it } from 'vitest';
import type { StoreState } from '../../platform/protocol';
import { storeStatus } from '../../services/store-status';

const update = { what: 'database', from: 5, to: 8, articles: 10_000 } as const;

describe('the corpus’s state as the popup and the corpus manager hear it', () => {
  it('is told as an opening updates the corpus and ends, and answers a page that asks meanwhile', async () => {
    const told: StoreState[] = [];
    const status = storeStatus((s) => told.push(s));
    expect(status.get()).toEqual({ state: 'opening', update: null });
    let finish!: (value: string) => void;
    const opened = status.track(
      (updating) =>
        new Promise<string>((resolve) => {
          updating(update);
          finish = resolve;
        }),
    );
    expect(status.get()).toEqual({ state: 'updating', update });
    finish('store');
    expect(await opened).toBe('store');
    expect(told).toEqual([
      { state: 'updating', update },
      { state: 'ready', update: null },
    ]);
    expect(status.get()).toEqual({ state: 'ready', update: null });
  });

  it('says a failed opening failed, and a later opening starts over', async () => {
    const told: StoreState[] = [];
    const status = storeStatus((s) => told.push(s));
    const failure = new Error('quota');
    await expect(
      status.track(async (updating) => {
        updating(update);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(status.get()).toEqual({ state: 'failed', update: null });
    await status.track(async () => 'store');
    expect(told.map((s) => s.state)).toEqual(['updating', 'failed', 'opening', 'ready']);
  });
});
