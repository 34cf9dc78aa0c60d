import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../lib/article/article';
import { glanceOf, headOf } from '../../lib/match/glance';
import { languageOf } from '../../lib/text/language';
import { contentTermsOf, tokenize } from '../../lib/text/tokens';
import type { PagePayload } from '../../platform/protocol';
import { annotateFromStore } from '../../services/annotate-page';
import { prepare, type CorpusStore } from '../../services/corpus-store';
import { DB_VERSION } from '../../services/corpus-schema';
import { loadSeeds } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';
import { OTHER_EVENTS as OTHERS, userArticle as user } from '../helpers/other-events';
import { createOldStores } from '../helpers/old-stores';

vi.setConfig({ testTimeout: 60_000 });

const open = storesClosedAfterEachTest();
let n = 0;

/** Another outlet's report of a seed's event: it joins the seeds' story. */
const reportOf = (seed: Article, id: string, addedAt: number): Article => ({ ...seed, id, file: undefined, outlet: `Outlet ${id}`, raw: seed.raw.replace(/\. /, '. Außerdem: '), source: 'user', addedAt });

/** Pages of no stored story that share words with stored ones, and one of the seeds' story. */
function pages(seeds: Article[]): PagePayload[] {
  const page = (text: string, language = 'de'): PagePayload => ({ text, url: 'https://page.example/a', title: 'Seite', language, publishedTime: null });
  return [
    page('Die Zoodirektorin plant ein Aquarium im Tierpark. Die Stadt prüft die Kosten noch bis Mai, sagte ein Sprecher. Die Giraffen bleiben im alten Haus.'),
    page('Ein Gewitter hat in Süddeutschland Keller überflutet. Die Feuerwehr in München rückte zu vielen Einsätzen aus. Die Stadt warnt vor weiteren Unwettern.'),
    { text: seeds[1].raw.slice(seeds[1].bodyStart), url: 'https://page.example/story', title: seeds[1].title, language: seeds[1].language, publishedTime: seeds[1].date },
  ];
}

/**
 * Every story's `storyGlances` record holds exactly its members' glances
 * (each made from the article's head and stored features), in member order,
 * no record is left of a story that is gone, and glances are stored nowhere
 * else. Returns how many stories there are.
 */
async function expectRecordsHoldMembersGlances(name: string): Promise<number> {
  const db = await openDB(name);
  expect(db.objectStoreNames.contains('glances')).toBe(false);
  const [stories, records, articles, features] = await Promise.all([db.getAll('stories'), db.getAll('storyGlances'), db.getAll('articles'), db.getAll('features')]);
  db.close();
  const articleOf = new Map(articles.map((a: Article) => [a.id, a]));
  const featuresOf = new Map(features.map((f) => [f.id, f.features]));
  const recordOf = new Map(records.map((r) => [r.id, r]));
  for (const story of stories) expect(recordOf.get(story.id)?.glances, story.id).toEqual(story.members.map((id: string) => glanceOf(headOf(articleOf.get(id)!), featuresOf.get(id))));
  expect(records.map((r) => r.id).sort()).toEqual(stories.map((s) => s.id).sort());
  expect(stories.flatMap((s) => s.members).sort()).toEqual(articles.map((a) => a.id).sort());
  return stories.length;
}

/** Counts the requests of each store (`get`) while `run` runs. */
async function countingGets<T>(run: () => Promise<T>): Promise<{ result: T; gets: Record<string, number> }> {
  const proto = IDBObjectStore.prototype;
  const get = proto.get;
  const gets: Record<string, number> = {};
  proto.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    gets[this.name] = (gets[this.name] ?? 0) + 1;
    return get.call(this, key);
  };
  try {
    return { result: await run(), gets };
  } finally {
    proto.get = get;
  }
}

const termsOf = (page: PagePayload) => {
  const language = languageOf(page.text, page.language);
  return contentTermsOf(tokenize(page.text, language), language);
};

