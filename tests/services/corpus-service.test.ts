import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { CorpusStore } from '../../services/corpus-store';
import { makeArticle } from '../../lib/article/make-article';
import type { Article } from '../../lib/article/article';
import { corpusService } from '../../services/corpus-service';
import { dispatch, type BackgroundRequestName, type Payload, type Reply } from '../../platform/protocol';
import { loadSeeds, seedsDir } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';
import { withFullDiskAfter } from '../helpers/full-disk';
import { openDB } from 'idb';
import { articleFeatures, FEATURES_VERSION } from '../../lib/match/features';
import { indexTerms } from '../../lib/article/index-terms';
import { benchCorpus } from '../../scripts/lib/bench-corpus';

// Storing the seeds analyses each of them; a busy machine needs the time.
vi.setConfig({ testTimeout: 60_000 });

const origin = 'chrome-extension://crossread/';
let n = 0;
const open = storesClosedAfterEachTest();

/** `storePartChars`: text of an import's parts gathered before the store takes them (0, by default here: each part at once). */
async function service(seeded = true, storePartChars = 0) {
  const store = await open(`service-${n++}`);
  if (seeded) await store.ensureSeeds(loadSeeds());
  const events: string[] = [];
  const progress: Array<[string, number, number]> = [];
  let ids = 0;
  const handlers = corpusService({
    store: async () => store,
    seeds: loadSeeds,
    changed: async () => void events.push('changed'),
    progress: (operation, done, total) => void progress.push([operation, done, total]),
    estimate: async () => ({ usage: 2048, quota: 1 << 30 }),
    now: () => 1000,
    newId: () => `id-${ids++}`,
    storePartChars,
  });
  /** Sends a request from the options page, through the protocol's checks to the handler. */
  const call = <K extends BackgroundRequestName>(name: K, payload: Payload<K>): Promise<Reply<K>> =>
    dispatch({ ...payload, type: name }, { url: `${origin}options.html` }, handlers, origin) as Promise<Reply<K>>;
  return { store, handlers, call, events, progress };
}

const ok = <T extends { ok: boolean }>(reply: T) => {
  expect(reply).toMatchObject({ ok: true });
  return reply as Extract<T, { ok: true }>;
};

const bulk = (count: number): Article[] =>
  Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: `bulk-${i}`,
      raw: `Meldung ${i}: Der Stadtrat von Musterstadt ${i} beriet am Montag über den Haushalt. Die Sitzung dauerte ${i % 7} Stunden.`,
      outlet: `Bulk ${i % 5}`,
      url: `https://bulk.example/${i}`,
      source: 'user',
      addedAt: 1,
    }),
  );

/** Articles of many stories with look-alikes (the bench's corpus, built from the seeds alone), in ingest order. */
const storyArticles = (): Article[] =>
  benchCorpus({ seeds: loadSeeds(), sharedDir: null, repoSeeds: seedsDir, count: 60 }).articles.map((b) => b.article);

