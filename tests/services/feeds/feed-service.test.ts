import 'fake-indexeddb/auto';
import { JSDOM } from 'jsdom';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CorpusStore } from '../../../services/corpus-store';
import { FeedDb } from '../../../services/feeds/feed-db';
import { FeedService } from '../../../services/feeds/feed-service';
import type { PageExtractor } from '../../../services/feeds/html-extractor';
import { englishReason } from '../../../services/feeds/background-words';
import { reasonText } from '../../../lib/feeds/feed-reason';
import { sourcesMessages } from '../../../lib/i18n/sources-messages';
import { extractArticle } from '../../../page/extract-article';
import { seedTexts } from '../../helpers/seeds';
import { withFullDiskAfter } from '../../helpers/full-disk';
import { articlePage, atomFeed, jsonFeed, rssFeed, startRoutesServer, type RoutesServer } from './routes-server';

vi.setConfig({ testTimeout: 60_000 });

/** The content script's extraction, on jsdom's DOM instead of the browser's. */
const extract: PageExtractor = async (html, url) => {
  const result = extractArticle(new JSDOM(html, { url }).window.document, url);
  return result.ok ? { ok: true, text: result.article.text, title: result.article.title, date: result.article.date, siteName: null } : { ok: false, why: { kind: 'not-article' } };
};

/** The seed articles' bodies (five reports of one event), without their header lines. */
const texts = seedTexts().map((s) => s.raw.replace(/^(?:[a-z]+:.*\n)*\n?/, '').trim());

let server: RoutesServer;
let other: RoutesServer;
beforeAll(async () => {
  server = await startRoutesServer();
  other = await startRoutesServer();
});
afterAll(async () => {
  await server.close();
  await other.close();
});

let n = 0;
const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
  server.routes.clear();
  server.log.length = 0;
});

async function setup(options: { granted?: Set<string>; now?: () => number } = {}) {
  const store = await CorpusStore.open(`feeds-store-${n}`);
  const db = await FeedDb.open(`feeds-db-${n++}`);
  opened.push(store, db);
  const granted = options.granted ?? new Set([server.origin]);
  const events: string[] = [];
  const schedules: Array<number | null> = [];
  const service = new FeedService({
    db: async () => db,
    store: async () => store,
    extract,
    allowed: async (origin) => granted.has(origin),
    changed: async () => void events.push('changed'),
    feedsChanged: () => void events.push('feeds'),
    schedule: async (m) => void schedules.push(m),
    now: options.now,
    timeoutMs: 1500,
  });
  return { store, db, service, granted, events, schedules };
}

const route = (path: string, body: string, type = 'application/rss+xml; charset=utf-8') => server.routes.set(path, { body, type });

