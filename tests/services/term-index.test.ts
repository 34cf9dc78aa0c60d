import { describe, expect, it } from 'vitest';
import {
  idf,
  indexTerms,
  MAX_DF_SHARE,
  MAX_TERMS_PER_ARTICLE,
  rankCandidates,
  selectQueryTerms,
  type QueryTerm,
} from '../../services/term-index';
import { makeArticle } from '../../lib/article/make-article';
import { contentTerms } from '../../lib/text/tokens';

const article = (raw: string, extra: { title?: string; language?: string } = {}) =>
  makeArticle({ id: 'a', raw, source: 'user', outlet: 'X', language: extra.language ?? 'de', title: extra.title });

describe('indexTerms', () => {
  it('indexes the content terms of title and reporting text once each, with the stems pages are looked up with', () => {
    const a = article('Die Regierung beschließt ein Gesetz. Das Gesetz gilt ab Montag für alle Bürger.', { title: 'Bundestag entscheidet' });
    const terms = indexTerms(a);
    expect(new Set(terms).size).toBe(terms.length);
    const page = contentTerms('Das neue Gesetz der Regierung', 'de');
    for (const t of page) expect(terms).toContain(t);
    for (const t of contentTerms('Bundestag', 'de')) expect(terms).toContain(t);
    expect(terms).not.toContain(contentTerms('die', 'de')[0] ?? 'die');
  });

  it('leaves out text that is not the outlet reporting (the ranges cleaning marked)', () => {
    const a = article('Der Stadtrat stimmt dem Haushalt zu. Die Sitzung dauerte drei Stunden.\nFoto: Zebrafotograf Mustermann');
    const raw = a.raw;
    const start = raw.indexOf('Foto:');
    const withCaption = { ...a, nonReporting: [{ start, end: raw.length }] };
    const withoutRanges = { ...a, nonReporting: [] };
    const caption = contentTerms('Zebrafotograf', 'de')[0];
    expect(indexTerms(withoutRanges)).toContain(caption);
    expect(indexTerms(withCaption)).not.toContain(caption);
  });

  it('indexes a very long text under at most its most frequent terms', () => {
    const words = Array.from({ length: 3 * MAX_TERMS_PER_ARTICLE }, (_, i) => `wort${i.toString(36)}x`);
    const raw = `${words.join(' ')}. ${'Haushalt '.repeat(5)}beschlossen.`;
    const terms = indexTerms(article(raw));
    expect(terms).toHaveLength(MAX_TERMS_PER_ARTICLE);
    expect(terms[0]).toBe(contentTerms('Haushalt', 'de')[0]);
  });
});

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