describe('corpus service', () => {
  it('lists every article without its text, grouped in stories, and hands out one text on request', async () => {
    const { call } = await service();
    const list = ok(await call('crossread:list-articles', {}));
    expect(list.articles).toHaveLength(5);
    for (const a of list.articles) {
      expect(a).not.toHaveProperty('raw');
      expect(a.length).toBeGreaterThan(100);
      expect(a.storyId).not.toBeNull();
    }
    // The five seeds report one event: one story, every article in it, listed by outlet.
    expect(list.stories).toHaveLength(1);
    expect([...list.stories[0].articleIds].sort()).toEqual(list.articles.map((a) => a.id).sort());
    // Each article names the story that lists it.
    for (const a of list.articles) expect(a.storyId).toBe(list.stories[0].id);
    const outlets = list.stories[0].articleIds.map((id) => list.articles.find((a) => a.id === id)!.outlet);
    expect(outlets).toEqual([...outlets].sort((x, y) => x.localeCompare(y)));

    const one = ok(await call('crossread:get-article', { id: list.articles[0].id }));
    expect(one.article.text.length).toBeGreaterThan(one.article.length - 1);
    expect(await call('crossread:get-article', { id: 'nope' })).toEqual({ ok: false, error: 'There is no article nope in the corpus.', problem: { kind: 'no-article', id: 'nope' } });
  });

  it('works out each outlet’s chart against the rest of its story, once per generation', async () => {
    const { call } = await service();
    const story = ok(await call('crossread:list-articles', {})).stories[0];
    const first = ok(await call('crossread:story-profiles', { storyId: story.id }));
    expect(Object.keys(first.profiles).sort()).toEqual([...story.articleIds].sort());
    for (const p of Object.values(first.profiles)) expect(p.shared + p.only + p.omits).toBeGreaterThan(0);
    expect(ok(await call('crossread:story-profiles', { storyId: story.id })).profiles).toBe(first.profiles);
    expect(await call('crossread:story-profiles', { storyId: 'nope' })).toEqual({ ok: false, error: 'There is no story nope in the corpus.', problem: { kind: 'no-story', id: 'nope' } });
    // Article by article (the corpus manager asks so between the reader's input): each the same profile as in the whole.
    for (const articleId of story.articleIds) {
      expect(ok(await call('crossread:story-profiles', { storyId: story.id, articleId })).profiles).toEqual({ [articleId]: first.profiles[articleId] });
    }
    expect(await call('crossread:story-profiles', { storyId: story.id, articleId: 'nope' })).toMatchObject({ ok: false, problem: { kind: 'no-article', id: 'nope' } });

    // A story of one has no chart; a write works the charts out again.
    const alone = ok(await call('crossread:add-text', { raw: 'Die Feuerwehr rettete am Sonntag eine Katze vom Kirchturm in Musterstadt.', title: 'Rettung', outlet: 'Lokal' }));
    const list = ok(await call('crossread:list-articles', {}));
    expect(list.stories.map((s) => s.articleIds.length)).toEqual([5, 1]);
    const own = list.articles.find((a) => a.id === alone.id)!.storyId!;
    expect(list.stories[1]).toEqual({ id: own, articleIds: [alone.id] });
    expect(ok(await call('crossread:story-profiles', { storyId: own })).profiles).toEqual({});
    const after = ok(await call('crossread:story-profiles', { storyId: story.id }));
    expect(after.profiles).not.toBe(first.profiles);
    expect(after.profiles).toEqual(first.profiles);
  });

  it('adds pasted text and a page from the popup, refusing a page already stored', async () => {
    const { call, events } = await service();
    const added = ok(await call('crossread:add-text', { raw: 'Der Stadtrat tagte am Montag bis spät in die Nacht. Die Sitzung endete ohne Beschluss.', title: 'Stadtrat tagt', outlet: 'Lokal' }));
    expect(added).toEqual({ ok: true, id: 'user-id-0', title: 'Stadtrat tagt' });
    const page = { text: 'Ein Leser hat diese Seite hinzugefügt. Sie handelt vom Wetter.', url: 'https://x.example/a', title: 'Wetter', language: 'de', publishedTime: null };
    expect(await call('crossread:add-article', { page, outlet: 'X', date: '2025-02-12' })).toEqual({ ok: true, id: 'user-id-1' });
    expect(await call('crossread:add-article', { page, outlet: 'X', date: null })).toEqual({ ok: false, error: 'This page is already in your corpus.', problem: { kind: 'page-stored' } });
    expect(events).toEqual(['changed', 'changed']);
    const list = ok(await call('crossread:list-articles', {}));
    expect(list.articles.find((a) => a.id === 'user-id-1')).toMatchObject({ outlet: 'X', date: '2025-02-12', source: 'user', addedAt: 1000 });
    expect(list.generation).toBe(2);
  });

  it('refuses a page whose text the corpus already holds, also under another address or with more around it, and a pasted text it holds word for word', async () => {
    const { call, events } = await service();
    const seed = loadSeeds()[1];
    const body = seed.raw.slice(seed.bodyStart);
    // The seed as a news site shows it: another address, a teaser line and a caption more, other line breaks.
    const page = {
      text: `Lesen Sie auch: Wetter am Wochenende\n\n${body.replace(/\n+/g, '\n\n')}\n\nFoto: Agentur`,
      url: 'https://news.example/trump-putin',
      title: seed.title,
      language: 'de',
      publishedTime: null,
    };
    const refused = await call('crossread:add-article', { page, outlet: 'News', date: null });
    expect(refused).toMatchObject({ ok: false, duplicate: { id: seed.id, title: seed.title, outlet: seed.outlet } });
    expect(refused.ok === false && refused.error).toContain('already in your corpus');
    // A pasted text: the same text again is refused, as an import skips it …
    const pasted = await call('crossread:add-text', { raw: body.replace(/\n+/g, '\n\n'), outlet: 'Kopie' });
    expect(pasted).toMatchObject({ ok: false });
    expect(pasted.ok === false && pasted.error).toContain(`already in your corpus, as “${seed.title}”`);
    expect(events).toEqual([]);
    // … a reader's own variant of it is theirs to add.
    ok(await call('crossread:add-text', { raw: `${body}\n\nEin Satz, den der Leser ergänzt hat.`, outlet: 'Variante' }));
    // Another outlet's report of the same story is no copy.
    const other = { ...page, text: 'Trump und Putin haben am Mittwoch telefoniert. Beide wollen verhandeln, sagte Trump danach in Washington.', url: 'https://news.example/b' };
    ok(await call('crossread:add-article', { page: other, outlet: 'News', date: null }));
    expect(ok(await call('crossread:corpus-stats', {})).count).toBe(7);
  });

  it('updates labels, deletes and restores, and resets to the seeds', async () => {
    const { call } = await service();
    const [a] = ok(await call('crossread:list-articles', {})).articles;
    expect(ok(await call('crossread:update-article', { id: a.id, outlet: 'Renamed', date: '2024-01-02' })).article).toMatchObject({ outlet: 'Renamed', date: '2024-01-02' });
    expect(await call('crossread:update-article', { id: a.id, outlet: ' ' })).toMatchObject({ ok: false });
    const deleted = ok(await call('crossread:delete-article', { id: a.id })).article;
    expect(deleted).toMatchObject({ id: a.id, outlet: 'Renamed' });
    expect(ok(await call('crossread:corpus-stats', {}))).toEqual({ ok: true, count: 4, usage: 2048, quota: 1 << 30 });
    ok(await call('crossread:restore-article', { article: deleted }));
    expect(ok(await call('crossread:list-articles', {})).articles.find((x) => x.id === a.id)?.outlet).toBe('Renamed');
    ok(await call('crossread:add-text', { raw: 'Ein anderer Text über das Wetter am Wochenende, mit Regen und Wind.' }));
    ok(await call('crossread:reset-to-seeds', {}));
    const after = ok(await call('crossread:export-articles', {})).articles;
    expect(after.map((x) => x.id).sort()).toEqual(loadSeeds().map((x) => x.id).sort());
    expect(after.find((x) => x.id === a.id)?.outlet).not.toBe('Renamed');
  });

  it('finds articles by words of their text', async () => {
    const { call } = await service();
    ok(await call('crossread:add-text', { raw: 'Die Feuerwehr rettete eine Katze vom Kirchturm.', title: 'Rettung', outlet: 'Lokal' }));
    expect(ok(await call('crossread:search-articles', { query: ' KIRCHTURM ' }))).toEqual({ ok: true, ids: ['user-id-0'] });
    // Most articles match: those that do not are named instead, and the reply says so.
    expect(ok(await call('crossread:search-articles', { query: '' }))).toEqual({ ok: true, ids: [], allBut: true });
    const all = ok(await call('crossread:list-articles', {})).articles.map((x) => x.id);
    expect(all).toHaveLength(6);
    const withE = ok(await call('crossread:search-articles', { query: 'e' }));
    expect(withE).toMatchObject({ ok: true, allBut: true });
    const texts = await Promise.all(all.map(async (id) => ok(await call('crossread:get-article', { id })).article));
    const without = texts.filter((x) => !`${x.outlet} ${x.title} ${x.url ?? ''} ${x.text}`.toLowerCase().includes('e')).map((x) => x.id);
    expect(withE.ids).toEqual(without);
    // Few match: named as they are.
    expect(ok(await call('crossread:search-articles', { query: 'kirchturm' })).allBut).toBeUndefined();
  });

  it('imports in one write with progress, and a cancelled import leaves the corpus as it was', async () => {
    const { call, progress, events } = await service(false);
    expect(ok(await call('crossread:import-articles', { operation: 'op-1', part: 0, total: 30, articles: bulk(30) }))).toEqual({ ok: true, count: 30 });
    expect(progress.at(-1)).toEqual(['op-1', 30, 30]);
    expect(events).toEqual(['changed']);

    const before = ok(await call('crossread:export-articles', {})).articles;
    const articles = bulk(400).map((a) => ({ ...a, id: `more-${a.id}`, url: `${a.url}/more` }));
    const running = call('crossread:import-articles', { operation: 'op-2', part: 0, total: 400, articles });
    expect(ok(await call('crossread:cancel', { operation: 'op-2' }))).toEqual({ ok: true, cancelled: true });
    const reply = await running;
    expect(reply).toMatchObject({ ok: false, cancelled: true });
    expect(ok(await call('crossread:export-articles', {})).articles).toEqual(before);
    expect(ok(await call('crossread:cancel', { operation: 'op-2' }))).toEqual({ ok: true, cancelled: false });
    expect(events).toEqual(['changed']);
  });

  it('imports in parts as one write, the last part committing, with the stories of the same import in one part', async () => {
    const one = await service(false);
    const parts = await service(false);
    const articles = storyArticles();
    ok(await one.call('crossread:import-articles', { operation: 'whole', part: 0, total: articles.length, articles }));
    for (let start = 0, part = 0; start < articles.length; start += 7, part++) {
      const more = start + 7 < articles.length;
      const reply = ok(await parts.call('crossread:import-articles', { operation: 'parts', part, total: articles.length, articles: articles.slice(start, start + 7), ...(more ? { more } : {}) }));
      expect(reply.count).toBe(Math.min(start + 7, articles.length));
      // Nothing is told before the commit.
      expect(parts.events).toEqual(more ? [] : ['changed']);
    }
    expect(await parts.store.count()).toBe(articles.length);
    const membership = async (s: CorpusStore) => (await s.listStories()).map((story) => story.members.join(' ')).sort();
    const stories = await membership(parts.store);
    expect(stories).toEqual(await membership(one.store));
    // Stories of several articles were formed, not one per article.
    expect(stories.length).toBeLessThan(articles.length * 0.7);
    expect(parts.progress.at(-1)).toEqual(['parts', articles.length, articles.length]);
  });

  it('gathers parts up to the store part size before the open import takes them in, with the same stories', async () => {
    const articles = storyArticles();
    const one = await service(false);
    ok(await one.call('crossread:import-articles', { operation: 'whole', part: 0, total: articles.length, articles }));
    // About three of the parts of seven below per store part.
    const chars = articles.slice(0, 21).reduce((n, a) => n + a.raw.length, 0);
    const gathered = await service(false, chars);
    const taken: number[] = [];
    const open = gathered.store.openImport.bind(gathered.store);
    vi.spyOn(gathered.store, 'openImport').mockImplementation((options) => {
      const session = open(options);
      return { ...session, add: (part) => (taken.push(part.length), session.add(part)) };
    });
    for (let start = 0, part = 0; start < articles.length; start += 7, part++) {
      const more = start + 7 < articles.length;
      const reply = ok(await gathered.call('crossread:import-articles', { operation: 'parts', part, total: articles.length, articles: articles.slice(start, start + 7), ...(more ? { more } : {}) }));
      expect(reply.count).toBe(Math.min(start + 7, articles.length));
    }
    // Every article taken in once, in fewer calls than parts, each (but the last) holding at least the store part's text.
    expect(taken.reduce((n, k) => n + k, 0)).toBe(articles.length);
    expect(taken.length).toBeLessThan(Math.ceil(articles.length / 7));
    expect(taken.length).toBeGreaterThan(1);
    let at = 0;
    for (const k of taken.slice(0, -1)) {
      expect(articles.slice(at, at + k).reduce((n, a) => n + a.raw.length, 0)).toBeGreaterThanOrEqual(chars);
      at += k;
    }
    const membership = async (s: CorpusStore) => (await s.listStories()).map((story) => story.members.join(' ')).sort();
    expect(await membership(gathered.store)).toEqual(await membership(one.store));
    expect(gathered.events).toEqual(['changed']);
  });

  it('a cancel, a full disk or a missing part after parts were written into the open transaction leaves the corpus as it was', async () => {
    const { call, store, events } = await service(false);
    ok(await call('crossread:import-articles', { operation: 'first', part: 0, total: 10, articles: bulk(10) }));
    const before = ok(await call('crossread:export-articles', {})).articles;
    const more = bulk(60).map((a) => ({ ...a, id: `more-${a.id}`, url: `${a.url}/more` }));

    // Cancelled between parts: the part sent before the cancel arrived does not import the rest.
    ok(await call('crossread:import-articles', { operation: 'cut', part: 0, total: 30, articles: more.slice(0, 10), more: true }));
    ok(await call('crossread:import-articles', { operation: 'cut', part: 1, total: 30, articles: more.slice(10, 20), more: true }));
    expect(ok(await call('crossread:cancel', { operation: 'cut' }))).toEqual({ ok: true, cancelled: true });
    expect(await call('crossread:import-articles', { operation: 'cut', part: 2, total: 30, articles: more.slice(20, 30) })).toMatchObject({ ok: false, cancelled: true });
    expect(ok(await call('crossread:export-articles', {})).articles).toEqual(before);

    // The disk fills up in the third part (a part of ten puts about 80 records), two being in the transaction: the error comes back, nothing is kept.
    await withFullDiskAfter(200, async () => {
      let reply: Reply<'crossread:import-articles'> | undefined;
      for (let part = 0; part < 6; part++) {
        reply = await call('crossread:import-articles', { operation: 'full', part, total: 60, articles: more.slice(part * 10, part * 10 + 10), ...(part < 5 ? { more: true } : {}) });
        if (!reply.ok) break;
      }
      expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/storage for crossread is full/) });
    });
    expect(ok(await call('crossread:export-articles', {})).articles).toEqual(before);

    // A part of an import this background does not hold open (it restarted meanwhile): refused, and the open one is dropped.
    ok(await call('crossread:import-articles', { operation: 'gap', part: 0, total: 30, articles: more.slice(0, 10), more: true }));
    expect(await call('crossread:import-articles', { operation: 'gap', part: 2, total: 30, articles: more.slice(20, 30) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/interrupted.*nothing was saved/),
    });
    expect(await call('crossread:import-articles', { operation: 'never-opened', part: 1, total: 30, articles: more.slice(10, 20) })).toMatchObject({ ok: false, error: expect.stringMatching(/interrupted/) });
    expect(ok(await call('crossread:export-articles', {})).articles).toEqual(before);
    expect(await store.count()).toBe(10);
    expect(events).toEqual(['changed']);
  });

  it('stores the analysis sent with a part when it comes from this engine version, and works it out again when not', async () => {
    const name = `service-${n}`;
    const { call, store } = await service(false);
    const articles = bulk(4);
    // Marked, so the test tells the worker's analysis (features, as the JSON the worker makes of them, and index terms) from the background's own.
    const markedFeatures = (a: Article, version = FEATURES_VERSION) => ({ ...articleFeatures(a), url: `marked:${a.id}`, version });
    const marked = (a: Article) => ({ terms: ['markiert', ...indexTerms(a)], features: JSON.stringify(markedFeatures(a)) });
    const analysisOf = (items: Array<{ terms: string[]; features: string }>, featuresVersion = FEATURES_VERSION) => ({ featuresVersion, features: items.map((x) => x.features), terms: JSON.stringify(items.map((x) => x.terms)) });
    ok(await call('crossread:import-articles', { operation: 'current', part: 0, total: 2, articles: articles.slice(0, 2), analysis: analysisOf(articles.slice(0, 2).map(marked)) }));
    const old = articles.slice(2).map((a) => ({ terms: ['erfunden'], features: JSON.stringify(markedFeatures(a, FEATURES_VERSION - 1)) }));
    ok(await call('crossread:import-articles', { operation: 'older', part: 0, total: 2, articles: articles.slice(2), analysis: analysisOf(old, FEATURES_VERSION - 1) }));
    const db = await openDB(name);
    try {
      const stored = async (id: string) => ({ features: (await db.get('features', id)).features, terms: (await db.get('terms', id)).terms });
      // The worker's JSON is stored as it came; the store reads it as the features it holds.
      for (const a of articles.slice(0, 2)) expect(await stored(a.id)).toEqual(marked(a));
      expect((await store.fullRecords((await store.candidateGlances([], 0)).generation, [articles[0].id], false))?.get(articles[0].id)?.features).toEqual(markedFeatures(articles[0]));
      for (const a of articles.slice(2)) expect(await stored(a.id)).toEqual({ features: articleFeatures(a), terms: indexTerms(a) });
    } finally {
      db.close();
    }
  });

  it('parses each article’s features of an import once, never as a string inside other JSON', async () => {
    const { call } = await service(false);
    const articles = bulk(3);
    const features = articles.map((a) => JSON.stringify(articleFeatures(a)));
    // A feature string nested in JSON shows there with its quotes escaped.
    const escaped = features.map((f) => JSON.stringify(f).slice(1, -1));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      ok(await call('crossread:import-articles', { operation: 'once', part: 0, total: 3, articles, analysis: { featuresVersion: FEATURES_VERSION, features, terms: JSON.stringify(articles.map((a) => indexTerms(a))) } }));
      const texts = parse.mock.calls.map((c) => String(c[0]));
      expect(features.map((f) => texts.filter((t) => t.includes(f)).length)).toEqual([1, 1, 1]);
      expect(escaped.map((f) => texts.filter((t) => t.includes(f)).length)).toEqual([0, 0, 0]);
    } finally {
      parse.mockRestore();
    }
  });

  it('takes an import, and so its analysis, only from crossread’s own pages, and works out again an analysis that does not read as one', async () => {
    const name = `service-${n}`;
    const { handlers, store } = await service(false);
    const articles = bulk(6);
    const marked = (a: Article) => ({ terms: ['erfunden'], features: JSON.stringify({ ...articleFeatures(a), url: `marked:${a.id}` }) });
    const payload = { operation: 'page', part: 0, total: 1, articles: [articles[0]], analysis: { featuresVersion: FEATURES_VERSION, features: [marked(articles[0]).features], terms: '[["erfunden"]]' } };
    const fromPage = await dispatch({ ...payload, type: 'crossread:import-articles' }, { url: 'https://news.example/article', tab: { id: 3 } }, handlers, origin);
    expect(fromPage).toMatchObject({ ok: false, error: expect.stringMatching(/crossread's own pages only/) });
    expect(await store.count()).toBe(0);

    const fromOptions = (operation: string, article: Article, features: unknown[], terms: string) =>
      dispatch({ operation, part: 0, total: 1, articles: [article], analysis: { featuresVersion: FEATURES_VERSION, features, terms }, type: 'crossread:import-articles' }, { url: `${origin}options.html` }, handlers, origin);
    ok((await fromOptions('not-json', articles[1], [marked(articles[1]).features], '[["x"')) as Reply<'crossread:import-articles'>);
    ok((await fromOptions('bad-features', articles[2], ['x'], '[["x"]]')) as Reply<'crossread:import-articles'>);
    ok((await fromOptions('not-features', articles[4], [JSON.stringify({ version: FEATURES_VERSION })], '[["x"]]')) as Reply<'crossread:import-articles'>);
    ok((await fromOptions('wrong-count', articles[3], [marked(articles[3]).features, marked(articles[3]).features], '[["x"],["x"]]')) as Reply<'crossread:import-articles'>);
    ok((await fromOptions('wrong-terms-count', articles[5], [marked(articles[5]).features], '[["x"],["x"]]')) as Reply<'crossread:import-articles'>);
    // Features that are not strings do not pass the request's check: the import is refused, nothing stored.
    const notStrings = await fromOptions('features-object', articles[0], [articleFeatures(articles[0])], '[["x"]]');
    expect(notStrings).toMatchObject({ ok: false });
    expect(await store.count()).toBe(5);
    const db = await openDB(name);
    try {
      expect(await db.get('features', articles[0].id)).toBeUndefined();
      for (const a of articles.slice(1)) {
        expect((await db.get('features', a.id)).features).toEqual(articleFeatures(a));
        expect((await db.get('terms', a.id)).terms).toEqual(indexTerms(a));
      }
    } finally {
      db.close();
    }
  });
});