describe("each story's glances in one record", () => {
  let name: string;
  let store: CorpusStore;
  let seeds: Article[];
  beforeEach(async () => {
    name = `story-glances-${n++}`;
    seeds = loadSeeds();
    store = await open(name);
    await store.ensureSeeds(seeds);
    await store.addArticles(OTHERS);
  });
  afterEach(() => store.close());

  it('are written with the stories by every write, and follow edits, moves and deletions', async () => {
    expect(await expectRecordsHoldMembersGlances(name)).toBeGreaterThan(2);
    // An import in parts: its articles join a stored story, across parts, and one is a story of its own.
    const seedsStory = await store.storyIdOf(seeds[0].id);
    const session = store.openImport();
    await session.add([prepare(reportOf(seeds[0], 'copy-1', 10))]);
    await session.add([prepare(reportOf(seeds[1], 'copy-2', 11)), prepare(user('alone', OTHERS[0].raw.replace('Giraffen', 'Elefanten'), '2019-04-02', 12))]);
    await session.finish();
    for (const id of ['copy-1', 'copy-2']) expect(await store.storyIdOf(id)).toBe(seedsStory);
    await expectRecordsHoldMembersGlances(name);
    // A new outlet name is in the glance, and so in its story's record.
    await store.updateArticle('copy-1', { outlet: 'Neue Zeitung' });
    await expectRecordsHoldMembersGlances(name);
    // Another date: it leaves its story for one of its own.
    await store.updateArticle('copy-2', { date: '2001-06-01' });
    expect(await store.storyIdOf('copy-2')).not.toBe(seedsStory);
    await expectRecordsHoldMembersGlances(name);
    // Deleting a member, and the last member of a story.
    await store.deleteArticle('copy-1');
    await store.deleteArticles(['copy-2']);
    await expectRecordsHoldMembersGlances(name);
    await store.recomputeStories();
    await expectRecordsHoldMembersGlances(name);
    await store.replaceWithSeeds(seeds);
    expect(await expectRecordsHoldMembersGlances(name)).toBe(1);
  });

  it('are what a lookup reads: one request per story, and the same stories and glances as reading each member', async () => {
    for (const page of pages(seeds)) {
      const fresh = await open(name);
      const { result: byStory, gets } = await countingGets(() => fresh.candidateGlances(termsOf(page)));
      const members = byStory.stories.reduce((sum, s) => sum + s.glances.length, 0);
      expect(members).toBeGreaterThan(0);
      expect(gets.storyGlances).toBe(byStory.stories.length);
      expect(gets.articles ?? 0).toBe(0);
      fresh.close();

      // Without the records (which the writes never leave): each member's glance is made from its article and features, the
      // lookup is the same, and the records it made are kept.
      const db = await openDB(name);
      await db.clear('storyGlances');
      const without = await open(name);
      const { result: byMember, gets: memberGets } = await countingGets(() => without.candidateGlances(termsOf(page)));
      expect(byMember.stories).toEqual(byStory.stories);
      expect(memberGets.articles).toBe(members);
      without.close();
      const kept = await db.getAll('storyGlances');
      expect(kept.map((r) => r.id).sort()).toEqual(byStory.stories.map((x) => x.id).sort());
      for (const r of kept) expect(r.glances).toEqual(byStory.stories.find((x) => x.id === r.id)!.glances);
      db.close();
      // The other stories' records are made by the next write.
      await store.recomputeStories();
      await expectRecordsHoldMembersGlances(name);
    }
  });

  it('stand for a story only when they hold its members: a record short of a member is read past', async () => {
    const page = pages(seeds)[2];
    const whole = await open(name);
    const expected = await annotateFromStore(whole, page);
    expect(expected.annotation.story.match).toBe('same');
    const db = await openDB(name);
    const record = await db.get('storyGlances', (await store.storyIdOf(seeds[0].id))!);
    expect(record.glances.length).toBeGreaterThan(1);
    await db.put('storyGlances', { ...record, glances: record.glances.slice(1) });
    db.close();
    const fresh = await open(name);
    const { result, gets } = await countingGets(() => annotateFromStore(fresh, page));
    // Each member's glance made from its article and features (the article read again by the engine's full look, which quotes them).
    expect(gets.features).toBeGreaterThanOrEqual(record.glances.length);
    expect(result.annotation).toEqual(expected.annotation);
    expect(result.candidates).toEqual(expected.candidates);
    // The lookup kept the record it made.
    await expectRecordsHoldMembersGlances(name);
  });
});

/**
 * A database as version 5, 6 or 7 left it, from the records of `source`
 * (written by the current code): each member's glance in a `glances` store
 * of its own, and from version 7 also in its story's record.
 */
async function copyAsVersion(version: 5 | 7, source: string, name: string) {
  const names = ['articles', 'terms', 'postings', 'df', 'features', 'meta', 'stories', 'storyOf', 'storyGlances'] as const;
  const from = await openDB(source);
  const records: Record<string, unknown[]> = {};
  for (const s of names) records[s] = await from.getAll(s);
  const metaKeys = await from.getAllKeys('meta');
  from.close();
  records.glances = (records.storyGlances as Array<{ glances: unknown[] }>).flatMap((r) => r.glances);
  if (version < 7) delete records.storyGlances;
  const db = await openDB(name, version, {
    upgrade(database) {
      createOldStores(database, [...new Set(['articles', 'df', 'meta', 'postings', ...Object.keys(records)])]);
    },
  });
  const tx = db.transaction(Object.keys(records), 'readwrite');
  for (const [s, values] of Object.entries(records))
    if (s === 'meta') values.forEach((value, i) => void tx.objectStore('meta').put(value, metaKeys[i]));
    else for (const value of values) void tx.objectStore(s).put(value);
  await tx.done;
  db.close();
  return records.glances.length;
}

describe('upgrading a corpus with a glances store (versions 5 to 7)', () => {
  for (const version of [5, 7] as const)
    it(`from version ${version}: each story's record holds its members' glances, the glances store is gone, and lookups answer the same`, async () => {
      const source = `story-glances-${n++}`;
      const seeds = loadSeeds();
      const s = await open(source);
      await s.ensureSeeds(seeds);
      await s.addArticles(OTHERS);
      // A reader's edit: the glance carries the edited head.
      await s.updateArticle('zoo', { outlet: 'Mein Lokalblatt' });
      const expected = [];
      for (const page of pages(seeds)) expected.push((await s.candidateGlances(termsOf(page))).stories);
      s.close();
      const name = `story-glances-v${version}-${n++}`;
      expect(await copyAsVersion(version, source, name)).toBe(seeds.length + OTHERS.length);

      const store = await open(name);
      const db = await openDB(name);
      expect(db.version).toBe(DB_VERSION);
      db.close();
      await expectRecordsHoldMembersGlances(name);
      const got = [];
      for (const page of pages(seeds)) got.push((await store.candidateGlances(termsOf(page))).stories);
      expect(got).toEqual(expected);
      expect(got.flat().flatMap((x) => x.glances).find((g) => g.id === 'zoo')?.head.outlet).toBe('Mein Lokalblatt');
    });
});
