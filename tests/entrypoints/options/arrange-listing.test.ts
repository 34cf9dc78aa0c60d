import { describe, expect, it, vi } from 'vitest';
import { addIds, arrangeListing, filterListing, matchingArticles, prepareFilterTexts, type ArrangedListing } from '../../../entrypoints/options/arrange-listing';
import type { ArticleSummary, StorySummary } from '../../../platform/protocol';

const summary = (id: string, outlet: string, title: string, url: string | null): ArticleSummary =>
  ({ id, outlet, title, url, date: null, language: 'en', source: 'import', addedAt: 0, length: 100, storyId: null }) as unknown as ArticleSummary;

/** The corpus manager's list as it was worked out in every render before: the reference for the order and the filter. */
function grouped(articles: ArticleSummary[], stories: StorySummary[], needle: string, alsoIds: readonly string[] = []) {
  const visible = needle ? new Set(articles.filter((a) => `${a.outlet} ${a.title} ${a.url ?? ''}`.toLowerCase().includes(needle)).map((a) => a.id)) : null;
  for (const id of alsoIds) visible?.add(id);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return stories
    .map((story) => {
      const ids = story.articleIds.filter((id) => byId.get(id) && (!visible || visible.has(id)));
      return { story, articles: ids.map((id) => byId.get(id)!), at: ids.map((id) => articles.indexOf(byId.get(id)!)) };
    })
    .filter((g) => g.articles.length > 0)
    .sort((x, y) => y.articles.length - x.articles.length);
}

/** The indices a mask shows. */
const shownIndices = (shown: Uint8Array) => [...shown.keys()].filter((k) => shown[k] === 1);

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
      expect(filterListing(listing, matchingArticles(listing, needle))).toEqual(grouped(articles, stories, needle));
    }
    expect(filterListing(listing, matchingArticles(listing, 'nothing like it'))).toEqual([]);
    // Typed a letter at a time, then one taken back and another typed: each the same as looked for afresh.
    for (const needle of ['p', 'pa', 'par', 'part 1', 'part', 'part 2', 'b', 'be', 'bbc', 'berlin']) {
      expect(filterListing(listing, matchingArticles(listing, needle))).toEqual(grouped(articles, stories, needle));
    }
  });

  it('keeps a story the filter keeps whole as the same group, so its section is not rendered again', async () => {
    const listing = await arrangeListing(articles, stories);
    const kept = filterListing(listing, matchingArticles(listing, 'berlin'));
    const whole = listing.groups.filter((g) => g.articles.every((a) => a.title.includes('Berlin')));
    expect(whole.length).toBeGreaterThan(0);
    for (const g of whole) expect(kept).toContain(g);
    const partial = filterListing(listing, matchingArticles(listing, 'part 0'));
    expect(partial.find((g) => g.story.id === 's1')!.articles).not.toBe(listing.groups.find((g) => g.story.id === 's1')!.articles);
  });

  it('makes the filter texts ahead in slices, and filters the same with them half made', async () => {
    const many: ArticleSummary[] = Array.from({ length: 3000 }, (_, i) => summary(`m${i}`, i % 2 ? 'BBC News' : 'Le Monde', `Item ${i}`, null));
    const listing = await arrangeListing(many, [{ id: 'all', articleIds: many.map((a) => a.id) }]);
    let pauses = 0;
    let firstPause: number | null = null;
    // A clock that moves 10 ms at each look: a slice is due every other look.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 10));
    try {
      await prepareFilterTexts(listing, async () => {
        firstPause ??= listing.haystacks!.length;
        pauses++;
      });
    } finally {
      now.mockRestore();
    }
    expect(listing.haystacks).toHaveLength(3000);
    expect(pauses).toBeGreaterThan(0);
    expect(firstPause).toBeLessThan(3000);
    // Half made, as when a reader types before they are done: the rest is made then.
    listing.haystacks!.length = 1200;
    expect(shownIndices(matchingArticles(listing, 'item 2999'))).toEqual([2999]);
    expect(listing.haystacks).toHaveLength(3000);
  });

  it('adds the ids the text search found to the filter, named or as all but those named, passing over ids the listing does not hold', async () => {
    const listing: ArrangedListing = await arrangeListing(articles, stories);
    const textIds = ['a3-0', 'a7-1', 'gone-since', 'loose'];
    expect(filterListing(listing, addIds(listing, matchingArticles(listing, 'berlin'), textIds))).toEqual(grouped(articles, stories, 'berlin', textIds));
    // All but some: every article shows but those named that the titles do not match either.
    const allBut = ['a0-0', 'a1-0', 'a2-1', 'a10-0', 'gone-since'];
    const others = articles.map((a) => a.id).filter((id) => !allBut.includes(id));
    expect(filterListing(listing, addIds(listing, matchingArticles(listing, 'berlin'), allBut, true))).toEqual(grouped(articles, stories, 'berlin', others));
    // a0-0 and a10-0 are Berlin stories' (kept by their titles); a1-0 and a2-1 are not.
    const shown = addIds(listing, matchingArticles(listing, 'berlin'), allBut, true);
    expect(['a0-0', 'a10-0', 'a1-0', 'a2-1'].map((id) => shown[listing.indexOf.get(id)!])).toEqual([1, 1, 0, 0]);
  });

  it('answers the same needle again from its last mask, a copy each time, without looking through the texts again', async () => {
    const listing = await arrangeListing(articles, stories);
    const first = matchingArticles(listing, 'berlin');
    const reference = shownIndices(first);
    expect(reference.length).toBeGreaterThan(0);
    // Were the texts looked through again, this match would now be dropped.
    listing.haystacks![reference[0]] = 'elsewhere';
    first.fill(1);
    expect(shownIndices(matchingArticles(listing, 'berlin'))).toEqual(reference);
    // Another needle looks again.
    expect(shownIndices(matchingArticles(listing, 'berli'))).toEqual(reference.slice(1));
  });

  it('keeps a story the filter keeps in part as the last filter kept it as the same group, and makes a new one where that changed', async () => {
    const listing = await arrangeListing(articles, stories);
    const s1 = (groups: ReturnType<typeof filterListing>) => groups.find((g) => g.story.id === 's1')!;
    // 'part 0' and 'part 0 ' keep the same one of s1's four articles: the same group, the same articles array.
    const first = filterListing(listing, matchingArticles(listing, 'part 0'));
    expect(s1(first).articles.length).toBeLessThan(listing.groups.find((g) => g.story.id === 's1')!.articles.length);
    const again = filterListing(listing, matchingArticles(listing, 'part 0 '));
    expect(s1(again)).toBe(s1(first));
    expect(again).toEqual(grouped(articles, stories, 'part 0 '));
    // One more of s1's articles shown (the text search found it): a new group, with it.
    const more = filterListing(listing, addIds(listing, matchingArticles(listing, 'part 0 '), ['a1-1']));
    expect(s1(more)).not.toBe(s1(first));
    expect(more).toEqual(grouped(articles, stories, 'part 0 ', ['a1-1']));
  });
});
