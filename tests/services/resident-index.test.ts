import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { languageOf } from '../../lib/text/language';
import { contentTermsOf, tokenize } from '../../lib/text/tokens';
import { CorpusStore, prepare, WriteCancelledError } from '../../services/corpus-store';
import type { ResidentPostings } from '../../services/resident-postings';
import { makeArticle } from '../../lib/article/make-article';
import { OTHER_EVENTS, userArticle } from '../helpers/other-events';
import { loadSeeds } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';

vi.setConfig({ testTimeout: 60_000 });

let n = 0;
const open = storesClosedAfterEachTest();
afterEach(() => vi.restoreAllMocks());

const termsOf = (text: string) => contentTermsOf(tokenize(text, languageOf(text, 'de')), 'de');
const NO_STORY_TEXT = 'Die Zoodirektorin plant ein Aquarium im Tierpark. Die Stadt prüft die Kosten noch bis Mai, sagte ein Sprecher. Die Giraffen bleiben im alten Haus.';
const ZOO_AGAIN = userArticle('zoo-3', 'Die Giraffen sind im Tierpark angekommen. Die Zoodirektorin zeigte das neue Giraffengehege, die Stadt feierte den Bau.', '2025-04-02', 10);
const STURM_AGAIN = userArticle('sturm-2', 'Nach dem Sturm in Norddeutschland räumt die Feuerwehr in Bremen entwurzelte Bäume von den Straßen. Verletzt wurde niemand.', '2025-01-20', 11);
const PAGES = [...loadSeeds().map((s) => s.raw), NO_STORY_TEXT, ...[...OTHER_EVENTS, ZOO_AGAIN, STURM_AGAIN].map((a) => a.raw)].map(termsOf);

/** Counts get/getAll requests from now on: `reads(stores, methods)` is how many went to these stores by these methods. */
function recordReads(): (names: readonly string[], methods?: readonly string[]) => number {
  const issued: Array<{ store: string; method: string }> = [];
  for (const method of ['get', 'getAll'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      issued.push({ store: this.name, method });
      return original.apply(this, args);
    } as never);
  }
  return (names, methods = ['get', 'getAll']) => issued.filter((r) => names.includes(r.store) && methods.includes(r.method)).length;
}

/** How many get/getAll requests go to these stores from now on. */
function readsOf(names: readonly string[]): () => number {
  const reads = recordReads();
  return () => reads(names);
}

/** Everything the lookups hand out for each page: glances by story, stories with their articles, the ranked hits. */
async function answers(store: CorpusStore): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const terms of PAGES)
    out.push({
      glances: await store.candidateGlances(terms),
      stories: (await store.candidateStories(terms)).map((s) => [s.id, s.articles.map((a) => a.id)]),
      hits: (await store.candidates(terms)).map((a) => a.id),
    });
  return out;
}

/**
 * A store of the seeds and other events, and another context on the same database whose lookups never keep the index
 * whole. Written by a third context: the store has read nothing yet (a context reads the index once idle after its writes).
 */
async function stores(): Promise<{ store: CorpusStore; reference: CorpusStore; name: string }> {
  const name = `resident-${n++}`;
  const writer = await open(name);
  writer.prefetchDelayMs = 0;
  await writer.ensureSeeds(loadSeeds());
  await writer.addArticles(OTHER_EVENTS);
  await writer.prefetched();
  writer.close();
  const store = await open(name);
  const reference = await open(name);
  // Lookups as before the resident index: page terms' frequencies only, every lookup reading its hits' stories and its terms' postings.
  reference.completeFrequenciesUpTo = 0;
  reference.residentStoriesUpTo = 0;
  reference.residentTermsUpTo = 0;
  return { store, reference, name };
}

/**
 * The ids a store's resident index (private: its lookups' cache) holds under each of these terms, sorted (their
 * order within a term changes no ranking); undefined when it holds none.
 */
function residentIds(store: CorpusStore, terms: readonly string[]): string[][] | undefined {
  const resident = (store as unknown as { cache: { resident?: ResidentPostings } | null }).cache?.resident;
  return resident && terms.map((t) => (resident.idsOf(t) ?? []).slice().sort());
}

const INDEX_STORES = ['storyOf', 'stories', 'postings'];

