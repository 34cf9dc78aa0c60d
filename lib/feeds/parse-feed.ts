/**
 * Reads RSS 2.0 (and 0.9x, RSS 1.0/RDF), Atom 1.0 and JSON Feed 1.x with
 * feedsmith: it detects the format, parses with fast-xml-parser (no DOM, so it
 * runs in a Chrome service worker) and returns the namespaces news feeds use
 * (content:encoded, dc:date). What it returns is read defensively here – a
 * feed is what a server says it is – and turned into plain text.
 */
import { parseFeed as feedsmithParse } from 'feedsmith';
import type { FeedItem, ParsedFeed } from './feed';
import { FeedProblem } from './feed-reason';
import { htmlToLine, htmlToText, plainParagraphs } from './html-text';

/** Most items read of one feed: a feed is the latest news, and more would only stall the background. */
export const MAX_ITEMS = 500;

/**
 * A document that is not a feed crossread can read, with its reason (told in
 * the reader's language from lib/i18n/sources-messages.ts; the message here
 * is only the kind and the parser's words, for logs).
 */
export class FeedFormatError extends FeedProblem {
  constructor(reason: { kind: 'web-page' } | { kind: 'not-a-feed' } | { kind: 'malformed'; detail: string }) {
    super(reason, 'detail' in reason ? `${reason.kind}: ${reason.detail}` : reason.kind);
    this.name = 'FeedFormatError';
  }
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** An absolute http(s) address, resolved against the feed's own, or null. */
export function absoluteUrl(value: string, base: string): string | null {
  const v = value.trim();
  if (!v) return null;
  try {
    const url = new URL(v, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The day of a feed's date (RFC 822 in RSS, RFC 3339 in Atom and JSON Feed), or null for one that does not read. */
export function dayOfFeedDate(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  // The day as written: converting to UTC would move a late-evening report to the next day.
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const time = Date.parse(v);
  if (Number.isNaN(time)) return null;
  const rfc = /\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b/.exec(v);
  if (rfc) {
    const month = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(rfc[2].toLowerCase());
    if (month >= 0) return `${rfc[3]}-${String(month + 1).padStart(2, '0')}-${rfc[1].padStart(2, '0')}`;
  }
  return new Date(time).toISOString().slice(0, 10);
}

/** Text of an Atom text construct: html and xhtml lose their markup, text stays as written. */
function atomText(v: unknown): { text: string; markup: boolean } {
  if (typeof v === 'string') return { text: v, markup: false };
  if (!isRec(v)) return { text: '', markup: false };
  const type = str(v.type).toLowerCase();
  return { text: str(v.value), markup: type === 'html' || type === 'xhtml' || type.includes('html') };
}

const longest = (...texts: string[]): string => texts.reduce((a, b) => (b.length > a.length ? b : a), '');
/** The item's content where it has one, else its summary: a content shorter than the summary is a teaser too. */
const best = (content: string, summary: string): { text: string; full: boolean } =>
  content && content.length >= summary.length ? { text: content, full: true } : { text: summary, full: false };

function rssItem(item: Rec, base: string): Omit<FeedItem, 'key'> & { id: string } {
  const guid = isRec(item.guid) ? str(item.guid.value) : str(item.guid);
  const permalink = isRec(item.guid) && item.guid.isPermaLink !== false ? guid : '';
  // A permalink guid counts only as a full address: many feeds leave isPermaLink at its default for ids like "12345".
  const link = absoluteUrl(str(item.link), base) ?? (/^https?:\/\//i.test(permalink.trim()) ? absoluteUrl(permalink, base) : null);
  const content = isRec(item.content) ? str(item.content.encoded) : '';
  const dc = isRec(item.dc) ? item.dc : {};
  return {
    id: guid,
    url: link,
    // RSS titles are text that feeds often fill with HTML anyway: markup is dropped either way.
    title: htmlToLine(str(item.title)),
    date: dayOfFeedDate(str(item.pubDate) || str(dc.date) || str(arr(dc.dates)[0])),
    ...best(htmlToText(content), htmlToText(str(item.description))),
  };
}

function atomEntry(entry: Rec, base: string): Omit<FeedItem, 'key'> & { id: string } {
  const links = arr(entry.links).filter(isRec);
  const alternate = links.find((l) => !l.rel || str(l.rel) === 'alternate') ?? null;
  const title = atomText(entry.title);
  const content = atomText(entry.content);
  const summary = atomText(entry.summary);
  const asText = (t: { text: string; markup: boolean }) => (t.markup ? htmlToText(t.text) : plainParagraphs(t.text));
  return {
    id: str(entry.id),
    url: alternate ? absoluteUrl(str(alternate.href), base) : null,
    title: title.markup ? htmlToLine(title.text) : title.text.replace(/\s+/g, ' ').trim(),
    date: dayOfFeedDate(str(entry.published) || str(entry.updated)),
    ...best(asText(content), asText(summary)),
  };
}

function jsonItem(item: Rec, base: string): Omit<FeedItem, 'key'> & { id: string } {
  const fromHtml = htmlToText(str(item.content_html));
  const fromText = plainParagraphs(str(item.content_text));
  return {
    id: str(item.id),
    url: absoluteUrl(str(item.url), base) ?? absoluteUrl(str(item.external_url), base),
    // JSON Feed titles are plain text by the spec; markup in one is shown as written, never run.
    title: str(item.title).replace(/\s+/g, ' ').trim(),
    date: dayOfFeedDate(str(item.date_published) || str(item.date_modified)),
    ...best(longest(fromHtml, fromText), plainParagraphs(str(item.summary))),
  };
}

/**
 * The feed in `body`, fetched from `url`. Throws FeedFormatError with a
 * reason for the reader when the document is no feed (an HTML page, JSON of
 * another kind), is malformed, or has no items crossread can tell apart.
 */
export function parseFeedDocument(body: string, url: string): ParsedFeed {
  const head = body.trimStart().slice(0, 500).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw new FeedFormatError({ kind: 'web-page' });
  }
  let result: { format: string; feed: unknown };
  try {
    result = feedsmithParse(body) as { format: string; feed: unknown };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'DetectError') throw new FeedFormatError({ kind: 'not-a-feed' });
    throw new FeedFormatError({ kind: 'malformed', detail: error instanceof Error ? error.message : String(error) });
  }
  const feed = isRec(result.feed) ? result.feed : {};
  const format = result.format as ParsedFeed['format'];
  let title = '';
  let siteUrl: string | null = null;
  let raw: Array<Omit<FeedItem, 'key'> & { id: string }> = [];
  if (format === 'rss' || format === 'rdf') {
    title = htmlToLine(str(feed.title));
    siteUrl = absoluteUrl(str(feed.link), url);
    raw = arr(feed.items).filter(isRec).slice(0, MAX_ITEMS).map((i) => rssItem(i, url));
  } else if (format === 'atom') {
    const t = atomText(feed.title);
    title = t.markup ? htmlToLine(t.text) : t.text.trim();
    const links = arr(feed.links).filter(isRec);
    const site = links.find((l) => !l.rel || str(l.rel) === 'alternate');
    siteUrl = site ? absoluteUrl(str(site.href), url) : null;
    raw = arr(feed.entries).filter(isRec).slice(0, MAX_ITEMS).map((e) => atomEntry(e, url));
  } else if (format === 'json') {
    title = str(feed.title).trim();
    siteUrl = absoluteUrl(str(feed.home_page_url), url);
    raw = arr(feed.items).filter(isRec).slice(0, MAX_ITEMS).map((i) => jsonItem(i, url));
  } else {
    throw new FeedFormatError({ kind: 'not-a-feed' });
  }
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const { id, ...item } of raw) {
    // An item with neither id, link, title nor text is nothing to keep or to recognise again.
    const key = id.trim() || item.url || (item.title || item.text ? `${item.title}\n${item.date ?? ''}\n${item.text.slice(0, 200)}` : '');
    if (!key || seen.has(key)) continue;
    seen.add(key);
    items.push({ key, ...item });
  }
  return { format, title, siteUrl, items };
}
