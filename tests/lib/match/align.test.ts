import { describe, expect, it } from 'vitest';
import { align, alignCompared, bestMatches, compare, novelty, pageCoverage, simsOf } from '../../../lib/match/align';
import { analyse } from '../../../lib/match/features';

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
