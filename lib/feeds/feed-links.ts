/**
 * The feeds a page announces: `<link rel="alternate">` of an RSS, Atom or
 * JSON Feed type in its head. The content script hands the links over as
 * plain records; this decides which are feeds.
 */
import { absoluteUrl } from './parse-feed';

export interface LinkRecord {
  rel: string;
  type: string;
  href: string;
  title: string;
}

export interface FeedLink {
  url: string;
  title: string;
  format: 'rss' | 'atom' | 'json';
}

const TYPES: Record<string, FeedLink['format']> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/json': 'json',
};

/** The announced feeds, each address once, in the page's order (a site lists its main feed first). */
export function feedLinksOf(links: readonly LinkRecord[], pageUrl: string): FeedLink[] {
  const out: FeedLink[] = [];
  for (const link of links) {
    if (!link.rel.toLowerCase().split(/\s+/).includes('alternate')) continue;
    const format = TYPES[link.type.trim().toLowerCase().split(';')[0]];
    // Plain application/json is a feed only when it says so in its title; sites link other JSON (oEmbed) as alternate too.
    if (!format || (link.type.trim().toLowerCase() === 'application/json' && !/feed/i.test(link.title))) continue;
    const url = absoluteUrl(link.href, pageUrl);
    if (!url || out.some((f) => f.url === url)) continue;
    out.push({ url, title: link.title.replace(/\s+/g, ' ').trim(), format });
  }
  return out;
}

/** What announcedFeeds needs of a document: the DOM's querySelectorAll, without tying the core to the DOM's types. */
export interface LinkSource {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
}

/** The feeds a document announces in its `<link>` elements. */
export function announcedFeeds(doc: LinkSource, pageUrl: string): FeedLink[] {
  const links = Array.from(doc.querySelectorAll('link[rel][href]')).map((l) => ({
    rel: l.getAttribute('rel') ?? '',
    type: l.getAttribute('type') ?? '',
    href: l.getAttribute('href') ?? '',
    title: l.getAttribute('title') ?? '',
  }));
  return feedLinksOf(links, pageUrl);
}
