/**
 * The day a page says it was published, read from its metadata. The content
 * script and the command line both read it here, so a page gets the same date
 * in the browser as in `npm run annotate`. Pure DOM: no browser.* APIs.
 */

import { en } from '../lib/text/vocabulary/en';

/** The earliest year taken as a publication date; anything older is a placeholder or a mistake. */
const MIN_YEAR = 1990;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Metadata names of each trust level after JSON-LD, matched against a meta's property, name (lower-cased). */
const OG_TIME = ['og:published_time', 'og:article:published_time'];
const PARSELY = ['parsely-pub-date'];
const SAILTHRU = ['sailthru.date'];
const PLAIN_DATE = ['date', 'dc.date', 'dc.date.issued'];

/** Schema.org types whose datePublished is the article's own, preferred over a WebPage's or an image's. */
const ARTICLE_TYPE = /article|posting|report/i;

/**
 * The publication day of the page as `YYYY-MM-DD` (or `YYYY-MM` where only the
 * month is given), from, in order of trust: article:published_time, JSON-LD
 * datePublished, itemprop=datePublished, og:published_time, parsely-pub-date,
 * sailthru.date, date/dc.date/DC.date.issued, and a <time datetime> (the
 * article's first, else the page's first). A timestamp gives the day as
 * written in its own time zone. Values that are no real date, lie outside
 * 1990..next year or more than a day after `now` are passed over for the
 * next source. Null where no source gives a date.
 */
export function publishedDate(doc: Document, now: Date = new Date()): string | null {
  for (const value of candidates(doc)) {
    const date = dayOf(value, now);
    if (date) return date;
  }
  return null;
}

/**
 * A date value as the day it names (`YYYY-MM-DD`, or `YYYY-MM`), or null where
 * it is no real date, lies outside 1990..next year, or more than a day after
 * `now`. Exported so a date from elsewhere (Readability's) passes the same test.
 */
export function dayOf(value: string | null | undefined, now: Date = new Date()): string | null {
  if (typeof value !== 'string') return null;
  const parsed = parseDay(value.trim());
  if (!parsed) return null;
  const { year, month, day } = parsed;
  if (year < MIN_YEAR || year > now.getUTCFullYear() + 1) return null;
  if (month < 1 || month > 12) return null;
  if (day !== null && (day < 1 || day > daysInMonth(year, month))) return null;
  const mm = String(month).padStart(2, '0');
  const date = day === null ? `${year}-${mm}` : `${year}-${mm}-${String(day).padStart(2, '0')}`;
  // A day's grace: somewhere on earth it is already tomorrow (UTC) for a while.
  const latest = new Date(now.getTime() + DAY_MS).toISOString().slice(0, date.length);
  return date > latest ? null : date;
}

/** Every value the page offers as its publication date, most trusted first. */
function* candidates(doc: Document): Generator<string> {
  const metas = metaValues(doc);
  yield* metas.named('article:published_time');
  yield* jsonLdDates(doc);
  yield* metas.itemprop('datepublished');
  for (const name of OG_TIME) yield* metas.named(name);
  for (const name of PARSELY) yield* metas.named(name);
  for (const name of SAILTHRU) yield* metas.named(name);
  for (const name of PLAIN_DATE) yield* metas.named(name);
  yield* timeDates(doc);
}

/** The content of the page's meta elements by property/name and by itemprop, lower-cased, in document order. */
function metaValues(doc: Document) {
  const byName = new Map<string, string[]>();
  const byItemprop = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string | null, value: string) => {
    if (!key) return;
    const k = key.trim().toLowerCase();
    const list = map.get(k);
    if (list) list.push(value);
    else map.set(k, [value]);
  };
  for (const meta of Array.from(doc.getElementsByTagName('meta'))) {
    const content = meta.getAttribute('content');
    if (!content || !content.trim()) continue;
    const property = meta.getAttribute('property');
    const name = meta.getAttribute('name');
    add(byName, property, content);
    if (name && name.trim().toLowerCase() !== property?.trim().toLowerCase()) add(byName, name, content);
    add(byItemprop, meta.getAttribute('itemprop'), content);
  }
  return {
    named: (key: string): string[] => byName.get(key) ?? [],
    itemprop: (key: string): string[] => byItemprop.get(key) ?? [],
  };
}

/** datePublished of the JSON-LD blocks: article types first, then any other item; unreadable blocks are skipped. */
function jsonLdDates(doc: Document): string[] {
  const articles: string[] = [];
  const others: string[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type]'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    collectJsonLd(data, articles, others, 0);
  }
  return [...articles, ...others];
}

function collectJsonLd(node: unknown, articles: string[], others: string[], depth: number): void {
  if (depth > 8 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectJsonLd(item, articles, others, depth + 1);
    return;
  }
  const item = node as Record<string, unknown>;
  const date = firstString(item.datePublished);
  if (date) (isArticleType(item['@type']) ? articles : others).push(date);
  collectJsonLd(item['@graph'], articles, others, depth + 1);
  collectJsonLd(item.mainEntity, articles, others, depth + 1);
}

function isArticleType(type: unknown): boolean {
  if (typeof type === 'string') return ARTICLE_TYPE.test(type);
  return Array.isArray(type) && type.some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t));
}

function firstString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string') ?? null;
  return null;
}

/** The datetime of the article's first <time>, then of the page's first. */
function timeDates(doc: Document): string[] {
  const out: string[] = [];
  const inArticle = doc.querySelector('article time[datetime], main time[datetime], [role="main"] time[datetime]');
  const first = doc.querySelector('time[datetime]');
  for (const el of [inArticle, first]) {
    const value = el?.getAttribute('datetime');
    if (value && !out.includes(value)) out.push(value);
  }
  return out;
}

/** A month name as its first three letters, as the English vocabulary abbreviates it ("Sept." and "September" are "sep"). */
function monthOf(word: string): number | undefined {
  return en.months[word.slice(0, 3).toLowerCase()];
}

/**
 * The year, month and day a date string names as written (no time zone
 * conversion): ISO 8601 and its variants (2025-05-24T21:30:00+02:00,
 * 2025-05-24 21:30, 2025/05/24, 20250524, 2025-05), and the English forms of
 * RFC 2822 and of US sites (Sat, 24 May 2025 …; May 24, 2025).
 */
function parseDay(value: string): { year: number; month: number; day: number | null } | null {
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?=$|[T\s])/.exec(value);
  if (m) return { year: +m[1], month: +m[3], day: +m[4] };
  m = /^(\d{4})(\d{2})(\d{2})(?=$|T)/.exec(value);
  if (m) return { year: +m[1], month: +m[2], day: +m[3] };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return { year: +m[1], month: +m[2], day: null };
  m = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})\b/i.exec(value);
  if (m && monthOf(m[2])) return { year: +m[3], month: monthOf(m[2])!, day: +m[1] };
  m = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/i.exec(value);
  if (m && monthOf(m[1])) return { year: +m[3], month: monthOf(m[1])!, day: +m[2] };
  return null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
