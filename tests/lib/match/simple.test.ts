import { describe, expect, it } from 'vitest';
import { annotateSimple } from '../../../lib/match/simple';
import { makeArticle } from '../../../lib/corpus/make-article';
import { loadSeeds } from '../../helpers/seeds';

describe('annotateSimple (the first matcher)', () => {
  const seeds = loadSeeds();

  it.each(seeds.map((s) => [s.file!, s] as const))('compares seed %s with the four other outlets, never itself', (_file, seed) => {
    const result = annotateSimple({ text: seed.raw.slice(seed.bodyStart), language: 'de' }, seeds);
    expect(result.story.match).toBe('same');
    expect(result.outlets.map((o) => o.doc).sort()).toEqual(seeds.filter((s) => s !== seed).map((s) => s.file).sort());
    const agreeing = result.sentences.filter((s) => Object.values(s.relations).some((r) => r.relation === 'agree'));
    expect(agreeing.length).toBeGreaterThan(3);
  });

  it('cites only the reporting text of other outlets', () => {
    const page = seeds[0];
    const result = annotateSimple({ text: page.raw, language: 'de' }, seeds);
    for (const sentence of result.sentences) {
      for (const [doc, relation] of Object.entries(sentence.relations)) {
        const article = seeds.find((s) => s.file === doc)!;
        for (const [start, end] of relation.evidence ?? []) {
          expect(article.nonReporting.some((r) => r.start < end && r.end > start)).toBe(false);
        }
      }
    }
  });

  it('finds nothing for an unrelated article or an empty page', () => {
    const unrelated = makeArticle({
      id: 'x',
      source: 'user',
      raw: 'Der VfB Stuttgart hat das Pokalfinale in Berlin mit 4:2 gegen Arminia Bielefeld gewonnen. Die Fans feierten bis in die Nacht. Der Trainer lobte die Mannschaft nach dem Spiel im Olympiastadion.',
    });
    expect(annotateSimple({ text: unrelated.raw, language: 'de' }, seeds).story.match).toBe('none');
    expect(annotateSimple({ text: '', language: 'de' }, seeds)).toMatchObject({ story: { match: 'none' }, sentences: [] });
  });

  it('excludes an article with the same URL as the page', () => {
    const withUrl = seeds.map((s, i) => (i === 1 ? { ...s, url: 'https://example.org/a' } : s));
    const page = withUrl[1];
    const result = annotateSimple({ text: page.raw.slice(0, 2000), url: 'https://example.org/a', language: 'de' }, withUrl);
    expect(result.outlets.map((o) => o.doc)).not.toContain(page.file);
  });
});
