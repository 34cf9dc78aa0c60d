import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../lib/article/article';
import { makeArticle } from '../../lib/article/make-article';
import { CorpusStore } from '../../services/corpus-store';
import { DB_VERSION, STORIES_SIGNATURE, type PostingsChunk } from '../../services/corpus-schema';
import { chunkIds } from '../../services/postings-layout';
import { articleFeatures, FEATURES_VERSION } from '../../lib/match/features';
import type { ArticleGlance } from '../../lib/match/glance';
import { contentTerms } from '../../lib/text/tokens';
import { indexTerms } from '../../lib/article/index-terms';
import { loadSeeds } from '../helpers/seeds';
import { createOldStores } from '../helpers/old-stores';
import { readDatabase, writeDatabase, type DatabaseDump } from '../e2e/corpus-v5/database-pages';
import type { FixtureStore } from '../e2e/corpus-v5/fixture';
import type { CorpusUpdate } from '../../platform/protocol';

vi.setConfig({ testTimeout: 30_000 });

let n = 0;

/** A database exactly as version 1 of crossread created it: one 'articles' store keyed by id, indexes on url and source. */
async function createVersion1(name: string, articles: Article[]) {
  const db = await openDB(name, 1, {
    upgrade(database) {
      const store = database.createObjectStore('articles', { keyPath: 'id' });
      store.createIndex('url', 'url');
      store.createIndex('source', 'source');
    },
  });
  const tx = db.transaction('articles', 'readwrite');
  for (const a of articles) await tx.store.add(a);
  await tx.done;
  db.close();
}

function readerArticles(): Article[] {
  return [
    makeArticle({
      id: 'user-1',
      raw: 'url: https://example.org/2025/03/01/pokal\n\nDer VfB Stuttgart gewinnt das Pokalfinale gegen Arminia Bielefeld mit 4:2. Die Tore fielen vor der Pause.',
      source: 'user',
      addedAt: 1_700_000_000_000,
    }),
    makeArticle({
      id: 'user-2',
      raw: 'The central bank cut its key interest rate again on Thursday. Economists expect inflation to keep falling.',
      source: 'user',
      outlet: 'Reader label',
      date: '2025-03-06',
      addedAt: 1_700_000_000_001,
    }),
  ];
}

describe('upgrading a version-1 corpus', () => {
  it('keeps every article as it was and builds the term index for all of them', async () => {
    expect(DB_VERSION).toBeGreaterThan(1);
    const name = `v1-${n++}`;
    const seeds = loadSeeds();
    // A reader who relabelled a seed and added their own articles.
    const old = [{ ...seeds[0], outlet: 'My label' }, ...seeds.slice(1), ...readerArticles()];
    await createVersion1(name, old);

    const store = await CorpusStore.open(name);
    try {
      expect(await store.count()).toBe(old.length);
      const byId = new Map((await store.listArticles()).map((a) => [a.id, a]));
      for (const a of old) expect(byId.get(a.id)).toEqual(a);

      const db = await openDB(name);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(['articles', 'df', 'features', 'importJournal', 'meta', 'postings', 'stories', 'storyGlances', 'storyOf', 'terms']);
      const indexed = (await db.getAll('terms')) as Array<{ id: string; terms: string[] }>;
      const df = (await db.getAll('df')) as Array<{ term: string; df: number }>;
      const postings = (await db.getAll('postings')) as PostingsChunk[];
      db.close();
      expect(indexed.map((t) => t.id).sort()).toEqual(old.map((a) => a.id).sort());
      for (const t of indexed) expect(t.terms).toEqual(indexTerms(old.find((a) => a.id === t.id)!));
      const recount = new Map<string, number>();
      for (const t of indexed) for (const term of t.terms) recount.set(term, (recount.get(term) ?? 0) + 1);
      expect(new Map(df.map((d) => [d.term, d.df]))).toEqual(recount);
      expect(postingsByTerm(postings)).toEqual(expectedPostings(indexed));

      // Read by id, and by address through the url index of version 1 (its source index is gone: see version 9 below).
      expect(await store.getArticle('user-1')).toEqual(old.find((a) => a.id === 'user-1'));
      expect(await store.findByUrl('https://example.org/2025/03/01/pokal')).toEqual(old.find((a) => a.id === 'user-1'));

      // Stories of everything the reader had: the seeds' event, and one story for each of the reader's articles.
      expect(await storiesOf(name)).toEqual(
        new Map([
          ['story-seed-000', seeds.map((s) => s.id)],
          ['story-user-1', ['user-1']],
          ['story-user-2', ['user-2']],
        ]),
      );

      // Seeding again after the upgrade neither duplicates nor resets the relabelled seed.
      expect(await store.ensureSeeds(seeds)).toBe(0);
      expect((await store.getArticle(seeds[0].id))!.outlet).toBe('My label');
    } finally {
      store.close();
    }
  });

  it('finds candidates in the upgraded corpus, with the features the upgrade computed for its stories', async () => {
    const name = `v1-${n++}`;
    const seeds = loadSeeds();
    await createVersion1(name, [...seeds, ...readerArticles()]);
    const store = await CorpusStore.open(name);
    try {
      const found = await store.candidates(contentTerms(seeds[3].raw, 'de'), seeds.length);
      expect(found.map((a) => a.id).sort()).toEqual(seeds.map((s) => s.id).sort());
      const pokal = await store.candidates(contentTerms('Pokalfinale Stuttgart Bielefeld', 'de'), 1);
      expect(pokal.map((a) => a.id)).toEqual(['user-1']);

      const db = await openDB(name);
      const features = (await db.getAll('features')) as Array<{ id: string; features: unknown }>;
      db.close();
      expect(features.map((f) => f.id).sort()).toEqual([...seeds.map((s) => s.id), 'user-1', 'user-2'].sort());
      const seedFeatures = features.find((f) => f.id === seeds[3].id)!.features;
      expect(seedFeatures).toEqual(articleFeatures(seeds[3]));
    } finally {
      store.close();
    }
  });

  it('opens an empty version-1 database', async () => {
    const name = `v1-${n++}`;
    await createVersion1(name, []);
    const store = await CorpusStore.open(name);
    try {
      expect(await store.count()).toBe(0);
      expect(await store.ensureSeeds(loadSeeds())).toBe(5);
      expect(await store.candidates(contentTerms(loadSeeds()[0].raw, 'de'))).toHaveLength(5);
      expect(await storiesOf(name)).toEqual(new Map([['story-seed-000', loadSeeds().map((s) => s.id)]]));
    } finally {
      store.close();
    }
  });
});

