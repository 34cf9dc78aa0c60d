import { JSDOM } from 'jsdom';
import { extractArticle } from '../../page/extract-article';
import { publishedDate } from '../../page/published-date';

export interface ExtractedPage {
  text: string;
  title: string | null;
  url: string | null;
  /** The publication day (YYYY-MM-DD or YYYY-MM) the page states, as the extension reads it. */
  date: string | null;
}

/**
 * An HTML page as the extension reads it: extractArticle (the content
 * script's extraction) on a jsdom document, so the command line annotates the
 * very text, title and date the browser sends. The text is one block per
 * paragraph or heading, blank lines between blocks. Where the extension would
 * see no article (too short, not readerable, too large), the body text, so a
 * page still loads.
 */
export function extractHtml(html: string, url?: string): ExtractedPage {
  const dom = new JSDOM(html, { url: url ?? 'https://example.invalid/' });
  const doc = dom.window.document;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const extraction = extractArticle(doc, doc.location.href);
  if (extraction.ok) {
    const { article } = extraction;
    return { text: article.text, title: article.title.trim() || null, url: canonical, date: article.date };
  }
  const text = (doc.body?.textContent ?? '').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n\n').trim();
  return { text, title: doc.title.trim() || null, url: canonical, date: publishedDate(doc) };
}
