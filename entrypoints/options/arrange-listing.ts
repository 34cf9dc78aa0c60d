/**
 * The corpus list as the corpus manager shows it, worked out once per listing
 * instead of in every render: at 50,000 articles grouping the articles by
 * story and lower-casing what the filter looks in are tens of ms each, which made
 * the render that showed an import's result one long frame, and every
 * keystroke in the filter did them again.
 */
import type { ArticleSummary, StorySummary } from '../../platform/protocol';

export interface StoryGroup {
  story: StorySummary;
  /** The story's articles the list shows, in the story's order. */
  articles: ArticleSummary[];
}

export interface ArrangedListing {
  articles: ArticleSummary[];
  /** Each story with its listed articles (stories without any left out), in the background's order of stories. */
  groups: StoryGroup[];
  /** The same, most articles first (ties in the background's order): the list without a filter. */
  bySize: StoryGroup[];
  /** What the filter looks in, by the article's index in `articles`: outlet, title and address, lower-cased; made ahead (prepareFilterTexts) or on first use (filterTexts), the first ones first. */
  haystacks: string[] | null;
}

/** Work between two pauses of arrangeListing (ms). */
const SLICE_MS = 20;
/** Items between two looks at the clock. */
const CHECK_EVERY = 500;

/**
 * The listing arranged, with `pause` awaited every SLICE_MS (the page waits
 * for a frame there): at 50,000 articles this is 20–100 ms of work, the
 * first time colder than after.
 */
export async function arrangeListing(articles: ArticleSummary[], stories: readonly StorySummary[], pause: () => Promise<void> = async () => undefined): Promise<ArrangedListing> {
  let last = performance.now();
  const breathe = async (i: number) => {
    if (i % CHECK_EVERY !== 0 || performance.now() - last < SLICE_MS) return;
    await pause();
    last = performance.now();
  };
  const byId = new Map<string, ArticleSummary>();
  for (let i = 0; i < articles.length; i++) {
    byId.set(articles[i].id, articles[i]);
    await breathe(i);
  }
  const groups: StoryGroup[] = [];
  for (let i = 0; i < stories.length; i++) {
    const story = stories[i];
    const shown: ArticleSummary[] = [];
    for (const id of story.articleIds) {
      const a = byId.get(id);
      if (a) shown.push(a);
    }
    if (shown.length > 0) groups.push({ story, articles: shown });
    await breathe(i);
  }
  await pause();
  return { articles, groups, bySize: bySize(groups), haystacks: null };
}

/** The listing's texts for the filter, made once: the rest of them now, where prepareFilterTexts has not finished. */
export function filterTexts(listing: ArrangedListing): string[] {
  const texts = (listing.haystacks ??= []);
  for (let i = texts.length; i < listing.articles.length; i++) texts.push(haystack(listing.articles[i]));
  return texts;
}

/**
 * The filter's texts made ahead, with `pause` awaited every SLICE_MS (the page
 * waits for a frame there): ~50 ms of work at 50,000 articles, which was one
 * frame of its own after the list showed.
 */
export async function prepareFilterTexts(listing: ArrangedListing, pause: () => Promise<void>): Promise<void> {
  const texts = (listing.haystacks ??= []);
  let last = performance.now();
  while (texts.length < listing.articles.length) {
    texts.push(haystack(listing.articles[texts.length]));
    if (texts.length % CHECK_EVERY === 0 && performance.now() - last >= SLICE_MS) {
      await pause();
      last = performance.now();
    }
  }
}

const haystack = (a: ArticleSummary) => `${a.outlet} ${a.title} ${a.url ?? ''}`.toLowerCase();

/** The groups with only the articles in `visible` (null: all), most articles first. */
export function filterListing(listing: ArrangedListing, visible: ReadonlySet<string> | null): StoryGroup[] {
  if (!visible) return listing.bySize;
  const kept: StoryGroup[] = [];
  for (const g of listing.groups) {
    const shown = g.articles.filter((a) => visible.has(a.id));
    // A story kept whole is the same group, its articles the same array: its section is not rendered again (it is memoised).
    if (shown.length === g.articles.length) kept.push(g);
    else if (shown.length > 0) kept.push({ story: g.story, articles: shown });
  }
  return bySize(kept);
}

/**
 * The ids of the articles whose outlet, title or address contain `needle`
 * (lower-cased). A needle holding the last one asked for (a letter typed on)
 * is looked for only among the last one's matches: at 50,000 articles each
 * keystroke looked through every text again.
 */
export function matchingIds(listing: ArrangedListing, needle: string): Set<string> {
  const texts = filterTexts(listing);
  const last = lastMatches.get(listing);
  const found: number[] = [];
  if (last && needle.includes(last.needle)) {
    for (const i of last.found) if (texts[i].includes(needle)) found.push(i);
  } else {
    for (let i = 0; i < texts.length; i++) if (texts[i].includes(needle)) found.push(i);
  }
  lastMatches.set(listing, { needle, found });
  const ids = new Set<string>();
  for (const i of found) ids.add(listing.articles[i].id);
  return ids;
}

/** Each listing's last needle and the indices it matched. */
const lastMatches = new WeakMap<ArrangedListing, { needle: string; found: number[] }>();

// Array.prototype.sort is stable: ties keep the background's order.
const bySize = (groups: StoryGroup[]): StoryGroup[] => [...groups].sort((x, y) => y.articles.length - x.articles.length);
