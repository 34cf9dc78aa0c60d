/**
 * Which articles retention drops: only those crossread added by itself
 * (from feeds, or kept from reading), never seeds nor what the reader added,
 * first all older than the kept days, then the oldest until the corpus fits
 * its limit.
 */
import { isAutomatic } from './item-article';

export interface RetentionPolicy {
  /** Articles added more than this many days ago are dropped. */
  days: number;
  /** The corpus holds at most this many articles. */
  maxArticles: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { days: 60, maxArticles: 50_000 };
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

export interface StoredEntry {
  id: string;
  addedAt: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Ids to drop, oldest first. */
export function toDrop(entries: readonly StoredEntry[], policy: RetentionPolicy, now: number): string[] {
  const cutoff = now - policy.days * DAY;
  const automatic = entries.filter((e) => isAutomatic(e.id)).sort((x, y) => x.addedAt - y.addedAt);
  const drop = new Set(automatic.filter((e) => e.addedAt < cutoff).map((e) => e.id));
  let over = entries.length - drop.size - policy.maxArticles;
  for (const e of automatic) {
    if (over <= 0) break;
    if (drop.has(e.id)) continue;
    drop.add(e.id);
    over--;
  }
  return automatic.filter((e) => drop.has(e.id)).map((e) => e.id);
}
