import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { makeArticle } from '../../lib/article/make-article';
import { corpusService } from '../../services/corpus-service';
import { dispatch, type BackgroundRequestName, type Payload, type Reply } from '../../platform/protocol';
import { loadSeeds } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';

vi.setConfig({ testTimeout: 60_000 });

const origin = 'chrome-extension://crossread/';
let n = 0;
const open = storesClosedAfterEachTest();

/** The corpus manager's text search over the seeds and 40 short articles, read `searchPageChars` of text at a time. */
async function searched(searchPageChars: number) {
  const store = await open(`search-${n++}`);
  await store.ensureSeeds(loadSeeds());
  await store.addArticles(
    Array.from({ length: 40 }, (_, i) =>
      makeArticle({ id: `m-${String(i).padStart(2, '0')}`, raw: `Meldung ${i}: Der Stadtrat von ${i % 3 ? 'Musterstadt' : 'Kirchberg'} beriet über den Haushalt.`, outlet: `Blatt ${i % 4}`, source: 'user', addedAt: 1 }),
    ),
  );
  const handlers = corpusService({ store: async () => store, seeds: loadSeeds, changed: async () => undefined, progress: () => undefined, searchPageChars });
  const call = <K extends BackgroundRequestName>(name: K, payload: Payload<K>): Promise<Reply<K>> =>
    dispatch({ ...payload, type: name }, { url: `${origin}options.html` }, handlers, origin) as Promise<Reply<K>>;
  const search = (query: string) => call('crossread:search-articles', { query });
  /** The ids found, in the corpus's order: where the reply names those not found (most were), every other id. */
  const ids = async (query: string) => found(await call('crossread:search-articles', { query }));
  const found = async (reply: Reply<'crossread:search-articles'>) => {
    if (!reply.ok) throw new Error(reply.error);
    if (!reply.allBut) return reply.ids;
    const others = new Set(reply.ids);
    return (await list()).articles.map((a) => a.id).filter((id) => !others.has(id));
  };
  const list = async () => {
    const reply = await call('crossread:list-articles', {});
    if (!reply.ok) throw new Error(reply.error);
    return { articles: reply.articles, stories: reply.stories };
  };
  return { store, ids, list, search, found };
}

describe('the corpus search and list', () => {
  it('finds the same articles, in the same order, read a page at a time as read whole', async () => {
    const whole = await searched(100_000_000);
    const paged = await searched(200);
    for (const query of ['kirchberg', ' BLATT 2 ', 'haushalt', '', 'nichts dergleichen']) expect(await paged.ids(query)).toEqual(await whole.ids(query));
    // The pages were many, and the search found what the texts hold.
    expect((await whole.store.articlesPage(null, 200)).next).not.toBeNull();
    expect(await paged.ids('kirchberg')).toHaveLength(14);
    expect(await paged.ids('')).toHaveLength(40 + loadSeeds().length);
  });

  it('lists the same articles and stories read a page at a time as read whole', async () => {
    const whole = await (await searched(100_000_000)).list();
    expect(whole.articles).toHaveLength(40 + loadSeeds().length);
    expect(await (await searched(200)).list()).toEqual(whole);
  });

  it('stops a search once a newer one has started, answering it cancelled, and answers the newer one whole', async () => {
    const paged = await searched(200);
    const [older, newer] = await Promise.all([paged.search('kirchberg'), paged.search('haushalt')]);
    expect(older.ok ? older : older.problem).toEqual({ kind: 'cancelled' });
    expect(await paged.found(newer)).toEqual(await paged.ids('haushalt'));
    expect(await paged.found(newer)).toHaveLength(40);
    // Searches one after another are each answered.
    expect(await paged.ids('kirchberg')).toHaveLength(14);
  });
});
