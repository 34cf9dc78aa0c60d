import { describe, expect, it } from 'vitest';
import { toDrop } from '../../../lib/feeds/retention';
import { describeFeed as describeWith, retryAfter, MINUTE, type FeedRecord } from '../../../lib/feeds/feed-state';
import { sourcesMessages } from '../../../lib/i18n/sources-messages';

/** In the background's words (English). */
const describeFeed = (feed: FeedRecord, now: number, allPaused = false) => describeWith(feed, now, allPaused, sourcesMessages('en').feedState);
import { hasFullText, itemArticleInput, stableHash } from '../../../lib/feeds/item-article';

const DAY = 24 * 60 * MINUTE;
const NOW = Date.UTC(2026, 11, 6);

describe('retention', () => {
  it('drops feed and kept-from-reading articles older than the kept days, never seeds or the reader’s own', () => {
    const entries = [
      { id: 'seed-000', addedAt: NOW - 400 * DAY },
      { id: 'user-1', addedAt: NOW - 400 * DAY },
      { id: 'feed-old', addedAt: NOW - 61 * DAY },
      { id: 'read-old', addedAt: NOW - 90 * DAY },
      { id: 'feed-new', addedAt: NOW - 59 * DAY },
    ];
    expect(toDrop(entries, { days: 60, maxArticles: 50_000 }, NOW)).toEqual(['read-old', 'feed-old']);
    expect(toDrop(entries, { days: 30, maxArticles: 50_000 }, NOW)).toEqual(['read-old', 'feed-old', 'feed-new']);
  });

  it('drops the oldest automatic articles until the corpus fits its limit', () => {
    const entries = [
      { id: 'seed-000', addedAt: 0 },
      { id: 'feed-a', addedAt: NOW - 3 * DAY },
      { id: 'feed-b', addedAt: NOW - 2 * DAY },
      { id: 'feed-c', addedAt: NOW - 1 * DAY },
    ];
    expect(toDrop(entries, { days: 60, maxArticles: 2 }, NOW)).toEqual(['feed-a', 'feed-b']);
    // Seeds and the reader's own are kept even when they alone pass the limit.
    expect(toDrop([{ id: 'seed-1', addedAt: 0 }, { id: 'user-2', addedAt: 0 }], { days: 1, maxArticles: 1 }, NOW)).toEqual([]);
  });
});

describe('feed state', () => {
  const base: FeedRecord = {
    url: 'http://x/feed', title: 'X', siteUrl: null, origin: 'http://x', addedAt: 0, paused: false, etag: null, lastModified: null,
    lastFetch: null, lastSuccess: null, lastError: null, errors: 0, retryAfter: 0, lastNew: 0, totalNew: 0, lastSkipped: 0, lastNote: null,
  };
  it('backs off by doubling, at most a day', () => {
    expect(retryAfter(0, NOW)).toBe(NOW);
    expect(retryAfter(1, NOW) - NOW).toBe(30 * MINUTE);
    expect(retryAfter(3, NOW) - NOW).toBe(120 * MINUTE);
    expect(retryAfter(20, NOW) - NOW).toBe(DAY);
  });
  it('says in words what happened', () => {
    expect(describeFeed(base, NOW)).toBe('Not fetched yet. 0 articles from this feed in all.');
    expect(describeFeed({ ...base, lastFetch: NOW - 5 * MINUTE, lastSuccess: NOW - 5 * MINUTE, lastNew: 3, totalNew: 3 }, NOW)).toBe(
      'Fetched 5 min ago: 3 new articles. 3 articles from this feed in all.',
    );
    expect(
      describeFeed({ ...base, lastFetch: NOW - 2 * MINUTE, lastError: 'The server answered 404 (not found).', errors: 2, retryAfter: NOW + 58 * MINUTE }, NOW),
    ).toBe('Last fetch 2 min ago failed: The server answered 404 (not found). 0 articles from this feed in all. Tried again in 58 min.');
    // A reason stored as a kind reads the same as the sentence an earlier version stored.
    expect(describeFeed({ ...base, lastFetch: NOW - 2 * MINUTE, lastError: { kind: 'http-status', status: 500 }, errors: 1, retryAfter: NOW + 28 * MINUTE }, NOW)).toBe(
      'Last fetch 2 min ago failed: The server answered 500 (server error). 0 articles from this feed in all. Tried again in 28 min.',
    );
    expect(describeFeed({ ...base, paused: true }, NOW)).toMatch(/Paused\.$/);
  });
});

describe('item article', () => {
  const item = { key: 'k', url: 'http://x/a', title: 'T', date: '2025-02-12', text: 'short teaser', full: false };
  it('uses the feed’s full text when it carries it, else the page’s text, else nothing', () => {
    const full = { ...item, text: 'word '.repeat(100), full: true };
    expect(hasFullText(full)).toBe(true);
    expect(itemArticleInput(full, { feedUrl: 'http://x/feed', outlet: 'X' }, null, 5)?.raw).toBe(full.text);
    expect(itemArticleInput(item, { feedUrl: 'http://x/feed', outlet: 'X' }, 'Page text', 5)).toMatchObject({ raw: 'Page text', outlet: 'X', date: '2025-02-12', url: 'http://x/a' });
    expect(itemArticleInput(item, { feedUrl: 'http://x/feed', outlet: 'X' }, null, 5)).toBeNull();
  });
  it('gives the same item of the same feed the same id, another feed another', () => {
    const a = itemArticleInput(item, { feedUrl: 'http://x/feed', outlet: 'X' }, 'p', 1)!;
    expect(itemArticleInput(item, { feedUrl: 'http://x/feed', outlet: 'X' }, 'p', 2)!.id).toBe(a.id);
    expect(itemArticleInput(item, { feedUrl: 'http://y/feed', outlet: 'X' }, 'p', 1)!.id).not.toBe(a.id);
    expect(a.id).toMatch(/^feed-[0-9a-f]{16}$/);
    expect(stableHash('a')).not.toBe(stableHash('b'));
  });
});
