import { describe, expect, it } from 'vitest';
import { align, alignCompared, bestMatch, bestMatches, bestTwo, compare, novelty, outletTermMask, pageCoverage, pageCoverer, simsAtLeast, simsOf } from '../../../lib/match/align';
import { analyse, articleFeatures } from '../../../lib/match/features';
import { loadSeeds } from '../../helpers/seeds';

const page = analyse({
  text: 'Die Hafenbrücke verbindet die Altstadt mit dem Hafenviertel. Radfahrer dürfen die Brücke ab sofort nutzen. Autos bleiben ausgeschlossen, sagte die Stadt.',
  language: 'de',
});
const other = analyse({
  text: 'Radfahrer können die neue Brücke ab sofort nutzen. Die Hafenbrücke ist 240 Meter lang und aus Stahl gebaut. Sie verbindet die Altstadt mit dem Hafenviertel.',
  language: 'de',
});

describe('align', () => {
  const al = align(page, [other]);

  it('finds for each page sentence the outlet sentence that makes its point', () => {
    expect(bestMatches(al, 0, 0, 0.1)[0].index).toBe(2);
    expect(bestMatches(al, 0, 1, 0.1)[0].index).toBe(0);
  });

  it('has no match for a point the outlet does not make', () => {
    expect(bestMatches(al, 0, 2, 0.2)).toEqual([]);
  });

  it('gives as its best match the first of the best matches that the test accepts, ties to the lower index', () => {
    const seeds = loadSeeds();
    const many = align(articleFeatures(seeds[0]), seeds.slice(1).map((s) => articleFeatures(s)));
    // Equal similarities too: one row whose every entry is the same.
    const tied = { ...al, sims: [[Float64Array.of(0.5, 0.3, 0.5, 0.5)]] };
    for (const [a, tests] of [
      [many, [0, 0.01, 0.05, 0.2, 0.25, 2]],
      [tied, [0, 0.4, 0.6]],
    ] as const)
      for (let o = 0; o < a.sims.length; o++)
        for (let i = 0; i < a.sims[o].length; i++)
          for (const min of tests)
            for (const accept of [undefined, (k: number) => k % 2 === 1, (k: number) => k > 1]) {
              const list = bestMatches(a, o, i, min);
              expect(bestMatch(a, o, i, min, accept)).toEqual((accept ? list.find((m) => accept(m.index)) : list[0]) ?? null);
            }
    expect(bestMatch(tied, 0, 0, 0)).toEqual({ index: 0, similarity: 0.5 });
    expect(bestMatch(tied, 0, 0, 0, (k) => k > 0)).toEqual({ index: 2, similarity: 0.5 });
  });

  it('gives as its best two the first two of the best matches that reach a share of their own closest similarity, ties to the lower index', () => {
    const seeds = loadSeeds();
    const many = align(articleFeatures(seeds[0]), seeds.slice(1).map((s) => articleFeatures(s)));
    const tied = { ...al, sims: [[Float64Array.of(0.5, 0.3, 0.5, 0.5)]] };
    let pairs = 0;
    for (const [a, tests] of [
      [many, [0, 0.01, 0.15, 0.25, 2]],
      [tied, [0, 0.4, 0.6]],
    ] as const)
      for (let o = 0; o < a.sims.length; o++) {
        // Each outlet sentence's highest similarity with any page sentence, as relate's competition reads it.
        const own = new Float64Array(a.sims[o][0].length);
        for (const row of a.sims[o]) row.forEach((x, k) => (own[k] = Math.max(own[k], x)));
        for (let i = 0; i < a.sims[o].length; i++)
          for (const min of tests)
            for (const share of [undefined, 0.7, 1]) {
              const list = bestMatches(a, o, i, min).filter((m) => share === undefined || m.similarity >= share * own[m.index]);
              const two = share === undefined ? bestTwo(a, o, i, min) : bestTwo(a, o, i, min, own, share);
              expect([two[0], two[1]]).toEqual([list[0]?.index ?? -1, list[1]?.index ?? -1]);
              if (list.length >= 2) pairs++;
            }
      }
    // Not only empty and single answers.
    expect(pairs).toBeGreaterThan(20);
    expect([...bestTwo(tied, 0, 0, 0)]).toEqual([0, 2]);
    expect([...bestTwo(tied, 0, 0, 0.4, Float64Array.of(0.5, 0.3, 0.9, 0.5), 1)]).toEqual([0, 3]);
  });

  it('measures what the page lacks of an outlet sentence', () => {
    expect(pageCoverage(al, 0, 1)).toBeLessThan(pageCoverage(al, 0, 2));
    expect(novelty(al, 0, 1).share).toBeGreaterThan(novelty(al, 0, 2).share);
    expect(novelty(al, 0, 1).terms).toBeGreaterThan(novelty(al, 0, 2).terms);
  });
});

