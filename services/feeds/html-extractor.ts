/**
 * An item's page, fetched as HTML text, read with the content script's own
 * extraction (Readability, page/extract-article.ts). Needs DOMParser: the
 * Firefox background page has it, Chrome's service worker does not and asks
 * its offscreen document (entrypoints/offscreen), which runs this.
 *
 * A document made by DOMParser has no browsing context: its scripts never
 * run and its images, styles and frames are never loaded.
 */
import type { SkipReason } from '../../lib/feeds/feed-reason';
import { extractArticle } from '../../page/extract-article';

export type PageExtraction =
  | { ok: true; text: string; title: string; date: string | null; siteName: string | null }
  | { ok: false; why: SkipReason };

export type PageExtractor = (html: string, url: string) => Promise<PageExtraction>;

const REASONS = {
  'not-an-article': { kind: 'not-article' },
  'too-short': { kind: 'too-short' },
  'too-large': { kind: 'page-too-large' },
} as const satisfies Record<string, SkipReason>;

export function extractHtml(html: string, url: string): PageExtraction {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const result = extractArticle(doc, url);
  if (!result.ok) return { ok: false, why: REASONS[result.reason] ?? { kind: 'unreadable', detail: result.reason } };
  const a = result.article;
  return { ok: true, text: a.text, title: a.title, date: a.date, siteName: a.siteName };
}

/** The message the background sends its offscreen document, and the check the document applies. */
export const OFFSCREEN_EXTRACT = 'crossread-offscreen:extract';
export interface OffscreenExtractMessage {
  type: typeof OFFSCREEN_EXTRACT;
  html: string;
  url: string;
}
export const isOffscreenExtract = (m: unknown): m is OffscreenExtractMessage =>
  typeof m === 'object' && m !== null && (m as Record<string, unknown>).type === OFFSCREEN_EXTRACT &&
  typeof (m as Record<string, unknown>).html === 'string' && typeof (m as Record<string, unknown>).url === 'string';
