import 'fake-indexeddb/auto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../lib/article/article';
import { makeArticle } from '../../lib/article/make-article';
import { annotate } from '../../lib/match/annotate';
import { articleFeatures, FEATURES_VERSION } from '../../lib/match/features';
import { glanceOf, headOf } from '../../lib/match/glance';
import { toPageNotes } from '../../lib/notes/page-notes';
import { languageOf } from '../../lib/text/language';
import { contentTermsOf, tokenize } from '../../lib/text/tokens';
import type { PagePayload } from '../../platform/protocol';
import { annotateFromStore } from '../../services/annotate-page';
import { CorpusStore } from '../../services/corpus-store';
import { DB_VERSION } from '../../services/corpus-schema';
import { loadFolder } from '../../scripts/lib/articles';
import { loadSeeds, sharedDir } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';
import { OTHER_EVENTS as OTHERS } from '../helpers/other-events';
import { createOldStores } from '../helpers/old-stores';

vi.setConfig({ testTimeout: 120_000 });

let n = 0;
const open = storesClosedAfterEachTest();


/** The corpus: the seeds (one story), the articles above, and ../shared's development stories where present. */
function corpus(): Article[] {
  const articles = [...OTHERS];
  for (const folder of ['story2', 'story3', 'near']) {
    const dir = path.join(sharedDir, 'data', folder);
    if (existsSync(dir) && readdirSync(dir).length > 0)
      articles.push(...loadFolder(dir).map((a, i) => ({ ...a, id: `${folder}/${a.id}`, file: `${folder}/${a.file}`, addedAt: 100 + articles.length + i })));
  }
  return articles;
}

const payload = (a: Pick<Article, 'raw' | 'url' | 'title' | 'language' | 'date'>, text = a.raw): PagePayload => ({ text, url: a.url ?? 'https://page.example/a', title: a.title, language: a.language, publishedTime: a.date });

/** What the background answered before lookups read glances: the candidate stories read whole, given to `annotate`. */
async function wholeLookup(store: CorpusStore, page: PagePayload, storyOnly: boolean) {
  const language = languageOf(page.text, page.language);
  const stories = await store.candidateStories(contentTermsOf(tokenize(page.text, language), language));
  const storyOfId = new Map<string, string>();
  const candidates: Article[] = [];
  for (const story of stories)
    for (const a of story.articles)
      if (!storyOfId.has(a.id)) {
        storyOfId.set(a.id, story.id);
        candidates.push(a);
      }
  const annotation = annotate({ text: page.text, url: page.url, title: page.title, language, date: page.publishedTime }, candidates, {
    featuresOf: store.featuresOf,
    storyOnly,
    storyOf: (a) => storyOfId.get(a.id) ?? null,
  });
  return { annotation, notes: { ...toPageNotes(annotation, new Map(candidates.map((a) => [a.file ?? a.id, a]))), language }, candidates: candidates.map((a) => a.id) };
}