/** Every get and getAll sent from now on (until `vi.restoreAllMocks`), and how many of one store's are still pending. */
function recordRequests(): { issued: Array<{ store: string; request: IDBRequest }>; pending(name: string): number } {
  const issued: Array<{ store: string; request: IDBRequest }> = [];
  for (const method of ['get', 'getAll'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      issued.push({ store: this.name, request });
      return request;
    } as never);
  }
  const pending = (name: string) => issued.filter((r) => r.store === name && r.request.readyState === 'pending').length;
  return { issued, pending };
}

/**
 * Reads the store's whole index and stories into memory and makes the corpus as it is now the largest one whose index
 * and stories are read whole, and every frequency with them: the next import takes it past both. Returns its size.
 */
async function heldWhole(store: CorpusStore): Promise<number> {
  store.prefetchDelayMs = 0;
  await store.candidateGlances(PAGES[0]);
  await store.prefetched();
  const size = await store.count();
  store.residentStoriesUpTo = size;
  store.completeFrequenciesUpTo = size;
  return size;
}

describe('the index kept whole in memory (a small corpus)', () => {
  it('waits until no lookup has started for prefetchDelayMs, so a page\'s lookups are not slowed by it', async () => {
    const { store } = await stores();
    // Well above a lookup's own time on a loaded machine (the pause counts from a lookup's start): at 200 ms, lookups of
    // over 100 ms at load 16 let the idle read start between them.
    store.prefetchDelayMs = 1_000;
    const idle = recordReads();
    let lastLookup = 0;
    for (const page of PAGES.slice(0, 4)) {
      lastLookup = performance.now();
      await store.candidateGlances(page);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Lookups 100 ms apart: not read yet.
      expect(idle(['storyOf', 'stories'], ['getAll'])).toBe(0);
    }
    await store.prefetched();
    expect(performance.now() - lastLookup).toBeGreaterThanOrEqual(1_000);
    expect(idle(['storyOf', 'stories'], ['getAll'])).toBeGreaterThan(0);
    vi.restoreAllMocks();
  });

  it("is read as soon as the background says the page's requests are answered, without the pause after a lookup, and parsed", async () => {
    const { store, reference } = await stores();
    store.prefetchDelayMs = 5_000;
    await store.candidateGlances(PAGES[0]);
    const idle = recordReads();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Not yet: the pause after a lookup.
    expect(idle(['storyOf', 'stories', 'postings'], ['getAll'])).toBe(0);
    const told = performance.now();
    store.requestsDone();
    await store.prefetched();
    // Well before the pause's end, whole and parsed.
    expect(performance.now() - told).toBeLessThan(4_000);
    expect(idle(['storyOf', 'stories', 'postings'], ['getAll'])).toBeGreaterThan(2);
    const resident = (store as unknown as { cache: { resident?: { unparsed: number } } | null }).cache?.resident;
    expect(resident?.unparsed).toBe(0);
    vi.restoreAllMocks();
    expect(await answers(store)).toEqual(await answers(reference));
  });

  it('still waits for the pause after a lookup that started after the background said the requests were answered', async () => {
    const { store } = await stores();
    store.prefetchDelayMs = 5_000;
    store.requestsDone();
    await store.candidateGlances(PAGES[0]);
    const idle = recordReads();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(idle(['storyOf', 'stories', 'postings'], ['getAll'])).toBe(0);
    store.requestsDone();
    await store.prefetched();
    expect(idle(['storyOf', 'stories', 'postings'], ['getAll'])).toBeGreaterThan(2);
  });

  it('is read once when idle after a lookup, the postings a page of records at a time; lookups then read no story link, story or postings, and answer the same', async () => {
    const { store, reference } = await stores();
    store.residentPageRecords = 100;
    // Late enough for the counting below to start before it.
    store.prefetchDelayMs = 200;
    await store.candidateGlances(PAGES[0]);
    const pages = readsOf(['postings']);
    await store.prefetched();
    expect(pages()).toBeGreaterThan(1);
    vi.restoreAllMocks();
    let reads = readsOf(INDEX_STORES);
    const found = await answers(store);
    expect(reads()).toBe(0);
    vi.restoreAllMocks();
    reads = readsOf(INDEX_STORES);
    expect(await answers(reference)).toEqual(found);
    await reference.prefetched();
    expect(await reference.candidateGlances(PAGES[1])).toEqual(await store.candidateGlances(PAGES[1]));
    // The counting counts: the reference reads its hits' stories, lookup after lookup.
    expect(reads()).toBeGreaterThan(0);
  });

  it("sends no page of its read within 150 ms of a lookup's start, and still reads it all between lookups", async () => {
    const { store, reference } = await stores();
    store.prefetchDelayMs = 0;
    store.residentPageRecords = 2;
    // When each page of the read was sent: its getAll calls are the ones with a count.
    const sent: number[] = [];
    const original = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (args.length === 2) sent.push(performance.now());
      return original.apply(this, args);
    });
    const started: number[] = [];
    for (let i = 0; i < 12; i++) {
      started.push(performance.now());
      await store.candidateGlances(PAGES[i % PAGES.length]);
      await new Promise((resolve) => setTimeout(resolve, 40 + (i % 3) * 60));
    }
    await store.prefetched();
    vi.restoreAllMocks();
    expect(sent.length).toBeGreaterThan(5);
    for (const at of sent) expect(at - Math.max(...started.filter((s) => s <= at))).toBeGreaterThanOrEqual(149);
    expect(await answers(store)).toEqual(await answers(reference));
  });

  it("parses every term's ids once read, before any lookup asks for them, and answers as before", async () => {
    const { store, reference } = await stores();
    store.prefetchDelayMs = 0;
    await store.candidateGlances(PAGES[0]);
    await store.prefetched();
    const resident = (store as unknown as { cache: { resident?: { terms: number; unparsed: number } } | null }).cache?.resident;
    expect(resident?.terms).toBeGreaterThan(100);
    expect(resident?.unparsed).toBe(0);
    expect(await answers(store)).toEqual(await answers(reference));
  });

  it('keeps every story whole, but not the postings, when the index holds more ids than it keeps or the corpus is too large for every frequency', async () => {
    for (const large of [false, true]) {
      const { store, reference } = await stores();
      if (large) store.completeFrequenciesUpTo = 0;
      else store.residentPostingsUpTo = 0;
      store.residentPageRecords = 1;
      // Late enough for the counting below to start before it, even when a loaded machine (the full suite beside other
      // work) takes a few hundred milliseconds over the first lookup: at 200 it failed there, the read already begun.
      store.prefetchDelayMs = 1_000;
      await store.candidateGlances(PAGES[0]);
      const idle = recordReads();
      await store.prefetched();
      expect(idle(['storyOf', 'stories'])).toBeGreaterThan(0);
      expect(idle(['postings'])).toBe(0);
      vi.restoreAllMocks();
      const reads = recordReads();
      const found = await answers(store);
      expect(reads(['storyOf', 'stories'])).toBe(0);
      expect(await answers(reference)).toEqual(found);
      vi.restoreAllMocks();
    }
  });

  it("keeps every story as soon as they are read: a lookup while the index's postings are still read reads no link or story, and answers the same", async () => {
    const { store, reference } = await stores();
    store.prefetchDelayMs = 0;
    store.residentPageRecords = 5;
    // Resolves when the read sends its first page of postings (a getAll with a count), the links and stories read before it.
    let postingsSent!: () => void;
    const reachedPostings = new Promise<void>((resolve) => (postingsSent = resolve));
    const original = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (this.name === 'postings' && args.length === 2) postingsSent();
      return original.apply(this, args);
    });
    await store.candidateGlances(PAGES[0]);
    await reachedPostings;
    vi.restoreAllMocks();
    const reads = recordReads();
    const found = await store.candidateGlances(PAGES[1]);
    // The index not held yet, but every story: the lookup read no story link or story.
    expect((store as unknown as { cache: { resident?: ResidentPostings } | null }).cache?.resident).toBeUndefined();
    expect(reads(['storyOf', 'stories'])).toBe(0);
    vi.restoreAllMocks();
    expect(await reference.candidateGlances(PAGES[1])).toEqual(found);
    await store.prefetched();
    expect(await answers(store)).toEqual(await answers(reference));
  });

  it('is not read beyond residentStoriesUpTo articles', async () => {
    for (const upTo of [1, 1000]) {
      const { store } = await stores();
      store.residentStoriesUpTo = upTo;
      const reads = recordReads();
      await store.candidateGlances(PAGES[0]);
      await store.prefetched();
      // Whole reads of the links: the idle read's alone (a lookup reads its hits' links one by one).
      expect(reads(['storyOf'], ['getAll']) > 0, String(upTo)).toBe(upTo === 1000);
      vi.restoreAllMocks();
    }
  });

  it('is patched in memory by a write that only adds or changes no index or story, so lookups after it read none; dropped by any other write (of this context or another) and read again when idle after the next lookup', async () => {
    const { store, reference, name } = await stores();
    store.residentPageRecords = 50;
    store.prefetchDelayMs = 10;
    const ZOO_LATER = userArticle('zoo-4', 'Die Zoodirektorin meldet: Die Giraffen haben sich im neuen Gehege des Tierparks eingelebt. Die Stadt zählt mehr Besucher.', '2025-04-09', 12);
    // Other outlets' reports of seeds' events: each joins its seed's story.
    const seeds = loadSeeds();
    const again = (i: number) => makeArticle({ id: `seed-again-${i}`, raw: seeds[i].raw, source: 'user', outlet: `Outlet ${i}`, language: seeds[i].language, date: seeds[i].date, addedAt: 20 + i });
    const joined = async (i: number) => expect(await store.storyIdOf(`seed-again-${i}`)).toBe(await store.storyIdOf(seeds[i].id));
    const terms = [...new Set([...PAGES, termsOf(ZOO_LATER.raw)].flat())];
    const cancelled = async () => {
      const control = new AbortController();
      const session = store.openImport({ signal: control.signal });
      await session.add([prepare(ZOO_LATER)]);
      control.abort();
      await expect(session.finish()).rejects.toThrow(WriteCancelledError);
    };
    // kept: the index stays in memory (patched); dropped: read again; left: another context's write, seen by the next lookup.
    const writes: Array<[string, 'kept' | 'dropped' | 'left', () => Promise<unknown>]> = [
      ['add', 'kept', async () => {
        await store.addArticles([ZOO_AGAIN, again(0)]);
        await joined(0);
      }],
      ['outlet changed', 'kept', () => store.updateArticle('zoo-2', { outlet: 'Tierpark-Bote' })],
      ['date changed', 'dropped', () => store.updateArticle('zoo-2', { date: '2021-04-02' })],
      ['delete', 'dropped', () => store.deleteArticle('zoo')],
      ['import', 'kept', async () => {
        await store.importArticles([STURM_AGAIN, again(1)]);
        await joined(1);
      }],
      ['import in parts', 'kept', async () => {
        const session = store.openImport();
        await session.add([prepare(OTHER_EVENTS[0]), prepare(again(2))]);
        await session.add([prepare(ZOO_LATER)]);
        await session.finish();
        await joined(2);
      }],
      ['import cancelled', 'kept', cancelled],
      ['import replacing an article', 'dropped', () => store.importArticles([userArticle('zoo-4', 'Die Giraffen im Tierpark bekommen Nachwuchs, meldet die Zoodirektorin.', '2025-04-09', 13)])],
      ['another context', 'left', () => reference.deleteArticle('sturm-2')],
      ['stories formed again', 'dropped', () => store.recomputeStories()],
      ['seeds only', 'dropped', () => store.replaceWithSeeds(loadSeeds())],
    ];
    /** What a context that reads the index now holds. */
    const freshIds = async () => {
      const fresh = await open(name);
      fresh.prefetchDelayMs = 0;
      await fresh.candidateGlances(PAGES[0]);
      await fresh.prefetched();
      const ids = residentIds(fresh, terms);
      fresh.close();
      return ids;
    };
    await store.candidateGlances(PAGES[0]);
    await store.prefetched();
    let before = await answers(store);
    for (const [what, kind, write] of writes) {
      await write();
      if (kind === 'dropped') expect(residentIds(store, terms), what).toBeUndefined();
      let reads = readsOf(INDEX_STORES);
      const after = await answers(store);
      if (kind === 'kept') expect(reads(), what).toBe(0);
      vi.restoreAllMocks();
      expect(after, what).toEqual(await answers(reference));
      if (what === 'import cancelled') expect(after, what).toEqual(before);
      else if (what !== 'stories formed again') expect(after, what).not.toEqual(before);
      await store.prefetched();
      // Its new terms' ids parsed while idle, as a fresh read's.
      expect((store as unknown as { cache: { resident?: ResidentPostings } | null }).cache?.resident?.unparsed, what).toBe(0);
      reads = readsOf(INDEX_STORES);
      expect(await answers(store), what).toEqual(after);
      expect(reads(), what).toBe(0);
      vi.restoreAllMocks();
      expect(residentIds(store, terms), what).toEqual(await freshIds());
      before = after;
    }
  });

  it("sends the candidate stories' records beside its meta reads, and reads again when another context wrote meanwhile", async () => {
    const { store, reference } = await stores();
    // A first page of one word: only the zoo's two articles (each a story of its own) are looked at, and their glances kept.
    const zoo = termsOf('Giraffengehege');
    expect((await store.candidateGlances(zoo)).stories.map((story) => story.glances.map((g) => g.id))).toEqual([['zoo'], ['zoo-2']]);
    await store.prefetched();
    const { issued, pending } = recordRequests();
    // A seed's page: stories whose glances are not in memory.
    let atWork: Record<string, number> = {};
    const found = await store.candidateGlances(PAGES[0], undefined, undefined, () => (atWork = { meta: pending('meta'), records: pending('storyGlances') }));
    expect(atWork.meta).toBeGreaterThan(0);
    expect(atWork.records).toBeGreaterThan(0);
    expect(issued.filter((r) => r.store === 'storyOf' || r.store === 'postings')).toEqual([]);
    vi.restoreAllMocks();
    expect(found).toEqual(await reference.candidateGlances(PAGES[0]));
    // Another context's write: what was sent on the kept generation's guess is left unused.
    await reference.addArticles([ZOO_AGAIN]);
    for (const terms of PAGES) expect(await store.candidateGlances(terms)).toEqual(await reference.candidateGlances(terms));
  });

  it("held past residentStoriesUpTo (kept through an import), sends its hits' story link reads beside its meta reads, and its caller's work waits for neither", async () => {
    const { store, reference } = await stores();
    const size = await heldWhole(store);
    // Past both sizes: the whole index is kept, patched, but no story link or story is held whole.
    await store.importArticles([ZOO_AGAIN, STURM_AGAIN]);
    await store.prefetched();
    const { issued, pending } = recordRequests();
    for (const terms of PAGES) {
      issued.length = 0;
      let atWork: Record<string, number> | null = null;
      const found = await store.candidateGlances(terms, undefined, undefined, () => (atWork = { meta: pending('meta'), links: pending('storyOf') }));
      // Every page's work runs while its meta reads are in flight (its hits are known from the index held), beside its hits'
      // link reads: those no lookup read yet, all of the first page's (the import dropped the links held).
      expect(atWork, String(PAGES.indexOf(terms))).not.toBeNull();
      expect(atWork!.meta, String(PAGES.indexOf(terms))).toBeGreaterThan(0);
      if (terms === PAGES[0]) expect(atWork!.links).toBeGreaterThan(0);
      expect(found).toEqual(await reference.candidateGlances(terms));
    }
    expect(await answers(store)).toEqual(await answers(reference));
  });

  it("read for a generation another context's write has left behind is not kept", async () => {
    const { store, reference } = await stores();
    // The write commits before the idle read would start.
    store.prefetchDelayMs = 300;
    await store.candidateGlances(PAGES[0]);
    await reference.addArticles([ZOO_AGAIN]);
    await store.prefetched();
    const reads = readsOf(['storyOf']);
    const found = await store.candidateGlances(termsOf(ZOO_AGAIN.raw));
    expect(reads()).toBeGreaterThan(0);
    expect(found).toEqual(await reference.candidateGlances(termsOf(ZOO_AGAIN.raw)));
  });

  it('held, is kept through an import that takes the corpus past the sizes it is read whole up to, up to residentPostingsKeptUpTo ids; patched as a fresh read holds it', async () => {
    for (const room of [true, false]) {
      const { store, reference, name } = await stores();
      const size = await heldWhole(store);
      if (!room) store.residentPostingsKeptUpTo = 0;
      await store.importArticles([ZOO_AGAIN, STURM_AGAIN]);
      expect(await store.count()).toBe(size + 2);
      const reads = recordReads();
      const found = await answers(store);
      await store.prefetched();
      // Kept: no postings read (dropped, this small corpus's lookups read and keep its whole index instead, see `postings`).
      if (room) expect(reads(['postings'])).toBe(0);
      // Past residentStoriesUpTo no story link is read whole, only a hit's.
      expect(reads(['storyOf'], ['getAll']), String(room)).toBe(0);
      expect(reads(['storyOf'], ['get']), String(room)).toBeGreaterThan(0);
      vi.restoreAllMocks();
      expect(found, String(room)).toEqual(await answers(reference));
      const terms = [...new Set([...PAGES, termsOf(ZOO_AGAIN.raw), termsOf(STURM_AGAIN.raw)].flat())];
      if (!room) {
        expect(residentIds(store, terms)).toBeUndefined();
        continue;
      }
      // Every new id parsed while idle, and the ids under each term those a context reading the index now holds.
      expect((store as unknown as { cache: { resident?: ResidentPostings } | null }).cache?.resident?.unparsed).toBe(0);
      const fresh = await open(name);
      fresh.prefetchDelayMs = 0;
      await fresh.candidateGlances(PAGES[0]);
      await fresh.prefetched();
      expect(residentIds(store, terms)).toEqual(residentIds(fresh, terms));
      fresh.close();
    }
  });

  it("patches the postings of the terms a lookup read (not the whole index) with an import's new ids, as a fresh read holds them, and reads none of them again", async () => {
    const { store, reference, name } = await stores();
    // A vocabulary larger than a lookup reads whole at once (3,000 terms): made-up words, 120 an article.
    const word = (i: number) => `quor${(i * 7919).toString(36)}ax`;
    await reference.addArticles(
      Array.from({ length: 30 }, (_, a) =>
        userArticle(`words-${a}`, `${Array.from({ length: 12 }, (_, s) => `Die ${Array.from({ length: 10 }, (_, w) => word(a * 120 + s * 10 + w)).join(' ')} bleiben.`).join(' ')}`, '2024-03-01', 30 + a),
      ),
    );
    // Every frequency, but never the whole index: lookups keep the postings of the terms they read.
    store.residentPostingsUpTo = 0;
    store.prefetchDelayMs = 0;
    await answers(store);
    await store.prefetched();
    const heldOf = (s: CorpusStore) => (s as unknown as { cache: { termPostings?: { ids: number; byTerm: Map<string, string[]> } } | null }).cache?.termPostings;
    const before = new Map(heldOf(store)!.byTerm);
    await store.importArticles([ZOO_AGAIN, STURM_AGAIN]);
    const held = heldOf(store)!;
    // The import added under some held terms, and the list a lookup may still rank is not the one patched.
    const grown = [...before].filter(([term, ids]) => held.byTerm.get(term)!.length > ids.length);
    expect(grown.length).toBeGreaterThan(5);
    for (const [term, ids] of grown) expect(held.byTerm.get(term), term).not.toBe(ids);
    expect(held.ids).toBe([...held.byTerm.values()].reduce((sum, ids) => sum + ids.length, 0));
    // A context reading the same terms' postings now.
    const fresh = await open(name);
    fresh.residentPostingsUpTo = 0;
    await answers(fresh);
    const read = heldOf(fresh)!.byTerm;
    for (const [term, ids] of held.byTerm) expect(ids.slice().sort(), term).toEqual(read.get(term)?.slice().sort());
    fresh.close();
    const reads = recordReads();
    const found = await answers(store);
    // The import's new pages' terms are read; the ones held before are not.
    expect(reads(['postings'])).toBeLessThan(before.size);
    vi.restoreAllMocks();
    expect(found).toEqual(await answers(reference));
  });

  it('is read once idle after a write of this context that added articles, where it held nothing whole to patch (an import into a worker that has looked nothing up)', async () => {
    for (const looked of [false, true]) {
      const { store, reference } = await stores();
      store.prefetchDelayMs = 300;
      // Looked up: the write commits before the idle read for the generation before it would start (that read is not kept).
      if (looked) await store.candidateGlances(PAGES[0]);
      await store.importArticles([ZOO_AGAIN, STURM_AGAIN]);
      const started = performance.now();
      const idle = readsOf(INDEX_STORES);
      await store.prefetched();
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(idle(), String(looked)).toBeGreaterThan(0);
      vi.restoreAllMocks();
      const reads = readsOf(INDEX_STORES);
      const found = await answers(store);
      expect(reads(), String(looked)).toBe(0);
      vi.restoreAllMocks();
      expect(found).toEqual(await answers(reference));
    }
  });
});

