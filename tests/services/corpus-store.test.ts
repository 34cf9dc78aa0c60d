import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorpusStore, ImportInterruptedError, prepare, StorageFullError } from '../../services/corpus-store';
import { type PostingsChunk } from '../../services/corpus-schema';
import { chunkIds, POSTINGS_CHUNK } from '../../services/postings-layout';
import { withFullDiskAfter } from '../helpers/full-disk';
import { rankCandidates, selectQueryTerms } from '../../services/term-index';
import { makeArticle } from '../../lib/article/make-article';
import { loadSeeds } from '../helpers/seeds';
import { openDB } from 'idb';
import { contentTerms } from '../../lib/text/tokens';
import { articleFeatures, FEATURES_VERSION } from '../../lib/match/features';

// Each test analyses the seeds as it stores them, which takes a while on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

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
  it('builds lazily given seeds only when some are missing, and adds just those', async () => {
    const seeds = loadSeeds();
    const store = await fresh(`lazy-seeds-${n++}`);
    let builds = 0;
    const lazy = { ids: seeds.map((s) => s.id), build: () => (builds++, seeds) };
    expect(await store.ensureSeeds(lazy)).toBe(5);
    expect(builds).toBe(1);
    expect(await store.ensureSeeds(lazy)).toBe(0);
    expect(builds).toBe(1);
    await store.deleteArticle(seeds[2].id);
    expect(await store.ensureSeeds(lazy)).toBe(1);
    expect(builds).toBe(2);
    expect(await store.count()).toBe(5);
  });

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

// Articles of other stories, so the index has something to tell the seeds apart from.
const OTHER_STORIES = [
  'Der Stadtrat von Bielefeld hat am Dienstag den Haushalt für das kommende Jahr beschlossen. Die Opposition kritisierte die hohen Ausgaben für den Straßenbau. Der Kämmerer verteidigte die Investitionen in Schulen und Radwege.',
  'Der VfB Stuttgart hat das Pokalfinale in Berlin mit 4:2 gegen Arminia Bielefeld gewonnen. Woltemade, Millot und Undav trafen vor 74.000 Zuschauern im Olympiastadion. Der Drittligist kam spät noch heran.',
  'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu hunderten Einsätzen aus. Der Deutsche Wetterdienst warnt vor weiteren Orkanböen an der Küste.',
  'Die Europäische Zentralbank hat den Leitzins erneut gesenkt. Ökonomen erwarten, dass die Inflation im Euroraum weiter zurückgeht. Sparer müssen sich auf niedrigere Zinsen für Tagesgeld einstellen.',
];
const otherArticles = () => OTHER_STORIES.map((raw, i) => makeArticle({ id: `other-${i}`, raw, source: 'user', outlet: `Other ${i}`, language: 'de' }));

/** Recounts document frequencies from the per-article term lists, read straight from the database. */
async function indexState(name: string) {
  const db = await openDB(name);
  const terms = (await db.getAll('terms')) as Array<{ id: string; terms: string[] }>;
  const df = (await db.getAll('df')) as Array<{ term: string; df: number }>;
  const chunks = (await db.getAll('postings')) as PostingsChunk[];
  const articleIds = ((await db.getAllKeys('articles')) as string[]).sort();
  const featureIds = ((await db.getAllKeys('features')) as string[]).sort();
  const stories = (await db.getAll('stories')) as Array<{ id: string; members: string[] }>;
  const links = (await db.getAll('storyOf')) as Array<{ id: string; story: string }>;
  db.close();
  const recount = new Map<string, number>();
  for (const t of terms) for (const term of t.terms) recount.set(term, (recount.get(term) ?? 0) + 1);
  const posted = new Map<string, string[]>();
  for (const c of chunks) posted.set(c.term, [...(posted.get(c.term) ?? []), ...chunkIds(c)]);
  const expectedPostings = new Map<string, string[]>();
  for (const t of terms) for (const term of t.terms) expectedPostings.set(term, [...(expectedPostings.get(term) ?? []), t.id]);
  const sorted = (m: Map<string, string[]>) => new Map([...m].map(([k, v]) => [k, [...v].sort()]));
  return {
    articleIds,
    postings: sorted(posted),
    expectedPostings: sorted(expectedPostings),
    emptyChunks: chunks.filter((c) => c.ids.length === 0).length,
    indexedIds: terms.map((t) => t.id).sort(),
    featureIds,
    stored: new Map(df.map((d) => [d.term, d.df])),
    recount,
    stories: new Map(stories.map((st) => [st.id, st.members])),
    members: stories.flatMap((st) => st.members).sort(),
    emptyStories: stories.filter((st) => st.members.length === 0).length,
    linksAgree: stories.every((st) => st.members.every((m) => links.find((l) => l.id === m)?.story === st.id)),
    linkIds: links.map((l) => l.id).sort(),
  };
}

