import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeArticle } from '../../../lib/article/make-article';
import type { Article } from '../../../lib/article/article';
import { CorpusStore } from '../../../services/corpus-store';
import { corpusArticles } from '../../../entrypoints/options/corpus-articles';

vi.setConfig({ testTimeout: 60_000 });

let n = 0;
const stores: CorpusStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const articles = (from: number, count: number): Article[] =>
  Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: `a-${String(from + i).padStart(3, '0')}`,
      raw: `Meldung ${from + i}: Der Gemeinderat von Beispielheim beriet am Montag über die Schule. Die Sitzung dauerte ${(from + i) % 7} Stunden.`,
      outlet: `Blatt ${(from + i) % 4}`,
      source: 'user',
    }),
  );

async function storeWith(count: number) {
  const store = await CorpusStore.open(`corpus-articles-${n++}`);
  stores.push(store);
  await store.importArticles(articles(0, count));
  return store;
}

describe('the corpus read a page at a time', () => {
  it('gives every article once, in id order, in pages of about the text asked for', async () => {
    const store = await storeWith(45);
    const pages: Article[][] = [];
    let after: string | null = null;
    do {
      const page = await store.articlesPage(after, 1000);
      pages.push(page.articles);
      after = page.next;
    } while (after !== null);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages.slice(0, -1)) expect(page.reduce((sum, a) => sum + a.raw.length + a.title.length, 0)).toBeGreaterThanOrEqual(1000);
    const ids = pages.flat().map((a) => a.id);
    expect(ids).toEqual((await store.listArticles()).map((a) => a.id).sort());
    expect(new Set(ids).size).toBe(45);
  });

  it('gives a page of one article when that one alone holds more text than asked for', async () => {
    const store = await storeWith(3);
    const page = await store.articlesPage(null, 1);
    expect(page.articles).toHaveLength(1);
    expect(page.next).toBe(page.articles[0].id);
  });

  it('is read whole by the corpus manager, starting again when the corpus changed between pages', async () => {
    const store = await storeWith(30);
    let asked = 0;
    const result = await corpusArticles(async ({ after }) => {
      asked++;
      // A feed's article arrives while the second page is asked for.
      if (asked === 2) await store.addArticles(articles(100, 1));
      return { ok: true, ...(await store.articlesPage(after ?? null, 800)) };
    });
    expect(result.ok).toBe(true);
    const ids = result.ok ? result.articles.map((a) => a.id) : [];
    expect(ids).toHaveLength(31);
    expect(ids).toContain('a-100');
    expect(new Set(ids).size).toBe(31);
  });

  it('passes the background’s failure on, and gives up on a corpus that keeps changing', async () => {
    expect(await corpusArticles(async () => ({ ok: false, error: 'The database could not be opened.' }))).toEqual({ ok: false, error: 'The database could not be opened.' });
    let generation = 0;
    const restless = await corpusArticles(async () => ({ ok: true, articles: [], next: 'x', generation: generation++ }));
    expect(restless).toMatchObject({ ok: false, error: expect.stringMatching(/kept changing/) });
  });
});
