import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';

export interface ExtractedPage {
  text: string;
  title: string | null;
  url: string | null;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, th, dt, dd';

/**
 * The readable text of an HTML page as Readability extracts it, one block per
 * paragraph (blank line between blocks), so sentence segmentation sees the
 * page's paragraphs and headings. Falls back to the body text when Readability
 * finds no article.
 */
export function extractHtml(html: string, url?: string): ExtractedPage {
  const dom = new JSDOM(html, { url: url ?? 'https://example.invalid/' });
  const doc = dom.window.document;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const parsed = new Readability(doc).parse();
  const title = parsed?.title?.trim() || null;
  if (!parsed?.content) {
    const text = (doc.body?.textContent ?? '').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n\n').trim();
    return { text, title, url: canonical };
  }
  const content = new JSDOM(`<body>${parsed.content}</body>`).window.document;
  const blocks: string[] = [];
  for (const el of content.querySelectorAll(BLOCKS)) {
    if (el.querySelector(BLOCKS)) continue; // only innermost blocks, so text is not repeated
    const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) blocks.push(t);
  }
  const text = blocks.length ? blocks.join('\n\n') : (parsed.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { text, title, url: canonical };
}