async function expectConsistentIndex(name: string) {
  const s = await indexState(name);
  expect(s.indexedIds).toEqual(s.articleIds);
  expect(s.featureIds).toEqual(s.articleIds);
  expect(s.stored).toEqual(s.recount);
  expect(s.postings).toEqual(s.expectedPostings);
  expect(s.emptyChunks).toBe(0);
  // Every article is in exactly one story, which its link names.
  expect(s.members).toEqual(s.articleIds);
  expect(s.linkIds).toEqual(s.articleIds);
  expect(s.linksAgree).toBe(true);
  expect(s.emptyStories).toBe(0);
  return s;
}

describe('CorpusStore term index', () => {
  it('finds the other outlets of a seed story among other stories, best first', async () => {
    const name = `cand-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles(otherArticles());
    const page = seeds[1];
    const found = await store.candidates(contentTerms(page.raw, 'de'), 5);
    expect(found.map((a) => a.id).sort()).toEqual(seeds.map((s) => s.id).sort());
    const football = await store.candidates(contentTerms('Stuttgart gewinnt den Pokal gegen Bielefeld im Olympiastadion', 'de'), 1);
    expect(football.map((a) => a.id)).toEqual(['other-1']);
  });

  it('returns nothing for a page that shares no term with the corpus, and respects the limit', async () => {
    const store = await fresh();
    await store.addArticles(otherArticles());
    expect(await store.candidates(contentTerms('Quantencomputer rechnen mit Qubits', 'de'))).toEqual([]);
    expect(await store.candidates([])).toEqual([]);
    expect(await store.candidates(contentTerms('Bielefeld', 'de'), 1)).toHaveLength(1);
  });

  it('hands out the stored features with the candidates, so the engine need not analyse them again', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    const [first] = await store.candidates(contentTerms(seeds[0].raw, 'de'), 1);
    const features = store.featuresOf(first);
    expect(features.version).toBe(FEATURES_VERSION);
    expect(store.featuresOf(first)).toBe(features);
    expect(features).toEqual(articleFeatures(seeds.find((s) => s.id === first.id)!));
  });

  it('keeps index, frequencies, features and stories in step with every add, delete, failed batch and reset', async () => {
    const name = `consistent-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles(otherArticles());
    let s = await expectConsistentIndex(name);
    expect(s.articleIds).toHaveLength(9);
    const before = s.stored;
    const storiesBefore = s.stories;
    expect(s.stories.get('story-seed-000')).toEqual(seeds.map((x) => x.id));

    await expect(store.addArticles([userArticle('new'), otherArticles()[0]])).rejects.toThrow();
    s = await expectConsistentIndex(name);
    expect(s.stored).toEqual(before);
    expect(s.stories).toEqual(storiesBefore);

    await store.deleteArticle('other-1');
    s = await expectConsistentIndex(name);
    expect(s.articleIds).not.toContain('other-1');
    const olympia = contentTerms('Olympiastadion', 'de')[0];
    expect(await store.documentFrequency(olympia)).toBe(0);
    expect(await store.candidates([olympia])).toEqual([]);

    await store.updateArticle('seed-000', { outlet: 'Renamed', date: '2025-02-13' });
    await expectConsistentIndex(name);

    await store.replaceWithSeeds(seeds);
    s = await expectConsistentIndex(name);
    expect(s.articleIds).toEqual(seeds.map((x) => x.id).sort());
    expect(s.stories).toEqual(new Map([['story-seed-000', seeds.map((x) => x.id)]]));
    expect((await store.getArticle('seed-000'))!.outlet).toBe(seeds[0].outlet);
  });
});

