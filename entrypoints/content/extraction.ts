import type { ArticleReading } from '../../lib/article/article-reading';
import { articleOf, extractArticle, quickArticleText, readingInPage, readingSource, type ExtractedArticle } from '../../page/extract-article';
import { encodedReadingCopy } from '../../page/reading-copy';
import { publishedDate } from '../../page/published-date';
import type { ExtractResponse, PagePayload } from '../../platform/protocol';
import { readInBackground } from './read-elsewhere';
import { runSliced } from './tasks';

/**
 * The page's paragraphs alone, for a first look: a page the corpus knows
 * nothing about is left alone without the cost of a full extraction. Null
 * where the page has no article-like text.
 */
export async function quickPage(doc: Document, url: string): Promise<PagePayload | null> {
  const text = await runSliced('quick', quickArticleText(doc));
  if (!text) return null;
  return { text, url, title: doc.title, language: doc.documentElement.lang || null, publishedTime: publishedDate(doc) };
}

/** The page's article, extracted in slices between which the page keeps its main thread; null where it is none. */
export async function fullArticle(doc: Document, url: string): Promise<ExtractedArticle | null> {
  return (await fullReading(doc, url))?.article ?? null;
}

/**
 * Copies of more elements than this are read by the background rather than
 * on the page: Readability's parse is one indivisible step, and grows with
 * the copy. Measured in Chromium 150 / Firefox ESR 140 (a page's first
 * parse, machine under load): the wikipedia page's copy of 2,517 elements
 * 41 / 78 ms; the nine other real pages of ../shared (137–646 elements) and
 * the demo pages (≤ 96) at most 17 ms in Chromium, and in Firefox mostly
 * under 20 ms (a first parse there also pays for compiling Readability,
 * which no size foretells). Sending costs the page little (the wikipedia
 * copy, 239 KB, is encoded in 6–10 ms of slices), but the reader waits for
 * two or three messages and, the first time, for Chrome's offscreen
 * document to open: worth it only where the parse comes near the 50 ms
 * budget, so that story pages of common size keep their first note as fast.
 */
export const READ_ELSEWHERE_ELEMENTS = 1000;

/** Reads a page's encoded copy elsewhere than on the page: the reading, or undefined where that failed. */
export type ReadElsewhere = (copy: string) => Promise<ArticleReading | null | undefined>;

/**
 * fullArticle, with the element of the page it was read from (null: the
 * whole page). The copy of a large page is read by the background (the
 * offscreen document in Chrome, the background page in Firefox), made here
 * in slices as a string; where the background cannot read it, it is read
 * here as any other page, and the reader gets the same notes.
 */
export async function fullReading(doc: Document, url: string, readElsewhere: ReadElsewhere = readInBackground): Promise<{ article: ExtractedArticle; root: Element | null } | null> {
  const source = await runSliced('extract', readingSource(doc));
  if (!source.ok) return null;
  const { root } = source;
  let reading: ArticleReading | null | undefined;
  if (copySize(doc, root) > READ_ELSEWHERE_ELEMENTS) {
    const copy = await runSliced('extract-copy', encodedReadingCopy(doc, root));
    reading = await readElsewhere(copy);
  }
  if (reading === undefined) reading = await runSliced('extract', readingInPage(doc, root));
  const extraction = articleOf(doc, url, reading);
  return extraction.ok ? { article: extraction.article, root } : null;
}

/** Elements the copy is made of, counted before it is made: the head and the article root, or the whole page. */
function copySize(doc: Document, root: Element | null): number {
  if (!root || !doc.head) return doc.getElementsByTagName('*').length;
  return root.getElementsByTagName('*').length + doc.head.getElementsByTagName('*').length;
}

/** The article as the background reads a page. */
export function payloadOf(article: ExtractedArticle): PagePayload {
  return {
    text: article.text,
    url: article.url,
    title: article.title,
    language: article.language,
    // The metadata's day, else Readability's (extractArticle), as the command line reads it.
    publishedTime: article.date,
    siteName: article.siteName,
  };
}

/** The page for "Add this page to the corpus", or why it cannot be added. */
export function pageForPopup(doc: Document, url: string): ExtractResponse {
  const extraction = extractArticle(doc, url);
  return extraction.ok ? { ok: true, page: payloadOf(extraction.article) } : { ok: false, error: extraction.reason };
}
