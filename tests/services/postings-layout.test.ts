import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeArticle } from '../../lib/article/make-article';
import { contentTerms } from '../../lib/text/tokens';
import { CorpusStore } from '../../services/corpus-store';
import { DB_VERSION, type PostingsChunk } from '../../services/corpus-schema';
import { chunkIds, POSTINGS_CHUNK } from '../../services/postings-layout';
import { loadSeeds } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';
import { createOldStores } from '../helpers/old-stores';

vi.setConfig({ testTimeout: 120_000 });

let n = 0;
const open = storesClosedAfterEachTest();
afterEach(() => vi.restoreAllMocks());

/** Ids per postings chunk up to version 5, each chunk's ids an array. */
const OLD_CHUNK = 32;

/** Articles of one subject (a term in each of them, more than one old chunk) and of others. */
const ARTICLES = [
  ...Array.from({ length: 70 }, (_, i) =>
    makeArticle({
      id: `pokal-${String(i).padStart(3, '0')}`,
      raw: `Das Pokalfinale in Berlin endete mit einem Sieg. Bericht Nummer ${i}: ${['Stuttgart', 'Leverkusen', 'Bielefeld', 'Kaiserslautern'][i % 4]} jubelte, ${['der Trainer', 'die Kapitänin', 'der Torwart'][i % 3]} sprach von einem ${['historischen', 'verdienten', 'glücklichen', 'späten', 'klaren'][i % 5]} Erfolg.`,
      source: 'user',
      outlet: `Blatt ${i % 9}`,
      language: 'de',
      date: `2025-05-${String(1 + (i % 28)).padStart(2, '0')}`,
      addedAt: i,
    }),
  ),
  makeArticle({ id: 'zoo', raw: 'Die Zoodirektorin eröffnet das neue Giraffengehege im Tierpark. Die drei Giraffen ziehen im Mai ein, teilte die Stadt mit.', source: 'user', language: 'de', date: '2025-04-02', addedAt: 100 }),
  makeArticle({ id: 'sturm', raw: 'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu hunderten Einsätzen aus.', source: 'user', language: 'de', date: '2025-01-20', addedAt: 101 }),
];

const STORE_NAMES = ['articles', 'terms', 'postings', 'df', 'features', 'glances', 'meta', 'stories', 'storyOf'] as const;

/**
 * A database as version 5 left it: the records of `source` (written by the
 * current code), the postings in that version's layout: each term's ids in
 * chunks of 32, as arrays. `postings` replaces them when given.
 */
async function copyAsVersion5(source: string | null, name: string, postings?: PostingsChunk[]) {
  const records: Record<string, unknown[]> = {};
  const metaKeys: IDBValidKey[] = [];
  if (source !== null) {
    const from = await openDB(source);
    // Glances are stored in their stories' records since version 8: the copy's glances store is empty, and its upgrade makes them.
    for (const s of STORE_NAMES) records[s] = from.objectStoreNames.contains(s) ? await from.getAll(s) : [];
    metaKeys.push(...(await from.getAllKeys('meta')));
    from.close();
  }
  if (!postings) {
    const byTerm = new Map<string, string[]>();
    for (const c of (records.postings ?? []) as PostingsChunk[]) byTerm.set(c.term, [...(byTerm.get(c.term) ?? []), ...chunkIds(c)]);
    postings = [];
    for (const [term, ids] of byTerm) for (let at = 0; at < ids.length; at += OLD_CHUNK) postings.push({ term, chunk: at / OLD_CHUNK, ids: ids.slice(at, at + OLD_CHUNK) });
  }
  records.postings = postings;
  const db = await openDB(name, 5, {
    upgrade(database) {
      createOldStores(database, ['articles', 'terms', 'features', 'glances', 'stories', 'storyOf', 'df', 'meta', 'postings']);
    },
  });
  const tx = db.transaction([...STORE_NAMES], 'readwrite');
  for (const s of STORE_NAMES)
    if (s === 'meta') (records.meta ?? []).forEach((value, i) => void tx.objectStore('meta').put(value, metaKeys[i]));
    else for (const value of records[s] ?? []) void tx.objectStore(s).put(value as never);
  await tx.done;
  db.close();
}

