/**
 * Builds a corpus Article from a text as received (a seed file, a page the
 * reader saved, a CLI corpus file): reads its header, fills the fields the
 * caller left open, and records which ranges are not the outlet's reporting.
 */
import type { Article, ArticleSource } from './article';
import { findNonReporting, reportingRanges } from './clean';
import { normaliseDate, parseHeader, type HeaderWarning } from './header';
import { languageOf } from '../text/language';

export interface ArticleInput {
  id: string;
  raw: string;
  file?: string;
  outlet?: string;
  title?: string;
  language?: string;
  date?: string | null;
  url?: string | null;
  source: ArticleSource;
  addedAt?: number;
}

/** Longest body accepted; beyond this a text is not an article and matching it would stall the reader's browser. */
export const MAX_BODY_CHARS = 1_000_000;
export const MAX_TITLE_CHARS = 120;
export const UNKNOWN_OUTLET = 'Unknown outlet';

/** Host name of a URL without a leading "www.", or null when it is not a URL with a host. */
export function outletFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const host = new URL(url.trim()).hostname.toLowerCase();
    return host ? host.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** YYYY-MM-DD, or the reduced ISO forms YYYY-MM / YYYY a page may give; anything else is unknown. */
function articleDate(value: string | null | undefined): string | null {
  if (!value || !value.trim()) return null;
  const v = value.trim();
  return normaliseDate(v) ?? (/^\d{4}(?:-(?:0[1-9]|1[0-2]))?$/.test(v) ? v : null);
}

function shortTitle(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_TITLE_CHARS) return t;
  const cut = t.slice(0, MAX_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** First non-blank line of the reporting text, so a caption or a date stamp never becomes the title. */
function firstReportingLine(raw: string, ranges: { start: number; end: number }[]): string {
  for (const r of ranges) {
    for (const line of raw.slice(r.start, r.end).split('\n')) if (line.trim()) return line;
  }
  return '';
}

const given = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * The Article for `input.raw`. Header values fill fields the caller did not
 * give; then outlet falls back to the URL's host ("Unknown outlet" without a
 * URL), title to the first line of the reporting text, language to what the
 * text's words say (languageOf). Throws when the text has no body or a body
 * over 1,000,000 characters.
 */
export function makeArticle(input: ArticleInput): Article {
  return readArticle(input).article;
}

/**
 * Why a text cannot become an article: the message in English, and the
 * problem as a kind plus values, which the reader's page words in its
 * language (lib/i18n/problem-messages.ts, whose English this repeats).
 */
export class ArticleError extends Error {
  constructor(
    message: string,
    readonly problem:
      | { kind: 'article-no-id' }
      | { kind: 'article-not-text'; id: string }
      | { kind: 'article-too-long'; id: string; length: number; limit: number }
      | { kind: 'article-empty'; id: string; headerOnly: boolean },
  ) {
    super(message);
    this.name = 'ArticleError';
  }
}

/** makeArticle, plus what was odd about the header (ignored malformed lines, an unreadable date) for the caller to show. */
export function readArticle(input: ArticleInput): { article: Article; warnings: HeaderWarning[] } {
  const { id, raw } = input;
  if (typeof id !== 'string' || id.trim() === '') throw new ArticleError('Cannot add article: it has no id', { kind: 'article-no-id' });
  if (typeof raw !== 'string') throw new ArticleError(`Cannot add article ${id}: its text is not a string`, { kind: 'article-not-text', id });

  const header = parseHeader(raw);
  const { meta, bodyStart } = header;
  const bodyLength = raw.length - bodyStart;
  if (bodyLength > MAX_BODY_CHARS) {
    throw new ArticleError(
      `Cannot add article ${id}: its text is too long (${bodyLength.toLocaleString('en')} characters; the limit is ${MAX_BODY_CHARS.toLocaleString('en')})`,
      { kind: 'article-too-long', id, length: bodyLength, limit: MAX_BODY_CHARS },
    );
  }
  const body = raw.slice(bodyStart);
  if (body.trim() === '') {
    throw new ArticleError(`Cannot add article ${id}: its text is empty${bodyStart > 0 ? ' (only header lines)' : ''}`, {
      kind: 'article-empty',
      id,
      headerOnly: bodyStart > 0,
    });
  }

  const language = languageOf(body, input.language, meta.lang, meta.language);

  const nonReporting = findNonReporting(raw, bodyStart, language);
  const url = given(input.url) ? input.url.trim() : given(meta.url) ? meta.url : null;
  const outlet = given(input.outlet) ? input.outlet.trim() : given(meta.outlet) ? meta.outlet : (outletFromUrl(url) ?? UNKNOWN_OUTLET);
  const title = given(input.title)
    ? input.title.trim()
    : given(meta.title)
      ? shortTitle(meta.title)
      : shortTitle(firstReportingLine(raw, reportingRanges(raw, nonReporting, bodyStart)) || body);

  const article: Article = {
    id,
    outlet,
    title,
    language,
    date: articleDate(given(input.date) ? input.date : meta.date),
    url,
    raw,
    bodyStart,
    nonReporting,
    source: input.source,
    addedAt: input.addedAt ?? Date.now(),
  };
  if (input.file !== undefined) article.file = input.file;
  return { article, warnings: header.warnings };
}
