import { describe, expect, it } from 'vitest';
import { isSupportedLanguage } from '../../../lib/match/pipeline';
import { WARM_UP_PAIRS, warmUpSteps } from '../../../lib/match/warm-up';

describe('the engine warm-up', () => {
  it('has a pair for each language the engine supports', () => {
    expect(WARM_UP_PAIRS.map((p) => p.page.language).sort()).toEqual(['de', 'en']);
    for (const p of WARM_UP_PAIRS) expect(isSupportedLanguage(p.page.language!)).toBe(true);
  });

  it('takes every path of a page that reports a story: each pair is judged the same story, compared sentence by sentence and related', () => {
    const annotations = [...warmUpSteps()].filter((a) => a !== null);
    // Per language: the first look (story only), then the full request.
    expect(annotations).toHaveLength(2 * WARM_UP_PAIRS.length);
    annotations.forEach((a, i) => {
      expect(a.story.match).toBe('same');
      expect(a.outlets).toHaveLength(1);
      if (i % 2 === 0) expect(a.sentences).toEqual([]);
      else expect(a.sentences.some((s) => Object.keys(s.relations).length > 0)).toBe(true);
    });
  });

  it('yields between the steps, so that its caller can give the thread back', () => {
    // Per language: the page's tokens, the first look, the full request.
    expect([...warmUpSteps()]).toHaveLength(3 * WARM_UP_PAIRS.length);
  });
});