/** Story id → members, read straight from the database; checks that every article is in exactly one story and the links agree. */
async function storiesOf(name: string): Promise<Map<string, string[]>> {
  const db = await openDB(name);
  const stories = (await db.getAll('stories')) as Array<{ id: string; members: string[] }>;
  const links = (await db.getAll('storyOf')) as Array<{ id: string; story: string }>;
  const articleIds = ((await db.getAllKeys('articles')) as string[]).sort();
  expect(await db.get('meta', 'storiesVersion')).toBe(STORIES_SIGNATURE);
  db.close();
  expect(stories.flatMap((s) => s.members).sort()).toEqual(articleIds);
  expect(new Map(links.map((l) => [l.id, l.story]))).toEqual(new Map(stories.flatMap((s) => s.members.map((m) => [m, s.id]))));
  return new Map(stories.map((s) => [s.id, s.members]));
}

function postingsByTerm(chunks: PostingsChunk[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of chunks) out.set(c.term, [...(out.get(c.term) ?? []), ...chunkIds(c)].sort());
  return out;
}

function expectedPostings(indexed: Array<{ id: string; terms: string[] }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of indexed) for (const term of t.terms) out.set(term, [...(out.get(term) ?? []), t.id].sort());
  return out;
}

/** A database exactly as version 2 created it: the term index as a multi-entry index over each article's terms. */
async function createVersion2(name: string, articles: Article[]) {
  const db = await openDB(name, 2, {
    upgrade(database) {
      const store = database.createObjectStore('articles', { keyPath: 'id' });
      store.createIndex('url', 'url');
      store.createIndex('source', 'source');
      database.createObjectStore('terms', { keyPath: 'id' }).createIndex('term', 'terms', { multiEntry: true });
      database.createObjectStore('df', { keyPath: 'term' });
      database.createObjectStore('features', { keyPath: 'id' });
      database.createObjectStore('meta');
    },
  });
  const tx = db.transaction(['articles', 'terms', 'df', 'features', 'meta'], 'readwrite');
  const df = new Map<string, number>();
  for (const a of articles) {
    await tx.objectStore('articles').add(a);
    const terms = indexTerms(a);
    await tx.objectStore('terms').add({ id: a.id, terms });
    await tx.objectStore('features').put({ id: a.id, features: articleFeatures(a) });
    for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  }
  for (const [term, n] of df) await tx.objectStore('df').put({ term, df: n });
  await tx.objectStore('meta').put(3, 'generation');
  await tx.done;
  db.close();
}

