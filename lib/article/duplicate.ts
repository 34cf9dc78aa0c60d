/**
 * When two articles are the same text: the check behind "this is already in
 * your corpus". An import and a pasted text skip a text the corpus holds
 * (`textKey`); adding a page from the popup also refuses a near copy – the
 * same report with a caption, a teaser or a few words more or less, as a
 * page's extraction differs from the stored text – since a page compared
 * with its own text would cite itself as another outlet.
 */
import type { Article } from './article';
import { reportingRanges } from './clean';

/** Text compared for duplicates: the body, case and whitespace folded, so re-saved or re-wrapped copies count as the same. */
export function textKey(article: Pick<Article, 'raw' | 'bodyStart'>): string {
  return article.raw.slice(article.bodyStart).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A short stand-in for a folded text (`textKey`): its length and a 53-bit
 * hash (cyrb53). The import's duplicate check sends these from the background
 * instead of every stored text; equal hashes are only candidates, confirmed
 * with the folded texts themselves, so a collision never skips an article.
 */
export function textHash(folded: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${folded.length.toString(36)}.${hash.toString(36)}`;
}

/** Words in a row that make one shingle. */
const SHINGLE = 4;
/** Share of the shorter text's shingles the other must hold for a near copy. */
export const NEAR_DUPLICATE = 0.8;
/** Fewer shingles than this (a text of a few words) is too little to call a near copy: only the same text counts. */
const MIN_SHINGLES = 12;

/** The article's reporting (captions, comments, notices left out), as a set of hashed word shingles. */
export function shingles(article: Pick<Article, 'raw' | 'bodyStart' | 'nonReporting'>): Set<number> {
  const text = reportingRanges(article.raw, article.nonReporting, article.bodyStart)
    .map((r) => article.raw.slice(r.start, r.end))
    .join(' ');
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(hash(words.slice(i, i + SHINGLE).join(' ')));
  return out;
}

/** Share of the smaller set's shingles the other holds (0 when either is too small to judge). */
export function containment(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < MIN_SHINGLES) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/**
 * The stored article whose text `article` repeats, if any: the same text
 * (textKey), or, with `near`, a near copy – most of the shorter text's word
 * sequences are in the other, so a page holding a stored article with a
 * caption or a teaser more is that article. `existing` is searched in order.
 */
export function findDuplicate(article: Article, existing: readonly Article[], { near = true }: { near?: boolean } = {}): Article | null {
  const key = textKey(article);
  const same = existing.find((a) => textKey(a) === key);
  if (same || !near) return same ?? null;
  const mine = shingles(article);
  for (const other of existing) if (containment(mine, shingles(other)) >= NEAR_DUPLICATE) return other;
  return null;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