/** Every term's ids in chunk order, and the chunks' numbers and sizes, read straight from the database. */
async function postingsOf(name: string) {
  const db = await openDB(name);
  const chunks = (await db.getAll('postings')) as PostingsChunk[];
  db.close();
  const ids = new Map<string, string[]>();
  const numbers = new Map<string, number[]>();
  for (const c of chunks) {
    ids.set(c.term, [...(ids.get(c.term) ?? []), ...chunkIds(c)]);
    numbers.set(c.term, [...(numbers.get(c.term) ?? []), c.chunk]);
  }
  return { chunks, ids, numbers };
}

const PAGES = [
  'Im Pokalfinale in Berlin jubelte Leverkusen, der Trainer sprach von einem verdienten Erfolg.',
  'Der Sturm entwurzelte Bäume in Hamburg, die Feuerwehr rückte aus.',
  'Die Giraffen im Tierpark: die Zoodirektorin eröffnet das Gehege.',
];

describe('upgrading a version-5 corpus: postings in larger chunks', () => {
  it('puts each term in chunks of the new size, loses no id, and finds the same candidates', async () => {
    expect(DB_VERSION).toBeGreaterThanOrEqual(6);
    const source = `v5-source-${n++}`;
    const name = `v5-${n++}`;
    const seeds = loadSeeds();
    const s = await open(source);
    await s.ensureSeeds(seeds);
    await s.importArticles(ARTICLES);
    const pages = [...PAGES, ...seeds.slice(0, 3).map((a) => a.raw)].map((text) => contentTerms(text, 'de'));
    const expected = [];
    for (const terms of pages) expected.push({ candidates: (await s.candidates(terms)).map((a) => a.id), glances: await s.candidateGlances(terms) });
    const written = await postingsOf(source);
    await copyAsVersion5(source, name);
    const old = await postingsOf(name);
    const pokal = contentTerms('Pokalfinale', 'de')[0];
    // The old layout as version 5 wrote it: the common term in several chunks.
    expect(old.numbers.get(pokal)).toEqual([0, 1, 2]);

    const store = await open(name);
    const now = await postingsOf(name);
    // Every term's ids in the order they were, and chunks numbered from 0, each of at most POSTINGS_CHUNK ids, stored as one string.
    expect(now.ids).toEqual(old.ids);
    expect(now.ids).toEqual(written.ids);
    for (const [term, ids] of now.ids) expect(now.numbers.get(term)).toEqual(Array.from({ length: Math.ceil(ids.length / POSTINGS_CHUNK) }, (_, i) => i));
    for (const c of now.chunks) expect(typeof c.ids).toBe('string');
    expect(now.numbers.get(pokal)).toEqual([0]);

    const got = [];
    for (const terms of pages) got.push({ candidates: (await store.candidates(terms)).map((a) => a.id), glances: await store.candidateGlances(terms) });
    // Generations differ (the copy's write counter is the source's, the source's lookups saved nothing): the stories must not.
    expect(got.map((g) => ({ candidates: g.candidates, stories: g.glances.stories }))).toEqual(expected.map((e) => ({ candidates: e.candidates, stories: e.glances.stories })));
    expect(got[0].candidates.filter((id) => id.startsWith('pokal-')).length).toBeGreaterThan(10);

    // Writes after the upgrade go on from the new chunks.
    await store.deleteArticle('pokal-005');
    await store.addArticles([makeArticle({ id: 'pokal-new', raw: 'Nach dem Pokalfinale in Berlin feierte Bielefeld bis in die Nacht.', source: 'user', language: 'de', date: '2025-05-30' })]);
    const after = await postingsOf(name);
    expect([...after.ids.get(pokal)!].sort()).toEqual([...old.ids.get(pokal)!.filter((id) => id !== 'pokal-005'), 'pokal-new'].sort());
    expect(after.numbers.get(pokal)).toEqual([0]);
  });

  it('keeps a term whole across the upgrade batches, whatever its size, and an id holding the separator', async () => {
    const name = `v5-batches-${n++}`;
    const old: PostingsChunk[] = [];
    const expected = new Map<string, string[]>();
    const term = (t: string, count: number) => {
      const ids = Array.from({ length: count }, (_, i) => `${t}-id-${i}`);
      expected.set(t, ids);
      for (let at = 0; at < ids.length; at += OLD_CHUNK) old.push({ term: t, chunk: at / OLD_CHUNK, ids: ids.slice(at, at + OLD_CHUNK) });
    };
    // About 2,400 records: the batches of the upgrade end inside terms of 1-3 chunks, one of 40 and one of 700 (a batch of its own and more).
    for (let i = 0; i < 1200; i++) term(`a${String(i).padStart(4, '0')}`, 1 + ((i * 37) % 90));
    term('a0600-mid', 40 * OLD_CHUNK);
    term('zz-huge', 700 * OLD_CHUNK - 3);
    old.push({ term: 'line', chunk: 0, ids: ['plain', 'two\nlines'] });
    expected.set('line', ['plain', 'two\nlines']);
    await copyAsVersion5(null, name, old);

    await open(name);
    const now = await postingsOf(name);
    expect(now.ids).toEqual(expected);
    for (const [t, ids] of now.ids) expect(now.numbers.get(t)).toEqual(Array.from({ length: Math.ceil(ids.length / POSTINGS_CHUNK) }, (_, i) => i));
    // Its ids cannot be joined by the separator: that chunk stays an array.
    expect(now.chunks.find((c) => c.term === 'line')?.ids).toEqual(['plain', 'two\nlines']);
  });
});

