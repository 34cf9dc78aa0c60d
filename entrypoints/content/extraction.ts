import type { ArticleReading } from '../../lib/article/article-reading';
import { articleOf, quickArticleText, readingInPage, readingSource, type ExtractedArticle, type ExtractionResult } from '../../page/extract-article';
import { encodedReadingCopy } from '../../page/reading-copy';
import { publishedDate } from '../../page/published-date';
import { refusal, type ExtractResponse, type PagePayload } from '../../platform/protocol';
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
 * The page's article, or why it is none, with the element of the page it was
 * read from (null: the whole page): the one reading of a page's article, for
 * its notes, "Add this page" and "Keep what I read" alike. It is made in
 * slices between which the page keeps its main thread; the copy of a large
 * page is read by the background (the offscreen document in Chrome, the
 * background page in Firefox), made here in slices as a string. Where the
 * background cannot read it, it is read here as any other page, to the same
 * article.
 */
export async function readPageArticle(
  doc: Document,
  url: string,
  readElsewhere: ReadElsewhere = readInBackground,
): Promise<{ extraction: ExtractionResult; root: Element | null }> {
  const source = await runSliced('extract', readingSource(doc));
  if (!source.ok) return { extraction: source, root: null };
  const { root } = source;
  let reading: ArticleReading | null | undefined;
  if (copySize(doc, root) > READ_ELSEWHERE_ELEMENTS) {
    const copy = await runSliced('extract-copy', encodedReadingCopy(doc, root));
    reading = await readElsewhere(copy);
  }
  if (reading === undefined) reading = await runSliced('extract', readingInPage(doc, root));
  const extraction = articleOf(doc, url, reading);
  return { extraction, root: extraction.ok ? root : null };
}

/** The page's article for its notes (readPageArticle), with the element it was read from; null where it is none. */
export async function fullReading(doc: Document, url: string, readElsewhere: ReadElsewhere = readInBackground): Promise<{ article: ExtractedArticle; root: Element | null } | null> {
  const { extraction, root } = await readPageArticle(doc, url, readElsewhere);
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

/** The page for "Add this page to the corpus" and "Keep what I read" (readPageArticle), or why it cannot be added, for the reader's language. */
export async function pageForPopup(doc: Document, url: string, readElsewhere: ReadElsewhere = readInBackground): Promise<ExtractResponse> {
  const { extraction } = await readPageArticle(doc, url, readElsewhere);
  return extraction.ok ? { ok: true, page: payloadOf(extraction.article) } : refusal({ kind: extraction.reason });
}
