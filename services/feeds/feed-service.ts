/**
 * Following feeds: the followed list, fetching (by the alarm or "fetch now"),
 * each new item made an article and stored through the corpus store, so it
 * joins its story; retention afterwards. Every feed's outcome is recorded as
 * a reason (a kind plus values, lib/feeds/feed-reason.ts) that each page tells
 * in the reader's language; one feed's failure never stops the others, and a
 * failed write stores nothing of that feed's fetch.
 */
import type { Article } from '../../lib/article/article';
import { makeArticle, outletFromUrl } from '../../lib/article/make-article';
import { findDuplicate } from '../../lib/article/duplicate';
import { contentTerms } from '../../lib/text/tokens';
import type { FeedItem } from '../../lib/feeds/feed';
import { describeFeed, retryAfter, type FeedRecord, type FeedView } from '../../lib/feeds/feed-state';
import { FeedProblem, skippedNote, type FeedReason, type SkipReason } from '../../lib/feeds/feed-reason';
import { hasFullText, itemArticleInput, READ_ID_PREFIX, stableHash } from '../../lib/feeds/item-article';
import { readOpml, writeOpml } from '../../lib/feeds/opml';
import { permissionPattern } from '../../lib/feeds/permission';
import { FeedFormatError, parseFeedDocument } from '../../lib/feeds/parse-feed';
import { toDrop, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../lib/feeds/retention';
import type { PagePayload } from '../../platform/protocol';
import { ProblemError } from '../../lib/i18n/problem-messages';
import { StorageFullError, type CorpusStore } from '../corpus-store';
import { FEED_TIMEOUT_MS, FetchError, fetchLimited, MAX_FEED_BYTES, MAX_PAGE_BYTES } from './fetch-limited';
import { seenId, type DroppedLog, type FeedDb, type FeedSettings, type SeenItem } from './feed-db';
import type { PageExtractor } from './html-extractor';
import { BACKGROUND_WORDS, englishReason, problem } from './background-words';

export interface FeedServiceDeps {
  db: () => Promise<FeedDb>;
  store: () => Promise<CorpusStore>;
  extract: PageExtractor;
  /** Whether the reader granted crossread this origin (permissions.contains). */
  allowed: (origin: string) => Promise<boolean>;
  /** The corpus changed: tabs recompute their notes, pages list again. */
  changed: () => Promise<void>;
  /** The followed feeds or their state changed. */
  feedsChanged: () => void;
  /** (Re)sets the alarm: every `minutes`, or none when nothing is followed. */
  schedule: (minutes: number | null) => Promise<void>;
  fetchImpl?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
/** Feeds fetched at once, and item pages of one feed fetched at once. */
const FEED_CONCURRENCY = 3;
const PAGE_CONCURRENCY = 4;

const originOf = (url: string) => new URL(url).origin;

/** Runs `work` over `items` with at most `limit` at once, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** An http(s) address, normalised, or a FeedProblem that says why not. */
export function feedAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw problem({ kind: 'not-an-address', address: value.trim().slice(0, 200) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw problem({ kind: 'not-http' });
  url.hash = '';
  return url.href;
}

export function newFeedRecord(url: string, title: string, now: number): FeedRecord {
  return {
    url, title: title.trim() || outletFromUrl(url) || url, siteUrl: null, origin: originOf(url), addedAt: now, paused: false,
    etag: null, lastModified: null, lastFetch: null, lastSuccess: null, lastError: null, errors: 0, retryAfter: 0,
    lastNew: 0, totalNew: 0, lastSkipped: 0, lastNote: null,
  };
}

/** What became of one new item. */
type ItemOutcome =
  | { kind: 'article'; item: FeedItem; article: Article }
  | { kind: 'skip'; item: FeedItem; why: SkipReason; final: boolean };

export class FeedService {
  private readonly now: () => number;
  private running: Promise<void> | null = null;
  /** The last fetch round: articles stored and its duration, for the Sources list and the ingest-rate measurement. */
  private lastRound: { articles: number; ms: number; feeds: number } | null = null;
  /** Storing is one at a time, so the same article arriving in two feeds at once is found a duplicate. */
  private storing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: FeedServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async list(): Promise<{ feeds: FeedView[]; settings: FeedSettings; dropped: DroppedLog; running: boolean; lastRound: { articles: number; ms: number; feeds: number } | null }> {
    const db = await this.deps.db();
    const [feeds, settings, dropped] = await Promise.all([db.feeds(), db.settings(), db.dropped()]);
    const now = this.now();
    const views = await Promise.all(
      feeds
        .sort((a, b) => a.title.localeCompare(b.title))
        .map(async (f) => {
          const permitted = await this.deps.allowed(f.origin);
          const state = permitted ? describeFeed(f, now, settings.paused, BACKGROUND_WORDS) : englishReason({ kind: 'permission-withdrawn', origin: f.origin });
          return { ...f, state, permitted };
        }),
    );
    return { feeds: views, settings, dropped, running: this.running !== null, lastRound: this.lastRound };
  }

  /** Follows a feed: it is fetched at once, and refused (nothing kept) when it does not read as a feed. */
  async follow(address: string, title = ''): Promise<FeedView> {
    const url = feedAddress(address);
    const db = await this.deps.db();
    if (await db.feed(url)) throw problem({ kind: 'already-followed' });
    if (!(await this.deps.allowed(originOf(url)))) throw problem({ kind: 'not-granted', origin: originOf(url) });
    const record = newFeedRecord(url, title, this.now());
    await db.addFeeds([record]);
    const after = await this.fetchFeed(record);
    if (after.lastSuccess === null) {
      await db.removeFeed(url);
      this.deps.feedsChanged();
      // A string: the record came from an earlier version (it cannot here, but the type allows it); its sentence stands as the cause.
      const cause: FeedReason | null = typeof after.lastError === 'string' ? { kind: 'unexpected', detail: after.lastError } : after.lastError;
      throw problem({ kind: 'not-followed', cause });
    }
    await this.reschedule();
    this.deps.feedsChanged();
    return { ...after, state: describeFeed(after, this.now(), false, BACKGROUND_WORDS), permitted: true };
  }

  /** Unfollows; the reply names the origin whose permission can be given back (no other followed feed uses it), or null. */
  async unfollow(url: string): Promise<string | null> {
    const db = await this.deps.db();
    const feed = await db.feed(url);
    if (!feed) throw problem({ kind: 'not-following' });
    await db.removeFeed(url);
    const rest = await db.feeds();
    await this.reschedule();
    this.deps.feedsChanged();
    // One permission covers a host's every port and scheme's feeds: given back when none of them is followed any more.
    return rest.some((f) => permissionPattern(f.origin) === permissionPattern(feed.origin)) ? null : feed.origin;
  }

  async setPaused(paused: boolean, url?: string): Promise<void> {
    const db = await this.deps.db();
    if (url === undefined) await db.updateSettings({ paused });
    else {
      const feed = await db.feed(url);
      if (!feed) throw problem({ kind: 'not-following' });
      await db.putFeed({ ...feed, paused });
    }
    await this.reschedule();
    this.deps.feedsChanged();
  }

  async updateSettings(change: { intervalMinutes?: number; retentionDays?: number }): Promise<FeedSettings> {
    const db = await this.deps.db();
    const current = await db.settings();
    const next: Partial<FeedSettings> = {};
    if (change.intervalMinutes !== undefined) {
      if (!(change.intervalMinutes >= 15 && change.intervalMinutes <= 24 * 60)) throw new ProblemError({ kind: 'bad-interval', min: 15, max: 24 * 60 });
      next.intervalMinutes = Math.round(change.intervalMinutes);
    }
    if (change.retentionDays !== undefined) {
      if (!(change.retentionDays >= MIN_RETENTION_DAYS && change.retentionDays <= MAX_RETENTION_DAYS)) {
        throw new ProblemError({ kind: 'bad-retention', min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS });
      }
      next.retention = { ...current.retention, days: Math.round(change.retentionDays) };
    }
    const settings = await db.updateSettings(next);
    await this.reschedule();
    if (next.retention) await this.applyRetention();
    this.deps.feedsChanged();
    return settings;
  }

  async importOpml(text: string): Promise<{ added: number; skipped: number; origins: string[] }> {
    const { feeds, skipped } = readOpml(text);
    if (feeds.length === 0) throw new ProblemError({ kind: 'opml-empty' });
    const db = await this.deps.db();
    const now = this.now();
    // Only feeds on origins the reader granted: the options page asked for them just before.
    const records: FeedRecord[] = [];
    let refused = 0;
    for (const f of feeds) {
      if (await this.deps.allowed(originOf(f.url))) records.push(newFeedRecord(f.url, f.title, now));
      else refused++;
    }
    const added = await db.addFeeds(records);
    await this.reschedule();
    this.deps.feedsChanged();
    return { added, skipped: skipped + refused + (records.length - added), origins: [...new Set(records.map((r) => r.origin))] };
  }

  async exportOpml(): Promise<string> {
    const feeds = await (await this.deps.db()).feeds();
    return writeOpml(feeds.map((f) => ({ url: f.url, title: f.title })), new Date(this.now()));
  }

  /** The alarm: feeds not paused whose backoff has passed, unless everything is paused. */
  async fetchDue(): Promise<void> {
    const db = await this.deps.db();
    if ((await db.settings()).paused) return;
    const now = this.now();
    await this.fetchMany((await db.feeds()).filter((f) => !f.paused && f.retryAfter <= now));
  }

  /** "Fetch now": every feed not paused (or the one named), backoff or not. */
  async fetchNow(url?: string): Promise<void> {
    const db = await this.deps.db();
    const feeds = (await db.feeds()).filter((f) => (url === undefined ? !f.paused : f.url === url));
    if (url !== undefined && feeds.length === 0) throw problem({ kind: 'not-following' });
    await this.fetchMany(feeds);
  }

  private async fetchMany(feeds: FeedRecord[]): Promise<void> {
    // A round already running finishes first; fetching the same feed twice at once would store its items twice.
    while (this.running) await this.running.catch(() => undefined);
    const round = (async () => {
      this.deps.feedsChanged();
      const started = performance.now();
      // The corpus is announced changed once, after the round: every open tab and page recomputes on each announcement, and doing so
      // three times during a round would compete with the round itself.
      const done = await mapLimit(feeds, FEED_CONCURRENCY, (f) => this.fetchFeed(f, false));
      const articles = done.reduce((n, f) => n + (f.lastError === null ? f.lastNew : 0), 0);
      this.lastRound = { articles, ms: Math.round(performance.now() - started), feeds: feeds.length };
      if (articles > 0) await this.deps.changed();
      // Retention failing (a full disk) must not fail the round: the feeds' states are recorded already.
      await this.applyRetention().catch(() => undefined);
    })();
    this.running = round;
    try {
      await round;
    } finally {
      this.running = null;
      this.deps.feedsChanged();
    }
  }

  /** Fetches one feed and stores its new items; returns the feed's new record (already saved). */
  private async fetchFeed(feed: FeedRecord, announce = true): Promise<FeedRecord> {
    const db = await this.deps.db();
    const started = this.now();
    const failed = async (reason: FeedReason): Promise<FeedRecord> => {
      const errors = feed.errors + 1;
      const next: FeedRecord = { ...feed, lastFetch: started, lastError: reason, errors, retryAfter: retryAfter(errors, started) };
      // Best effort: on a full disk even the state cannot be written, and the round goes on with the other feeds.
      await db.recordFetch(next, []).catch(() => undefined);
      return next;
    };
    try {
      if (!(await this.deps.allowed(feed.origin))) {
        return await failed({ kind: 'permission-withdrawn', origin: feed.origin });
      }
      const response = await fetchLimited(feed.url, {
        etag: feed.etag, lastModified: feed.lastModified, accept: FEED_ACCEPT, timeoutMs: this.deps.timeoutMs ?? FEED_TIMEOUT_MS,
        maxBytes: MAX_FEED_BYTES, allowed: this.deps.allowed, fetchImpl: this.deps.fetchImpl,
      });
      if (response.status === 'not-modified') {
        const next: FeedRecord = { ...feed, lastFetch: started, lastSuccess: started, lastError: null, errors: 0, retryAfter: 0, lastNew: 0, lastSkipped: 0, lastNote: { kind: 'unchanged' } };
        await db.recordFetch(next, []);
        return next;
      }
      const parsed = parseFeedDocument(response.body, response.url);
      const title = feed.title && feed.title !== outletFromUrl(feed.url) && feed.title !== feed.url ? feed.title : parsed.title || feed.title;
      const seen = await db.seen(parsed.items.map((i) => seenId(feed.url, i.key)));
      const fresh = parsed.items.filter((i) => !seen.has(seenId(feed.url, i.key)));
      const outcomes = await mapLimit(fresh, PAGE_CONCURRENCY, (item) => this.itemOutcome(item, feed.url, title, started));
      const { stored, skipped } = await this.store(outcomes);
      const seenItems: SeenItem[] = [
        ...stored.map((a) => ({ id: seenId(feed.url, a.item.key), feedUrl: feed.url, articleId: a.article.id, seenAt: started })),
        ...skipped.filter((s) => s.final).map((s) => ({ id: seenId(feed.url, s.item.key), feedUrl: feed.url, articleId: null, seenAt: started })),
      ];
      const next: FeedRecord = {
        ...feed, title, siteUrl: parsed.siteUrl ?? feed.siteUrl, etag: response.etag, lastModified: response.lastModified,
        lastFetch: started, lastSuccess: started, lastError: null, errors: 0, retryAfter: 0,
        lastNew: stored.length, totalNew: feed.totalNew + stored.length, lastSkipped: skipped.length, lastNote: skippedNote(skipped),
      };
      await db.recordFetch(next, seenItems);
      if (stored.length > 0 && announce) await this.deps.changed();
      return next;
    } catch (error) {
      if (error instanceof FetchError || error instanceof FeedFormatError) return failed(error.reason);
      if (error instanceof StorageFullError) return failed({ kind: 'disk-full' });
      return failed({ kind: 'unexpected', detail: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The article an item becomes (its full text, else its page's), or why it does not. */
  private async itemOutcome(item: FeedItem, feedUrl: string, outlet: string, addedAt: number): Promise<ItemOutcome> {
    let pageText: string | null = null;
    let pageTitle: string | null = null;
    let pageDate: string | null = null;
    if (!hasFullText(item)) {
      if (!item.url) return { kind: 'skip', item, why: { kind: 'no-link' }, final: true };
      const origin = originOf(item.url);
      if (!(await this.deps.allowed(origin))) return { kind: 'skip', item, why: { kind: 'page-elsewhere', origin }, final: true };
      try {
        const page = await fetchLimited(item.url, {
          accept: PAGE_ACCEPT, timeoutMs: this.deps.timeoutMs ?? FEED_TIMEOUT_MS, maxBytes: MAX_PAGE_BYTES, allowed: this.deps.allowed, fetchImpl: this.deps.fetchImpl,
        });
        if (page.status !== 'ok') return { kind: 'skip', item, why: { kind: 'page-missing' }, final: false };
        if (!/html|xml/i.test(page.contentType) && page.contentType !== '') return { kind: 'skip', item, why: { kind: 'not-web-page' }, final: true };
        const read = await this.deps.extract(page.body, page.url);
        if (!read.ok) return { kind: 'skip', item, why: read.why, final: true };
        pageText = read.text;
        pageTitle = read.title;
        pageDate = read.date;
      } catch (error) {
        const transient = !(error instanceof FetchError) || error.kind !== 'too-large';
        const cause: FeedReason = error instanceof FeedProblem ? error.reason : { kind: 'unexpected', detail: error instanceof Error ? error.message : String(error) };
        return { kind: 'skip', item, why: { kind: 'page-failed', cause }, final: !transient };
      }
    }
    const input = itemArticleInput({ ...item, date: item.date ?? pageDate }, { feedUrl, outlet }, pageText, addedAt, pageTitle);
    if (!input) return { kind: 'skip', item, why: { kind: 'no-text' }, final: true };
    try {
      return { kind: 'article', item, article: makeArticle(input) };
    } catch (error) {
      return { kind: 'skip', item, why: { kind: 'invalid', detail: error instanceof Error ? error.message : String(error) }, final: true };
    }
  }

  /** Stores the new articles of one feed in one transaction, leaving out those the corpus (or this batch) holds already. */
  private async store(outcomes: ItemOutcome[]) {
    const task = this.storing.then(async () => {
      const s = await this.deps.store();
      const stored: Array<{ item: FeedItem; article: Article }> = [];
      const skipped = outcomes.filter((o): o is Extract<ItemOutcome, { kind: 'skip' }> => o.kind === 'skip');
      for (const o of outcomes) {
        if (o.kind !== 'article') continue;
        const { article } = o;
        const sameUrl = (article.url && ((await s.findByUrl(article.url)) ?? stored.find((x) => x.article.url === article.url)?.article)) || null;
        const same = sameUrl ?? findDuplicate(article, [...stored.map((x) => x.article), ...(await s.candidates(contentTerms(article.raw, article.language), 20))], { near: true });
        if (same) skipped.push({ kind: 'skip', item: o.item, why: { kind: 'duplicate' }, final: true });
        else stored.push({ item: o.item, article });
      }
      // One transaction: a full disk stores none of them, and the items are fetched again next time.
      if (stored.length > 0) await s.addArticles(stored.map((x) => x.article));
      return { stored, skipped };
    });
    this.storing = task.catch(() => undefined);
    return task;
  }

  /** Drops what the retention policy says, records it for the corpus manager. */
  async applyRetention(): Promise<number> {
    const db = await this.deps.db();
    const s = await this.deps.store();
    const { retention } = await db.settings();
    const now = this.now();
    const ids = toDrop(await s.articleEntries(), retention, now);
    const log = await db.dropped();
    if (ids.length === 0) {
      await db.putDropped({ ...log, lastRun: now });
      return 0;
    }
    const gone = await s.deleteArticles(ids);
    await db.putDropped({
      total: log.total + gone.length,
      lastRun: now,
      recent: [...gone.map((g) => ({ title: g.title, outlet: g.outlet, addedAt: g.addedAt, droppedAt: now })), ...log.recent].slice(0, 20),
    });
    await this.deps.changed();
    return gone.length;
  }

  /** The alarm follows the settings: none without feeds or while everything is paused. */
  async reschedule(): Promise<void> {
    const db = await this.deps.db();
    const [feeds, settings] = await Promise.all([db.feeds(), db.settings()]);
    await this.deps.schedule(feeds.length === 0 || settings.paused ? null : settings.intervalMinutes);
  }

  // -------------------------------------------------------------------------
  // Keep what I read

  async keepSite(host: string, on?: boolean): Promise<boolean> {
    const db = await this.deps.db();
    const { keepSites } = await db.settings();
    if (on === undefined) return keepSites.includes(host);
    const next = keepSites.filter((h) => h !== host);
    if (on) next.push(host);
    await db.updateSettings({ keepSites: next });
    return on;
  }

  /** Stores a page the reader stayed on, where its site's switch is on. No request: the content script sent the extracted text. */
  async keepRead(page: PagePayload, senderUrl: string | undefined): Promise<{ kept: boolean; reason: string }> {
    let host: string;
    try {
      const sender = new URL(senderUrl ?? '');
      // The page's own address is the tab's: a content script cannot file a page under another site.
      if (new URL(page.url).host !== sender.host) return { kept: false, reason: 'The page is not the tab’s.' };
      host = sender.host;
    } catch {
      return { kept: false, reason: 'The page has no address.' };
    }
    if (!(await this.keepSite(host))) return { kept: false, reason: `“Keep what I read” is off on ${host}.` };
    const s = await this.deps.store();
    if (await s.findByUrl(page.url)) return { kept: false, reason: 'This page is already in your corpus.' };
    const article = makeArticle({
      id: `${READ_ID_PREFIX}${stableHash(page.url)}`,
      raw: page.text, url: page.url, title: page.title, language: page.language ?? undefined,
      outlet: page.siteName?.trim() || outletFromUrl(page.url) || host,
      date: page.publishedTime ? page.publishedTime.slice(0, 10) : null,
      source: 'user', addedAt: this.now(),
    });
    const same = findDuplicate(article, await s.candidates(contentTerms(article.raw, article.language), 20), { near: true });
    if (same) return { kept: false, reason: `Its text is already in your corpus, as “${same.title}” (${same.outlet}).` };
    await s.addArticles([article]);
    await this.deps.changed();
    return { kept: true, reason: 'Kept.' };
  }
}
