import { describe, expect, it } from 'vitest';
import { arrangeListing, filterListing, matchingIds } from '../../../entrypoints/options/arrange-listing';
import type { ArticleSummary, StorySummary } from '../../../platform/protocol';

const summary = (id: string, outlet: string, title: string, url: string | null): ArticleSummary =>
  ({ id, outlet, title, url, date: null, language: 'en', source: 'import', addedAt: 0, length: 100, storyId: null }) as unknown as ArticleSummary;

/** The corpus manager's list as it was worked out in every render before: the reference for the order and the filter. */
function grouped(articles: ArticleSummary[], stories: StorySummary[], needle: string) {
  const visible = needle ? new Set(articles.filter((a) => `${a.outlet} ${a.title} ${a.url ?? ''}`.toLowerCase().includes(needle)).map((a) => a.id)) : null;
  const byId = new Map(articles.map((a) => [a.id, a]));
  return stories
    .map((story) => ({ story, articles: story.articleIds.flatMap((id) => (byId.get(id) && (!visible || visible.has(id)) ? [byId.get(id)!] : [])) }))
    .filter((g) => g.articles.length > 0)
    .sort((x, y) => y.articles.length - x.articles.length);
}

describe('arrangeListing', () => {
  // Stories of 1–4 articles, some ids listed in no story and some story ids with no article, outlets and titles that a filter splits.
  const articles: ArticleSummary[] = [];
  const stories: StorySummary[] = [];
  for (let s = 0; s < 40; s++) {
    const ids: string[] = [];
    for (let k = 0; k < 1 + ((s * 7) % 4); k++) {
      const id = `a${s}-${k}`;
      ids.push(id);
      if ((s + k) % 9 !== 5) articles.push(summary(id, ['Tagesschau', 'BBC News', 'Le Monde'][(s + k) % 3], `Story ${s} part ${k} ${s % 5 === 0 ? 'Berlin' : 'Paris'}`, k % 2 ? `https://example.org/${s}/${k}` : null));
    }
    stories.push({ id: `s${s}`, articleIds: ids });
  }
  articles.push(summary('loose', 'BBC News', 'In no story', null));
  it('groups and orders the stories as the list did: most articles first, ties in the background order', async () => {
    const listing = await arrangeListing(articles, stories);
    expect(filterListing(listing, null)).toEqual(grouped(articles, stories, ''));
  });

  it('filters as the list did, by outlet, title or address, case-insensitively', async () => {
    const listing = await arrangeListing(articles, stories);
    for (const needle of ['berlin', 'bbc', 'example.org/1', 'part 3', 'nothing like it']) {
      expect(filterListing(listing, matchingIds(listing, needle))).toEqual(grouped(articles, stories, needle));
    }
    expect(filterListing(listing, matchingIds(listing, 'nothing like it'))).toEqual([]);
  });
});
