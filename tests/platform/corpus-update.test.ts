import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { watchCorpusUpdate } from '../../platform/corpus-update';
import type { CorpusUpdate, StoreState } from '../../platform/protocol';

const update: CorpusUpdate = { what: 'database', from: 5, to: 8, articles: 10_000 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the watch of a corpus update', () => {
  beforeEach(() => fakeBrowser.reset());

  it('tells the update the background has under way when asked, then each change, until stopped', async () => {
    // The background: answers the question with the state it is in.
    fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
      (message as { type: string }).type === 'crossread:store-state' ? Promise.resolve<StoreState>({ state: 'updating', update }) : undefined,
    );
    const told: Array<CorpusUpdate | null> = [];
    const stop = watchCorpusUpdate((u) => told.push(u));
    await settle();
    expect(told).toEqual([update]);

    const changed = (state: StoreState) => fakeBrowser.runtime.sendMessage({ type: 'crossread:store-state-changed', ...state }).catch(() => undefined);
    await changed({ state: 'ready', update: null });
    expect(told).toEqual([update, null]);
    // A malformed event is not heard.
    await fakeBrowser.runtime.sendMessage({ type: 'crossread:store-state-changed', state: 'updating', update: { what: 'everything' } }).catch(() => undefined);
    expect(told).toEqual([update, null]);

    stop();
    await changed({ state: 'updating', update });
    expect(told).toEqual([update, null]);
  });

  it('tells no update when no background answers (ask answers a failure, never throws)', async () => {
    const told: Array<CorpusUpdate | null> = [];
    const stop = watchCorpusUpdate((u) => told.push(u));
    await settle();
    stop();
    expect(told).toEqual([null]);
  });
});
