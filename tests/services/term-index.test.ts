import { describe, expect, it } from 'vitest';
import { idf, MAX_DF_SHARE, rankCandidates, selectQueryTerms, type QueryTerm } from '../../services/term-index';

describe('idf', () => {
  it('is positive and falls as a term gets more common', () => {
    expect(idf(1, 1000)).toBeGreaterThan(idf(10, 1000));
    expect(idf(10, 1000)).toBeGreaterThan(idf(999, 1000));
    expect(idf(1000, 1000)).toBeGreaterThan(0);
  });
});

describe('selectQueryTerms', () => {
  const df = new Map([
    ['rare', 2],
    ['mid', 50],
    ['common', 600],
    ['everywhere', 990],
  ]);

  it('keeps only terms the corpus has, rarest first, and drops terms too common to tell stories apart', () => {
    const q = selectQueryTerms(['common', 'absent', 'mid', 'rare', 'everywhere'], df, 1000);
    expect(q.map((t) => t.term)).toEqual(['rare', 'mid']);
    expect(600 / 1000).toBeGreaterThan(MAX_DF_SHARE);
  });

  it('keeps common terms in a small corpus, where shares say little', () => {
    const small = new Map([
      ['a', 4],
      ['b', 1],
    ]);
    expect(selectQueryTerms(['a', 'b'], small, 5).map((t) => t.term)).toEqual(['b', 'a']);
  });

  it('weights a term the page repeats above one it mentions once, at equal frequency in the corpus', () => {
    const same = new Map([
      ['x', 10],
      ['y', 10],
    ]);
    const q = selectQueryTerms(['x', 'y', 'y', 'y'], same, 1000);
    expect(q[0].term).toBe('y');
    expect(q[0].weight).toBeGreaterThan(q[1].weight);
  });

  it('bounds the number of terms and the postings read', () => {
    const many = new Map(Array.from({ length: 100 }, (_, i) => [`t${i}`, 100 + i] as [string, number]));
    const terms = [...many.keys()];
    expect(selectQueryTerms(terms, many, 10_000, 10)).toHaveLength(10);
    const budgeted = selectQueryTerms(terms, many, 10_000, 100, 1000);
    expect(budgeted.reduce((s, q) => s + q.df, 0)).toBeLessThanOrEqual(1000);
    expect(budgeted.length).toBeGreaterThan(0);
  });
});

describe('selectQueryTerms on many ties', () => {
  /** The order it promises, made the plain way: every term weighed, then sorted by weight and term. */
  function reference(pageTerms: string[], dfOf: Map<string, number>, n: number, maxTerms: number, maxPostings: number): QueryTerm[] {
    const tf = new Map<string, number>();
    for (const t of pageTerms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const maxDf = n >= 200 ? Math.floor(n * MAX_DF_SHARE) : n;
    const weighted = [...tf]
      .filter(([t]) => (dfOf.get(t) ?? 0) > 0 && dfOf.get(t)! <= maxDf)
      .map(([term, f]) => ({ term, df: dfOf.get(term)!, weight: idf(dfOf.get(term)!, n) * (1 + Math.log(f)) }))
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const chosen: QueryTerm[] = [];
    let budget = maxPostings;
    for (const q of weighted) {
      if (chosen.length >= maxTerms) break;
      if (q.df > budget) continue;
      budget -= q.df;
      chosen.push(q);
    }
    return chosen;
  }

  it('orders the most weighty first and equal weights by term, as a sort of them all would, within its bounds', () => {
    // Few document frequencies and page counts, so most weights are shared; terms in mixed case and beyond ASCII.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const letters = ['a', 'b', 'Z', 'ä', 'ß', 'é', '#', '1', 'ö', 'A'];
    const vocabulary = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => letters[Math.floor(next() * letters.length)]).join(''));
    const dfOf = new Map(vocabulary.map((t) => [t, 1 + Math.floor(next() * 4)] as [string, number]));
    const pageTerms = Array.from({ length: 900 }, () => vocabulary[Math.floor(next() * vocabulary.length)]);
    pageTerms.push('absent');
    for (const [n, maxTerms, maxPostings] of [
      [5, 250, 10_000],
      [300, 40, 10_000],
      [5, 250, 120],
      [5, 0, 10_000],
    ])
      expect(selectQueryTerms(pageTerms, dfOf, n, maxTerms, maxPostings)).toEqual(reference(pageTerms, dfOf, n, maxTerms, maxPostings));
    // Ties are the rule here: far fewer weights than terms.
    const chosen = selectQueryTerms(pageTerms, dfOf, 5);
    expect(new Set(chosen.map((q) => q.weight)).size).toBeLessThan(chosen.length / 4);
  });
});

describe('rankCandidates', () => {
  const q: QueryTerm[] = [
    { term: 'rare', df: 2, weight: 5 },
    { term: 'mid', df: 3, weight: 2 },
    { term: 'low', df: 4, weight: 1 },
  ];
  const postings = new Map([
    ['rare', ['b', 'c']],
    ['mid', ['a', 'b', 'd']],
    ['low', ['a', 'd', 'e', 'c']],
  ]);

  it('ranks articles by the summed weight of the terms they share with the page', () => {
    expect(rankCandidates(q, postings, 10)).toEqual(['b', 'c', 'a', 'd', 'e']);
  });

  it('returns at most `limit`, ties in id order', () => {
    expect(rankCandidates(q, postings, 3)).toEqual(['b', 'c', 'a']);
    expect(rankCandidates([{ term: 'low', df: 4, weight: 1 }], postings, 2)).toEqual(['a', 'c']);
    expect(rankCandidates(q, postings, 0)).toEqual([]);
  });

  it('gives the head of the full ranking when many more articles score than are kept, ties included', () => {
    // Deterministic pseudo-random postings over 400 articles with few distinct weights, so scores tie often.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const terms: QueryTerm[] = Array.from({ length: 30 }, (_, i) => ({ term: `t${i}`, df: 0, weight: 1 + (i % 3) }));
    const many = new Map(terms.map((t) => [t.term, Array.from({ length: 400 }, (_, k) => `doc-${k}`).filter(() => next() < 0.1)]));
    const score = new Map<string, number>();
    for (const t of terms) for (const id of many.get(t.term)!) score.set(id, (score.get(id) ?? 0) + t.weight);
    const full = [...score].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
    expect(full.length).toBeGreaterThan(100);
    for (const limit of [1, 7, 20, 50]) expect(rankCandidates(terms, many, limit)).toEqual(full.slice(0, limit));
  });
});
