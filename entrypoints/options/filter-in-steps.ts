/**
 * The corpus manager's filter worked out in steps, each in a task of its own
 * with a frame drawn between (the caller's `pause`): at the bench's 50,000
 * articles a letter typed found the matching articles, grouped the stories and
 * rendered the list in one task, a frame of 150–180 ms in Chromium (a probe on
 * a kept 50,000 profile), where each step alone is a fraction of it. A filter changed meanwhile (`stale`) stops it.
 */
import { addIds, filterListing, matchingArticles, type ArrangedListing, type StoryGroup } from './arrange-listing';
import { measure } from '../../platform/timing';

/** The text search's answer for a query (see addIds). */
export interface TextMatches {
  query: string;
  ids: string[];
  allBut: boolean;
}

/**
 * The groups the list shows for `filter` (as typed: trimmed here), with the
 * text search's answer where it is for the same query; null when `stale()`
 * said so at a pause (nothing of it is kept).
 */
export async function filterInSteps(
  listing: ArrangedListing,
  filter: string,
  textMatches: TextMatches | null,
  pause: () => Promise<void>,
  stale: () => boolean,
): Promise<StoryGroup[] | null> {
  const query = filter.trim();
  if (!query) return filterListing(listing, null);
  // The e2e build names the steps (crossread:filter-match, filter-group), so the bench's stutters say which one they held.
  const lap = performance.now();
  const found = matchingArticles(listing, query.toLowerCase());
  const shown = textMatches?.query === query ? addIds(listing, found, textMatches.ids, textMatches.allBut) : found;
  measure('crossread:filter-match', lap);
  await pause();
  if (stale()) return null;
  const start = performance.now();
  const groups = filterListing(listing, shown);
  measure('crossread:filter-group', start);
  // The list's render (its pieces, their places, the sections new on screen) in a frame of its own too.
  await pause();
  return stale() ? null : groups;
}