describe('CorpusStore postings chunks', () => {
  it('spreads a common term over several chunks as articles come one by one, and stays consistent through deletions', async () => {
    const name = `chunks-${n++}`;
    const store = await fresh(name);
    const many = POSTINGS_CHUNK + 20;
    const article = (i: number) =>
      makeArticle({ id: `pokal-${String(i).padStart(4, '0')}`, raw: `Das Pokalfinale endete mit einem Sieg. Bericht Nummer ${i} über Stuttgart${'x'.repeat(i % 7)}.`, source: 'user', language: 'de' });
    for (let i = 0; i < many; i++) await store.addArticles([article(i)]);
    let s = await expectConsistentIndex(name);
    const term = contentTerms('Pokalfinale', 'de')[0];
    expect(s.postings.get(term)).toHaveLength(many);
    const db = await openDB(name);
    const chunks = (await db.getAll('postings')) as PostingsChunk[];
    db.close();
    expect(chunks.filter((c) => c.term === term).length).toBeGreaterThan(1);
    for (const c of chunks) expect(chunkIds(c).length).toBeLessThanOrEqual(POSTINGS_CHUNK);

    for (const i of [0, 3, POSTINGS_CHUNK - 1, POSTINGS_CHUNK, many - 1]) await store.deleteArticle(article(i).id);
    s = await expectConsistentIndex(name);
    expect(s.postings.get(term)).toHaveLength(many - 5);
    await store.addArticles([article(many), article(0)]);
    s = await expectConsistentIndex(name);
    expect(s.postings.get(term)).toHaveLength(many - 3);
    // (A lookup does not read a term in every article of a corpus this size: too common to tell stories apart.)
  });

  it('stays consistent when writes take the frequencies from memory (after a lookup), also across contexts and replacing imports', async () => {
    const name = `warm-${n++}`;
    const store = await fresh(name);
    const other = await fresh(name);
    const article = (i: number, extra = '') =>
      makeArticle({ id: `pokal-${String(i).padStart(4, '0')}`, raw: `Das Pokalfinale endete mit einem Sieg. Bericht Nummer ${i} über Stuttgart${'x'.repeat(i % 7)}. ${extra}`, source: 'user', language: 'de' });
    const term = contentTerms('Pokalfinale', 'de')[0];
    let others = 0;
    for (let i = 0; i < POSTINGS_CHUNK + 5; i++) {
      await store.candidates([term]);
      // Another context writes between this one's lookup and its write: what this one holds is out of date.
      if (i % 9 === 0) {
        await other.addArticles([article(1000 + i)]);
        others++;
      }
      await store.addArticles([article(i)]);
    }
    await store.candidates([term]);
    await store.deleteArticle(article(2).id);
    await store.importArticles([article(3, 'Neu: Woltemade traf doppelt.'), article(2)]);
    const s = await expectConsistentIndex(name);
    expect(s.postings.get(term)).toHaveLength(POSTINGS_CHUNK + 5 + others);
    expect(await store.documentFrequency(contentTerms('Woltemade', 'de')[0])).toBe(1);
  });
});

