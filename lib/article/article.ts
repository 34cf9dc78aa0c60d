/** A character range [start, end) into a text, in JavaScript (UTF-16) offsets (not the DOM's Range, which page reading uses beside it). */
export interface TextRange {
  start: number;
  end: number;
}

/** Where an article came from: shipped with crossread, or added by the reader. */
export type ArticleSource = 'seed' | 'user';

/**
 * One outlet's article as stored in the corpus. The raw text is kept exactly as
 * received; cleaning never rewrites it but records which ranges of it are not
 * the outlet's reporting (captions, consent notices, comments, …), so every
 * offset a note cites points into the text the reader can check.
 */
export interface Article {
  id: string;
  /** The article's file name where it came from a folder (seeds, CLI corpora). */
  file?: string;
  outlet: string;
  title: string;
  language: string;
  /** ISO date (YYYY-MM-DD) of the reported event or publication, when known. */
  date: string | null;
  url: string | null;
  raw: string;
  /** Offset in `raw` where the body starts (after `key: value` header lines). */
  bodyStart: number;
  /** Ranges of `raw` that are not the outlet's reporting; sorted, disjoint. */
  nonReporting: TextRange[];
  source: ArticleSource;
  addedAt: number;
}

/** An article's date as the corpus keeps it: YYYY, YYYY-MM or YYYY-MM-DD. */
export const ISO_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