describe('annotating through glances', () => {
  it('gives what annotate over the candidates read whole gives, on pages with and without a story, and reads few in full', async () => {
    const name = `glances-${n++}`;
    const seeds = loadSeeds();
    const setup = await open(name);
    await setup.ensureSeeds(seeds);
    const others = corpus();
    await setup.importArticles(others);
    setup.close();

    const pages: PagePayload[] = [
      // The seeds' story, a page of it without its own url (no duplicate), shortened.
      ...seeds.map((s) => payload({ ...s, url: null })),
      payload({ ...seeds[1], url: null }, seeds[1].raw.slice(seeds[1].bodyStart, seeds[1].bodyStart + 900)),
      // Pages of no stored story that share words with stored ones.
      payload(OTHERS[0], 'Die Zoodirektorin plant ein Aquarium im Tierpark. Die Stadt prüft die Kosten noch bis Mai, sagte ein Sprecher. Die Giraffen bleiben im alten Haus.'),
      payload(OTHERS[2], 'Ein Gewitter hat in Süddeutschland Keller überflutet. Die Feuerwehr in München rückte zu vielen Einsätzen aus. Die Stadt warnt vor weiteren Unwettern.'),
      // The development stories' articles as pages.
      ...others.filter((a) => a.id.includes('/')).map((a) => payload({ ...a, url: null })),
    ];
    const glancing = await open(name);
    const whole = await open(name);
    const fullReads: Array<{ ids: string[]; withArticles: boolean }> = [];
    const fullRecords = glancing.fullRecords.bind(glancing);
    glancing.fullRecords = async (generation, ids, withArticles = true) => {
      fullReads.push({ ids: [...ids], withArticles });
      return fullRecords(generation, ids, withArticles);
    };
    let withStory = 0;
    let withoutStory = 0;
    let fewerRead = 0;
    for (const page of pages)
      for (const storyOnly of [true, false]) {
        fullReads.length = 0;
        const got = await annotateFromStore(glancing, page, { storyOnly });
        const expected = await wholeLookup(whole, page, storyOnly);
        expect(got.annotation).toEqual(expected.annotation);
        expect(got.notes).toEqual(expected.notes);
        expect(got.candidates.map((c) => c.id)).toEqual(expected.candidates);
        if (got.annotation.story.match === 'same') withStory++;
        else withoutStory++;
        // Only the candidates the engine compared, and the page's story, are read in full; texts only of the story, when it relates the page to it.
        const read = new Set(fullReads.flatMap((r) => r.ids));
        for (const id of read) expect(expected.candidates).toContain(id);
        if (read.size < expected.candidates.length) fewerRead++;
        const texts = fullReads.filter((r) => r.withArticles).flatMap((r) => r.ids);
        if (storyOnly || got.annotation.story.match !== 'same') expect(texts).toEqual([]);
        else expect(texts.length).toBe(got.annotation.outlets.filter((o) => o.sameStory).length);
      }
    expect(withStory).toBeGreaterThan(0);
    expect(withoutStory).toBeGreaterThan(0);
    expect(fewerRead).toBeGreaterThan(0);
  });

  it('quotes, of two candidates with one doc name, the one a map of all candidates would hold (the last), as before', async () => {
    const name = `glances-${n++}`;
    const seeds = loadSeeds();
    const store = await open(name);
    await store.ensureSeeds(seeds);
    // Another report of the seeds' event under the file name of a seed, in another story (dated years apart): both are candidates.
    const twin = makeArticle({ id: 'twin', raw: seeds[1].raw, source: 'user', language: seeds[1].language, outlet: 'Twin outlet', date: '2019-01-01', addedAt: 9 });
    await store.addArticles([{ ...twin, file: seeds[1].file }]);
    const whole = await open(name);
    for (const page of seeds.slice(2).map((s) => payload({ ...s, url: null }))) {
      const got = await annotateFromStore(store, page);
      const expected = await wholeLookup(whole, page, false);
      expect(got.candidates.filter((c) => (c.file ?? c.id) === seeds[1].file).map((c) => c.id)).toHaveLength(2);
      expect(got.annotation).toEqual(expected.annotation);
      expect(got.notes).toEqual(expected.notes);
    }
  });

  it('starts again when the corpus changes between reading glances and full features', async () => {
    const name = `glances-${n++}`;
    const seeds = loadSeeds();
    const store = await open(name);
    await store.ensureSeeds(seeds);
    const other = await open(name);
    const fullRecords = store.fullRecords.bind(store);
    let calls = 0;
    store.fullRecords = async (generation, ids, withArticles) => {
      // Another context (the corpus manager's import) writes in between, once.
      if (calls++ === 0) await other.addArticles([OTHERS[0]]);
      return fullRecords(generation, ids, withArticles);
    };
    const page = payload({ ...seeds[0], url: null });
    const got = await annotateFromStore(store, page);
    expect(calls).toBeGreaterThan(1);
    expect(got.annotation).toEqual((await wholeLookup(other, page, false)).annotation);
    expect(got.annotation.story.match).toBe('same');
  });
});

/** A database as version 4 left it: the stores of `source` (written by the current code) but glances. */
async function copyAsVersion4(source: string, name: string, edit: (stores: Record<string, unknown[]>) => void) {
  const from = await openDB(source);
  const names = ['articles', 'terms', 'postings', 'df', 'features', 'meta', 'stories', 'storyOf'] as const;
  const stores: Record<string, unknown[]> = {};
  for (const s of names) stores[s] = await from.getAll(s);
  const metaKeys = await from.getAllKeys('meta');
  from.close();
  edit(stores);
  const db = await openDB(name, 4, {
    upgrade(database) {
      createOldStores(database, ['articles', 'terms', 'df', 'features', 'meta', 'postings', 'stories', 'storyOf']);
    },
  });
  const tx = db.transaction([...names], 'readwrite');
  for (const s of names)
    if (s === 'meta') stores.meta.forEach((value, i) => void tx.objectStore('meta').put(value, metaKeys[i]));
    else for (const value of stores[s]) void tx.objectStore(s).put(value as never);
  await tx.done;
  db.close();
}

