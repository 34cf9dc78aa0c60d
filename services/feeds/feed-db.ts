/**
 * The followed feeds and what crossread has seen of them, in their own
 * IndexedDB database beside the corpus: the background alone opens it. The
 * corpus stays the one place articles live; this only remembers which items
 * were taken (or skipped, and why), so an item is fetched once.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DEFAULT_INTERVAL_MINUTES, type DroppedLog, type FeedRecord, type FeedSettings } from '../../lib/feeds/feed-state';
import { DEFAULT_RETENTION } from '../../lib/feeds/retention';

export type { DroppedLog, FeedSettings };

export const FEEDS_DB_NAME = 'crossread-feeds';
const FEEDS_DB_VERSION = 1;

export interface SeenItem {
  /** `${feedUrl}\n${item key}` */
  id: string;
  feedUrl: string;
  /** The article the item became, or null when it was skipped. */
  articleId: string | null;
  seenAt: number;
}

interface FeedsSchema extends DBSchema {
  feeds: { key: string; value: FeedRecord };
  items: { key: string; value: SeenItem; indexes: { feedUrl: string } };
  meta: { key: string; value: unknown };
}

export const DEFAULT_SETTINGS: FeedSettings = { paused: false, intervalMinutes: DEFAULT_INTERVAL_MINUTES, retention: DEFAULT_RETENTION, keepSites: [] };
const EMPTY_LOG: DroppedLog = { total: 0, lastRun: null, recent: [] };

export const seenId = (feedUrl: string, key: string) => `${feedUrl}\n${key}`;

export class FeedDb {
  private constructor(private readonly db: IDBPDatabase<FeedsSchema>) {}

  static async open(name = FEEDS_DB_NAME): Promise<FeedDb> {
    const db = await openDB<FeedsSchema>(name, FEEDS_DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('feeds', { keyPath: 'url' });
        db.createObjectStore('items', { keyPath: 'id' }).createIndex('feedUrl', 'feedUrl');
        db.createObjectStore('meta');
      },
    });
    return new FeedDb(db);
  }

  feeds(): Promise<FeedRecord[]> {
    return this.db.getAll('feeds');
  }

  feed(url: string): Promise<FeedRecord | undefined> {
    return this.db.get('feeds', url);
  }

  async putFeed(feed: FeedRecord): Promise<void> {
    await this.db.put('feeds', feed);
  }

  /** Adds feeds not followed yet, in one transaction; returns how many were new. */
  async addFeeds(feeds: readonly FeedRecord[]): Promise<number> {
    const tx = this.db.transaction('feeds', 'readwrite');
    let added = 0;
    for (const f of feeds) {
      if ((await tx.store.getKey(f.url)) !== undefined) continue;
      await tx.store.put(f);
      added++;
    }
    await tx.done;
    return added;
  }

  /** Forgets a feed and what was seen of it; its articles stay in the corpus until retention drops them. */
  async removeFeed(url: string): Promise<void> {
    const tx = this.db.transaction(['feeds', 'items'], 'readwrite');
    await tx.objectStore('feeds').delete(url);
    const keys = await tx.objectStore('items').index('feedUrl').getAllKeys(url);
    await Promise.all(keys.map((k) => tx.objectStore('items').delete(k)));
    await tx.done;
  }

  /** Which of these item ids were seen already. */
  async seen(ids: readonly string[]): Promise<Set<string>> {
    const tx = this.db.transaction('items');
    const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
    await tx.done;
    return new Set(ids.filter((_, i) => keys[i] !== undefined));
  }

  /** Records a fetch: the items seen and the feed's new state, in one transaction. */
  async recordFetch(feed: FeedRecord, items: readonly SeenItem[]): Promise<void> {
    const tx = this.db.transaction(['feeds', 'items'], 'readwrite');
    // A feed unfollowed while it was being fetched stays unfollowed.
    if ((await tx.objectStore('feeds').getKey(feed.url)) === undefined) {
      await tx.done;
      return;
    }
    await Promise.all([tx.objectStore('feeds').put(feed), ...items.map((i) => tx.objectStore('items').put(i))]);
    await tx.done;
  }

  async settings(): Promise<FeedSettings> {
    const stored = (await this.db.get('meta', 'settings')) as Partial<FeedSettings> | undefined;
    return { ...DEFAULT_SETTINGS, ...stored, retention: { ...DEFAULT_SETTINGS.retention, ...stored?.retention } };
  }

  async updateSettings(change: Partial<FeedSettings>): Promise<FeedSettings> {
    const next = { ...(await this.settings()), ...change };
    await this.db.put('meta', next, 'settings');
    return next;
  }

  async dropped(): Promise<DroppedLog> {
    return ((await this.db.get('meta', 'dropped')) as DroppedLog | undefined) ?? EMPTY_LOG;
  }

  async putDropped(log: DroppedLog): Promise<void> {
    await this.db.put('meta', log, 'dropped');
  }

  close(): void {
    this.db.close();
  }
}