describe('CorpusStore lookups in a corpus with many distinct terms', () => {
  // Letters only, so every made-up word is a term of its own.
  const word = (x: number) => 'qu' + [...x.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('') + 'ol';
  const wideArticles = () =>
    Array.from({ length: 90 }, (_, i) => {
      const own = Array.from({ length: 40 }, (_, k) => word(1000 + i * 40 + k));
      const shared = Array.from({ length: 6 }, (_, k) => word((i * 7 + k * 13) % 60));
      const raw = [...own, ...shared].map((w, k) => (k % 8 === 7 ? `${w}.` : w)).join(' ');
      return makeArticle({ id: `wide-${String(i).padStart(3, '0')}`, raw, source: 'user', language: 'de' });
    });
  /** What the index functions rank for a page, from the stored frequencies and postings as they are now. */
  async function expectedRanking(name: string, terms: string[], limit: number, minTerms = 0): Promise<string[]> {
    const db = await openDB(name);
    const df = new Map(((await db.getAll('df')) as Array<{ term: string; df: number }>).map((d) => [d.term, d.df]));
    const postings = new Map<string, string[]>();
    for (const c of (await db.getAll('postings')) as PostingsChunk[]) postings.set(c.term, [...(postings.get(c.term) ?? []), ...chunkIds(c)]);
    const size = await db.count('articles');
    db.close();
    expect(df.size).toBeGreaterThan(minTerms);
    return rankCandidates(selectQueryTerms(terms, df, size), postings, limit);
  }

  it('reads the postings term by term and ranks as the index functions do', async () => {
    const name = `wide-${n++}`;
    const store = await fresh(name);
    const articles = wideArticles();
    for (let i = 0; i < articles.length; i += 30) await store.addArticles(articles.slice(i, i + 30));
    for (const page of [articles[0], articles[41], articles[89]]) {
      const terms = contentTerms(page.raw, 'de');
      // More terms than a lookup reads the whole index for.
      const expected = await expectedRanking(name, terms, 10, 3000);
      const found = (await store.candidates(terms, 10)).map((a) => a.id);
      expect(found).toEqual(expected);
      expect(found[0]).toBe(page.id);
    }
  });

  it('keeps the postings it read for the next pages of the generation, within its budget, and ranks the same', async () => {
    const name = `kept-${n++}`;
    const store = await fresh(name);
    store.completeFrequenciesUpTo = 0;
    const articles = wideArticles();
    await store.addArticles(articles);
    const pages = [articles[0], articles[41], articles[0], articles[89], articles[41]].map((a) => contentTerms(a.raw, 'de'));
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const postingsReads = () => getAll.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'postings').length;
    const readsPerPage: number[] = [];
    for (const terms of pages) {
      const before = postingsReads();
      const found = (await store.candidates(terms, 10)).map((a) => a.id);
      readsPerPage.push(postingsReads() - before);
      expect(found).toEqual(await expectedRanking(name, terms, 10));
    }
    // A page seen before reads nothing; a new one reads its own terms.
    expect(readsPerPage[0]).toBeGreaterThan(0);
    expect(readsPerPage[2]).toBe(0);
    expect(readsPerPage[4]).toBe(0);
    expect(readsPerPage[3]).toBeGreaterThan(0);
    // A budget of a few ids: it starts afresh, and still ranks the same.
    const small = await fresh(name);
    small.completeFrequenciesUpTo = 0;
    small.keptPostingsUpTo = 5;
    for (const terms of pages) expect((await small.candidates(terms, 10)).map((a) => a.id)).toEqual(await expectedRanking(name, terms, 10));
    getAll.mockRestore();
  });

  it("ranks the same when it reads only the page terms' frequencies (a large corpus), through its own and another context's writes", async () => {
    const name = `partial-${n++}`;
    const store = await fresh(name);
    store.completeFrequenciesUpTo = 0;
    const other = await fresh(name);
    const articles = wideArticles();
    await other.addArticles(articles.slice(0, 45));
    const pages = [articles[0], articles[41], articles[60], articles[89]].map((a) => contentTerms(a.raw, 'de'));
    const check = async (which = pages) => {
      for (const terms of which) expect((await store.candidates(terms, 10)).map((a) => a.id)).toEqual(await expectedRanking(name, terms, 10));
    };
    await check(pages.slice(0, 2));
    // Its own write after lookups that read some frequencies only: new articles' terms need them all.
    await store.addArticles(articles.slice(45, 70));
    await check();
    await other.addArticles(articles.slice(70));
    await check(pages.slice(0, 2));
    // A deletion changes frequencies it holds and ones it does not.
    await store.deleteArticle(articles[60].id);
    await check();
    await store.importArticles([articles[60]]);
    await check();
    await expectConsistentIndex(name);
  });
});

describe('CorpusStore.updateArticle', () => {
  it('changes label and date, and the features see the new date', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    const updated = await store.updateArticle('seed-002', { outlet: '  Tagesblatt ', date: '2025-02-14' });
    expect(updated.outlet).toBe('Tagesblatt');
    expect(await store.getArticle('seed-002')).toEqual(updated);
    const [found] = await store.candidates(contentTerms(seeds[2].raw, 'de'), 1);
    expect(found.id).toBe('seed-002');
    expect(store.featuresOf(found).date).toBe('2025-02-14');
    await store.updateArticle('seed-002', { date: null });
    expect((await store.getArticle('seed-002'))!.date).toBeNull();
    expect((await store.getArticle('seed-002'))!.outlet).toBe('Tagesblatt');
  });

  it('refuses an empty label, a malformed date or an unknown id, changing nothing', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await expect(store.updateArticle('seed-001', { outlet: '  ' })).rejects.toThrow(/label cannot be empty/);
    await expect(store.updateArticle('seed-001', { date: '12.02.2025' })).rejects.toThrow(/"12.02.2025" is not a date/);
    await expect(store.updateArticle('nope', { outlet: 'X' })).rejects.toThrow(/no article nope/);
    expect(await store.getArticle('seed-001')).toEqual(seeds[1]);
  });
});

