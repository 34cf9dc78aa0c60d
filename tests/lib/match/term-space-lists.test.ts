import { describe, expect, it } from 'vitest';
import { analyse, articleFeatures, type SentenceFeatures } from '../../../lib/match/features';
import { SIMILARITY, TermSpace } from '../../../lib/match/term-space';
import { loadSeeds } from '../../helpers/seeds';

const sentencesOf = (text: string, language = 'de') => analyse({ text, language }).sentences;

/** What a space makes of a list: each term's key and compound parts, each content sentence's vector. */
function viewOf(space: TermSpace, list: SentenceFeatures[]) {
  const terms = [...new Set(list.flatMap((s) => s.terms))];
  return {
    keys: terms.map((t) => space.key(t)),
    parts: terms.map((t) => space.split(space.key(t))),
    vectors: list.map((s) => (s.content ? space.vector(s) : null)).map((v) => v && { ids: v.ids, ws: v.ws, norm: v.norm }),
  };
}

describe('TermSpace over a pair of lists', () => {
  // A pair's space looks terms up in each list's own vocabulary (made once per list); three lists or more, in their union.
  it('folds, splits and weighs as the space over their union does', () => {
    // An empty third list changes no frequency, and with no discount of terms every outlet uses, no weight.
    expect(SIMILARITY.storyTerm).toBe(0);
    const seeds = loadSeeds().slice(0, 6).map((a) => articleFeatures(a).sentences);
    let compared = 0;
    for (let i = 0; i < seeds.length; i++)
      for (let j = 0; j < seeds.length; j++) {
        if (i === j) continue;
        const pair = new TermSpace([seeds[i], seeds[j]]);
        const union = new TermSpace([seeds[i], seeds[j], []]);
        // Vectors first in the same order in both: ids are given as terms are met.
        expect(viewOf(pair, seeds[i])).toEqual(viewOf(union, seeds[i]));
        expect(viewOf(pair, seeds[j])).toEqual(viewOf(union, seeds[j]));
        compared++;
      }
    expect(seeds.length).toBeGreaterThanOrEqual(4);
    expect(compared).toBe(seeds.length * (seeds.length - 1));
  });

  it('folds and splits a list met again against the vocabulary of the pair it is in now', () => {
    const a = sentencesOf('Der Kreml bestätigt die Friedensverhandlungen am Abend.');
    const withBoth = sentencesOf('Die Bestätigung kam spät. Verhandlungen über einen Frieden sollen beginnen.');
    const withNeither = sentencesOf('Die Opposition kritisierte den Haushalt der Stadt scharf.');
    const form = a[0].terms.find((t) => t.startsWith('bestatigt'))!;
    const noun = withBoth[0].terms.find((t) => t.startsWith('bestat'))!;
    const compound = a[0].terms.find((t) => t.startsWith('friedensverhandl'))!;
    for (let round = 0; round < 2; round++) {
      const joined = new TermSpace([a, withBoth]);
      expect(joined.key(form)).toBe(noun);
      expect(joined.split(compound)).toHaveLength(2);
      const apart = new TermSpace([a, withNeither]);
      expect(apart.key(form)).toBe(form);
      expect(apart.split(compound)).toHaveLength(0);
    }
  });
});
