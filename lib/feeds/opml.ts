/**
 * The followed feeds as OPML 2.0, the list every feed reader imports and
 * exports. Read and written with feedsmith; nested outlines (folders) are
 * flattened, since crossread keeps one plain list.
 */
import { generateOpml, parseOpml } from 'feedsmith';
import { absoluteUrl } from './parse-feed';
import { ProblemError } from '../i18n/problem-messages';

export interface OpmlFeed {
  url: string;
  title: string;
}

/** Most feeds one OPML file brings in: more is no reading list but a crawl. */
export const MAX_OPML_FEEDS = 1000;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The feeds of an OPML document: each http(s) address once, with its title. Throws an Error that says what is wrong. */
export function readOpml(text: string): { feeds: OpmlFeed[]; skipped: number } {
  let doc: unknown;
  try {
    doc = parseOpml(text);
  } catch (error) {
    throw new ProblemError({ kind: 'opml-unreadable', detail: error instanceof Error ? error.message : String(error) });
  }
  const body = isRec(doc) && isRec(doc.body) ? doc.body : null;
  if (!body) throw new ProblemError({ kind: 'opml-no-body' });
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const walk = (outlines: unknown, depth: number) => {
    if (!Array.isArray(outlines) || depth > 20) return;
    for (const o of outlines) {
      if (!isRec(o)) continue;
      const raw = str(o.xmlUrl);
      if (raw) {
        const url = absoluteUrl(raw, 'http://invalid/') && /^https?:\/\//i.test(raw.trim()) ? new URL(raw.trim()).href : null;
        if (!url) skipped++;
        else if (!seen.has(url) && feeds.length < MAX_OPML_FEEDS) {
          seen.add(url);
          feeds.push({ url, title: (str(o.title) || str(o.text)).trim() });
        } else skipped++;
      }
      walk(o.outlines, depth + 1);
    }
  };
  walk(body.outlines, 0);
  return { feeds, skipped };
}

/** An OPML 2.0 document of these feeds. */
export function writeOpml(feeds: readonly OpmlFeed[], now: Date = new Date()): string {
  return generateOpml({
    head: { title: 'crossread: followed feeds', dateCreated: now },
    body: { outlines: feeds.map((f) => ({ text: f.title || f.url, title: f.title || f.url, type: 'rss', xmlUrl: f.url })) },
  } as Parameters<typeof generateOpml>[0]);
}
