import { describe, expect, it } from 'vitest';
import { articleFeatures } from '../../../lib/match/features';
import { analysePage } from '../../../lib/match/annotate';
import { datesConflict, dateSpan, isDuplicate, judgeStory } from '../../../lib/match/story';
import { article, BRIDGE } from './fixtures';

const page = analysePage({ text: BRIDGE.page, date: '2025-03-10', language: 'de' }).features;

describe('judgeStory', () => {
  it('judges another outlet telling the same event as the same story', () => {
    const j = judgeStory(page, articleFeatures(article('b', BRIDGE.sameB, { date: '2025-03-10' })));
    expect(j.match).toBe('same');
    expect(j.sharedPoints).toBeGreaterThanOrEqual(3);
  });

  it('does not take the same people at another event for the same story', () => {
    const j = judgeStory(page, articleFeatures(article('r', BRIDGE.related, { date: '2025-11-20' })));
    expect(j.match).toBe('related');
  });

  it('rules out the same event when the dates are far apart, however similar the text', () => {
    const j = judgeStory(page, articleFeatures(article('b', BRIDGE.sameB, { date: '2024-06-01' })));
    expect(j.dateConflict).toBe(true);
    expect(j.match).toBe('related');
  });

  it('finds nothing in common with another topic', () => {
    expect(judgeStory(page, articleFeatures(article('o', BRIDGE.other))).match).toBe('none');
  });

  it('does not compare across languages', () => {
    const english = articleFeatures(article('e', 'The mayor opened the new harbour bridge on Monday. It cost 42 million euros.', { language: 'en' }));
    expect(judgeStory(page, english).match).toBe('none');
  });
});

describe('dates', () => {
  it('reads partial dates as spans and allows a few days of reporting delay', () => {
    expect(dateSpan('2025-02')).toEqual([Date.UTC(2025, 1, 1), Date.UTC(2025, 1, 28)]);
    expect(datesConflict('2025-02-12', '2025-02-14', 3)).toBe(false);
    expect(datesConflict('2025-02-12', '2025-02-28', 3)).toBe(true);
    expect(datesConflict('2025-02', '2025-02-20', 3)).toBe(false);
    expect(datesConflict('2025-06', '2025-02-12', 3)).toBe(true);
    expect(datesConflict(null, '2025-02-12', 3)).toBe(false);
  });
});

describe('isDuplicate', () => {
  it('recognises the page itself by URL or by its text', () => {
    const same = articleFeatures(article('p', BRIDGE.page));
    expect(isDuplicate(page, same)).toBe(true);
    expect(isDuplicate(page, articleFeatures(article('b', BRIDGE.sameB)))).toBe(false);
  });
});
