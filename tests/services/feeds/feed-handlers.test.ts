import { describe, expect, it } from 'vitest';
import { feedHandlers } from '../../../services/feeds/feed-handlers';
import type { FeedService } from '../../../services/feeds/feed-service';
import { problem } from '../../../services/feeds/background-words';

const sender = { url: 'chrome-extension://x/options.html' };

/** The handlers over a service whose follow and fetch fail with `error`. */
function failingWith(error: Error) {
  const service = { follow: async () => Promise.reject(error), fetchNow: async () => Promise.reject(error) } as unknown as FeedService;
  return feedHandlers(service, async () => undefined, () => true);
}

describe('feed handlers', () => {
  it('answer a refused follow or fetch with its reason as a kind, beside the background’s English', async () => {
    const handlers = failingWith(problem({ kind: 'not-followed', cause: { kind: 'http-status', status: 404 } }));
    const followed = await handlers['crossread:follow-feed']({ type: 'crossread:follow-feed', url: 'https://a.example/feed' }, sender);
    expect(followed).toEqual({
      ok: false,
      error: 'Not followed: The server answered 404 (not found): the address may have moved or the feed may be gone.',
      reason: { kind: 'not-followed', cause: { kind: 'http-status', status: 404 } },
    });
    const fetched = await handlers['crossread:fetch-feeds']({ type: 'crossread:fetch-feeds', url: 'https://a.example/feed' }, sender);
    expect(fetched).toMatchObject({ ok: false, reason: { kind: 'not-followed' } });
  });

  it('leave other errors to the messaging layer, which answers with their message', async () => {
    const handlers = failingWith(new Error('the database is closed'));
    await expect(handlers['crossread:follow-feed']({ type: 'crossread:follow-feed', url: 'https://a.example/feed' }, sender)).rejects.toThrow('the database is closed');
  });
});
