import type { ArticleFeatures } from './features';
import { completeSimilarities, coverage, postingsOf, similarityMatrix, TermSpace, type SentenceVector } from './term-space';

/** How one page sentence relates to the sentences of one other outlet. */
export interface SentenceMatch {
  /** Index into the outlet's sentences. */
  index: number;
  similarity: number;
}

/**
 * The page and other outlets as vectors in one term space: what the story
 * judgements and the alignment both compare.
 */
export interface Comparison {
  space: TermSpace;
  page: ArticleFeatures;
  outlets: ArticleFeatures[];
  /** One per sentence, null for sentences without content. */
  pageVectors: Array<SentenceVector | null>;
  outletVectors: Array<Array<SentenceVector | null>>;
  /** Per outlet, its similarity matrix once computed (see simsOf). */
  simsCache: Array<Float64Array[] | undefined>;
  /** Per outlet, its outletTermMask once made (a story judgement and the relations both ask). */
  termMasks?: Array<Uint8Array | undefined>;
  /** Per outlet, a matrix exact only from a similarity on (see simsAtLeast), until simsOf completes it. */
  boundedSims?: Array<{ min: number; sims: Float64Array[]; partial: Array<Uint8Array | null> } | undefined>;
}

/** sims[i][k] of outlet o: page sentence i vs the outlet's sentence k (0 for non-content sentences), computed once per comparison. */
export function simsOf(c: Comparison, o: number): Float64Array[] {
  const cached = c.simsCache[o];
  if (cached) return cached;
  const bounded = c.boundedSims?.[o];
  if (!bounded) return (c.simsCache[o] = similarityMatrix(c.pageVectors, c.outletVectors[o]));
  // Only the pairs left short are compared further: the rest are exact already.
  const { sims, partial } = bounded;
  completeSimilarities(c.pageVectors, c.outletVectors[o], sims, partial);
  c.boundedSims![o] = undefined;
  return (c.simsCache[o] = sims);
}

/**
 * simsOf where only similarities reaching `min` must be exact (a story
 * judgement asks whether pairs reach a bar): a pair that cannot reach it is
 * left below it, sparing the comparison of its clauses. Exact entries stay
 * exact; simsOf completes the rest if an alignment asks for them.
 */
export function simsAtLeast(c: Comparison, o: number, min: number): Float64Array[] {
  const cached = c.simsCache[o];
  if (cached) return cached;
  const bounded = c.boundedSims?.[o];
  if (bounded) return bounded.min <= min ? bounded.sims : simsOf(c, o);
  const partial: Array<Uint8Array | null> = [];
  const sims = similarityMatrix(c.pageVectors, c.outletVectors[o], min, partial);
  (c.boundedSims ??= [])[o] = { min, sims, partial };
  return sims;
}

/**
 * Every term (and compound part) of outlet o's content sentences, the ids its
 * vectors hold, as a mask by term id (1: held; ids beyond its length are not):
 * tested in loops over many sentences, where a Set's lookups cost more.
 */
export function outletTermMask(c: Comparison, o: number): Uint8Array {
  const made = c.termMasks?.[o];
  if (made) return made;
  let max = -1;
  for (const v of c.outletVectors[o]) if (v) for (let i = 0; i < v.ids.length; i++) if (v.ids[i] > max) max = v.ids[i];
  const mask = new Uint8Array(max + 1);
  for (const v of c.outletVectors[o]) if (v) for (let i = 0; i < v.ids.length; i++) mask[v.ids[i]] = 1;
  (c.termMasks ??= [])[o] = mask;
  return mask;
}

/**
 * Similarities between every content sentence of the page and every content
 * sentence of each outlet reporting the same story, in one term space.
 */
export interface Alignment extends Comparison {
  /** sims[o][i][k]: page sentence i vs sentence k of outlet o (0 for non-content sentences). */
  sims: Float64Array[][];
  /** Ids of every term (and compound part) the page's reporting text contains. */
  pageTerms: Set<number>;
}

/** `pageOnce`: the page's features are compared this once (a page annotated), so its term lists' ids are not kept (see TermSpace). */
export function compare(page: ArticleFeatures, outlets: ArticleFeatures[], pageOnce = false): Comparison {
  const space = new TermSpace([page.sentences, ...outlets.map((o) => o.sentences)], page.language, pageOnce ? 1 : 0);
  const pageVectors = space.vectorsOf(0, page.sentences);
  const outletVectors = outlets.map((o, k) => space.vectorsOf(k + 1, o.sentences));
  return { space, page, outlets, pageVectors, outletVectors, simsCache: [] };
}

export function align(page: ArticleFeatures, outlets: ArticleFeatures[], pageOnce = false): Alignment {
  return alignCompared(compare(page, outlets, pageOnce), outlets)!;
}

/**
 * The alignment of a comparison's outlets, in the order given, reusing the
 * similarities already computed; null unless the outlets are exactly the
 * comparison's: term weights depend on every outlet in the space.
 */
export function alignCompared(c: Comparison, outlets: ArticleFeatures[]): Alignment | null {
  const at = outlets.map((o) => c.outlets.indexOf(o));
  if (outlets.length !== c.outlets.length || at.some((k, n) => k < 0 || at.indexOf(k) !== n)) return null;
  const sims = at.map((k) => simsOf(c, k));
  const pageTerms = new Set<number>();
  for (let i = 0; i < c.page.sentences.length; i++) c.space.addExpandedIdsOf(0, i, pageTerms);
  return { ...c, outlets, outletVectors: at.map((k) => c.outletVectors[k]), sims, simsCache: sims, boundedSims: undefined, termMasks: c.termMasks && at.map((k) => c.termMasks![k]), pageTerms };
}

