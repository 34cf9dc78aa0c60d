/**
 * A feed item as a corpus article: the item's own text where the feed
 * carries the whole article, else the text extracted from the item's page.
 */
import type { ArticleInput } from '../article/make-article';
import type { FeedItem } from './feed';

/** Shortest item text taken as the full article (the content script's extraction asks as much of a page); shorter is a teaser. */
export const MIN_FULL_TEXT = 400;

/** Prefix of the ids of articles that came from a followed feed: retention may drop them, never the reader's own. */
export const FEED_ID_PREFIX = 'feed-';
/** Prefix of the ids of articles kept by "Keep what I read". */
export const READ_ID_PREFIX = 'read-';

/** True for an article crossread added by itself (from a feed, or kept from reading), which retention may drop. */
export const isAutomatic = (id: string): boolean => id.startsWith(FEED_ID_PREFIX) || id.startsWith(READ_ID_PREFIX);

/** Whether the feed carries the item's whole text, so its page need not be fetched. */
export const hasFullText = (item: FeedItem): boolean => item.full && item.text.length >= MIN_FULL_TEXT;

/** A stable short hash (two FNV-1a rounds, 64 bits as hex): the same item of the same feed gets the same id. */
export function stableHash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export interface ItemSource {
  /** The feed's address. */
  feedUrl: string;
  /** The outlet's name as the corpus shows it (the feed's title, else its host). */
  outlet: string;
}

/**
 * The article input for an item: `pageText` is the item page's extracted
 * text, used when the feed does not carry the whole article. Null when there
 * is no text to store (a teaser whose page could not be read).
 */
export function itemArticleInput(item: FeedItem, source: ItemSource, pageText: string | null, addedAt: number, pageTitle?: string | null): ArticleInput | null {
  const text = hasFullText(item) ? item.text : pageText;
  if (!text || !text.trim()) return null;
  return {
    id: `${FEED_ID_PREFIX}${stableHash(`${source.feedUrl}\n${item.key}`)}`,
    raw: text,
    outlet: source.outlet,
    title: item.title || pageTitle || undefined,
    date: item.date,
    url: item.url,
    // Feed articles are the reader's choice of sources, not seeds; their id prefix tells retention they came from a feed.
    source: 'user',
    addedAt,
  };
}
