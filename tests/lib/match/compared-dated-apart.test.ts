import { describe, expect, it } from 'vitest';
import { analysePage, annotate, annotateInSteps, articlesInHand } from '../../../lib/match/annotate';
import { articleFeatures } from '../../../lib/match/features';
import { glanceQuickShare } from '../../../lib/match/glance';
import { quickJudgement } from '../../../lib/match/story';
import { article, BRIDGE } from './fixtures';

/** The page's story, reported on the page's day. */
const page = { text: BRIDGE.page, date: '2025-03-10', language: 'de' };
/** The same words dated months later: another occurrence, related at most. */
const apartB = article('b', BRIDGE.sameB, { date: '2025-11-20' });
const apartC = article('c', BRIDGE.sameC, { date: '2025-11-21' });

/** The full records `annotateInSteps` asks for at its first step, or null where it asks for none. */
function firstWanted(corpus: ReturnType<typeof article>[]): string[] | null {
  const { glances } = articlesInHand(corpus, articleFeatures);
  const step = annotateInSteps(page, glances, { storyOnly: true, storyOf: (a) => a.id }).next();
  return step.done ? null : step.value.glances.map((g) => g.id).sort();
}

describe('candidates dated apart from the page and the comparison', () => {
  it('compares none where every candidate left to compare is dated apart, and judges each on its glance', () => {
    expect(firstWanted([apartB, apartC])).toBeNull();
    const ann = annotate(page, [apartB, apartC], { storyOnly: true });
    const pf = analysePage(page).features;
    const { glances } = articlesInHand([apartB, apartC], articleFeatures);
    // What the glance says: the same words, so related (a look-alike), never the same story.
    expect(ann.story.match).toBe('related');
    for (const g of glances) {
      const quick = quickJudgement(glanceQuickShare(pf, g));
      expect(quick.match).toBe('related');
      expect(ann.storyReasons?.[g.head.file!]).toBe(`${quick.reason}, but dated apart`);
    }
  });

  it('still compares them beside a candidate that may be the page story: their texts weigh its terms', () => {
    const sameDay = article('s', BRIDGE.sameB, { date: '2025-03-10' });
    expect(firstWanted([sameDay, apartC])).toEqual(['c', 's']);
    const ann = annotate(page, [sameDay, apartC], { storyOnly: true });
    expect(ann.outlets.find((o) => o.doc === 's.txt')?.sameStory).toBe(true);
    expect(ann.storyReasons?.['c.txt']).toMatch(/dated apart/);
  });
});
