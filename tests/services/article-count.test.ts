import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeArticle } from '../../lib/article/make-article';
import { contentTerms } from '../../lib/text/tokens';
import { CorpusStore, ImportInterruptedError, prepare, StorageFullError } from '../../services/corpus-store';
import { withFullDiskAfter } from '../helpers/full-disk';
import { loadSeeds } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';

// Each test analyses the articles it stores, which takes a while on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let n = 0;
const open = storesClosedAfterEachTest();
afterEach(() => vi.restoreAllMocks());

const reader = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: `r-${from + i}`,
      raw: `Der Stadtrat hat am Dienstag den Haushalt beschlossen. Meldung Nummer ${from + i}. Die Feuerwehr rückte zu Einsätzen aus.`,
      source: 'user',
      outlet: `Outlet ${(from + i) % 7}`,
      language: 'de',
      addedAt: 1_700_000_000_000 + from + i,
    }),
  );

/** The kept count (meta 'articles'), the store's own answer and a count of the store itself: all three must agree. */
async function expectCount(name: string, store: CorpusStore, expected: number): Promise<void> {
  const db = await openDB(name);
  const [kept, counted] = await Promise.all([db.get('meta', 'articles'), db.count('articles')]);
  db.close();
  expect(counted).toBe(expected);
  expect(kept).toBe(expected);
  expect(await store.count()).toBe(expected);
}

describe('the article count kept in meta', () => {
  it('follows every add, import, replacement, deletion and reset, and stays as it was when a write fails', async () => {
    const name = `count-${n++}`;
    const store = await open(name);
    await expectCount(name, store, 0);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await expectCount(name, store, 5);
    await store.addArticles(reader(0, 10));
    await expectCount(name, store, 15);
    // An import that replaces stored ids adds only the new ones.
    await store.importArticles([...reader(5, 10), ...reader(100, 3)]);
    await expectCount(name, store, 23);
    await store.deleteArticle('r-0');
    await store.deleteArticle('no-such-article');
    await expectCount(name, store, 22);
    await store.deleteArticles(['r-1', 'r-2', 'gone-already']);
    await expectCount(name, store, 20);
    await store.updateArticle('r-3', { date: '2025-03-01' });
    await expectCount(name, store, 20);

    // An import in parts (two ids of it stored already), and one whose parts stop coming: nothing of that one counts.
    const parts = store.openImport();
    await parts.add(reader(200, 4).map(prepare));
    await parts.add([...reader(204, 3), ...reader(3, 2)].map(prepare));
    await parts.finish();
    await expectCount(name, store, 27);
    const interrupted = store.openImport({ partTimeoutMs: 200 });
    await interrupted.add(reader(400, 4).map(prepare));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(interrupted.finish()).rejects.toThrow(ImportInterruptedError);
    await expectCount(name, store, 27);

    // Cancelled, failing on an existing id, a full disk: the corpus and its count as they were.
    const controller = new AbortController();
    const cancelled = store.importArticles(reader(500, 300), {
      signal: controller.signal,
      onProgress: (done, total) => {
        if (done === total) setTimeout(() => controller.abort(), 5);
      },
    });
    await expect(cancelled).rejects.toThrow(/Cancelled; nothing was saved/);
    await expectCount(name, store, 27);
    await expect(store.addArticles([...reader(600, 2), ...reader(4, 1)])).rejects.toThrow();
    await expectCount(name, store, 27);
    await withFullDiskAfter(5, async () => {
      await expect(store.importArticles(reader(700, 20))).rejects.toThrow(StorageFullError);
    });
    await expectCount(name, store, 27);

    await store.replaceWithSeeds(seeds);
    await expectCount(name, store, 5);
  });

  it('is counted once in a corpus from before it was kept, without a new generation, and then no lookup or write counts the store', async () => {
    const name = `count-old-${n++}`;
    const first = await open(name);
    await first.ensureSeeds(loadSeeds());
    await first.addArticles(reader(0, 20));
    first.close();
    // As a corpus written before the count was kept.
    const db = await openDB(name);
    await db.delete('meta', 'articles');
    const generation = await db.get('meta', 'generation');
    db.close();

    const count = vi.spyOn(IDBObjectStore.prototype, 'count');
    const store = await open(name);
    expect(count).toHaveBeenCalledTimes(1);
    const raw = await openDB(name);
    expect(await raw.get('meta', 'articles')).toBe(25);
    expect(await raw.get('meta', 'generation')).toBe(generation);
    raw.close();

    // A started worker's lookups and writes take the kept count.
    count.mockClear();
    const restarted = await open(name);
    const terms = contentTerms(reader(7, 1)[0].raw, 'de');
    const before = (await restarted.candidates(terms, 5)).map((a) => a.id);
    expect(before).toContain('r-7');
    await restarted.addArticles(reader(20, 5));
    await restarted.candidates(terms, 5);
    await restarted.deleteArticle('r-20');
    expect(await restarted.count()).toBe(29);
    expect(count).not.toHaveBeenCalled();
    await expectCount(name, store, 29);
  });

  it('gives a lookup the same candidates whether the count is kept or counted', async () => {
    const kept = `count-kept-${n++}`;
    const counted = `count-counted-${n++}`;
    const articles = reader(0, 60);
    for (const name of [kept, counted]) {
      const s = await open(name);
      // More articles than the share of the corpus a query term may be in starts to apply at.
      await s.importArticles([...articles, ...reader(1000, 150)]);
      s.close();
    }
    const db = await openDB(counted);
    await db.delete('meta', 'articles');
    db.close();
    const a = await open(kept);
    // No write here: its lookups count the store, as before the count was kept.
    vi.spyOn(CorpusStore.prototype as unknown as { keepCount: () => Promise<void> }, 'keepCount').mockResolvedValue(undefined);
    const b = await open(counted);
    const count = vi.spyOn(IDBObjectStore.prototype, 'count');
    for (const page of [articles[0], articles[17], articles[59]]) {
      const terms = contentTerms(page.raw, 'de');
      expect((await a.candidates(terms, 10)).map((x) => x.id)).toEqual((await b.candidates(terms, 10)).map((x) => x.id));
    }
    expect(count).toHaveBeenCalled();
  });
});
