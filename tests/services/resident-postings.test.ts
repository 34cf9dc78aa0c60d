import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../services/postings-layout';
import { ResidentPostings } from '../../services/resident-postings';
import { rankCandidates, type QueryTerm } from '../../services/term-index';
import { random as randomFrom } from '../../scripts/lib/bench-corpus';

/** An index as the store reads it (term → its chunks' ids as stored), and the same postings as plain lists. */
function indexOf(postings: Map<string, string[]>): { stored: Map<string, Array<string | string[]>>; plain: Map<string, string[]> } {
  const stored = new Map<string, Array<string | string[]>>();
  for (const [term, ids] of postings) stored.set(term, chunksOf(term, ids).map((c) => c.ids));
  return { stored, plain: postings };
}

function randomIndex(random: () => number, terms: number, articles: number): Map<string, string[]> {
  const postings = new Map<string, string[]>();
  for (let t = 0; t < terms; t++) {
    const ids = new Set<string>();
    // Some terms far longer than a chunk, most short.
    const n = random() < 0.1 ? Math.floor(random() * 900) + 1 : Math.floor(random() * 30) + 1;
    while (ids.size < Math.min(n, articles)) ids.add(`a${Math.floor(random() * articles)}`);
    postings.set(`t${t}`, [...ids]);
  }
  return postings;
}

function randomQuery(random: () => number, terms: number, size: number): QueryTerm[] {
  const query: QueryTerm[] = [];
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(Math.floor(random() * (terms + 20)));
  // Weights from a few values, so that scores tie; terms past `terms` have no postings.
  for (const t of chosen) query.push({ term: `t${t}`, df: 1, weight: [0.5, 1.25, 2, 3.1][Math.floor(random() * 4)] });
  return query;
}

