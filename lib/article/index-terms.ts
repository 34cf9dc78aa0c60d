/**
 * The terms an article is indexed under in the corpus's term index
 * (services/term-index.ts). Pure, so it runs wherever the article is: the
 * background at ingest, and the corpus manager's import worker beside it.
 */
import type { Article } from './article';
import { reportingRanges } from './clean';
import { contentTerms, contentTermsOf, type Token } from '../text/tokens';

/**
 * Most terms an article is indexed under. A news article has a few hundred
 * distinct content terms; a very long text is indexed under its most frequent
 * ones so one article cannot bloat the index.
 */
export const MAX_TERMS_PER_ARTICLE = 600;

/** Terms with counts, most frequent first; ties keep first occurrence order. */
export function countTerms(terms: readonly string[]): Array<[string, number]> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return [...tf].sort((a, b) => b[1] - a[1]);
}

/**
 * The distinct terms an article is indexed under: content-term stems (the
 * same `contentTerms` a page is looked up with) of its title and its
 * reporting text – captions, comments and notices do not decide what an
 * article is about.
 */
export function indexTerms(article: Pick<Article, 'raw' | 'bodyStart' | 'nonReporting' | 'language' | 'title'>): string[] {
  const all: string[] = contentTerms(article.title ?? '', article.language);
  for (const r of reportingRanges(article.raw, article.nonReporting, article.bodyStart)) {
    all.push(...contentTerms(article.raw.slice(r.start, r.end), article.language));
  }
  return mostFrequent(all);
}

/**
 * indexTerms of an article whose reporting text is its whole body, from the
 * body's tokens (`tokenize(raw.slice(bodyStart), language, bodyStart)`), made
 * once for this and its features: the same terms, the body not tokenized
 * again. (With captions or notices left out, each reporting range is tokenized
 * on its own, which can tell names apart otherwise: `indexTerms` then.)
 */
export function indexTermsOfBody(article: Pick<Article, 'language' | 'title'>, bodyTokens: readonly Token[]): string[] {
  const all: string[] = contentTerms(article.title ?? '', article.language);
  const body = contentTermsOf(bodyTokens, article.language);
  for (let i = 0; i < body.length; i++) all.push(body[i]);
  return mostFrequent(all);
}

function mostFrequent(all: readonly string[]): string[] {
  return countTerms(all)
    .slice(0, MAX_TERMS_PER_ARTICLE)
    .map(([t]) => t);
}