/** The best matches of page sentence i in outlet o, best first. */
export function bestMatches(al: Alignment, o: number, i: number, min: number): SentenceMatch[] {
  const row = al.sims[o][i];
  const out: SentenceMatch[] = [];
  for (let k = 0; k < row.length; k++) {
    // (Read once: until the JIT optimises this, a read of a Float64Array allocates a number.)
    const x = row[k];
    if (x >= min) out.push({ index: k, similarity: x });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
}

/**
 * The first of `bestMatches(al, o, i, min)` that `accept` takes (any, without
 * it), or null: found in one pass, without the list and its sorting. Best
 * first means the highest similarity, the lowest index among equals, so the
 * first index to hold the highest accepted similarity wins. Relating asks
 * this for most page sentences and outlets, several times each.
 */
export function bestMatch(al: Alignment, o: number, i: number, min: number, accept?: (k: number) => boolean): SentenceMatch | null {
  const row = al.sims[o][i];
  let best = -1;
  let bestSim = 0;
  for (let k = 0; k < row.length; k++) {
    // (Read once: until the JIT optimises this, a read of a Float64Array allocates a number.)
    const x = row[k];
    if (!(x >= min) || (best >= 0 && !(x > bestSim))) continue;
    if (accept !== undefined && !accept(k)) continue;
    best = k;
    bestSim = x;
  }
  return best < 0 ? null : { index: best, similarity: bestSim };
}

/** What bestTwo answers in: one pair for every call (its caller reads it before the next). */
const TWO = new Int32Array(2);

/**
 * The first two of `bestMatches(al, o, i, min)` (best first: the highest
 * similarity, the lowest index among equals) that reach `share` times
 * `ownSim` of their outlet sentence, when given: their indices, -1 where
 * there are fewer. Found in one pass, without the list, its sorting and its
 * filtering: relating asks this for every page sentence and outlet. The
 * pair is shared: read it before the next call.
 */
export function bestTwo(al: Alignment, o: number, i: number, min: number, ownSim?: Float64Array, share = 0): Int32Array {
  const row = al.sims[o][i];
  let first = -1;
  let second = -1;
  let firstSim = 0;
  let secondSim = 0;
  for (let k = 0; k < row.length; k++) {
    // (Read once: until the JIT optimises this, a read of a Float64Array allocates a number.)
    const x = row[k];
    if (!(x >= min) || (ownSim !== undefined && !(x >= share * ownSim[k]))) continue;
    if (first < 0 || x > firstSim) {
      second = first;
      secondSim = firstSim;
      first = k;
      firstSim = x;
    } else if (second < 0 || x > secondSim) {
      second = k;
      secondSim = x;
    }
  }
  TWO[0] = first;
  TWO[1] = second;
  return TWO;
}

/** How much of outlet sentence k the page says anywhere: best single-sentence coverage. */
export function pageCoverage(al: Alignment, o: number, k: number): number {
  const v = al.outletVectors[o][k];
  if (!v) return 1;
  let best = 0;
  for (const pv of al.pageVectors) if (pv) best = Math.max(best, coverage(v, pv));
  return best;
}

/**
 * pageCoverage for the outlet sentences of one alignment, the page's postings
 * built once: each sentence's shared weight is summed per page sentence in
 * ascending term id order, as coverage() sums it (the same figures).
 */
export function pageCoverer(al: Alignment): (o: number, k: number) => number {
  // Per term id, the page sentences holding it, in order (their weights are not needed: each outlet sentence's are).
  const { start, cols: rows } = postingsOf(al.pageVectors);
  const max = start.length - 2;
  const got = new Float64Array(al.pageVectors.length);
  const met = new Uint8Array(al.pageVectors.length);
  const touched = new Int32Array(al.pageVectors.length);
  return (o, k) => {
    const v = al.outletVectors[o][k];
    if (!v) return 1;
    if (v.total === 0) return 0;
    let n = 0;
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i];
      if (id > max) continue;
      const w = v.ws[i];
      for (let q = start[id], end = start[id + 1]; q < end; q++) {
        const r = rows[q];
        if (!met[r]) {
          met[r] = 1;
          touched[n++] = r;
        }
        got[r] += w;
      }
    }
    let best = 0;
    for (let m = 0; m < n; m++) {
      const r = touched[m];
      best = Math.max(best, got[r] / v.total);
      got[r] = 0;
      met[r] = 0;
    }
    return best;
  };
}

/** What of an outlet sentence the page says nowhere. */
export interface Novelty {
  /** Share of the sentence's term weight. */
  share: number;
  /** How many of its terms. */
  terms: number;
}

/**
 * What of outlet sentence k's terms the page says nowhere. Numbers are left
 * out: a figure the page lacks is judged as a figure (a new one adds detail,
 * another version of the page's is a conflict).
 */
export function novelty(al: Alignment, o: number, k: number): Novelty {
  const v = al.outletVectors[o][k];
  if (!v || v.total === 0) return { share: 0, terms: 0 };
  let novel = 0;
  let total = 0;
  let terms = 0;
  for (let i = 0; i < v.ids.length; i++) {
    if (al.space.isNumber(v.ids[i])) continue;
    total += v.ws[i];
    if (!al.pageTerms.has(v.ids[i])) {
      novel += v.ws[i];
      terms++;
    }
  }
  return { share: total > 0 ? novel / total : 0, terms };
}