describe('a comparison shared by the story judgements and the alignment', () => {
  const third = analyse({
    text: 'Die Stadt eröffnete am Montag die Hafenbrücke. Radfahrer und Fußgänger nutzen sie ab sofort. Autos bleiben ausgeschlossen, hieß es.',
    language: 'de',
  });

  it('aligns its outlets in any order as a fresh alignment of them would', () => {
    const c = compare(page, [other, third]);
    const reused = alignCompared(c, [third, other])!;
    const fresh = align(page, [third, other]);
    expect(reused.outlets).toEqual([third, other]);
    reused.sims.forEach((matrix, o) =>
      matrix.forEach((row, i) => row.forEach((sim, k) => expect(sim).toBeCloseTo(fresh.sims[o][i][k], 12))),
    );
    // The similarities a judgement computed are taken over, not computed again.
    expect(reused.sims[1]).toBe(simsOf(c, 0));
  });

  it('does not serve outlets that are not exactly its own: term weights depend on all of them', () => {
    const c = compare(page, [other, third]);
    expect(alignCompared(c, [other])).toBeNull();
    expect(alignCompared(c, [other, other])).toBeNull();
    expect(alignCompared(c, [other, page])).toBeNull();
    expect(alignCompared(c, [third, other])).not.toBeNull();
  });
});

describe('similarities a story judgement needs only from a bar on', () => {
  const [a, b, c] = loadSeeds().slice(0, 3).map((x) => articleFeatures(x));

  it('are exact from the bar, and simsOf completes the same matrix to what a fresh comparison gives', () => {
    const judged = compare(a, [b, c]);
    const fresh = compare(a, [b, c]);
    for (const o of [0, 1]) {
      const bounded = simsAtLeast(judged, o, 0.3);
      const exact = simsOf(fresh, o);
      bounded.forEach((row, i) => row.forEach((sim, k) => (exact[i][k] >= 0.3 ? expect(sim).toBe(exact[i][k]) : expect(sim).toBeLessThan(0.3))));
    }
    for (const o of [0, 1]) {
      const completed = simsOf(judged, o);
      // The matrix is completed in place, not computed again.
      expect(completed).toBe(simsAtLeast(judged, o, 0.3));
      expect(completed).toEqual(simsOf(fresh, o));
    }
  });
});

describe('pageCoverer', () => {
  it('gives every outlet sentence exactly its pageCoverage', () => {
    const [a, b, c] = loadSeeds().slice(0, 3).map((x) => articleFeatures(x));
    const al = align(a, [b, c]);
    const cover = pageCoverer(al);
    let covered = 0;
    al.outletVectors.forEach((vs, o) =>
      vs.forEach((_, k) => {
        expect(cover(o, k)).toBe(pageCoverage(al, o, k));
        if (cover(o, k) > 0 && al.outletVectors[o][k]) covered++;
      }),
    );
    expect(covered).toBeGreaterThan(10);
  });
});

describe('outletTermMask', () => {
  it('holds exactly the ids of the outlet vectors, made once per comparison and carried over, in order, by an alignment', () => {
    const [a, b, c] = loadSeeds().slice(0, 3).map((x) => articleFeatures(x));
    const cmp = compare(a, [b, c]);
    const masks = [0, 1].map((o) => outletTermMask(cmp, o));
    [0, 1].forEach((o) => {
      const ids = new Set(cmp.outletVectors[o].flatMap((v) => v?.ids ?? []));
      expect(ids.size).toBeGreaterThan(20);
      masks[o].forEach((held, id) => expect(held === 1).toBe(ids.has(id)));
      expect(outletTermMask(cmp, o)).toBe(masks[o]);
    });
    const swapped = alignCompared(cmp, [c, b])!;
    expect(outletTermMask(swapped, 0)).toBe(masks[1]);
    expect(outletTermMask(swapped, 1)).toBe(masks[0]);
  });
});