describe('upgrading a version-2 corpus', () => {
  it('moves the term index into postings chunks and keeps finding the same candidates', async () => {
    const name = `v2-${n++}`;
    const seeds = loadSeeds();
    const old = [...seeds, ...readerArticles()];
    await createVersion2(name, old);
    const store = await CorpusStore.open(name);
    try {
      const db = await openDB(name);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(['articles', 'df', 'features', 'importJournal', 'meta', 'postings', 'stories', 'storyGlances', 'storyOf', 'terms']);
      expect([...db.transaction('terms').store.indexNames]).toEqual([]);
      const indexed = (await db.getAll('terms')) as Array<{ id: string; terms: string[] }>;
      const postings = (await db.getAll('postings')) as PostingsChunk[];
      db.close();
      expect(postingsByTerm(postings)).toEqual(expectedPostings(indexed));

      const found = await store.candidates(contentTerms(seeds[3].raw, 'de'), seeds.length);
      expect(found.map((a) => a.id).sort()).toEqual(seeds.map((s) => s.id).sort());
      const pokal = await store.candidates(contentTerms('Pokalfinale Stuttgart Bielefeld', 'de'), 1);
      expect(pokal.map((a) => a.id)).toEqual(['user-1']);

      // Writes after the upgrade extend the moved postings.
      await store.deleteArticle('user-1');
      expect(await store.candidates(contentTerms('Pokalfinale Stuttgart Bielefeld', 'de'), 1)).toEqual([]);
      await store.addArticles([readerArticles()[0]]);
      expect((await store.candidates(contentTerms('Pokalfinale Stuttgart Bielefeld', 'de'), 1)).map((a) => a.id)).toEqual(['user-1']);
      expect((await storiesOf(name)).get('story-seed-000')).toEqual(seeds.map((s) => s.id));
    } finally {
      store.close();
    }
  });
});

/** A database exactly as version 3 created it: postings in chunks, features stored as the articles came (some by an older engine, some not yet). */
async function createVersion3(name: string, articles: Article[], staleFeatures: readonly string[], missingFeatures: readonly string[]) {
  const db = await openDB(name, 3, {
    upgrade(database) {
      createOldStores(database, ['articles', 'terms', 'df', 'features', 'meta', 'postings']);
    },
  });
  const tx = db.transaction(['articles', 'terms', 'df', 'features', 'meta', 'postings'], 'readwrite');
  const df = new Map<string, string[]>();
  for (const a of articles) {
    await tx.objectStore('articles').add(a);
    const terms = indexTerms(a);
    await tx.objectStore('terms').add({ id: a.id, terms });
    const features = articleFeatures(a);
    if (!missingFeatures.includes(a.id)) await tx.objectStore('features').put({ id: a.id, features: staleFeatures.includes(a.id) ? { ...features, version: FEATURES_VERSION - 1 } : features });
    for (const t of terms) df.set(t, [...(df.get(t) ?? []), a.id]);
  }
  for (const [term, ids] of df) {
    await tx.objectStore('df').put({ term, df: ids.length });
    await tx.objectStore('postings').put({ term, chunk: 0, ids });
  }
  await tx.objectStore('meta').put(7, 'generation');
  await tx.done;
  db.close();
}

