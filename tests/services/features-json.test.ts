import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { CorpusStore, prepare, type Prepared } from '../../services/corpus-store';
import { DB_VERSION } from '../../services/corpus-schema';
import { articleFeatures } from '../../lib/match/features';
import { readDatabase, writeDatabase } from '../e2e/corpus-v5/database-pages';
import type { FixtureStore } from '../e2e/corpus-v5/fixture';
import { loadSeeds } from '../helpers/seeds';
import { OTHER_EVENTS } from '../helpers/other-events';
import { storesClosedAfterEachTest } from '../helpers/stores';

// Each test analyses its articles as it stores them, which takes a while on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const open = storesClosedAfterEachTest();

/**
 * An import's features come as the JSON the corpus manager's worker made of
 * them, and are stored as that string (services/corpus-schema.ts
 * StoredFeatures). Everything that reads them must read the same as from the
 * features stored as objects: story choice, lookups, the stories formed again.
 */
// The seeds again under other ids and outlets: every copy joins the seeds' stories.
const seedCopies = (k: number, json: boolean): Prepared[] =>
  loadSeeds().map((s, i) => {
    const p = prepare({ ...s, id: `copy-${k}-${i}`, outlet: `Copy ${k} ${s.outlet}` });
    return json ? { ...p, featuresJson: JSON.stringify(p.features) } : p;
  });

async function imported(name: string, json: boolean): Promise<CorpusStore> {
  const store = await open(name);
  await store.addArticles(OTHER_EVENTS);
  const session = store.openImport();
  for (const part of [seedCopies(0, json), seedCopies(1, json)]) void session.add(part);
  await session.finish();
  return store;
}

const storiesOf = async (store: CorpusStore) => (await store.listStories()).map((s) => s.members).sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('features stored as the import worker’s JSON', () => {
  it('are stored as the string sent, and read as the features they hold by story choice, lookups and stories formed again', async () => {
    const name = `features-json-${Date.now()}`;
    const asJson = await imported(name, true);
    const asObjects = await imported(`features-objects-${Date.now()}`, false);

    const copies = seedCopies(0, true);
    // Each read below that took the string for stale features would compute them again and store them as an object.
    const storedAsSent = async () => {
      const raw = await openDB(name);
      try {
        for (const p of copies) expect((await raw.get('features', p.article.id)).features).toBe(p.featuresJson);
        // What was not imported keeps its features as an object.
        expect(typeof (await raw.get('features', OTHER_EVENTS[0].id)).features).toBe('object');
      } finally {
        raw.close();
      }
    };
    await storedAsSent();

    // The parts chose the same stories.
    expect(await storiesOf(asJson)).toEqual(await storiesOf(asObjects));
    expect((await asJson.listStories()).some((s) => s.members.length >= 3)).toBe(true);

    // A later import chooses its stories among the stored ones, reading their members' features.
    for (const store of [asJson, asObjects]) await store.importArticles(seedCopies(2, false).map((p) => p.article));
    expect(await storiesOf(asJson)).toEqual(await storiesOf(asObjects));

    // A lookup reads the stored features as the objects they were made from.
    const ids = copies.map((p) => p.article.id);
    const records = await asJson.fullRecords((await asJson.candidateGlances([], 0)).generation, ids, false);
    for (const p of copies) expect(records?.get(p.article.id)?.features).toEqual(p.features);
    const terms = copies[0].terms;
    expect(await asJson.candidateGlances(terms)).toEqual(await asObjects.candidateGlances(terms));

    // Every story formed again from the stored features.
    for (const store of [asJson, asObjects]) await store.recomputeStories();
    expect(await storiesOf(asJson)).toEqual(await storiesOf(asObjects));
    await storedAsSent();
  });
});

describe('upgrading a corpus of the version before', () => {
  it('keeps its features stored as objects, reads them as before, and stores an import’s JSON beside them', async () => {
    // The current code's database of the seeds and other articles: every features record an object.
    const fresh = `features-before-fresh-${Date.now()}`;
    const writer = await CorpusStore.open(fresh);
    await writer.ensureSeeds(loadSeeds());
    await writer.addArticles(OTHER_EVENTS);
    writer.close();
    const current = await readDatabase(fresh);
    // The same records as the version before stored them (its stores are this version's).
    const stores: FixtureStore[] = Object.entries(current.stores).map(([store, s]) => ({
      name: store,
      keyPath: s.keyPath,
      autoIncrement: false,
      indexes: store === 'articles' ? [{ name: 'url', keyPath: 'url', unique: false, multiEntry: false }] : [],
      records: s.records.map((r) => (s.keyPath === null ? { key: r.key as string, value: r.value } : { value: r.value })),
    }));
    const name = `features-before-${Date.now()}`;
    expect(await writeDatabase({ name, version: DB_VERSION - 1, stores })).toBe(DB_VERSION - 1);
    const before = await readDatabase(name);
    expect(before.stores.features.records.length).toBe(loadSeeds().length + OTHER_EVENTS.length);

    const store = await CorpusStore.open(name);
    try {
      const after = await readDatabase(name);
      expect(after.version).toBe(DB_VERSION);
      expect(after.stores).toEqual(before.stores);
      const seeds = loadSeeds();
      const records = await store.fullRecords((await store.candidateGlances([], 0)).generation, seeds.map((s) => s.id), false);
      for (const seed of seeds) expect(records?.get(seed.id)?.features).toEqual(articleFeatures(seed));

      // An import's copies of the seeds, their features as the worker's JSON: each joins its seed's story, read from the objects.
      const session = store.openImport();
      const copies = seedCopies(0, true);
      void session.add(copies);
      await session.finish();
      const raw = await openDB(name);
      try {
        for (const p of copies) expect((await raw.get('features', p.article.id)).features).toBe(p.featuresJson);
        for (const seed of seeds) expect(typeof (await raw.get('features', seed.id)).features).toBe('object');
      } finally {
        raw.close();
      }
      for (const [i, seed] of seeds.entries()) {
        const story = await store.storyIdOf(seed.id);
        expect(story).not.toBeNull();
        expect(await store.storyIdOf(copies[i].article.id)).toBe(story);
      }
    } finally {
      store.close();
    }
  });
});
