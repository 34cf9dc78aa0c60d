import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { CorpusStore, prepare, StorageFullError, WriteCancelledError, type Prepared } from '../../services/corpus-store';
import { COMMITTED_IMPORT } from '../../services/import-journal';
import { makeArticle } from '../../lib/article/make-article';
import { loadSeeds } from '../helpers/seeds';
import { OTHER_EVENTS } from '../helpers/other-events';
import { until } from '../helpers/until';

// Each test analyses its articles as it stores them, which takes a while on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

/**
 * An import writes its articles, terms and features ahead of its last
 * transaction, in small staged transactions with a journal
 * (services/import-journal.ts). Whatever stops it, the corpus is as before;
 * nothing reads a staged article before the import commits; and what it
 * stores is what one transaction of all its articles stores.
 */
let n = 0;
const opened: CorpusStore[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});
async function open(name: string, stageArticles = 2): Promise<CorpusStore> {
  const store = await CorpusStore.open(name);
  store.stageArticles = stageArticles;
  opened.push(store);
  return store;
}

/** Every record of every store (the commit mark apart), by store and key. */
async function dump(name: string) {
  const db = await openDB(name);
  const out: Record<string, Array<[unknown, unknown]>> = {};
  for (const store of [...db.objectStoreNames].sort()) {
    const [keys, values] = await Promise.all([db.getAllKeys(store), db.getAll(store)]);
    out[store] = keys.map((k, i) => [k, values[i]] as [unknown, unknown]).filter(([k]) => !(store === 'meta' && k === COMMITTED_IMPORT));
  }
  db.close();
  return out;
}

/** Ids in the articles store and journal records, read beside the store (its reads wait for an import). */
async function raw(name: string): Promise<{ articles: string[]; journal: number }> {
  const db = await openDB(name);
  const [articles, journal] = await Promise.all([db.getAllKeys('articles'), db.count('importJournal')]);
  db.close();
  return { articles: articles as string[], journal };
}

// Reports of OTHER_EVENTS' events by several outlets: later parts join stories of earlier ones.
const reports = (from: number, count: number): Prepared[] =>
  Array.from({ length: count }, (_, i) =>
    prepare(
      makeArticle({
        id: `report-${from + i}`,
        raw: `${OTHER_EVENTS[(from + i) % OTHER_EVENTS.length].raw} Meldung ${from + i}: Weitere Einzelheiten folgen.`,
        outlet: `Outlet ${(from + i) % 5}`,
        url: `https://example.org/report-${from + i}`,
        source: 'user',
        language: 'de',
        addedAt: 1_000 + from + i,
      }),
    ),
  );

/** Runs `body` while the put into `store` after the first `allowed` fails with QuotaExceededError (a full disk, as a staged transaction meets it; the cleanup after it frees space). */
async function withFullStore(store: string, allowed: number, body: () => Promise<void>): Promise<void> {
  const proto = IDBObjectStore.prototype;
  const original = proto.put;
  let puts = 0;
  proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (this.name === store && ++puts === allowed + 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.call(this, value, key);
  };
  try {
    await body();
  } finally {
    proto.put = original;
  }
}

async function base(name: string, stageArticles = 2): Promise<CorpusStore> {
  const store = await open(name, stageArticles);
  await store.ensureSeeds(loadSeeds());
  await store.addArticles(OTHER_EVENTS);
  return store;
}

