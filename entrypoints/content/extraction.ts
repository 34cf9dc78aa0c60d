import { extractArticle, extractArticleFrom, quickArticleText, type ExtractedArticle } from '../../page/extract-article';
import { publishedDate } from '../../page/published-date';
import type { ExtractResponse, PagePayload } from '../../platform/protocol';
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

/** fullArticle, with the element of the page it was read from (null: the whole page). */
export async function fullReading(doc: Document, url: string): Promise<{ article: ExtractedArticle; root: Element | null } | null> {
  const { extraction, root } = await runSliced('extract', extractArticleFrom(doc, url));
  return extraction.ok ? { article: extraction.article, root } : null;
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
