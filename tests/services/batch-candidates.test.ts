import { describe, expect, it } from 'vitest';
import { BatchCandidates, nthSmallest } from '../../services/batch-candidates';
import { rankCandidates, selectQueryTerms } from '../../services/term-index';
import { random } from '../../scripts/lib/bench-corpus';

/** Index terms drawn from a small vocabulary (repeats included, as an article's index terms have them). */
function termsOf(next: () => number, vocabulary: number): string[] {
  return Array.from({ length: 5 + Math.floor(next() * 40) }, () => `t${Math.floor(next() ** 2 * vocabulary)}`);
}

/**
 * The store's story-choice ranking as it was written before BatchCandidates:
 * stored postings read per term (the batch's articles left out), each item
 * ranked over stored and batch postings, then indexed. Where a term had no
 * stored postings read, the batch's own list went to the ranking and the item
 * was then pushed into it.
 */
function rankedAsBefore(stored: Map<string, string[]>, items: { id: string; terms: string[] }[], readTerms: (i: number) => string[], size: number) {
  const read = new Map<string, string[]>();
  const batch = new Map<string, string[]>();
  const df = new Map<string, number>();
  for (const [t, ids] of stored) df.set(t, ids.length);
  const out: string[][] = [];
  items.forEach((item, i) => {
    for (const t of readTerms(i)) if (!read.has(t)) read.set(t, [...(stored.get(t) ?? [])]);
    const query = selectQueryTerms(item.terms, new Map(item.terms.map((t) => [t, (df.get(t) ?? 0) + 1])), size + i);
    const postings = new Map<string, string[]>();
    for (const q of query) {
      const a = read.get(q.term);
      const b = batch.get(q.term);
      postings.set(q.term, a && b ? a.concat(b) : (a ?? b ?? []));
    }
    for (const t of item.terms) {
      const ids = batch.get(t);
      if (ids) ids.push(item.id);
      else batch.set(t, [item.id]);
    }
    out.push(rankCandidates(query, postings, 8));
  });
  return out;
}

describe('BatchCandidates', () => {
  it("ranks each item of a batch exactly as the store's ranking over stored and batch postings did, the item's own quirk included", () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const stored = new Map<string, string[]>();
      for (let a = 0; a < 150; a++) for (const t of termsOf(next, 120)) (stored.get(t) ?? stored.set(t, []).get(t)!).push(`s${a}`);
      const items = Array.from({ length: 300 }, (_, i) => ({ id: `b${i}`, terms: termsOf(next, 160) }));
      // Stored postings come in as the store reads them: some terms at the start, others later, some never (no stored postings).
      const readAt = (i: number) => (i % 50 === 0 ? [...stored.keys()].filter((t) => Number(t.slice(1)) % 3 === (i / 50) % 3) : []);
      const expected = rankedAsBefore(stored, items, readAt, 150);

      const index = new BatchCandidates();
      const df = new Map([...stored].map(([t, ids]) => [t, ids.length]));
      const got: string[][] = [];
      items.forEach((item, i) => {
        for (const t of readAt(i)) if (!index.hasStored(t)) index.addStored(t, stored.get(t) ?? []);
        const query = selectQueryTerms(item.terms, new Map(item.terms.map((t) => [t, (df.get(t) ?? 0) + 1])), 150 + i);
        got.push(index.rank(query, 8, item));
        index.addItem(item.id, item.terms);
      });
      expect(got).toEqual(expected);
      // The quirk is exercised: some items are among their own candidates, and some are not.
      const own = got.filter((hits, i) => hits.includes(items[i].id)).length;
      expect(own).toBeGreaterThan(0);
      expect(own).toBeLessThan(items.length);
    }
  });

  it('selects the value a sort would put at each place, with many equal values too', () => {
    for (const seed of [4, 5, 6]) {
      const next = random(seed);
      for (const [length, distinct] of [[1, 1], [2, 2], [7, 2], [60, 5], [300, 1000], [1000, 3]]) {
        const values = Array.from({ length }, () => Math.floor(next() * distinct) / 7);
        const sorted = Float64Array.from(values).sort();
        for (let k = 0; k < length; k += Math.max(1, Math.floor(length / 13))) {
          // Past `length`, values that are not to be looked at.
          const a = Float64Array.from([...values, -1, 1e9]);
          expect(nthSmallest(a, length, k)).toBe(sorted[k]);
        }
      }
    }
  });

  it('without an item, ranks by summed weight, best first, ties by id, at most the limit', () => {
    const index = new BatchCandidates();
    index.addStored('a', ['x', 'y', 'z']);
    index.addStored('b', ['y']);
    index.markStored('c');
    index.addItem('w', ['a', 'b', 'b']);
    expect(index.hasStored('c')).toBe(true);
    expect(index.hasStored('d')).toBe(false);
    const q = [
      { term: 'a', df: 4, weight: 1 },
      { term: 'b', df: 3, weight: 2 },
    ];
    expect(index.rank(q, 10)).toEqual(['w', 'y', 'x', 'z']);
    expect(index.rank(q, 2)).toEqual(['w', 'y']);
    expect(index.rank(q, 0)).toEqual([]);
  });
});
