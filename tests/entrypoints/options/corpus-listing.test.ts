import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { makeArticle } from '../../../lib/article/make-article';
import { corpusService } from '../../../services/corpus-service';
import { dispatch, type Payload, type Reply } from '../../../platform/protocol';
import { loadSeeds } from '../../helpers/seeds';
import { storesClosedAfterEachTest } from '../../helpers/stores';
import { corpusListing, FIREFOX_LIST_PAGE_SIZE, LIST_PAGE_SIZE, listPageSize } from '../../../entrypoints/options/corpus-listing';

vi.setConfig({ testTimeout: 60_000 });

const origin = 'chrome-extension://crossread/';
let n = 0;
const open = storesClosedAfterEachTest();

async function service() {
  const store = await open(`listing-${n++}`);
  await store.ensureSeeds(loadSeeds());
  let ids = 0;
  const handlers = corpusService({ store: async () => store, seeds: loadSeeds, changed: async () => undefined, progress: () => undefined, newId: () => `id-${ids++}` });
  const asked: Array<Payload<'crossread:list-articles'>> = [];
  const ask = (payload: Payload<'crossread:list-articles'>) => {
    asked.push(payload);
    return dispatch({ ...payload, type: 'crossread:list-articles' }, { url: `${origin}options.html` }, handlers, origin) as Promise<Reply<'crossread:list-articles'>>;
  };
  return { store, handlers, ask, asked };
}

const extra = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    makeArticle({ id: `extra-${i}`, raw: `Meldung ${i}: Der Gemeinderat von Beispielstadt ${i} tagte lange.`, outlet: `Blatt ${i % 3}`, source: 'user', addedAt: i }),
  );

describe('the corpus list a page at a time', () => {
  it('gives the same list as one reply, in pages, reading the corpus once', async () => {
    const { store, ask, asked } = await service();
    await store.addArticles(extra(12));
    const whole = await ask({});
    if (!whole.ok) throw new Error(whole.error);
    expect(whole.next).toBeNull();
    // The background reads the corpus a page of text at a time (all 17 short articles fit in one).
    const reads = vi.spyOn(store, 'articlesPage');
    asked.length = 0;
    const paged = await corpusListing(ask, 4);
    if (!paged.ok) throw new Error(paged.error);
    expect(paged.articles).toEqual(whole.articles);
    expect(paged.stories).toEqual(whole.stories);
    expect(paged.generation).toBe(whole.generation);
    // 17 articles (5 seeds, 12 more) in pages of 4: five requests, one reading of the corpus.
    expect(asked.map((p) => p.from ?? 0)).toEqual([0, 4, 8, 12, 16]);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('hands out the stories with the pages, each page its share, in order', async () => {
    const { store, ask } = await service();
    await store.addArticles(extra(12));
    const whole = await ask({});
    if (!whole.ok) throw new Error(whole.error);
    // The seeds' story and the twelve others' (each on its own or a few together): more stories than pages.
    expect(whole.stories.length).toBeGreaterThan(5);
    // Each reply's stories as it came (the listing adds the later pages' stories to the first page's).
    const counts: number[] = [];
    const paged = await corpusListing(async (payload) => {
      const reply = await ask(payload);
      counts.push(reply.ok ? reply.stories.length : -1);
      return reply;
    }, 4);
    if (!paged.ok) throw new Error(paged.error);
    expect(paged.stories).toEqual(whole.stories);
    // No page carries all the stories (the first one did: at 10,000 articles ~2,100 stories beside its articles).
    expect(counts.reduce((a, b) => a + b, 0)).toBe(whole.stories.length);
    for (const count of counts) expect(count).toBeLessThanOrEqual(Math.ceil((4 * whole.stories.length) / 17));
  });

  it('asks Firefox, whose background shares the page’s thread, for smaller pages', () => {
    expect(listPageSize(true)).toBe(FIREFOX_LIST_PAGE_SIZE);
    expect(listPageSize(false)).toBe(LIST_PAGE_SIZE);
    expect(FIREFOX_LIST_PAGE_SIZE).toBeLessThan(LIST_PAGE_SIZE);
  });

  it('starts again when another listing began between its pages', async () => {
    const { store, ask } = await service();
    await store.addArticles(extra(12));
    let interrupted = false;
    const interrupting = async (payload: Payload<'crossread:list-articles'>) => {
      // Another corpus manager lists the corpus (its first page) between this one's first and second page, once.
      if (payload.from === 4 && !interrupted) {
        interrupted = true;
        await ask({ pageSize: 4 });
      }
      return ask(payload);
    };
    const paged = await corpusListing(interrupting, 4);
    if (!paged.ok) throw new Error(paged.error);
    expect(interrupted).toBe(true);
    const whole = await ask({});
    if (!whole.ok) throw new Error(whole.error);
    expect(paged.articles.map((a) => a.id)).toEqual(whole.articles.map((a) => a.id));
  });

  it('refuses a page size that is not a positive count', async () => {
    const { ask } = await service();
    expect(await ask({ pageSize: 0 })).toMatchObject({ ok: false });
    expect(await ask({ from: -1, pageSize: 3 })).toMatchObject({ ok: false });
  });
});
