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
  /** Each of those articles' index in the listing's `articles`, in the same order: the filter reads its mask by them. */
  at: number[];
}

/**
 * Which articles the filter shows, by their index in the listing's `articles`
 * (1: shown). A mask rather than a set of ids: at 50,000 articles a letter
 * typed made sets of ~50,000 ids (the title matches, the text search's, their
 * union) and looked every listed article up in one, 100–300 ms of script a
 * keystroke in Node; the mask's are ~1 ms.
 */
export type Shown = Uint8Array;

export interface ArrangedListing {
  articles: ArticleSummary[];
  /** Each story with its listed articles (stories without any left out), in the background's order of stories. */
  groups: StoryGroup[];
  /** The same, most articles first (ties in the background's order): the list without a filter. */
  bySize: StoryGroup[];
  /** What the filter looks in, by the article's index in `articles`: outlet, title and address, lower-cased; made ahead (prepareFilterTexts) or on first use (filterTexts), the first ones first. */
  haystacks: string[] | null;
  /** Article id → its index in `articles`: the text search's ids become a mask through it. */
  indexOf: Map<string, number>;
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
  const indexOf = new Map<string, number>();
  for (let i = 0; i < articles.length; i++) {
    indexOf.set(articles[i].id, i);
    await breathe(i);
  }
  const groups: StoryGroup[] = [];
  for (let i = 0; i < stories.length; i++) {
    const story = stories[i];
    const shown: ArticleSummary[] = [];
    const at: number[] = [];
    for (const id of story.articleIds) {
      const k = indexOf.get(id);
      if (k !== undefined) {
        shown.push(articles[k]);
        at.push(k);
      }
    }
    if (shown.length > 0) groups.push({ story, articles: shown, at });
    await breathe(i);
  }
  await pause();
  return { articles, groups, bySize: bySize(groups), haystacks: null, indexOf };
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

/** The groups with only the articles `visible` shows (null: all), most articles first. */
export function filterListing(listing: ArrangedListing, visible: Shown | null): StoryGroup[] {
  if (!visible) return listing.bySize;
  const kept: StoryGroup[] = [];
  const before = lastParts.get(listing);
  const parts = new Map<StorySummary, StoryGroup>();
  for (const g of listing.groups) {
    let n = 0;
    for (const k of g.at) n += visible[k];
    // A story kept whole is the same group, its articles the same array: its section is not rendered again (it is memoised).
    if (n === g.at.length) kept.push(g);
    else if (n > 0) {
      // Kept in part as by the last filter (a letter typed on that drops none of its articles, the text search's answer
      // that adds none): the last group again, so its section is not rendered again either.
      const last = before?.get(g.story);
      const part = last && last.at.length === n && last.at.every((k) => visible[k] === 1) ? last : partOf(listing, g, visible);
      parts.set(g.story, part);
      kept.push(part);
    }
  }
  lastParts.set(listing, parts);
  return bySize(kept);
}

/** The group of `g`'s articles `visible` shows. */
function partOf(listing: ArrangedListing, g: StoryGroup, visible: Shown): StoryGroup {
  const at = g.at.filter((k) => visible[k] === 1);
  return { story: g.story, articles: at.map((k) => listing.articles[k]), at };
}

/** Each listing's stories the last filter kept in part, by story. */
const lastParts = new WeakMap<ArrangedListing, Map<StorySummary, StoryGroup>>();

/**
 * The text search's answer as a mask over the listing, added to `shown`: its
 * ids, or where `allBut`, every article but them (the background answers so
 * when most articles match, as for one letter typed: a few ids instead of
 * ~50,000). Ids the listing does not hold (changed since) are passed over.
 */
export function addIds(listing: ArrangedListing, shown: Shown, ids: readonly string[], allBut = false): Shown {
  if (!allBut) {
    for (const id of ids) {
      const k = listing.indexOf.get(id);
      if (k !== undefined) shown[k] = 1;
    }
    return shown;
  }
  const left = new Uint8Array(shown.length).fill(1);
  for (const id of ids) {
    const k = listing.indexOf.get(id);
    if (k !== undefined) left[k] = 0;
  }
  for (let k = 0; k < shown.length; k++) shown[k] |= left[k];
  return shown;
}

/**
 * The articles whose outlet, title or address contain `needle` (lower-cased),
 * as a mask of their own. A needle holding the last one asked for (a letter
 * typed on) is looked for only among the last one's matches: at 50,000
 * articles each keystroke looked through every text again.
 */
export function matchingArticles(listing: ArrangedListing, needle: string): Shown {
  const texts = filterTexts(listing);
  const last = lastMatches.get(listing);
  // The same needle again (the text search's answer arrived): the last mask, copied (the caller adds to it). A look through
  // the last matches again was ~50 ms of the manager's script in the traced 50,000 bench, over its keystrokes.
  if (last?.needle === needle) return last.shown.slice();
  const found: number[] = [];
  if (last && needle.includes(last.needle)) {
    for (const i of last.found) if (texts[i].includes(needle)) found.push(i);
  } else {
    for (let i = 0; i < texts.length; i++) if (texts[i].includes(needle)) found.push(i);
  }
  const shown = new Uint8Array(listing.articles.length);
  for (const i of found) shown[i] = 1;
  lastMatches.set(listing, { needle, found, shown });
  return shown.slice();
}

/** Each listing's last needle, the indices it matched and its mask. */
const lastMatches = new WeakMap<ArrangedListing, { needle: string; found: number[]; shown: Shown }>();

// Array.prototype.sort is stable: ties keep the background's order.
const bySize = (groups: StoryGroup[]): StoryGroup[] => [...groups].sort((x, y) => y.articles.length - x.articles.length);
