/**
 * The feeds' part of the background: the service, its alarm, the browser's
 * permissions and the page reader each browser has. Nothing here makes a
 * request by itself: the alarm exists only while a feed is followed, and a
 * feed's origin is reached only once the reader granted it.
 */
import browser from 'webextension-polyfill';
import { tell } from '../../platform/protocol';
import type { CorpusStore } from '../corpus-store';
import { FeedDb } from './feed-db';
import { feedHandlers, type FeedHandlers } from './feed-handlers';
import { FeedService } from './feed-service';
import { extractHtml, type PageExtractor } from './html-extractor';
import { offscreenExtractor } from './offscreen-extractor';
import { permissionPattern } from '../../lib/feeds/permission';

export const FEEDS_ALARM = 'crossread-feeds';

const pattern = permissionPattern;

export function startFeeds(deps: { store: () => Promise<CorpusStore>; changed: () => Promise<void> }): FeedHandlers {
  let db: Promise<FeedDb> | null = null;
  const openDb = () => (db ??= FeedDb.open());
  // Firefox's background page has a DOM; Chrome's service worker reads item pages in an offscreen document.
  const extract: PageExtractor = typeof DOMParser === 'function' ? async (html, url) => extractHtml(html, url) : offscreenExtractor();

  const service = new FeedService({
    db: openDb,
    store: deps.store,
    extract,
    allowed: (origin) => browser.permissions.contains({ origins: [pattern(origin)] }).catch(() => false),
    changed: deps.changed,
    feedsChanged: () => void tell('crossread:feeds-changed', {}),
    schedule: async (minutes) => {
      if (minutes === null) await browser.alarms.clear(FEEDS_ALARM);
      else {
        const existing = await browser.alarms.get(FEEDS_ALARM);
        if (existing?.periodInMinutes !== minutes) browser.alarms.create(FEEDS_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
      }
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEEDS_ALARM) void service.fetchDue().catch(() => undefined);
  });
  // The reader withdrew an origin in the browser's settings: the Sources list says so at once.
  browser.permissions.onRemoved.addListener(() => void tell('crossread:feeds-changed', {}));
  // The alarm matches the followed feeds after an update or a browser restart; no fetch here.
  void service.reschedule().catch(() => undefined);

  const extensionOrigin = browser.runtime.getURL('/');
  return feedHandlers(
    service,
    async (origin) => {
      await browser.permissions.remove({ origins: [pattern(origin)] });
    },
    (sender) => (sender.url ?? '').startsWith(extensionOrigin),
  );
}