describe('upgrading a version-3 corpus', () => {
  it('computes every story in the upgrade, in the order the articles were added, and keeps the features it computed', async () => {
    const name = `v3-${n++}`;
    const seeds = loadSeeds();
    // Stored in another order than they were added: the stories follow addedAt, then id.
    const old = [...readerArticles().reverse(), ...[...seeds].reverse()];
    await createVersion3(name, old, [seeds[2].id, 'user-1'], [seeds[4].id]);
    const store = await CorpusStore.open(name);
    try {
      const db = await openDB(name);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(['articles', 'df', 'features', 'importJournal', 'meta', 'postings', 'stories', 'storyGlances', 'storyOf', 'terms']);
      const features = (await db.getAll('features')) as Array<{ id: string; features: { version: number } }>;
      expect(await db.get('meta', 'generation')).toBe(7);
      db.close();
      expect(features.map((f) => f.id).sort()).toEqual(old.map((a) => a.id).sort());
      for (const f of features) expect(f.features).toEqual(articleFeatures(old.find((a) => a.id === f.id)!));

      expect(await storiesOf(name)).toEqual(
        new Map([
          ['story-seed-000', seeds.map((s) => s.id)],
          ['story-user-1', ['user-1']],
          ['story-user-2', ['user-2']],
        ]),
      );
      expect(await store.storyIdOf(seeds[3].id)).toBe('story-seed-000');
      const [story] = await store.candidateStories(contentTerms(seeds[3].raw, 'de'), 1);
      expect(story.articles.map((a) => a.id)).toEqual(seeds.map((s) => s.id));

      // Writes after the upgrade keep the stories.
      await store.deleteArticle(seeds[0].id);
      await store.ensureSeeds(seeds);
      expect((await storiesOf(name)).get('story-seed-000')).toEqual([...seeds.slice(1), seeds[0]].map((s) => s.id));
    } finally {
      store.close();
    }
  });

  it('opens an empty version-3 database', async () => {
    const name = `v3-${n++}`;
    await createVersion3(name, [], [], []);
    const store = await CorpusStore.open(name);
    try {
      expect(await store.listStories()).toEqual([]);
      expect(await store.ensureSeeds(loadSeeds())).toBe(5);
      expect(await storiesOf(name)).toEqual(new Map([['story-seed-000', loadSeeds().map((s) => s.id)]]));
    } finally {
      store.close();
    }
  });
});

describe('telling of an update while the corpus opens', () => {
  it('tells an upgraded database’s versions and article count before the upgrade ends, and nothing for a new or current database', async () => {
    const name = `told-${n++}`;
    const old = [...loadSeeds(), ...readerArticles()];
    await createVersion1(name, old);
    const told: unknown[] = [];
    const store = await CorpusStore.open(name, { updating: (update) => told.push(update) });
    store.close();
    expect(told).toEqual([{ what: 'database', from: 1, to: DB_VERSION, articles: old.length }]);

    const again: unknown[] = [];
    (await CorpusStore.open(name, { updating: (update) => again.push(update) })).close();
    (await CorpusStore.open(`told-new-${n++}`, { updating: (update) => again.push(update) })).close();
    expect(again).toEqual([]);
  });

  it('tells of stories formed again for another engine, with the article count', async () => {
    const name = `told-${n++}`;
    const first = await CorpusStore.open(name);
    await first.ensureSeeds(loadSeeds());
    first.close();
    const db = await openDB(name);
    await db.put('meta', 'stories of an older engine', 'storiesVersion');
    db.close();
    const told: unknown[] = [];
    (await CorpusStore.open(name, { updating: (update) => told.push(update) })).close();
    expect(told).toEqual([{ what: 'stories', from: null, to: null, articles: 5 }]);
    const check = await openDB(name);
    expect(await check.get('meta', 'storiesVersion')).toBe(STORIES_SIGNATURE);
    check.close();
  });
});

describe('a newer version of the database', () => {
  it('is not blocked by an open connection of the current code', async () => {
    const name = `newer-${n++}`;
    const store = await CorpusStore.open(name);
    await store.ensureSeeds(loadSeeds());
    const newer = await openDB(name, DB_VERSION + 1, {
      upgrade(database) {
        database.createObjectStore('future');
      },
    });
    expect([...newer.objectStoreNames]).toContain('future');
    expect(await newer.count('articles')).toBe(5);
    newer.close();
  });
});