/** Whether a store's lookups hold every frequency (private: its lookups' cache). */
const everyFrequency = (store: CorpusStore) => (store as unknown as { cache: { dfComplete: boolean } | null }).cache?.dfComplete === true;

describe('every frequency read when idle (a corpus past completeFrequenciesUpTo articles, of a small vocabulary)', () => {
  /** The store's lookups as a large corpus's: page terms' frequencies only, stories and postings never read whole. */
  const large = (store: CorpusStore) => {
    store.completeFrequenciesUpTo = 0;
    store.residentStoriesUpTo = 0;
    store.residentPageRecords = 1;
  };

  it('is read a page at a time once idle after a lookup; lookups then read no frequency, and answer the same', async () => {
    const { store, reference } = await stores();
    large(store);
    store.prefetchDelayMs = 0;
    const first = recordReads();
    await store.candidateGlances(PAGES[0]);
    // The lookup read its page terms' frequencies, one request each.
    expect(first(['df'], ['get'])).toBeGreaterThan(0);
    expect(everyFrequency(store)).toBe(false);
    await store.prefetched();
    // Whole, in pages of residentPageRecords * 20 records (the seeds and other events have several hundred terms).
    expect(first(['df'], ['getAll'])).toBeGreaterThan(1);
    expect(everyFrequency(store)).toBe(true);
    vi.restoreAllMocks();
    const reads = recordReads();
    const found = await answers(store);
    expect(reads(['df'])).toBe(0);
    vi.restoreAllMocks();
    expect(found).toEqual(await answers(reference));
    expect(everyFrequency(reference)).toBe(false);
  });

  it('is not kept past residentTermsUpTo terms, and then not read again for later generations', async () => {
    const { store, reference } = await stores();
    large(store);
    store.prefetchDelayMs = 0;
    store.residentTermsUpTo = 30;
    const idle = recordReads();
    await store.candidateGlances(PAGES[0]);
    await store.prefetched();
    // Read up to the page past the limit only: 20 records a request.
    expect(idle(['df'], ['getAll'])).toBe(2);
    expect(everyFrequency(store)).toBe(false);
    vi.restoreAllMocks();
    await store.addArticles([ZOO_AGAIN]);
    await reference.addArticles([STURM_AGAIN]);
    const again = recordReads();
    const found = await answers(store);
    await store.prefetched();
    expect(again(['df'], ['getAll'])).toBe(0);
    expect(again(['df'], ['get'])).toBeGreaterThan(0);
    vi.restoreAllMocks();
    expect(found).toEqual(await answers(reference));
  });

  it("read for a generation another context's write has left behind is not kept; one of this context's writes after it is applied to it", async () => {
    const { store, reference } = await stores();
    large(store);
    store.prefetchDelayMs = 300;
    await store.candidateGlances(PAGES[0]);
    await reference.addArticles([ZOO_AGAIN]);
    await store.prefetched();
    expect(everyFrequency(store)).toBe(false);
    // Read for the generation after that write, then this context adds and deletes articles.
    store.prefetchDelayMs = 0;
    await store.candidateGlances(PAGES[1]);
    await store.prefetched();
    expect(everyFrequency(store)).toBe(true);
    await store.addArticles([STURM_AGAIN]);
    await store.deleteArticle(ZOO_AGAIN.id);
    const reads = recordReads();
    const found = await answers(store);
    expect(reads(['df'])).toBe(0);
    vi.restoreAllMocks();
    expect(found).toEqual(await answers(reference));
  });
});