describe('FeedService', () => {
  it('follows RSS, Atom and JSON feeds: full text from the feed, else the item page extracted; every article joins one story', async () => {
    const s = server.origin;
    route('/rss.xml', rssFeed('Outlet R', s, [{ id: 'r1', title: 'R1 <b>bold</b>', link: `${s}/r1.html`, date: '2025-02-12', content: texts[0] }]));
    route('/atom.xml', atomFeed('Outlet A', s, [{ id: 'a1', title: 'A1', link: `${s}/a1.html`, date: '2025-02-12', summary: 'Teaser only' }]), 'application/atom+xml');
    route('/a1.html', articlePage('A1', texts[1], '2025-02-12'), 'text/html; charset=utf-8');
    route('/feed.json', jsonFeed('Outlet J', s, [{ id: 'j1', title: 'J1', link: `${s}/j1.html`, date: '2025-02-12', content: texts[2] }]), 'application/feed+json');
    const { service, store, schedules } = await setup();
    await service.follow(`${s}/rss.xml`);
    await service.follow(`${s}/atom.xml`);
    await service.follow(`${s}/feed.json`);
    const articles = await store.listArticles();
    expect(articles.map((a) => a.outlet).sort()).toEqual(['Outlet A', 'Outlet J', 'Outlet R']);
    expect(articles.find((a) => a.outlet === 'Outlet R')).toMatchObject({ title: 'R1 bold', date: '2025-02-12', url: `${s}/r1.html` });
    expect(articles.find((a) => a.outlet === 'Outlet A')!.raw).toContain(texts[1].slice(0, 80));
    const stories = await store.listStories();
    expect(stories).toHaveLength(1);
    expect(stories[0].members).toHaveLength(3);
    // The full-text item's page was never fetched; the teaser's was.
    expect(server.log.map((r) => r.path)).not.toContain('/r1.html');
    expect(server.log.map((r) => r.path)).toContain('/a1.html');
    expect(schedules.at(-1)).toBe(30);
    // No cookies, no referrer.
    for (const r of server.log) {
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.referer).toBeUndefined();
    }
  });

  it('fetches an item once, asks conditionally, and stores the same article in two feeds once', async () => {
    const s = server.origin;
    server.routes.set('/one.xml', { etag: '"v1"', body: rssFeed('One', s, [{ id: 'x', title: 'X', link: `${s}/x.html`, content: texts[3] }]) });
    route('/two.xml', rssFeed('Two', s, [{ id: 'y', title: 'Y', link: `${s}/y.html`, content: texts[3] }, { id: 'y', title: 'Y again', link: `${s}/y2.html`, content: texts[4] }]));
    const { service, store, db } = await setup();
    await service.follow(`${s}/one.xml`);
    await service.follow(`${s}/two.xml`);
    expect(await store.count()).toBe(1);
    const two = await db.feed(`${s}/two.xml`);
    expect(two).toMatchObject({ lastNew: 0, lastSkipped: 1 });
    expect(two!.lastNote).toEqual({ kind: 'skipped', total: 1, counts: [{ n: 1, why: { kind: 'duplicate' } }] });
    expect(englishReason(two!.lastNote!)).toMatch(/already in your corpus/);
    server.log.length = 0;
    await service.fetchNow();
    expect(server.log.find((r) => r.path === '/one.xml')!.headers['if-none-match']).toBe('"v1"');
    expect((await db.feed(`${s}/one.xml`))!.lastNote).toEqual({ kind: 'unchanged' });
    expect(englishReason((await db.feed(`${s}/one.xml`))!.lastNote!)).toBe('Unchanged since the last fetch.');
    expect(await store.count()).toBe(1);
  });

  it('gives each bad feed a clear state, and the other feeds go on', async () => {
    const s = server.origin;
    route('/good.xml', rssFeed('Good', s, [{ id: 'g', title: 'G', link: `${s}/g.html`, content: texts[0] }]));
    const { service, store, db } = await setup();
    await service.follow(`${s}/good.xml`);
    const bad: Record<string, [Parameters<typeof server.routes.set>[1], RegExp]> = {
      '/malformed.xml': [{ body: '<rss version="2.0"><channel><item><title>x</item>' }, /malformed|not an RSS/],
      '/page.xml': [{ body: '<!doctype html><html><body>Hi</body></html>', type: 'text/html' }, /web page, not a feed/],
      '/missing.xml': [{ status: 404, body: 'no' }, /404 \(not found\)/],
      '/broken.xml': [{ status: 500, body: 'oops' }, /500 \(server error\)/],
      '/huge.xml': [{ bytes: 10 * 1024 * 1024 }, /too large/],
      '/loop.xml': [{ redirect: '/loop.xml' }, /could not be reached|redirect/],
      '/hang.xml': [{ hang: true }, /did not answer within/],
    };
    for (const [path, [r, reason]] of Object.entries(bad)) {
      server.routes.set(path, r);
      const refusal: unknown = await service.follow(`${s}${path}`).then(() => null, (error: unknown) => error);
      expect(refusal, path).toBeInstanceOf(Error);
      expect((refusal as Error).message, path).toMatch(/^Not followed: /);
      expect((refusal as Error).message, path).toMatch(reason);
      // The refusal carries its reason as a kind, for the page to tell in the reader's language.
      expect(refusal, path).toMatchObject({ reason: { kind: 'not-followed', cause: { kind: expect.any(String) } } });
      expect(await db.feed(`${s}${path}`), `${path} is not followed`).toBeUndefined();
    }
    // The same failures on feeds already followed: recorded, backed off, and the good one still fetched.
    const before = await store.count();
    for (const path of Object.keys(bad)) await db.addFeeds([{ ...(await db.feed(`${s}/good.xml`))!, url: `${s}${path}`, title: path, totalNew: 0 }]);
    route('/good.xml', rssFeed('Good', s, [{ id: 'g2', title: 'G2', link: `${s}/g2.html`, content: texts[1] }]));
    await service.fetchNow();
    expect(await store.count()).toBe(before + 1);
    const { feeds } = await service.list();
    for (const [path, [, reason]] of Object.entries(bad)) {
      const f = feeds.find((x) => x.url === `${s}${path}`)!;
      expect(f.state, path).toMatch(/^Last fetch just now failed: /);
      expect(f.state, path).toMatch(reason);
      expect(f.errors).toBe(1);
      expect(f.retryAfter).toBeGreaterThan(Date.now());
    }
    // The alarm skips feeds in backoff: only the good one is asked.
    server.log.length = 0;
    await service.fetchDue();
    expect(server.log.map((r) => r.path)).toEqual(['/good.xml']);
  });

  it('skips items without links or text, item pages that are no article, and pages on origins not followed', async () => {
    const s = server.origin;
    route('/mixed.xml', rssFeed('Mixed', s, [
      { id: 'nolink', title: 'No link', link: null, summary: 'short' },
      { id: 'index', title: 'Index page', link: `${s}/index.html`, summary: 'teaser' },
      { id: 'away', title: 'Elsewhere', link: `${other.origin}/away.html`, summary: 'teaser' },
      { id: 'ok', title: '<script>alert(1)</script>Fine', link: `${s}/ok.html`, summary: 'teaser' },
    ]));
    route('/index.html', '<!doctype html><html><body><ul><li><a href="/a">A</a></li></ul></body></html>', 'text/html');
    route('/ok.html', articlePage('Fine', texts[2]), 'text/html');
    const { service, store, db } = await setup();
    await service.follow(`${s}/mixed.xml`);
    const articles = await store.listArticles();
    expect(articles).toHaveLength(1);
    expect(articles[0].title).toBe('Fine');
    const feed = (await db.feed(`${s}/mixed.xml`))!;
    const note = englishReason(feed.lastNote!);
    expect(note).toMatch(/3 items not added/);
    expect(note).toMatch(/neither a link nor its full text/);
    expect(note).toMatch(/not an article/);
    expect(note).toMatch(/a site you do not follow/);
    // Stored as kinds, so the Sources section tells it in German too.
    expect(reasonText(feed.lastNote!, sourcesMessages('de').feedState)).toBe(
      `3 Einträge nicht hinzugefügt: 1, weil er weder einen Link noch seinen vollen Text hat; 1, weil seine Seite kein Artikel ist; 1, weil seine Seite auf ${other.origin} liegt, einer Website, der Sie nicht folgen.`,
    );
    expect(other.log).toHaveLength(0);
  });

  it('a feed that disappears, and a permission withdrawn, each get their state; nothing is fetched without permission', async () => {
    const s = server.origin;
    route('/gone.xml', rssFeed('Gone', s, [{ id: 'g', title: 'G', link: `${s}/g.html`, content: texts[0] }]));
    const { service, granted } = await setup();
    await service.follow(`${s}/gone.xml`);
    server.routes.delete('/gone.xml');
    await service.fetchNow();
    expect((await service.list()).feeds[0].state).toMatch(/404 \(not found\): the address may have moved or the feed may be gone/);
    expect((await service.list()).feeds[0].lastError).toEqual({ kind: 'http-status', status: 404 });
    granted.delete(s);
    server.log.length = 0;
    await service.fetchNow();
    const [f] = (await service.list()).feeds;
    expect(f.permitted).toBe(false);
    expect(f.state).toMatch(/permission was withdrawn/);
    expect(server.log).toHaveLength(0);
  });

  it('a failed write stores nothing of the feed, and its items are fetched again next time', async () => {
    const s = server.origin;
    route('/full.xml', rssFeed('Full', s, [{ id: 'f1', title: 'F1', link: `${s}/f1.html`, content: texts[0] }, { id: 'f2', title: 'F2', link: `${s}/f2.html`, content: texts[1] }]));
    const { service, store, db } = await setup();
    await db.addFeeds([{ ...(await import('../../../services/feeds/feed-service')).newFeedRecord(`${s}/full.xml`, 'Full', Date.now()) }]);
    await withFullDiskAfter(0, () => service.fetchNow());
    expect(await store.count()).toBe(0);
    // The disk was full for the feed's state too: nothing was recorded, so both items come again.
    await service.fetchNow();
    expect(await store.count()).toBe(2);
  });

  it('unfollowing gives back the origin only when no other feed uses it; OPML round-trips', async () => {
    const s = server.origin;
    route('/a.xml', rssFeed('A', s, []));
    route('/b.xml', rssFeed('B', s, []));
    const { service, schedules } = await setup();
    const imported = await service.importOpml(
      `<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="A" xmlUrl="${s}/a.xml"/><outline text="B" xmlUrl="${s}/b.xml"/><outline text="Not granted" xmlUrl="${other.origin}/c.xml"/></body></opml>`,
    );
    expect(imported).toMatchObject({ added: 2, skipped: 1 });
    const exported = await service.exportOpml();
    const { service: again } = await setup();
    expect((await again.importOpml(exported)).added).toBe(2);
    expect((await again.list()).feeds.map((f) => [f.url, f.title])).toEqual([
      [`${s}/a.xml`, 'A'],
      [`${s}/b.xml`, 'B'],
    ]);
    expect(await service.unfollow(`${s}/a.xml`)).toBeNull();
    expect(await service.unfollow(`${s}/b.xml`)).toBe(s);
    expect(schedules.at(-1)).toBeNull();
  });

  it('retention drops old feed articles, keeps seeds and the reader’s own, and says what it dropped', async () => {
    const s = server.origin;
    let now = Date.now();
    route('/r.xml', rssFeed('R', s, [{ id: 'r', title: 'Old news', link: `${s}/r.html`, content: texts[0] }]));
    const { service, store } = await setup({ now: () => now });
    await service.follow(`${s}/r.xml`);
    const { makeArticle } = await import('../../../lib/article/make-article');
    await store.addArticles([makeArticle({ id: 'user-1', raw: texts[4], outlet: 'Mine', source: 'user', addedAt: 0 })]);
    now += 61 * 24 * 60 * 60 * 1000;
    expect(await service.applyRetention()).toBe(1);
    expect((await store.listArticles()).map((a) => a.id)).toEqual(['user-1']);
    const { dropped } = await service.list();
    expect(dropped).toMatchObject({ total: 1, recent: [{ title: 'Old news', outlet: 'R' }] });
  });

  it('keeps a page read on a switched-on site only, once', async () => {
    const { service, store } = await setup();
    const page = { text: texts[3], url: 'https://news.example/a', title: 'Read', language: 'de', publishedTime: '2025-02-12T10:00:00Z', siteName: 'News' };
    expect(await service.keepRead(page, 'https://news.example/a')).toMatchObject({ kept: false, reason: expect.stringMatching(/off on news.example/) });
    await service.keepSite('news.example', true);
    expect(await service.keepRead(page, 'https://elsewhere.example/a')).toMatchObject({ kept: false });
    expect(await service.keepRead(page, 'https://news.example/a')).toEqual({ kept: true, reason: 'Kept.' });
    expect(await service.keepRead(page, 'https://news.example/a')).toMatchObject({ kept: false, reason: expect.stringMatching(/already/) });
    const [a] = await store.listArticles();
    expect(a).toMatchObject({ outlet: 'News', date: '2025-02-12', url: 'https://news.example/a' });
    expect(a.id).toMatch(/^read-/);
  });
});
