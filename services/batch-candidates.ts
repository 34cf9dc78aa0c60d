/**
 * The term index of one import batch in memory, for choosing each article's
 * story: the stored postings of the terms read so far and the postings of
 * the batch's articles so far, ranked as `rankCandidates` ranks them.
 *
 * An import of 10,000 articles ranks 10,000 times over up to 10,000 postings
 * each. With string ids in a Map of scores and each term's stored and batch
 * postings concatenated per article, that ranking was a quarter of the
 * import's story choice and most of its garbage; here an article is a small
 * integer, a term's postings one array, the scores a typed array reused.
 */
import type { QueryTerm } from './term-index';

export class BatchCandidates {
  /** Article number → id. */
  private readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Term → the numbers of the articles indexed under it (stored and batch; once per occurrence, as the store's postings). */
  private readonly postings = new Map<string, number[]>();
  /** Terms whose stored postings are in `postings`. */
  private readonly storedRead = new Set<string>();
  /** Terms some article of the batch is indexed under. */
  private readonly batchTerms = new Set<string>();
  private scores = new Float64Array(256);
  /** Per article number, the ranking that last scored it: no clearing between rankings. */
  private scoredBy = new Int32Array(256);
  private rankings = 0;
  /** The numbers a ranking scored, and their scores for finding the cut: reused, as the scores are. */
  private touched = new Int32Array(256);
  private cut = new Float64Array(256);

  /** Whether the stored postings of `term` were taken in (`addStored`, or `markStored` for a term with none). */
  hasStored(term: string): boolean {
    return this.storedRead.has(term);
  }

  /** Takes in stored postings of `term` (one chunk or all: they add up). */
  addStored(term: string, ids: readonly string[]): void {
    this.storedRead.add(term);
    const list = this.list(term);
    for (const id of ids) list.push(this.number(id));
  }

  /** Notes that `term`'s stored postings were read, whether or not there were any. */
  markStored(term: string): void {
    this.storedRead.add(term);
  }

  /** Indexes an article of the batch under its terms (each occurrence, as the store indexes it). */
  addItem(id: string, terms: readonly string[]): void {
    const n = this.number(id);
    for (const t of terms) {
      this.list(t).push(n);
      this.batchTerms.add(t);
    }
  }

  /**
   * The articles indexed so far ranked for `query`: exactly what
   * `rankCandidates(query, postings, limit)` returns with each term's
   * postings being its stored ones and the batch's – the same sums added in
   * the same order, the same cut and the same ties by id.
   *
   * `item`, the article about to be indexed, counts as the store's ranking
   * has always counted it (its choices depend on it, so it is kept): where a
   * query term has no stored postings read but postings of the batch, the
   * store handed the batch's list itself to the ranking and then indexed the
   * item into that same list, so the item scored for each occurrence of such
   * a term and takes one of the `limit` places itself (it chooses no story of
   * its own: it is in none yet).
   */
  rank(query: readonly QueryTerm[], limit: number, item?: { id: string; terms: readonly string[] }): string[] {
    const self = item === undefined ? -1 : this.number(item.id);
    let occurrences: Map<string, number> | null = null;
    const mark = ++this.rankings;
    const { scores, scoredBy } = this;
    // At most every article numbered so far is scored once.
    if (this.touched.length < this.ids.length) {
      this.touched = new Int32Array(this.scores.length);
      this.cut = new Float64Array(this.scores.length);
    }
    const { touched } = this;
    let count = 0;
    const score = (n: number, w: number) => {
      if (scoredBy[n] !== mark) {
        scoredBy[n] = mark;
        scores[n] = 0;
        touched[count++] = n;
      }
      scores[n] += w;
    };
    for (const q of query) {
      const list = this.postings.get(q.term);
      if (!list) continue;
      const w = q.weight;
      // score() inlined: this loop runs over up to 10,000 postings per article.
      for (let i = 0; i < list.length; i++) {
        const n = list[i];
        if (scoredBy[n] !== mark) {
          scoredBy[n] = mark;
          scores[n] = w;
          touched[count++] = n;
        } else scores[n] += w;
      }
      if (item && !this.storedRead.has(q.term) && this.batchTerms.has(q.term)) {
        if (!occurrences) {
          occurrences = new Map();
          for (const t of item.terms) occurrences.set(t, (occurrences.get(t) ?? 0) + 1);
        }
        for (let k = occurrences.get(q.term) ?? 0; k > 0; k--) score(self, w);
      }
    }
    const keep = Math.max(0, limit);
    let min = -Infinity;
    if (keep > 0 && count > 2 * keep) {
      // The keep-th best score (what sorting them all and counting from the top gives), found by selection.
      const { cut } = this;
      for (let i = 0; i < count; i++) cut[i] = scores[touched[i]];
      min = nthSmallest(cut, count, count - keep);
    }
    const ranked: number[] = [];
    for (let i = 0; i < count; i++) {
      const n = touched[i];
      if (scores[n] >= min) ranked.push(n);
    }
    const { ids } = this;
    return ranked
      .sort((a, b) => scores[b] - scores[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0))
      .slice(0, keep)
      .map((n) => ids[n]);
  }

  private list(term: string): number[] {
    let list = this.postings.get(term);
    if (!list) this.postings.set(term, (list = []));
    return list;
  }

  private number(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.numbers.set(id, n);
      if (n >= this.scores.length) {
        const scores = new Float64Array(this.scores.length * 2);
        scores.set(this.scores);
        this.scores = scores;
        const scoredBy = new Int32Array(this.scoredBy.length * 2);
        scoredBy.set(this.scoredBy);
        this.scoredBy = scoredBy;
      }
    }
    return n;
  }
}

/**
 * The value at index `k` of the first `length` values of `a` sorted in
 * ascending order (Hoare's selection; `a` is reordered). Values are scores:
 * finite, no NaN.
 */
export function nthSmallest(a: Float64Array, length: number, k: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const x = a[i];
        a[i] = a[j];
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
