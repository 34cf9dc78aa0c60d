/**
 * The corpus's term index: which articles contain which distinctive terms, so
 * a page is matched against the few articles that share its rarest terms
 * instead of the whole corpus. Pure logic; the store keeps the data in
 * IndexedDB and calls these functions inside its transactions.
 */
// What an article is indexed under (indexTerms) is lib/article/index-terms.ts: worked out where the article is, the corpus manager's import worker too.
/**
 * Page terms whose postings are read for one lookup. Generous, because the
 * rarest terms often occur in one article only: a tight cap would spend the
 * whole lookup on them and never reach the terms the page shares with the
 * other outlets of its story. The postings budget is what bounds the cost.
 */
export const MAX_QUERY_TERMS = 250;
/** Postings (article ids) read at most for one lookup, whatever the corpus size. */
export const MAX_POSTINGS_READ = 10_000;
/**
 * A term in more than this share of the corpus says almost nothing about the
 * story; reading its postings would cost the most for the least. Only applied
 * once the corpus is large enough for shares to mean anything.
 */
export const MAX_DF_SHARE = 0.05;
const MIN_CORPUS_FOR_DF_SHARE = 200;

/** What the store keeps per article: the terms it is indexed under. */
export interface ArticleTerms {
  id: string;
  terms: string[];
}

/** A page term chosen for lookup, with the weight an article earns by containing it. */
export interface QueryTerm {
  term: string;
  df: number;
  weight: number;
}

/** Inverse document frequency (BM25's, always positive) of a term in `df` of `n` articles. */
export function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * The page's most distinctive terms that occur in the corpus, most weighty
 * first: IDF times a damped page frequency. Terms too common to tell stories
 * apart are left out, and the total postings to read is bounded, so the cost
 * of a lookup does not grow with the corpus.
 */
export function selectQueryTerms(
  pageTerms: readonly string[],
  dfOf: ReadonlyMap<string, number>,
  corpusSize: number,
  maxTerms = MAX_QUERY_TERMS,
  maxPostings = MAX_POSTINGS_READ,
): QueryTerm[] {
  const maxDf = corpusSize >= MIN_CORPUS_FOR_DF_SHARE ? Math.floor(corpusSize * MAX_DF_SHARE) : corpusSize;
  // Counted, not ranked by count (countTerms): they are ordered below, wholly.
  const counts = new Map<string, number>();
  for (let i = 0; i < pageTerms.length; i++) counts.set(pageTerms[i], (counts.get(pageTerms[i]) ?? 0) + 1);
  // Most weighty first, then by term: grouped by weight (a few values: it depends on df and tf only), each group's
  // terms sorted as strings (code unit order, which < compares in), not all of them through a comparator.
  const byWeight = new Map<number, string[]>();
  counts.forEach((tf, term) => {
    const df = dfOf.get(term) ?? 0;
    if (df === 0 || df > maxDf) return;
    const weight = idf(df, corpusSize) * (1 + Math.log(tf));
    const group = byWeight.get(weight);
    if (group) group.push(term);
    else byWeight.set(weight, [term]);
  });
  const weights = Float64Array.from(byWeight.keys()).sort();
  const chosen: QueryTerm[] = [];
  let budget = maxPostings;
  for (let w = weights.length - 1; w >= 0 && chosen.length < maxTerms; w--) {
    const weight = weights[w];
    const terms = byWeight.get(weight)!.sort();
    for (let i = 0; i < terms.length && chosen.length < maxTerms; i++) {
      const df = dfOf.get(terms[i])!;
      if (df > budget) continue;
      budget -= df;
      chosen.push({ term: terms[i], df, weight });
    }
  }
  return chosen;
}

/**
 * Articles ranked by the summed weight of the query terms they contain
 * (IDF-weighted overlap), best first, at most `limit`; ties by id so the
 * result is deterministic.
 */
export function rankCandidates(query: readonly QueryTerm[], postings: ReadonlyMap<string, readonly string[]>, limit: number): string[] {
  const score = new Map<string, number>();
  for (const q of query) {
    const ids = postings.get(q.term);
    if (ids) for (let i = 0; i < ids.length; i++) score.set(ids[i], (score.get(ids[i]) ?? 0) + q.weight);
  }
  const keep = Math.max(0, limit);
  // Only articles scoring at least the keep-th best score can be among the best: the rest need no sorting.
  let min = -Infinity;
  if (keep > 0 && score.size > 2 * keep) {
    const scores = Float64Array.from(score.values()).sort();
    min = scores[scores.length - keep];
  }
  const ranked: Array<[string, number]> = [];
  for (const entry of score) if (entry[1] >= min) ranked.push(entry);
  return ranked
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, keep)
    .map(([id]) => id);
}