describe('CorpusStore lookups kept in memory', () => {
  it('see what another context wrote since, and what this one wrote', async () => {
    const name = `two-${n++}`;
    const background = await fresh(name);
    const options = await fresh(name);
    await background.addArticles(otherArticles());
    const zoo = contentTerms('Zoodirektorin Giraffengehege', 'de');
    expect(await background.candidates(zoo)).toEqual([]);

    const zooArticle = makeArticle({ id: 'zoo', raw: 'Die Zoodirektorin eröffnet das neue Giraffengehege. Die Tiere ziehen im Mai ein.', source: 'user', outlet: 'Z', language: 'de' });
    await options.addArticles([zooArticle]);
    expect((await background.candidates(zoo)).map((a) => a.id)).toEqual(['zoo']);

    await background.deleteArticle('zoo');
    expect(await background.candidates(zoo)).toEqual([]);
    expect(await options.candidates(zoo)).toEqual([]);

    await options.addArticles([zooArticle]);
    await options.updateArticle('zoo', { outlet: 'Zooblatt' });
    const [found] = await background.candidates(zoo);
    expect(found.outlet).toBe('Zooblatt');
    expect(await background.documentFrequency(zoo[0])).toBe(1);
  });

  it("see the postings of this context's own writes (a small index kept in memory is read again)", async () => {
    const store = await fresh();
    await store.addArticles(otherArticles());
    const zoo = contentTerms('Zoodirektorin Giraffengehege', 'de');
    const article = (id: string) => makeArticle({ id, raw: 'Die Zoodirektorin eröffnet das neue Giraffengehege. Die Tiere ziehen im Mai ein.', source: 'user', outlet: id, language: 'de' });
    await store.addArticles([article('zoo-a')]);
    expect((await store.candidates(zoo)).map((a) => a.id)).toEqual(['zoo-a']);
    await store.addArticles([article('zoo-b')]);
    expect((await store.candidates(zoo)).map((a) => a.id)).toEqual(['zoo-a', 'zoo-b']);
    await store.deleteArticle('zoo-a');
    expect((await store.candidates(zoo)).map((a) => a.id)).toEqual(['zoo-b']);
  });

  it("count the corpus again after this context's own writes (a term's share of the corpus decides whether it is looked up)", async () => {
    const store = await fresh();
    const article = (i: number) =>
      makeArticle({ id: `share-${String(i).padStart(3, '0')}`, raw: `${i < 11 ? 'Die Gartenschau öffnet.' : 'Der Bäcker backt.'} Meldung ${i} aus Ort${'x'.repeat(i % 9)}.`, source: 'user', language: 'de' });
    await store.addArticles(Array.from({ length: 200 }, (_, i) => article(i)));
    const term = contentTerms('Gartenschau', 'de');
    // In 11 of 200 articles: more than MAX_DF_SHARE of a corpus large enough for shares to count.
    expect(await store.candidates(term)).toEqual([]);
    await store.deleteArticle(article(150).id);
    expect(await store.candidates(term)).toHaveLength(11);
  });

  it('hands out the same article objects again until they change', async () => {
    const store = await fresh();
    await store.addArticles(otherArticles());
    const terms = contentTerms(OTHER_STORIES[2], 'de');
    const [first] = await store.candidates(terms, 1);
    const [again] = await store.candidates(terms, 1);
    expect(again).toBe(first);
    await store.updateArticle(first.id, { date: '2025-01-01' });
    const [changed] = await store.candidates(terms, 1);
    expect(changed).not.toBe(first);
    expect(changed.date).toBe('2025-01-01');
    expect(store.featuresOf(changed).date).toBe('2025-01-01');
  });
});

describe('CorpusStore.findByUrl', () => {
  it('finds an article by its address, and nothing for an unknown one', async () => {
    const store = await CorpusStore.open(`url-${Date.now()}`);
    const article = makeArticle({ id: 'u1', raw: 'Ein Artikel mit Adresse. Er hat zwei Sätze.', source: 'user', url: 'https://example.org/a' });
    await store.addArticles([article]);
    expect((await store.findByUrl('https://example.org/a'))?.id).toBe('u1');
    expect(await store.findByUrl('https://example.org/b')).toBeUndefined();
    store.close();
  });
});

