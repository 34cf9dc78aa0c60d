import { describe, expect, it } from 'vitest';
import { compare } from '../../../lib/match/align';
import { analysePage } from '../../../lib/match/annotate';
import { articleFeatures, type ArticleFeatures } from '../../../lib/match/features';
import { DEFAULT_STORY_THRESHOLDS, firstLook, judgeIfSame, judgeStory, mayBeSame } from '../../../lib/match/story';
import { loadSeeds } from '../../helpers/seeds';
import { article, BRIDGE } from './fixtures';

const page = analysePage({ text: BRIDGE.page, date: '2025-03-10', language: 'de' }).features;
const of = (id: string, raw: string, date: string | null = null) => articleFeatures(article(id, raw, { date }));

describe('judgeIfSame: story choice compares sentences only where they can decide "same"', () => {
  it('rules out a related report (the same people at another event) without its judgement', () => {
    const related = of('r', BRIDGE.related, '2025-03-10');
    // The first look leaves it to the sentences; its salient share alone cannot reach the same event.
    expect(firstLook(page, related)).toBeNull();
    expect(judgeStory(page, related).match).toBe('related');
    expect(mayBeSame(compare(page, [related]), 0)).toBe(false);
    expect(judgeIfSame(page, related)).toBeNull();
  });

  it('rules out the same text dated apart, which judgeStory calls related', () => {
    const apart = of('b', BRIDGE.sameB, '2024-06-01');
    expect(judgeStory(page, apart).match).toBe('related');
    expect(judgeIfSame(page, apart)).toBeNull();
  });

  it('gives judgeStory\'s judgement, score and signals included, where it compares', () => {
    const same = of('b', BRIDGE.sameB, '2025-03-10');
    expect(judgeIfSame(page, same)).toEqual(judgeStory(page, same));
    expect(judgeIfSame(page, same)?.match).toBe('same');
  });

  it('keeps a report that only its shared figures make the same event', () => {
    const vote = analysePage({
      language: 'de',
      text: 'Petra Keller gewinnt die Stichwahl in Lindenau. In der Stichwahl am Sonntag erhielt Keller 56,4 Prozent der Stimmen. Ihr Gegner Jan Brand kam in Lindenau auf 43,6 Prozent und wollte den Hafen verkaufen. Die Wahlbeteiligung lag bei nur 38 Prozent. Keller will als Erstes den alten Hafen sanieren lassen.',
    }).features;
    const terse = of('c', 'Die Herausforderin gewann in Lindenau mit 56,4 gegen 43,6 Prozent. Bei 38 Prozent Beteiligung blieb es ruhig. Ein wichtiger Punkt für die Stadt bleibt das Rathaus.');
    expect(judgeStory(vote, terse).match).toBe('same');
    // Its salient share is below sameSalient: only the figures let it through.
    expect(judgeStory(vote, terse).salientShare).toBeLessThan(DEFAULT_STORY_THRESHOLDS.sameSalient);
    expect(judgeIfSame(vote, terse)).toEqual(judgeStory(vote, terse));
    expect(judgeIfSame(vote, terse, { ...DEFAULT_STORY_THRESHOLDS, sameFigures: 99 })).toBeNull();
  });

  it('is null only where judgeStory is not "same", and judgeStory itself elsewhere, over every pair of the seeds and fixtures', () => {
    const all: ArticleFeatures[] = [
      ...loadSeeds().map((a) => articleFeatures(a)),
      page,
      of('b', BRIDGE.sameB, '2025-03-10'),
      of('c', BRIDGE.sameC, '2025-03-11'),
      of('r', BRIDGE.related, '2025-11-20'),
      of('r2', BRIDGE.related, '2025-03-10'),
      of('o', BRIDGE.other, '2025-03-10'),
    ];
    let ruledOut = 0;
    let judged = 0;
    for (const a of all)
      for (const b of all) {
        if (a === b || firstLook(a, b)) continue;
        const j = judgeIfSame(a, b);
        const full = judgeStory(a, b);
        if (j === null) {
          ruledOut++;
          expect(full.match).not.toBe('same');
        } else {
          judged++;
          expect(j).toEqual(full);
        }
      }
    expect(ruledOut).toBeGreaterThan(0);
    expect(judged).toBeGreaterThan(0);
  });
});