describe('ResidentPostings', () => {
  it('ranks as rankCandidates over the same postings, lookup after lookup', () => {
    const random = randomFrom(7);
    const { stored, plain } = indexOf(randomIndex(random, 400, 3000));
    const resident = new ResidentPostings(stored);
    let nonEmpty = 0;
    for (let lookup = 0; lookup < 200; lookup++) {
      const query = randomQuery(random, 400, 1 + Math.floor(random() * 60));
      const limit = [0, 1, 5, 50, 5000][lookup % 5];
      const expected = rankCandidates(query, plain, limit);
      if (expected.length > 0) nonEmpty++;
      expect(resident.rank(query, limit)).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('ranks as rankCandidates over the postings with those added after it was read, for terms parsed before, held unparsed, and new', () => {
    const random = randomFrom(11);
    const { stored, plain } = indexOf(randomIndex(random, 400, 3000));
    const resident = new ResidentPostings(stored);
    // Some terms parsed before the additions.
    for (let lookup = 0; lookup < 20; lookup++) resident.rank(randomQuery(random, 400, 30), 50);
    for (let write = 0; write < 3; write++) {
      // A write's new ids under old and new terms: new articles', and held ones under terms they were not under (never twice under one term, as the store).
      const added = new Map<string, string[]>();
      for (let t = 0; t < 450; t++) {
        if (random() < 0.5) continue;
        const known = new Set(plain.get(`t${t}`) ?? []);
        const ids = Array.from({ length: 1 + Math.floor(random() * 40) }, () => `w${write}-${Math.floor(random() * 500)}`).concat(`a${Math.floor(random() * 4000)}`);
        const fresh = [...new Set(ids)].filter((id) => !known.has(id));
        added.set(`t${t}`, fresh);
        plain.set(`t${t}`, [...known, ...fresh]);
      }
      resident.add(added);
      // Parsed terms' new ids wait beside them, unparsed, and count once.
      expect(resident.terms).toBe(plain.size);
      let nonEmpty = 0;
      for (let lookup = 0; lookup < 100; lookup++) {
        const query = randomQuery(random, 450, 1 + Math.floor(random() * 60));
        const limit = [0, 1, 5, 50, 5000][lookup % 5];
        const expected = rankCandidates(query, plain, limit);
        if (expected.length > 0) nonEmpty++;
        expect(resident.rank(query, limit)).toEqual(expected);
      }
      expect(nonEmpty).toBeGreaterThan(50);
    }
    for (const [term, ids] of plain) expect(resident.idsOf(term), term).toEqual(ids);
  });

  it('breaks ties by id and keeps ids that hold a separator as stored', () => {
    const stored = new Map<string, Array<string | string[]>>([
      ['x', ['b\nc', 'a']],
      ['y', [['odd\nid', 'a']]],
    ]);
    const resident = new ResidentPostings(stored);
    const query: QueryTerm[] = [
      { term: 'x', df: 3, weight: 1 },
      { term: 'y', df: 2, weight: 1 },
    ];
    expect(resident.rank(query, 10)).toEqual(['a', 'b', 'c', 'odd\nid']);
    expect(resident.idsOf('x')).toEqual(['b', 'c', 'a']);
    expect(resident.idsOf('missing')).toBeUndefined();
    expect(resident.terms).toBe(2);
  });

  it("joins a parsed term's ids added by several parts of a write once, after its own, in the order added", () => {
    const resident = new ResidentPostings(indexOf(new Map([['x', ['a', 'b']], ['y', ['c']]])).stored);
    expect(resident.idsOf('x')).toEqual(['a', 'b']);
    resident.add(new Map([['x', ['c']], ['z', ['d']]]));
    resident.add(new Map([['x', ['d', 'e']], ['z', ['e']]]));
    // The writes wait, untaken: y and the two writes.
    expect(resident.unparsed).toBe(3);
    expect(resident.terms).toBe(3);
    // Taken in: y, x's new ids beside its numbers, z.
    expect(resident.unparsed).toBe(3);
    expect(resident.parseUntil(Infinity)).toBe(false);
    expect(resident.unparsed).toBe(0);
    expect(resident.idsOf('x')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(resident.idsOf('z')).toEqual(['d', 'e']);
    expect(resident.rank([{ term: 'x', df: 5, weight: 1 }, { term: 'z', df: 2, weight: 2 }], 3)).toEqual(['d', 'e', 'a']);
  });

  it('sums the weights of a term that lies in several chunks once per id', () => {
    const ids = Array.from({ length: 600 }, (_, i) => `id${i}`);
    const resident = new ResidentPostings(indexOf(new Map([['long', ids], ['short', ['id599', 'id3']]])).stored);
    const query: QueryTerm[] = [
      { term: 'long', df: 600, weight: 1 },
      { term: 'short', df: 2, weight: 2 },
    ];
    expect(resident.rank(query, 3)).toEqual(['id3', 'id599', 'id0']);
    // Asked again, the parsed ids give the same (scores start from nothing each time).
    expect(resident.rank(query, 3)).toEqual(['id3', 'id599', 'id0']);
    expect(resident.idsOf('long')).toEqual(ids);
  });

  it("takes a write's postings in a slice at a time while parsing, and ranks as rankCandidates with them before and between", () => {
    const random = randomFrom(17);
    const { stored, plain } = indexOf(randomIndex(random, 300, 2000));
    const resident = new ResidentPostings(stored);
    while (resident.parseUntil(Infinity));
    // Writes of many terms each: a slice past its deadline stops within one.
    for (let write = 0; write < 3; write++) {
      const added = new Map<string, string[]>();
      for (let t = 0; t < 2000; t++) {
        const id = `w${write}-${t}`;
        const term = `t${t % 350}-${write}`;
        added.set(term, [...(added.get(term) ?? []), id]);
        plain.set(term, [...(plain.get(term) ?? []), id]);
      }
      resident.add(added);
    }
    expect(resident.unparsed).toBe(3);
    expect(resident.parseUntil(0)).toBe(true);
    // Some of the first write taken in, none parsed: the three writes still wait.
    expect(resident.unparsed).toBeGreaterThan(3);
    const query: QueryTerm[] = [...Array(40).keys()].map((t) => ({ term: `t${t * 7}-${t % 3}`, df: 2, weight: 1 + (t % 4) }));
    expect(resident.rank(query, 50)).toEqual(rankCandidates(query, plain, 50));
    while (resident.parseUntil(0));
    expect(resident.unparsed).toBe(0);
    for (const [term, ids] of plain) expect(resident.idsOf(term), term).toEqual(ids);
  });

  it('stops a slice inside a long term, and ranks as rankCandidates and holds its ids in order with a write added meanwhile', () => {
    const random = randomFrom(19);
    const plain = randomIndex(random, 50, 5000);
    // Far longer than the ids numbered between two looks at the clock (a frequent term of a 50,000 corpus holds ~13,000).
    const long = Array.from({ length: 12_000 }, (_, i) => `long-${i}`);
    plain.set('long', long);
    const resident = new ResidentPostings(indexOf(new Map([['long', long], ...plain]) as Map<string, string[]>).stored);
    const query: QueryTerm[] = [
      { term: 'long', df: long.length, weight: 0.5 },
      { term: 't3', df: 1, weight: 2 },
    ];
    // Deadlines already past: the long term (the first) is numbered over several slices, not whole in the first.
    expect(resident.parseUntil(0)).toBe(true);
    expect(resident.parseUntil(0)).toBe(true);
    // A write under the long term while it is half numbered: its ids follow the stored ones.
    const added = ['new-1', 'long-5'];
    resident.add(new Map([['long', added]]));
    plain.set('long', [...long, ...added]);
    let slices = 2;
    while (resident.parseUntil(0) && resident.unparsed >= plain.size) slices++;
    expect(slices).toBeGreaterThanOrEqual(6);
    expect(resident.idsOf('t3')).toEqual(plain.get('t3'));
    expect(resident.rank(query, 20)).toEqual(rankCandidates(query, plain, 20));
    while (resident.parseUntil(0));
    expect(resident.unparsed).toBe(0);
    expect(resident.terms).toBe(plain.size);
    for (const [term, ids] of plain) expect(resident.idsOf(term), term).toEqual(ids);
  });

  it('parses the terms no lookup asked for a slice at a time, and ranks as rankCandidates before, between and after', () => {
    const random = randomFrom(13);
    const { stored, plain } = indexOf(randomIndex(random, 300, 2000));
    const resident = new ResidentPostings(stored);
    const check = () => {
      for (let lookup = 0; lookup < 20; lookup++) {
        const query = randomQuery(random, 300, 1 + Math.floor(random() * 40));
        expect(resident.rank(query, 50)).toEqual(rankCandidates(query, plain, 50));
      }
    };
    check();
    const left = resident.unparsed;
    expect(left).toBeGreaterThan(10);
    // A deadline already past: one term a slice.
    expect(resident.parseUntil(0)).toBe(true);
    expect(resident.unparsed).toBe(left - 1);
    check();
    while (resident.parseUntil(0));
    expect(resident.unparsed).toBe(0);
    expect(resident.parseUntil(Infinity)).toBe(false);
    expect(resident.terms).toBe(300);
    check();
    for (const [term, ids] of plain) expect(resident.idsOf(term), term).toEqual(ids);
  });
});