describe('upgrading a version-4 corpus', () => {
  it('makes every article its glance from its stored features (computing stale and missing ones) and loses nothing', async () => {
    expect(DB_VERSION).toBeGreaterThanOrEqual(5);
    const source = `v4-source-${n++}`;
    const name = `v4-${n++}`;
    const seeds = loadSeeds();
    const s = await open(source);
    await s.ensureSeeds(seeds);
    await s.addArticles(OTHERS);
    // A reader's edit: the glance must carry the edited head.
    await s.updateArticle('zoo', { outlet: 'Mein Lokalblatt' });
    s.close();
    const stale = seeds[2].id;
    const missing = 'sturm';
    let before: Record<string, unknown[]> = {};
    await copyAsVersion4(source, name, (stores) => {
      stores.features = (stores.features as Array<{ id: string; features: { version: number } }>)
        .filter((f) => f.id !== missing)
        .map((f) => (f.id === stale ? { ...f, features: { ...f.features, version: FEATURES_VERSION - 1 } } : f));
      before = structuredClone(stores);
    });

    const store = await open(name);
    const db = await openDB(name);
    expect(db.version).toBe(DB_VERSION);
    // Glances are stored in their stories' records only (version 8).
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'df', 'features', 'importJournal', 'meta', 'postings', 'stories', 'storyGlances', 'storyOf', 'terms']);
    const after: Record<string, unknown[]> = {};
    for (const s of ['articles', 'terms', 'postings', 'df', 'features', 'meta', 'stories', 'storyOf'] as const) after[s] = await db.getAll(s);
    // Each story's record holds its members' glances, in member order.
    const records = new Map(((await db.getAll('storyGlances')) as Array<{ id: string; glances: Array<{ id: string }> }>).map((r) => [r.id, r.glances]));
    const stories = after.stories as Array<{ id: string; members: string[] }>;
    for (const story of stories) expect(records.get(story.id)?.map((g) => g.id)).toEqual(story.members);
    expect([...records.keys()].sort()).toEqual(stories.map((story) => story.id).sort());
    after.glances = [...records.values()].flat();
    db.close();
    // Nothing lost or changed: articles, index, stories and the write counter as they were.
    for (const s of ['articles', 'terms', 'postings', 'df', 'meta', 'stories', 'storyOf']) expect(after[s]).toEqual(before[s]);
    const articles = after.articles as Article[];
    expect(articles.map((a) => a.id).sort()).toEqual([...seeds.map((x) => x.id), ...OTHERS.map((a) => a.id)].sort());
    // Features: the stale and the missing ones computed and kept, the others as they were.
    const features = after.features as Array<{ id: string; features: unknown }>;
    expect(features.map((f) => f.id).sort()).toEqual(articles.map((a) => a.id).sort());
    for (const f of features) expect(f.features).toEqual(articleFeatures(articles.find((a) => a.id === f.id)!));
    // A glance for every article, made from its features, with its head as stored.
    const glances = after.glances as Array<{ id: string; head: { outlet: string } }>;
    expect(glances.map((g) => g.id).sort()).toEqual(articles.map((a) => a.id).sort());
    for (const a of articles) expect(glances.find((g) => g.id === a.id)).toEqual(glanceOf(headOf(a), articleFeatures(a)));
    expect(glances.find((g) => g.id === 'zoo')!.head.outlet).toBe('Mein Lokalblatt');

    // The upgraded corpus answers as before.
    const page = payload({ ...seeds[0], url: null });
    const got = await annotateFromStore(store, page);
    expect(got.annotation).toEqual((await wholeLookup(store, page, false)).annotation);
    expect(got.annotation.story.match).toBe('same');
  });

  it('opens an empty version-4 database', async () => {
    const source = `v4-source-${n++}`;
    const name = `v4-${n++}`;
    (await open(source)).close();
    await copyAsVersion4(source, name, () => undefined);
    const store = await open(name);
    expect(await store.count()).toBe(0);
    expect(await store.ensureSeeds(loadSeeds())).toBe(5);
    const db = await openDB(name);
    expect(db.objectStoreNames.contains('glances')).toBe(false);
    expect(((await db.getAll('storyGlances')) as Array<{ glances: unknown[] }>).flatMap((r) => r.glances)).toHaveLength(5);
    db.close();
  });
});

describe('glances follow every write', () => {
  it("are written, rewritten and deleted with the articles, each once, in its story's record", async () => {
    const name = `writes-${n++}`;
    const store = await open(name);
    const seeds = loadSeeds();
    const glancesIn = async () => {
      const db = await openDB(name);
      const [records, articles] = await Promise.all([db.getAll('storyGlances'), db.getAll('articles')]);
      db.close();
      return { glances: (records as Array<{ glances: unknown[] }>).flatMap((r) => r.glances), articles: articles as Article[] };
    };
    const expectOnePerArticle = async () => {
      const { glances, articles } = await glancesIn();
      expect(glances).toHaveLength(articles.length);
      for (const a of articles) expect(glances).toContainEqual(glanceOf(headOf(a), articleFeatures(a)));
      return articles.length;
    };
    await store.ensureSeeds(seeds);
    expect(await expectOnePerArticle()).toBe(5);
    await store.addArticles([OTHERS[0]]);
    await store.importArticles([OTHERS[1], { ...OTHERS[0], outlet: 'Edited' }]);
    expect(await expectOnePerArticle()).toBe(7);
    await store.updateArticle('zoo-2', { outlet: 'Renamed', date: '2025-04-03' });
    await expectOnePerArticle();
    await store.deleteArticle('zoo');
    await store.deleteArticles(['zoo-2', seeds[0].id]);
    expect(await expectOnePerArticle()).toBe(4);
    await store.recomputeStories();
    await store.replaceWithSeeds(seeds);
    expect(await expectOnePerArticle()).toBe(5);
  });
});
