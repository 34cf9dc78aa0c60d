/**
 * What an import makes of each article before it is stored: its features and
 * its index terms. Both tokenize the article's reporting text; where that text
 * is the whole body (nine in ten articles of the bench's corpus), the body is
 * tokenized once for both, which gives both exactly what they make alone.
 */
import type { Article } from '../article/article';
import { indexTerms, indexTermsOfBody } from '../article/index-terms';
import { articleFeatures, type ArticleFeatures } from './features';
import { reportingRanges, tokenize } from './pipeline';

export interface AnalysedForIndex {
  features: ArticleFeatures;
  /** indexTerms(article). */
  terms: string[];
}

/** articleFeatures and indexTerms of an article, its body tokenized once when its reporting text is the whole body. */
export function analyseForIndex(article: Article): AnalysedForIndex {
  const bodyStart = article.bodyStart ?? 0;
  const ranges = reportingRanges(article.raw, article.nonReporting ?? [], bodyStart);
  // The one range indexTerms tokenizes is then the very text analyse tokenizes (tokens differ by offset only).
  if (ranges.length !== 1 || ranges[0].start !== bodyStart || ranges[0].end !== article.raw.length) {
    return { features: articleFeatures(article), terms: indexTerms(article) };
  }
  const tokens = tokenize(article.raw.slice(bodyStart), article.language, bodyStart);
  return { features: articleFeatures(article, tokens), terms: indexTermsOfBody(article, tokens) };
}
