import { Readability, isProbablyReaderable } from '@mozilla/readability';

/** One block of the extracted article (a paragraph, heading or list item), located in `text`. */
export interface Block {
  start: number;
  end: number;
  text: string;
}

/** The article of a page as crossread reads it: plain text made of blocks joined by blank lines. */
export interface ExtractedArticle {
  title: string;
  text: string;
  blocks: Block[];
  language: string | null;
  publishedTime: string | null;
  url: string;
}

export type ExtractionResult =
  | { ok: true; article: ExtractedArticle }
  | { ok: false; reason: 'not-an-article' | 'too-short' | 'too-large' };

/** Articles shorter than this are teasers or index pages, not something to compare. */
export const MIN_ARTICLE_CHARS = 400;
/** Pages whose markup is larger than this are not parsed (Readability would block the page). */
export const MAX_PAGE_CHARS = 5_000_000;

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td';

/**
 * Extracts the article of a document with Readability. Works on a clone:
 * Readability rewrites the tree it is given, and the reader's page must stay
 * exactly as it is.
 */
export function extractArticle(doc: Document, url = doc.location?.href ?? ''): ExtractionResult {
  const size = doc.documentElement?.outerHTML.length ?? 0;
  if (size > MAX_PAGE_CHARS) return { ok: false, reason: 'too-large' };
  if (!isProbablyReaderable(doc)) return { ok: false, reason: 'not-an-article' };
  const clone = doc.cloneNode(true) as Document;
  // The serializer hands back Readability's element itself: no HTML string is
  // ever parsed again, so nothing of the page can run or load through us.
  const parsed = new Readability<Node>(clone, {
    charThreshold: MIN_ARTICLE_CHARS,
    serializer: (node) => node,
  }).parse();
  if (!parsed || !parsed.content) return { ok: false, reason: 'not-an-article' };

  const blocks = blockTexts(parsed.content as ParentNode);
  let text = '';
  const located: Block[] = [];
  for (const block of blocks) {
    if (text) text += '\n\n';
    located.push({ start: text.length, end: text.length + block.length, text: block });
    text += block;
  }
  if (text.replace(/\s+/g, '').length < MIN_ARTICLE_CHARS / 2) return { ok: false, reason: 'too-short' };
  return {
    ok: true,
    article: {
      title: parsed.title ?? doc.title ?? '',
      text,
      blocks: located,
      language: parsed.lang || doc.documentElement.getAttribute('lang') || null,
      publishedTime: parsed.publishedTime ?? null,
      url,
    },
  };
}

/** Text of each innermost block element, whitespace collapsed, in document order. */
function blockTexts(root: ParentNode): string[] {
  const out: string[] = [];
  for (const element of Array.from(root.querySelectorAll(BLOCK_SELECTOR))) {
    // A block that holds other blocks is read through them.
    if (element.querySelector(BLOCK_SELECTOR)) continue;
    const text = collapse(element.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

export function collapse(text: string): string {
  return text.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
}