describe('an import staged ahead of its last transaction', () => {
  // 0: not staged, the import one transaction (Firefox).
  it.each([2, 0])('stores what one transaction of all its articles stores (staged by %i)', async (stageArticles) => {
    const parts = [reports(0, 5), reports(5, 5), reports(10, 4)];
    const staged = `staged-${n++}`;
    const store = await base(staged, stageArticles);
    const session = store.openImport();
    for (const part of parts) session.add(part).catch(() => undefined);
    await session.finish();

    const whole = `whole-${n++}`;
    const other = await base(whole);
    await other.addArticles(parts.flat().map((p) => p.article));

    const [a, b] = await Promise.all([dump(staged), dump(whole)]);
    // Articles, terms, features, postings, df, stories, their glances, links, generation and count; the journal empty.
    expect(a).toEqual(b);
    expect(a.importJournal).toEqual([]);
    expect(a.articles.length).toBe(loadSeeds().length + OTHER_EVENTS.length + 14);
  });

  it('replaces a stored article as one transaction does, and puts it back when the import fails', async () => {
    const replacement = prepare({ ...OTHER_EVENTS[1], raw: `${OTHER_EVENTS[1].raw} Ergänzt.` });
    const name = `replace-${n++}`;
    const store = await base(name);
    const before = await dump(name);
    // The disk fills in the last part, after the replacement was staged.
    await withFullStore('features', 8, async () => {
      const session = store.openImport();
      for (const part of [reports(0, 4), [...reports(4, 3), replacement], reports(7, 4)]) session.add(part).catch(() => undefined);
      await expect(session.finish()).rejects.toThrow(StorageFullError);
    });
    expect(await dump(name)).toEqual(before);

    const session = store.openImport();
    for (const part of [reports(0, 4), [...reports(4, 3), replacement]]) session.add(part).catch(() => undefined);
    await session.finish();
    expect((await store.getArticle(OTHER_EVENTS[1].id))!.raw).toContain('Ergänzt');
    expect(await store.count()).toBe(loadSeeds().length + OTHER_EVENTS.length + 7);
  });

  it('takes out what it staged when the disk fills halfway', async () => {
    const name = `full-${n++}`;
    const store = await base(name, 1);
    const before = await dump(name);
    const deleted: string[] = [];
    const proto = IDBObjectStore.prototype;
    const original = proto.delete;
    proto.delete = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
      if (this.name === 'articles') deleted.push(String(query));
      return original.call(this, query);
    };
    try {
      // A staged transaction of one article puts its features: six commit before the disk is full.
      await withFullStore('features', 6, async () => {
        const session = store.openImport();
        for (const part of [reports(0, 6), reports(6, 6)]) session.add(part).catch(() => undefined);
        await expect(session.finish()).rejects.toThrow(StorageFullError);
      });
    } finally {
      proto.delete = original;
    }
    // Staged articles were stored and taken out again.
    expect(deleted.length).toBeGreaterThan(0);
    expect(await dump(name)).toEqual(before);
  });

  it.each([2, 0])('takes out what it staged when cancelled halfway (staged by %i)', async (stageArticles) => {
    const name = `cancel-${n++}`;
    const store = await base(name, stageArticles);
    const before = await dump(name);
    const controller = new AbortController();
    const session = store.openImport({ signal: controller.signal });
    await session.add(reports(0, 6));
    // The first part is staged (stored, with its journal) before the cancel; unstaged, it waits in the open transaction.
    if (stageArticles > 0) expect((await until(() => raw(name), (r) => r.journal >= 3)).articles).toContain('report-5');
    controller.abort();
    await expect(session.finish()).rejects.toThrow(WriteCancelledError);
    expect(await dump(name)).toEqual(before);
  });

  it('is taken out by the next opening when the worker stopped during it', async () => {
    const name = `stopped-${n++}`;
    const store = await base(name);
    const before = await dump(name);
    const session = store.openImport({ partTimeoutMs: 300 });
    await session.add(reports(0, 6));
    await until(() => raw(name), (r) => r.journal >= 3);
    // The worker stops: its connection closes, and nothing it does after runs (the cleanup's transaction cannot start).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    store.close();
    // No part comes: the import gives up, and its cleanup cannot run on the closed connection.
    await until(async () => session.failure(), (f) => f !== null);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    const left = await raw(name);
    expect(left.journal).toBeGreaterThan(0);
    expect(left.articles).toContain('report-0');

    const reopened = await open(name);
    expect(await dump(name)).toEqual(before);
    expect(await reopened.findByUrl('https://example.org/report-0')).toBeUndefined();
  });

  it('keeps an import that committed when the worker stopped before its journal was deleted', async () => {
    const name = `committed-${n++}`;
    const store = await base(name);
    const session = store.openImport();
    session.add(reports(0, 4)).catch(() => undefined);
    await session.finish();
    const after = await dump(name);
    store.close();
    // The journal as it was between the last transaction's commit and its deletion.
    const db = await openDB(name);
    await db.put('meta', 'import-x', COMMITTED_IMPORT);
    await db.put('importJournal', { key: 'import-x/00000000', import: 'import-x', added: ['report-0', 'report-1'], replaced: [] });
    db.close();

    await open(name);
    const cleaned = await dump(name);
    expect(cleaned.importJournal).toEqual([]);
    expect(cleaned.articles).toEqual(after.articles);
    expect(cleaned.storyOf).toEqual(after.storyOf);
  });

  it('lets no read or write see a staged article before the import commits', async () => {
    const name = `reads-${n++}`;
    const store = await base(name);
    const count = await store.count();
    const session = store.openImport();
    await session.add(reports(0, 6));
    // Staged: in the articles store, beside the store.
    expect((await until(() => raw(name), (r) => r.journal >= 3)).articles).toContain('report-0');

    const settled: string[] = [];
    const track = <T>(what: string, p: Promise<T>) => p.finally(() => settled.push(what));
    const reads = {
      list: track('list', store.listArticles()),
      page: track('page', store.articlesPage(null, 1_000_000)),
      byId: track('byId', store.articlesById(['report-0'])),
      get: track('get', store.getArticle('report-0')),
      url: track('url', store.findByUrl('https://example.org/report-0')),
      count: track('count', store.count()),
      entries: track('entries', store.articleEntries()),
      deleted: track('delete', store.deleteArticle('report-1')),
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toEqual([]);

    await session.add(reports(6, 2));
    await session.finish();
    const imported = reports(0, 8).map((p) => p.article.id);
    expect((await reads.list).map((a) => a.id)).toEqual(expect.arrayContaining(imported));
    expect((await reads.page).articles.map((a) => a.id)).toEqual(expect.arrayContaining(imported));
    expect((await reads.byId)[0]?.id).toBe('report-0');
    expect((await reads.get)?.id).toBe('report-0');
    expect((await reads.url)?.id).toBe('report-0');
    expect(await reads.count).toBe(count + 8);
    expect((await reads.entries).length).toBe(count + 8);
    // The delete waited for the import, and then took its article out.
    await reads.deleted;
    expect(await store.getArticle('report-1')).toBeUndefined();
    expect(await store.count()).toBe(count + 7);
  });

  it("neither stalls nor is stalled by a lookup's read made while its last transaction is open and nothing is staged yet", async () => {
    // A lookup's read spans the last transaction's stores and the staged ones: made before the first staged transaction,
    // it waited for the last transaction, the staged one for it, and the last one for the staged one (a chart's story read
    // racing an import in the corpus manager stalled every read and write of the corpus).
    const store = await base(`lookup-${n++}`);
    const [story] = await store.listStories();
    const session = store.openImport();
    session.add(reports(0, 5)).catch(() => undefined);
    const lookups = Promise.all([store.storyMembers([story.id]), store.candidateGlances(['trump', 'putin', 'telefonat'])]);
    const finished = session.finish();
    const stalled = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), 20_000));
    expect(await Promise.race([Promise.all([lookups, finished]).then(() => 'done' as const), stalled])).toBe('done');
    const [[members], glances] = await lookups;
    expect(members.articles.map((a) => a.id)).toEqual(story.members);
    // Read after the import: its generation.
    expect(glances.generation).toBe((await store.articlesPage(null, 1)).generation);
  });
});