describe("a lookup's index reads beside its meta reads", () => {
  it('sends the postings reads before the generation is back, and starts again from it when another context wrote meanwhile', async () => {
    const name = `early-${n++}`;
    const other = await open(name);
    await other.ensureSeeds(loadSeeds());
    await other.importArticles(ARTICLES);
    const store = await open(name);
    // As in a large corpus: the page terms' frequencies and postings are read term by term, and no postings kept between lookups.
    store.completeFrequenciesUpTo = 0;
    store.keptPostingsUpTo = 0;
    const terms = contentTerms(PAGES[0], 'de');
    await store.candidates(terms);

    const events: string[] = [];
    const get = IDBObjectStore.prototype.get;
    const getAll = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
      const request = get.apply(this, args);
      if (this.name === 'meta' && args[0] === 'generation') request.addEventListener('success', () => events.push('generation'));
      return request;
    });
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      if (this.name === 'postings') events.push('postings');
      return getAll.apply(this, args);
    });
    const warm = await store.candidates(terms);
    const before = events.indexOf('generation');
    expect(before).toBeGreaterThan(0);
    expect(events.slice(0, before).every((e) => e === 'postings')).toBe(true);

    // Another context's write: what this one keeps is of an older generation, the reads sent on it are left unused.
    await other.addArticles([makeArticle({ id: 'pokal-late', raw: 'Das Pokalfinale in Berlin: Leverkusen jubelte, der Trainer sprach von einem verdienten Erfolg.', source: 'user', language: 'de', date: '2025-05-31' })]);
    events.length = 0;
    const after = await store.candidates(terms);
    const third = await open(name);
    expect(after.map((a) => a.id)).toEqual((await third.candidates(terms)).map((a) => a.id));
    expect(after.map((a) => a.id)).toContain('pokal-late');
    expect(after.map((a) => a.id)).not.toEqual(warm.map((a) => a.id));
    // Sent early, then again once the generation was read.
    const at = events.indexOf('generation');
    expect(events.slice(0, at).filter((e) => e === 'postings').length).toBeGreaterThan(0);
    expect(events.slice(at).filter((e) => e === 'postings').length).toBeGreaterThan(0);
  });
});
