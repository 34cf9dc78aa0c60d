import { describe, expect, it } from 'vitest';
import { align, bestMatches, novelty, pageCoverage } from '../../../lib/match/align';
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
