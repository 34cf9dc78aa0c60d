import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusStore } from '../../../lib/corpus/store';
import { makeArticle } from '../../../lib/corpus/make-article';
import { loadSeeds } from '../../helpers/seeds';

let n = 0;
const stores: CorpusStore[] = [];
async function fresh(name = `test-${n++}`) {
  const store = await CorpusStore.open(name);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const userArticle = (id: string) =>
  makeArticle({ id, raw: 'Ein Leser hat diesen Artikel hinzugefügt. Er handelt von etwas anderem.', source: 'user', outlet: 'Reader' });

describe('CorpusStore', () => {
  it('loads the seeds once: a second install or restart adds nothing', async () => {
    const name = `seeds-${n++}`;
    const seeds = loadSeeds();
    const first = await fresh(name);
    expect(await first.ensureSeeds(seeds)).toBe(5);
    expect(await first.ensureSeeds(seeds)).toBe(0);
    first.close();
    const reopened = await fresh(name);
    expect(await reopened.ensureSeeds(seeds)).toBe(0);
    expect(await reopened.count()).toBe(5);
  });

  it('never drops or overwrites what the reader added or edited when seeding again', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles([userArticle('user-1')]);
    // The reader relabelled a seed: seeding again must keep the label.
    const edited = { ...(await store.getArticle(seeds[0].id))!, outlet: 'My label' };
    await store.deleteArticle(edited.id);
    await store.addArticles([edited]);
    await store.ensureSeeds(seeds);
    expect(await store.count()).toBe(6);
    expect((await store.getArticle(seeds[0].id))!.outlet).toBe('My label');
    expect(await store.getArticle('user-1')).toBeDefined();
  });

  it('restores a deleted seed on the next start (seeds are loaded if absent)', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.deleteArticle(seeds[2].id);
    expect(await store.count()).toBe(4);
    expect(await store.ensureSeeds(seeds)).toBe(1);
  });

  it('adds a batch in one transaction: a failing article leaves the corpus as it was', async () => {
    const store = await fresh();
    await store.addArticles([userArticle('a')]);
    await expect(store.addArticles([userArticle('b'), userArticle('a')])).rejects.toThrow();
    expect((await store.listArticles()).map((a) => a.id)).toEqual(['a']);
  });

  it('keeps the raw text and its non-reporting ranges as given', async () => {
    const store = await fresh();
    const [seed] = loadSeeds();
    await store.ensureSeeds([seed]);
    const stored = (await store.getArticle(seed.id))!;
    expect(stored.raw).toBe(seed.raw);
    expect(stored.nonReporting).toEqual(seed.nonReporting);
  });
});
