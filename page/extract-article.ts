import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { dayOf, publishedDate } from './published-date';
import { readingCopy, rebuildReadingCopy } from './reading-copy';

import type { ArticleReading } from '../lib/article/article-reading';
import type { Block } from '../lib/article/block';
import { LONG_STEP, type StepHint } from './steps';

export type { Block };

/** The article of a page as crossread reads it: plain text made of blocks joined by blank lines. */
export interface ExtractedArticle {
  title: string;
  text: string;
  blocks: Block[];
  language: string | null;
  /** Readability's publishedTime, as the page gives it. */
  publishedTime: string | null;
  /**
   * The publication day (YYYY-MM-DD, or YYYY-MM): publishedDate of the page's
   * metadata, else Readability's publishedTime as a day. What the extension
   * and the command line both send as the page's date.
   */
  date: string | null;
  /** The site's own name where the page states it. */
  siteName: string | null;
  url: string;
}

export type ExtractionResult =
  | { ok: true; article: ExtractedArticle }
  | { ok: false; reason: 'not-an-article' | 'too-short' | 'too-large' };

/** Articles shorter than this are teasers or index pages, not something to compare. */
export const MIN_ARTICLE_CHARS = 400;
/** Pages with more elements than this are not parsed (Readability would block the page). */
export const MAX_PAGE_ELEMENTS = 60_000;
/**
 * The first look reads whole paragraphs up to about this many characters
 * (the one that crosses it included): a report tells its event first, and a
 * page the first look places in a story or near one is read whole for its
 * notes. It bounds what a page the corpus knows nothing about costs: the
 * background's analysis and lookup grow with the text (an encyclopedia
 * article of 29,000 characters took 158 ms of the background's time in
 * Chromium at 10,000 articles, pages of 2,000-5,000 characters 50-76 ms).
 * About 1,500 words: news reports are mostly shorter, and are read whole.
 */
export const QUICK_TEXT_CHARS = 10_000;

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td';

/**
 * Extracts the article of a document with Readability. Works on a copy:
 * Readability rewrites the tree it is given, and the reader's page must stay
 * exactly as it is.
 */