describe('upgrading a version-5 corpus larger than one read', () => {
  it("builds every story's glances record from glances read in pages, over more stories and members than one batch or one pass, making those missing or stale", async () => {
    const name = `migration-v5-large-${n++}`;
    // 1,100 stories of 10 members (more than a batch of stories, and than the members read in one pass over
    // the glances store), their glances ordinary records of the current engine (the upgrade copies them as
    // they are); the members' ids interleave across stories, so each story's glances lie in several pages.
    const stories = Array.from({ length: 1100 }, (_, s) => ({ id: `story-${String(s).padStart(5, '0')}`, members: Array.from({ length: 10 }, (_, m) => `a-${String(m * 1100 + s).padStart(6, '0')}`) }));
    const glanceOfId = new Map(stories.flatMap((s) => s.members.map((id) => [id, { id, version: FEATURES_VERSION, mark: `glance of ${id}` }] as const)));
    // One more story of two real articles: one's glance of an older engine, the other's missing: both made from the article.
    const [first, second] = loadSeeds();
    const made = { id: 'story-real', members: [first.id, second.id] };
    const db = await openDB(name, 5, {
      upgrade(database) {
        createOldStores(database, ['articles', 'terms', 'features', 'stories', 'storyOf', 'glances', 'df', 'meta', 'postings']);
      },
    });
    const tx = db.transaction(['articles', 'stories', 'glances', 'meta'], 'readwrite');
    for (const s of [...stories, made]) void tx.objectStore('stories').put(s);
    for (const g of glanceOfId.values()) void tx.objectStore('glances').put(g);
    void tx.objectStore('glances').put({ id: first.id, version: FEATURES_VERSION - 1, mark: 'stale' });
    for (const a of [first, second]) void tx.objectStore('articles').put(a);
    void tx.objectStore('meta').put(STORIES_SIGNATURE, 'storiesVersion');
    void tx.objectStore('meta').put(glanceOfId.size + 2, 'articles');
    await tx.done;
    db.close();

    const store = await CorpusStore.open(name);
    store.close();
    const after = await openDB(name);
    expect(after.version).toBe(DB_VERSION);
    expect([...after.objectStoreNames]).not.toContain('glances');
    const records = (await after.getAll('storyGlances')) as Array<{ id: string; glances: ArticleGlance[] }>;
    const features = (await after.getAll('features')) as Array<{ id: string; features: unknown }>;
    after.close();
    expect(records).toHaveLength(stories.length + 1);
    const byId = new Map(records.map((r) => [r.id, r.glances]));
    for (const s of stories) expect({ id: s.id, glances: byId.get(s.id) }).toEqual({ id: s.id, glances: s.members.map((id) => glanceOfId.get(id)) });
    const real = byId.get(made.id)!;
    expect(real.map((g) => [g.id, g.version])).toEqual([
      [first.id, FEATURES_VERSION],
      [second.id, FEATURES_VERSION],
    ]);
    expect(real[0].head.title).toBe(first.title);
    // The features the upgrade computed for them are kept.
    expect(features.map((f) => f.id).sort()).toEqual([first.id, second.id].sort());
    expect(features.find((f) => f.id === first.id)?.features).toEqual(articleFeatures(first));
  });
});

describe('upgrading a version-8 corpus', () => {
  const recordsOf = (dump: DatabaseDump) => Object.fromEntries(Object.entries(dump.stores).map(([store, s]) => [store, s.records]));

  it('drops the source index, which a new database never has, and keeps every record as it was', async () => {
    // The current code's database of the seeds and a reader's articles: no source index.
    const fresh = `v8-fresh-${n++}`;
    const writer = await CorpusStore.open(fresh);
    await writer.ensureSeeds(loadSeeds());
    await writer.addArticles(readerArticles());
    writer.close();
    const current = await readDatabase(fresh);
    expect(current.stores.articles.indexes).toEqual(['url']);

    // The same records as version 8 stored them: its stores are this version's, with the url and source indexes on articles.
    const onArticles = (name: string) => ({ name, keyPath: name, unique: false, multiEntry: false });
    // Not the import journal, which version 10 added.
    const stores: FixtureStore[] = Object.entries(current.stores)
      .filter(([store]) => store !== 'importJournal')
      .map(([store, s]) => ({
        name: store,
        keyPath: s.keyPath,
        autoIncrement: false,
        indexes: store === 'articles' ? [onArticles('url'), onArticles('source')] : [],
        records: s.records.map((r) => (s.keyPath === null ? { key: r.key as string, value: r.value } : { value: r.value })),
      }));
    const name = `v8-${n++}`;
    expect(await writeDatabase({ name, version: 8, stores })).toBe(8);
    const before = await readDatabase(name);
    expect(before.stores.articles.indexes.sort()).toEqual(['source', 'url']);
    const articles = before.stores.articles.records.length;
    expect(articles).toBe(loadSeeds().length + 2);

    const told: CorpusUpdate[] = [];
    const store = await CorpusStore.open(name, { updating: (update) => told.push(update) });
    try {
      const after = await readDatabase(name);
      expect(after.version).toBe(DB_VERSION);
      expect(after.stores.articles.indexes).toEqual(['url']);
      // Version 10 adds the import journal, empty.
      expect(recordsOf(after)).toEqual({ ...recordsOf(before), importJournal: [] });
      expect(told).toEqual([{ what: 'database', from: 8, to: DB_VERSION, articles }]);
      const pokal = before.stores.articles.records.find((r) => r.key === 'user-1')!.value;
      expect(await store.findByUrl('https://example.org/2025/03/01/pokal')).toEqual(pokal);
      expect(await store.count()).toBe(articles);
    } finally {
      store.close();
    }
  });
});