describe('an import written as its parts arrive', () => {
  const part = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      prepare(makeArticle({ id: `part-${from + i}`, raw: `Meldung ${from + i}: Der Kreistag beriet über die Schulen.`, outlet: 'Teile', source: 'user', language: 'de', addedAt: from + i })),
    );

  it('keeps the transaction open between parts and commits with the last', async () => {
    const store = await fresh();
    const session = store.openImport();
    await session.add(part(0, 5));
    // Longer than a transaction outlives an idle event loop: it stays open by itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await session.add(part(5, 5));
    await session.finish();
    expect(await store.count()).toBe(10);
  });

  it('gives up when no part comes in time, keeping nothing of the parts before', async () => {
    const store = await fresh();
    await store.addArticles([part(100, 1)[0].article]);
    const session = store.openImport({ partTimeoutMs: 200 });
    await session.add(part(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(session.failure()?.error).toBeInstanceOf(ImportInterruptedError);
    await expect(session.add(part(5, 5))).rejects.toThrow(/interrupted.*nothing was saved/);
    await expect(session.finish()).rejects.toThrow(ImportInterruptedError);
    expect(await store.count()).toBe(1);
  });

  // Reports of the four events of OTHER_STORIES by several outlets, so that later parts join stories of earlier ones.
  const reports = (from: number, count: number, edition = '') =>
    Array.from({ length: count }, (_, i) =>
      prepare(
        makeArticle({
          id: `report-${from + i}`,
          raw: `${OTHER_STORIES[(from + i) % OTHER_STORIES.length]} Meldung ${from + i}${edition}: Weitere Einzelheiten folgen.`,
          outlet: `Outlet ${(from + i) % 5}`,
          source: 'user',
          language: 'de',
          addedAt: 1_000 + from + i,
        }),
      ),
    );
  // One of them an article stored before the import, in a new edition.
  const importParts = () => [reports(0, 6), reports(6, 6), [...reports(12, 6), prepare({ ...otherArticles()[1], raw: `${OTHER_STORIES[1]} Ergänzt.` })]];

  it('stores parts sent at once (each part written while the next chooses its stories) as parts sent one at a time', async () => {
    const states = [];
    for (const atOnce of [false, true]) {
      const name = `parts-${atOnce}-${n++}`;
      const store = await fresh(name);
      await store.ensureSeeds(loadSeeds());
      await store.addArticles(otherArticles());
      const session = store.openImport();
      const added = [];
      for (const part of importParts()) {
        if (atOnce) added.push(session.add(part));
        else await session.add(part);
      }
      await Promise.all(added);
      await session.finish();
      states.push(await expectConsistentIndex(name));
      expect((await store.getArticle('other-1'))!.raw).toContain('Ergänzt');
    }
    expect(states[0].articleIds).toHaveLength(5 + OTHER_STORIES.length + 18);
    expect(states[1]).toEqual(states[0]);
  });

  it("keeps nothing when a part's write fails while the next part chooses its stories", async () => {
    const name = `parts-full-${n++}`;
    const store = await fresh(name);
    await store.ensureSeeds(loadSeeds());
    await store.addArticles(otherArticles());
    const before = await indexState(name);
    // Two puts an article (features, glance): the second part's writes fail.
    await withFullDiskAfter(6 * 2 + 3, async () => {
      const session = store.openImport();
      for (const part of importParts()) session.add(part).catch(() => undefined);
      await expect(session.finish()).rejects.toThrow(StorageFullError);
    });
    expect(await indexState(name)).toEqual(before);
    expect(await store.count()).toBe(5 + OTHER_STORIES.length);
  });

  it('refuses an article twice, in one part or two, keeping nothing', async () => {
    const name = `parts-twice-${n++}`;
    const store = await fresh(name);
    await store.addArticles(otherArticles());
    const before = await indexState(name);
    for (const parts of [[reports(0, 3), reports(2, 3, ', korrigiert')], [[...reports(0, 3), ...reports(1, 1)]]]) {
      const session = store.openImport();
      for (const part of parts) session.add(part).catch(() => undefined);
      await expect(session.finish()).rejects.toThrow(/holds the article report-[12] twice, so nothing was saved/);
      expect(await indexState(name)).toEqual(before);
    }
  });
});