export function extractArticle(doc: Document, url = doc.location?.href ?? ''): ExtractionResult {
  const steps = extractArticleSteps(doc, url);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * extractArticle as a generator that yields between steps of work: the copy
 * of the page is made a few hundred nodes at a time, so a caller can give the
 * page's main thread back between them. Readability's own parse is one step.
 */
export function* extractArticleSteps(doc: Document, url = doc.location?.href ?? ''): Generator<StepHint, ExtractionResult, void> {
  return (yield* extractArticleFrom(doc, url)).extraction;
}

/**
 * extractArticleSteps, with the element of the page the article was read
 * from (null where it was read from the whole page): the article's blocks
 * all lie in it, which spares a caller looking for them in the rest of a
 * long page.
 */
export function* extractArticleFrom(doc: Document, url = doc.location?.href ?? ''): Generator<StepHint, { extraction: ExtractionResult; root: Element | null }, void> {
  const source = yield* readingSource(doc);
  if (!source.ok) return { extraction: source, root: null };
  const { root } = source;
  const reading = yield* readingInPage(doc, root);
  const extraction = articleOf(doc, url, reading);
  return { extraction, root: extraction.ok ? root : null };
}

/**
 * The first part of an extraction, on the page itself: whether it can be an
 * article at all, and the element holding it (null: the whole page is read).
 * The copy of the page that Readability reads is made of these
 * (page/reading-copy.ts).
 */
export function* readingSource(doc: Document): Generator<void, { ok: true; root: Element | null } | { ok: false; reason: 'not-an-article' | 'too-large' }, void> {
  if (doc.getElementsByTagName('*').length > MAX_PAGE_ELEMENTS) return { ok: false, reason: 'too-large' };
  if (!isProbablyReaderable(doc)) return { ok: false, reason: 'not-an-article' };
  yield;
  return { ok: true, root: yield* articleRoot(doc) };
}

/**
 * Readability's parse of a page's copy (which it rewrites), and the text of
 * the article's blocks; null where it finds no article. The one indivisible
 * step of an extraction, and the part that can be done elsewhere than on the
 * page (readEncodedCopy).
 */
export function readArticle(copy: Document): ArticleReading | null {
  // The serializer hands back Readability's element itself: no HTML string is
  // ever parsed again, so nothing of the page can run or load through us.
  const parsed = new Readability<Node>(copy, {
    charThreshold: MIN_ARTICLE_CHARS,
    serializer: (node) => node,
  }).parse();
  if (!parsed || !parsed.content) return null;
  return {
    title: parsed.title ?? null,
    lang: parsed.lang ?? null,
    publishedTime: parsed.publishedTime ?? null,
    siteName: parsed.siteName ?? null,
    blocks: blockTexts(parsed.content as ParentNode),
  };
}

/** readArticle of the page's copy, made here a few hundred nodes at a time; the parse is one step, announced as long. */
export function* readingInPage(doc: Document, root: Element | null): Generator<StepHint, ArticleReading | null, void> {
  const copy = yield* readingCopy(doc, root);
  yield LONG_STEP;
  const reading = readArticle(copy);
  yield;
  return reading;
}

/**
 * readArticle of a copy made elsewhere (encodedReadingCopy), rebuilt with
 * `implementation`, which must be a context's without the page in it: a
 * document made by it has no browsing context, so nothing of the page runs or
 * loads.
 */
export function readEncodedCopy(encoded: string, implementation: DOMImplementation): ArticleReading | null {
  return readArticle(rebuildReadingCopy(encoded, implementation));
}

/** The extraction of the page `doc` from Readability's reading of its copy. */
export function articleOf(doc: Document, url: string, reading: ArticleReading | null): ExtractionResult {
  if (!reading) return { ok: false, reason: 'not-an-article' };
  let text = '';
  const located: Block[] = [];
  for (const block of reading.blocks) {
    if (text) text += '\n\n';
    located.push({ start: text.length, end: text.length + block.length, text: block });
    text += block;
  }
  if (text.replace(/\s+/g, '').length < MIN_ARTICLE_CHARS / 2) return { ok: false, reason: 'too-short' };
  const article: ExtractedArticle = {
    title: reading.title ?? doc.title ?? '',
    text,
    blocks: located,
    language: reading.lang || doc.documentElement.getAttribute('lang') || null,
    publishedTime: reading.publishedTime,
    date: publishedDate(doc) ?? dayOf(reading.publishedTime),
    siteName: reading.siteName,
    url,
  };
  return { ok: true, article };
}

/**
 * A cheap first reading of the page: the title and the paragraphs of its
 * article element, without Readability. Enough to ask whether the corpus
 * holds anything about the story; a page nothing matches is never parsed.
 * Null where the page has too little paragraph text to be an article.
 */
export function* quickArticleText(doc: Document): Generator<void, string | null, void> {
  if (doc.getElementsByTagName('*').length > MAX_PAGE_ELEMENTS) return null;
  const root = (yield* articleRoot(doc)) ?? doc.body;
  if (!root) return null;
  const parts = [collapse(doc.title ?? '')];
  let length = parts[0].length;
  const paragraphs = root.querySelectorAll('p');
  for (let i = 0; i < paragraphs.length && length < QUICK_TEXT_CHARS; i++) {
    const text = collapse(paragraphs[i].textContent ?? '');
    if (text) {
      parts.push(text);
      length += text.length + 2;
    }
    if (i % PARAGRAPHS_PER_STEP === PARAGRAPHS_PER_STEP - 1) yield;
  }
  const text = parts.filter(Boolean).join('\n\n');
  return text.length >= MIN_ARTICLE_CHARS ? text : null;
}

/**
 * Paragraphs read between two yields. A step of 200 took 4-64 ms on the
 * bench's 2 MB page in Chromium under load (its ~9,000 paragraphs' text and
 * ancestors), and a slice ends only after its step: slices of 16-19 ms.
 */
const PARAGRAPHS_PER_STEP = 50;
/** Paragraphs looked up between two yields when a candidate root's share is summed (a map lookup each). */
const LOOKUPS_PER_STEP = 1000;

/** Elements that mark where a page keeps its article: the article's root is one of them, or the whole page. */
export const ROOT_SELECTOR = 'article, [itemprop="articleBody"], main, [role="main"]';
/** The article root must hold this share of the page's paragraph text. */
const ROOT_SHARE = 0.6;

// Readability's own test for parts of a page that are not the article
// (Readability.js: REGEXPS.unlikelyCandidates, okMaybeItsACandidate,
// UNLIKELY_ROLES), which its parse removes before it scores anything.
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|shadow/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

/** Whether Readability removes `element` as a part that is not the article (it keeps such parts inside tables and code). */
function unlikely(element: Element): boolean {
  if (element.tagName === 'BODY' || element.tagName === 'A') return false;
  const role = element.getAttribute('role');
  if (role && UNLIKELY_ROLES.has(role)) return true;
  const match = `${element.getAttribute('class') ?? ''} ${element.id}`;
  return UNLIKELY.test(match) && !MAYBE.test(match) && !element.closest('table, code');
}

/**
 * The smallest element marked as the article (article, main, articleBody)
 * that holds most of the page's paragraph text, or null where none does.
 * Readability then reads only that element: far less work on large pages,
 * and the same article. The share is also taken of the paragraphs
 * Readability does not remove unread (a comment section, a sidebar): a long
 * comment section after the article would otherwise hide it, and the whole
 * page would be read.
 */
function* articleRoot(doc: Document): Generator<void, Element | null, void> {
  const body = doc.body;
  if (!body) return null;
  // A static list, read in steps: Array.from of the live collection made a wrapper for each of the 2 MB page's
  // 9,099 paragraphs in one step (9-13 ms in Chromium under load; the static list 3-9, the wrappers then made step by step).
  const paragraphs = body.querySelectorAll('p');
  const length = new Map<Element, number>();
  const kept = new Map<Element, number>();
  // Whether an element lies in a part Readability removes, by element: siblings share their ancestors.
  const removed = new Map<Element, boolean>([[body, false]]);
  const inRemoved = (element: Element): boolean => {
    const path: Element[] = [];
    let el: Element | null = element;
    let answer = false;
    for (; el; el = el.parentElement) {
      const known = removed.get(el);
      if (known !== undefined) {
        answer = known;
        break;
      }
      path.push(el);
    }
    // From the outermost unknown ancestor down: inside a removed part, or removed itself.
    for (let i = path.length - 1; i >= 0; i--) {
      answer ||= unlikely(path[i]);
      removed.set(path[i], answer);
    }
    return answer;
  };
  let total = 0;
  let keptTotal = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const n = (paragraphs[i].textContent ?? '').length;
    const k = inRemoved(paragraphs[i]) ? 0 : n;
    length.set(paragraphs[i], n);
    kept.set(paragraphs[i], k);
    total += n;
    keptTotal += k;
    if (i % PARAGRAPHS_PER_STEP === PARAGRAPHS_PER_STEP - 1) yield;
  }
  if (total < MIN_ARTICLE_CHARS) return null;
  let best: Element | null = null;
  let bestSize = Infinity;
  for (const candidate of Array.from(body.querySelectorAll(ROOT_SELECTOR))) {
    let inside = 0;
    let keptInside = 0;
    const within = candidate.querySelectorAll('p');
    for (let i = 0; i < within.length; i++) {
      inside += length.get(within[i]) ?? 0;
      keptInside += kept.get(within[i]) ?? 0;
      if (i % LOOKUPS_PER_STEP === LOOKUPS_PER_STEP - 1) yield;
    }
    yield;
    if (inside < total * ROOT_SHARE && (keptInside < keptTotal * ROOT_SHARE || keptTotal < MIN_ARTICLE_CHARS)) continue;
    const size = candidate.getElementsByTagName('*').length;
    if (size < bestSize) {
      best = candidate;
      bestSize = size;
    }
  }
  return best;
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
