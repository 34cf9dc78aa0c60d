/**
 * A followed feed's record and its state in plain words, for the Sources
 * list: when it was last fetched, what came of it, and when it is tried again.
 */
import type { SourcesMessages } from '../i18n/sources-messages';
import { reasonText, type FeedReason } from './feed-reason';
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
  /** Why the last attempt failed; null after a success. A string: a sentence stored by an earlier version, shown as it is. */
  lastError: FeedReason | string | null;
  /** Failed attempts in a row: the backoff grows with it. */
  errors: number;
  /** Not fetched by the alarm before this time (backoff after errors). */
  retryAfter: number;
  /** Articles added by the last successful fetch, and in all. */
  lastNew: number;
  totalNew: number;
  /** Items of the last fetch that could not become articles, with why (an item page that is no article, …). */
  lastSkipped: number;
  /** What the last success adds (unchanged, items left out); a string as in lastError. */
  lastNote: FeedReason | string | null;
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

/** Shortest and longest period of the fetch alarm the reader may choose (the background refuses others). */
export const MIN_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 24 * 60;

/**
 * The words of a feed's state in one language, its reasons among them:
 * lib/i18n/sources-messages.ts holds them, in English (the background's own
 * words too) and German.
 */
export type FeedStateWords = SourcesMessages['feedState'];

const ago = (then: number, now: number, w: FeedStateWords): string => {
  const minutes = Math.max(0, Math.round((now - then) / MINUTE));
  if (minutes < 1) return w.justNow;
  if (minutes < 60) return w.minutesAgo(minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return w.hoursAgo(hours);
  return w.daysAgo(Math.round(hours / 24));
};

const inTime = (then: number, now: number, w: FeedStateWords): string => {
  const minutes = Math.max(1, Math.round((then - now) / MINUTE));
  return minutes < 60 ? w.inMinutes(minutes) : w.inHours(Math.round(minutes / 60));
};

/** The feed's state as one or two sentences, in the language of `words`. */
export function describeFeed(feed: FeedRecord, now: number, allPaused: boolean, w: FeedStateWords): string {
  const parts: string[] = [];
  if (feed.lastFetch === null) parts.push(w.notFetched);
  else if (feed.lastError) {
    parts.push(w.failed(ago(feed.lastFetch, now, w), reasonText(feed.lastError, w)));
    if (feed.lastSuccess !== null) parts.push(w.lastSuccess(ago(feed.lastSuccess, now, w)));
  } else {
    parts.push(w.fetched(ago(feed.lastFetch, now, w), feed.lastNew));
    if (feed.lastNote) parts.push(reasonText(feed.lastNote, w));
  }
  parts.push(w.total(feed.totalNew));
  if (feed.paused || allPaused) parts.push(w.paused);
  else if (feed.errors > 0 && feed.retryAfter > now) parts.push(w.retry(inTime(feed.retryAfter, now, w)));
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

