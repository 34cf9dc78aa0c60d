import { describe, expect, it } from 'vitest';
import type { StoryGroup } from '../../../entrypoints/options/arrange-listing';
import { ROWS_PER_PIECE, storyPieces } from '../../../entrypoints/options/story-pieces';
import type { ArticleSummary, StorySummary } from '../../../platform/protocol';

/** A group of `n` articles (only the fields the pieces read). */
const group = (id: string, n: number): StoryGroup => {
  const articles = Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}` }) as unknown as ArticleSummary);
  return { story: { id, articleIds: articles.map((a) => a.id) } as unknown as StorySummary, articles, at: articles.map((_, i) => i) };
};

describe('storyPieces', () => {
  it('cuts a long story into pieces of at most the rows per piece, its heading piece first, every row in exactly one', () => {
    const long = group('long', 70);
    const pieces = storyPieces([long]);
    expect(pieces.map((p) => [p.from, p.to])).toEqual([
      [0, 12], [12, 24], [24, 36], [36, 48], [48, 60], [60, 70],
    ]);
    expect(ROWS_PER_PIECE).toBe(12);
    for (const p of pieces) {
      expect(p.group).toBe(long);
      expect(p.n).toBe(1);
    }
  });

  it('keeps a story of up to a piece whole, numbers the stories in their order, and takes another piece size', () => {
    const groups = [group('a', 12), group('b', 1), group('c', 5)];
    expect(storyPieces(groups).map((p) => [p.group.story.id, p.n, p.from, p.to])).toEqual([
      ['a', 1, 0, 12],
      ['b', 2, 0, 1],
      ['c', 3, 0, 5],
    ]);
    expect(storyPieces(groups, 4).map((p) => [p.group.story.id, p.n, p.from, p.to])).toEqual([
      ['a', 1, 0, 4], ['a', 1, 4, 8], ['a', 1, 8, 12],
      ['b', 2, 0, 1],
      ['c', 3, 0, 4], ['c', 3, 4, 5],
    ]);
  });
});
