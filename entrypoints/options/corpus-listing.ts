/**
 * The corpus list for the corpus manager, asked for a page of articles at a
 * time ('crossread:list-articles' with a pageSize): at 50,000 articles the
 * whole list is a ~15 MB reply, which the browser parses in one task on this
 * page's thread (a frame of ~400 ms at the end of an import); pages of 2,000
 * are tasks of a few tens of ms. The background reads the corpus once for the
 * first page and hands out the rest of that listing.
 */
import type { ArticleSummary, Failure, Payload, Reply, StorySummary } from '../../platform/protocol';

type AskPage = (payload: Payload<'crossread:list-articles'>) => Promise<Reply<'crossread:list-articles'>>;

/** Articles a page: a page's reply is read in one task here (~1.5 MB at 5,000, the end of an import at 50,000 had frames of 90–140 ms with no script in them). */
export const LIST_PAGE_SIZE = 2_000;
/**
 * Articles a page in Firefox: there the background page shares this page's thread, so a reply is cloned twice on it
 * (written by the background, read here), and a page of 2,000 (with the first page's stories) held it 244–375 ms under
 * load (a quiet run's longest frame after an import, 223 ms, came from these).
 */
export const FIREFOX_LIST_PAGE_SIZE = 500;

/** The page size for this build's browser. */
export const listPageSize = (firefox: boolean = import.meta.env.FIREFOX === true): number => (firefox ? FIREFOX_LIST_PAGE_SIZE : LIST_PAGE_SIZE);
/** Starts over at most this often when another listing takes the background's place meanwhile. */
const MAX_ATTEMPTS = 3;

export interface CorpusListing {
  ok: true;
  generation: number;
  articles: ArticleSummary[];
  stories: StorySummary[];
}

export async function corpusListing(askPage: AskPage, pageSize = listPageSize()): Promise<CorpusListing | Failure> {
  attempts: for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const first = await askPage({ pageSize });
    if (!first.ok) return first;
    const articles = first.articles;
    // The stories come in pages too, each page its share.
    const stories = first.stories;
    for (let next = first.next; next !== null; ) {
      const page = await askPage({ from: next, pageSize, listing: first.listing });
      if (!page.ok) return page;
      if (page.listing !== first.listing) continue attempts;
      for (const a of page.articles) articles.push(a);
      for (const story of page.stories) stories.push(story);
      next = page.next;
    }
    return { ok: true, generation: first.generation, articles, stories };
  }
  // Listings kept interrupting each other (two corpus managers listing at once): the whole list in one reply.
  const whole = await askPage({});
  return whole.ok ? { ok: true, generation: whole.generation, articles: whole.articles, stories: whole.stories } : whole;
}
