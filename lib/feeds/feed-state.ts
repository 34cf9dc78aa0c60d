/**
 * A followed feed's record and its state in plain words, for the Sources
 * list: when it was last fetched, what came of it, and when it is tried again.
 */
import type { RetentionPolicy } from './retention';

export interface FeedRecord {
  /** The feed's address, as followed. */
  url: string;
  /** The feed's own name, else the address's host. */
  title: string;
  siteUrl: string | null;
  /** The origin the reader granted ("https://example.org"). */
  origin: string;
  addedAt: number;
  paused: boolean;
  etag: string | null;
  lastModified: string | null;
  /** Last attempt, successful or not. */
  lastFetch: number | null;
  lastSuccess: number | null;
  /** The last attempt's error in words; null after a success. */
  lastError: string | null;
  /** Failed attempts in a row: the backoff grows with it. */
  errors: number;
  /** Not fetched by the alarm before this time (backoff after errors). */
  retryAfter: number;
  /** Articles added by the last successful fetch, and in all. */
  lastNew: number;
  totalNew: number;
  /** Items of the last fetch that could not become articles, with why (an item page that is no article, …). */
  lastSkipped: number;
  lastNote: string | null;
}

export const MINUTE = 60_000;
/** The alarm's default period. */
export const DEFAULT_INTERVAL_MINUTES = 30;
/** Longest wait after errors: a broken feed is still tried once a day. */
export const MAX_BACKOFF = 24 * 60 * MINUTE;

/** When a feed that failed `errors` times in a row is tried again: 30 min doubled per error, at most a day. */
export function retryAfter(errors: number, now: number, interval = DEFAULT_INTERVAL_MINUTES * MINUTE): number {
  if (errors <= 0) return now;
  return now + Math.min(MAX_BACKOFF, interval * 2 ** (errors - 1));
}

const ago = (then: number, now: number): string => {
  const minutes = Math.max(0, Math.round((now - then) / MINUTE));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
};

const inTime = (then: number, now: number): string => {
  const minutes = Math.max(1, Math.round((then - now) / MINUTE));
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
};

/** The feed's state as one or two sentences. */
export function describeFeed(feed: FeedRecord, now: number, allPaused = false): string {
  const parts: string[] = [];
  if (feed.lastFetch === null) parts.push('Not fetched yet.');
  else if (feed.lastError) {
    parts.push(`Last fetch ${ago(feed.lastFetch, now)} failed: ${feed.lastError}`);
    if (feed.lastSuccess !== null) parts.push(`Last success ${ago(feed.lastSuccess, now)}.`);
  } else {
    parts.push(`Fetched ${ago(feed.lastFetch, now)}: ${feed.lastNew === 0 ? 'nothing new' : feed.lastNew === 1 ? '1 new article' : `${feed.lastNew} new articles`}.`);
    if (feed.lastNote) parts.push(feed.lastNote);
  }
  parts.push(`${feed.totalNew} ${feed.totalNew === 1 ? 'article' : 'articles'} from this feed in all.`);
  if (feed.paused || allPaused) parts.push('Paused.');
  else if (feed.errors > 0 && feed.retryAfter > now) parts.push(`Tried again ${inTime(feed.retryAfter, now)}.`);
  return parts.join(' ');
}

/** A followed feed as the Sources list shows it. */
export interface FeedView extends FeedRecord {
  /** describeFeed's words, or why the feed cannot be fetched (a permission withdrawn). */
  state: string;
  permitted: boolean;
}

export interface FeedSettings {
  /** The alarm's fetches stop while true; "fetch now" still fetches. */
  paused: boolean;
  intervalMinutes: number;
  retention: RetentionPolicy;
  /** Hosts where "Keep what I read" is on. */
  keepSites: string[];
}

export interface DroppedLog {
  /** Articles retention dropped in all. */
  total: number;
  lastRun: number | null;
  /** The latest dropped, newest first, at most 20. */
  recent: Array<{ title: string; outlet: string; addedAt: number; droppedAt: number }>;
}

