import { describe, expect, it } from 'vitest';
import { groupStories } from '../../../lib/corpus/stories';
import type { Article } from '../../../lib/corpus/article';

const a = (id: string): Article => ({
  id, outlet: id.toUpperCase(), title: id, language: 'de', date: null, url: null, raw: id, bodyStart: 0, nonReporting: [], source: 'user', addedAt: 0,
});

describe('groupStories', () => {
  it('joins articles linked directly or through others, and leaves the rest alone', () => {
    const [x, y, z, w] = ['x', 'y', 'z', 'w'].map(a);
    const links: Record<string, Article[]> = { x: [y], y: [], z: [y], w: [] };
    const groups = groupStories([x, y, z, w], (article) => links[article.id]);
    expect(groups.map((g) => g.articles.map((s) => s.id))).toEqual([['x', 'y', 'z'], ['w']]);
  });

  it('ignores links to articles outside the list', () => {
    const groups = groupStories([a('x')], () => [a('elsewhere')]);
    expect(groups).toHaveLength(1);
  });
});
