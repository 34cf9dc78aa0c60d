import { describe, expect, it } from 'vitest';
import { addIds, arrangeListing, filterListing, matchingArticles } from '../../../entrypoints/options/arrange-listing';
import { filterInSteps } from '../../../entrypoints/options/filter-in-steps';
import type { ArticleSummary, StorySummary } from '../../../platform/protocol';

const summary = (id: string, outlet: string, title: string): ArticleSummary =>
  ({ id, outlet, title, url: null, date: null, language: 'en', source: 'import', addedAt: 0, length: 100, storyId: null }) as unknown as ArticleSummary;

/** Stories of 1–3 articles, titles a filter splits. */
function corpus() {
  const articles: ArticleSummary[] = [];
  const stories: StorySummary[] = [];
  for (let s = 0; s < 30; s++) {
    const ids: string[] = [];
    for (let k = 0; k < 1 + (s % 3); k++) {
      ids.push(`a${s}-${k}`);
      articles.push(summary(`a${s}-${k}`, ['Tagesschau', 'BBC News'][k % 2], `Story ${s} part ${k} ${s % 4 === 0 ? 'Berlin' : 'Paris'}`));
    }
    stories.push({ id: `s${s}`, articleIds: ids });
  }
  return { articles, stories };
}

describe('filterInSteps', () => {
  it('shows what the filter showed in one step, the text search’s answer added for its own query only', async () => {
    const { articles, stories } = corpus();
    const listing = await arrangeListing(articles, stories);
    const reference = await arrangeListing(articles, stories);
    const none = () => false;
    const pause = async () => undefined;
    for (const filter of ['Berlin', ' bbc ', 'part 2', 'nothing like it']) {
      expect(await filterInSteps(listing, filter, null, pause, none)).toEqual(filterListing(reference, matchingArticles(reference, filter.trim().toLowerCase())));
    }
    const text = { query: 'Berlin', ids: ['a1-0', 'a2-1'], allBut: false };
    const withText = filterListing(reference, addIds(reference, matchingArticles(reference, 'berlin'), text.ids));
    expect(await filterInSteps(listing, 'Berlin', text, pause, none)).toEqual(withText);
    expect(withText.some((g) => g.story.id === 's1')).toBe(true);
    // An answer for another query is left out.
    expect(await filterInSteps(listing, 'Berli', text, pause, none)).toEqual(filterListing(reference, matchingArticles(reference, 'berli')));
    // No filter: the whole list, at once.
    let paused = 0;
    expect(await filterInSteps(listing, '  ', null, async () => void paused++, none)).toBe(listing.bySize);
    expect(paused).toBe(0);
  });

  it('draws a frame after finding the matches and after grouping them, and stops where the filter changed meanwhile', async () => {
    const { articles, stories } = corpus();
    const listing = await arrangeListing(articles, stories);
    // Two pauses: after the matches, after the grouping (in one step before, none).
    const steps: string[] = [];
    const groups = await filterInSteps(listing, 'paris', null, async () => void steps.push(`pause ${steps.length}`), () => false);
    expect(groups!.length).toBeGreaterThan(0);
    expect(steps).toEqual(['pause 0', 'pause 1']);
    for (const at of [1, 2]) {
      let pauses = 0;
      const stopped = await filterInSteps(listing, 'story', null, async () => void pauses++, () => pauses >= at);
      expect(stopped).toBeNull();
      expect(pauses).toBe(at);
    }
  });
});
