import { describe, expect, it } from 'vitest';
import { makeArticle } from '../../../lib/article/make-article';
import { containment, findDuplicate, NEAR_DUPLICATE, shingles, textKey } from '../../../lib/article/duplicate';
import { loadSeeds } from '../../helpers/seeds';

const article = (raw: string, id = 'x') => makeArticle({ id, raw, source: 'user' });

describe('findDuplicate', () => {
  const seeds = loadSeeds();

  it('finds the same text, whatever its case and line breaks', () => {
    const body = seeds[2].raw.slice(seeds[2].bodyStart);
    const copy = article(`${body.replace(/Putin/g, 'PUTIN').replace(/\n/g, '\n\n')}\n`);
    expect(textKey(copy)).toBe(textKey(seeds[2]));
    expect(findDuplicate(copy, seeds)?.id).toBe(seeds[2].id);
  });

  it('finds a near copy: the stored text with a teaser, a caption and a sentence less', () => {
    const body = seeds[0].raw.slice(seeds[0].bodyStart);
    const sentences = body.split(/(?<=\.)\s+/);
    const copy = article(`Lesen Sie auch: Das Wetter am Wochenende.\n\n${sentences.slice(1).join(' ')}\n\nFoto: dpa`);
    expect(findDuplicate(copy, seeds)?.id).toBe(seeds[0].id);
    // Where only the same text counts (a pasted text, an import), the near copy is not one.
    expect(findDuplicate(copy, seeds, { near: false })).toBeNull();
  });

  it('never calls two outlets’ reports of one story copies of each other', () => {
    for (const a of seeds) {
      expect(findDuplicate(a, seeds.filter((b) => b.id !== a.id))).toBeNull();
      for (const b of seeds) if (a !== b) expect(containment(shingles(a), shingles(b))).toBeLessThan(NEAR_DUPLICATE / 2);
    }
  });

  it('does not judge a few words as a near copy', () => {
    const short = article('Trump und Putin telefonierten am Mittwoch.');
    expect(findDuplicate(short, seeds)).toBeNull();
    expect(findDuplicate(short, [article('Trump und Putin telefonierten am Mittwoch.', 'y')])?.id).toBe('y');
  });
});
