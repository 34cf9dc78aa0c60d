/**
 * A reader's corpus survives an update of crossread, in real browsers: the
 * database a version-5 crossread wrote (tests/e2e/corpus-v5: its schema and
 * records, written by that version's own code) is put in the extension's
 * origin, the background is started anew, and the current build upgrades it
 * to DB_VERSION (versions 6–11: postings re-chunked, each story's glances
 * record built, the glances store deleted, the articles' source index dropped,
 * the import journal's store made; 11 changes no record)
 * inside the browser's own IndexedDB, where an upgrade's transaction commits as
 * soon as it waits on anything but its own requests (fake-indexeddb, of the
 * unit tests, is kinder). The result is compared with what the current code
 * stores for the same reader's actions from scratch (replayed here in
 * fake-indexeddb).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import type { Article } from '../../lib/article/article';
import { CorpusStore } from '../../services/corpus-store';
import { DB_NAME, DB_VERSION, STORIES_SIGNATURE, type PostingsChunk, type StoredStory } from '../../services/corpus-schema';
import { chunkIds, POSTINGS_CHUNK } from '../../services/postings-layout';
import { builds, requireBuild } from './chromium-setup';
import { launchUpdatableChromium } from './chromium-update';
import { firefoxExtensionOrigin, launchFirefox } from './firefox-setup';
import { readCorpusFixture, recordsOf, type FixtureStore } from './corpus-v5/fixture';
import { readDatabase, writeDatabase, type DatabaseDump } from './corpus-v5/database-pages';

const fixture = readCorpusFixture();

/** What the current code stores for the fixture reader's actions, from an empty database (fake-indexeddb); made once. */
let replay: Promise<DatabaseDump> | null = null;
const replayWithCurrentCode = () => (replay ??= replayActions());

async function replayActions(): Promise<DatabaseDump> {
  const name = 'replayed';
  const byId = new Map((recordsOf(fixture, 'articles') as Article[]).map((a) => [a.id, a]));
  byId.set(fixture.deleted.id, fixture.deleted);
  const articles = (ids: string[]) => ids.map((id) => byId.get(id)!);
  const store = await CorpusStore.open(name);
  for (const action of fixture.actions) {
    if (action.op === 'delete') await store.deleteArticle(action.id);
    else if (action.op === 'seeds') await store.ensureSeeds(articles(action.ids));
    else if (action.op === 'import') await store.importArticles(articles(action.ids));
    else await store.addArticles(articles(action.ids));
  }
  store.close();
  return readDatabase(name);
}

/** A dump's stores as writeDatabase takes them. */
function asFixtureStores(dump: DatabaseDump, from: readonly FixtureStore[]): FixtureStore[] {
  return Object.entries(dump.stores).map(([name, s]) => {
    const schema = from.find((f) => f.name === name);
    return {
      name,
      keyPath: s.keyPath,
      autoIncrement: false,
      // The indexes the current code made (the fixture's schema says how each is defined).
      indexes: (schema?.indexes ?? []).filter((i) => s.indexes.includes(i.name)),
      records: s.records.map((r) => (s.keyPath === null ? { key: r.key as string, value: r.value } : { value: r.value })),
    };
  });
}

const values = (dump: DatabaseDump, store: string) => dump.stores[store].records.map((r) => r.value);

/** Each term's ids in chunk order, and its chunks as stored. */
function postingsByTerm(chunks: readonly PostingsChunk[]) {
  const ids = new Map<string, string[]>();
  const numbers = new Map<string, number[]>();
  for (const c of [...chunks].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : a.chunk - b.chunk))) {
    ids.set(c.term, [...(ids.get(c.term) ?? []), ...chunkIds(c)]);
    numbers.set(c.term, [...(numbers.get(c.term) ?? []), c.chunk]);
  }
  return { ids, numbers };
}

/** The checks of an upgraded database against the old one and the current code's own. */
function expectUpgraded(upgraded: DatabaseDump, replayed: DatabaseDump) {
  const old = { meta: new Map(fixture.stores.find((s) => s.name === 'meta')!.records.map((r) => [r.key, r.value])) };
  expect(upgraded.version).toBe(DB_VERSION);
  // The schema of the current code: the glances store is gone, storyGlances is there, articles have no source index.
  expect(Object.keys(upgraded.stores).sort()).toEqual(Object.keys(replayed.stores).sort());
  expect(Object.keys(upgraded.stores)).not.toContain('glances');
  expect(upgraded.stores.articles.indexes).toEqual(['url']);
  for (const [name, s] of Object.entries(replayed.stores)) {
    expect({ name, keyPath: upgraded.stores[name].keyPath, indexes: upgraded.stores[name].indexes.sort() }).toEqual({ name, keyPath: s.keyPath, indexes: s.indexes.sort() });
  }

  // Every article as the old code stored it: count, ids, texts, labels.
  const articles = values(upgraded, 'articles') as Article[];
  expect(articles).toEqual(recordsOf(fixture, 'articles'));
  expect(articles).toHaveLength(48);
  expect(articles.map((a) => a.id)).not.toContain(fixture.deleted.id);
  expect(articles).toEqual(values(replayed, 'articles'));

  // Stories, links, the term index and features untouched by the upgrade (the stories' signature is the same, so
  // they are not formed again), and the same as the current code forms from the same actions.
  expect(old.meta.get('storiesVersion')).toBe(STORIES_SIGNATURE);
  for (const name of ['stories', 'storyOf', 'terms', 'df', 'features']) {
    expect({ name, records: values(upgraded, name) }).toEqual({ name, records: recordsOf(fixture, name) });
    expect({ name, records: values(upgraded, name) }).toEqual({ name, records: values(replayed, name) });
  }
  const seedStory = (values(upgraded, 'stories') as StoredStory[]).find((s) => s.members.includes('seed-000'))!;
  expect(seedStory.members).toEqual(['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004', 'telefonat']);

  // Version 6: each term's ids as they were, in chunks of up to POSTINGS_CHUNK numbered from 0, each one string.
  const before = postingsByTerm(recordsOf(fixture, 'postings') as PostingsChunk[]);
  const chunks = values(upgraded, 'postings') as PostingsChunk[];
  const after = postingsByTerm(chunks);
  expect([...before.numbers.values()].filter((n) => n.length > 1).length).toBeGreaterThan(0);
  expect(after.ids).toEqual(before.ids);
  for (const [term, ids] of after.ids) expect({ term, chunks: after.numbers.get(term) }).toEqual({ term, chunks: Array.from({ length: Math.ceil(ids.length / POSTINGS_CHUNK) }, (_, i) => i) });
  for (const c of chunks) expect(typeof c.ids).toBe('string');
  expect(chunks).toEqual(values(replayed, 'postings'));

  // Versions 7 and 8: one glances record per story, the same as the current code writes for the same actions.
  expect(values(upgraded, 'storyGlances')).toHaveLength(values(upgraded, 'stories').length);
  expect(values(upgraded, 'storyGlances')).toEqual(values(replayed, 'storyGlances'));

  // The article count and the stories' signature kept; the write counter is the old database's own.
  const meta = new Map(upgraded.stores.meta.records.map((r) => [r.key, r.value]));
  expect(meta.get('articles')).toBe(48);
  expect(meta.get('storiesVersion')).toBe(STORIES_SIGNATURE);
}

/** What a browser must do for the test: an extension page to run raw IndexedDB in, a new background, a web page's overlay. */
interface UpgradeDriver {
  /** Runs `fn(arg)` in a page of the extension's origin. */
  inExtension<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R>;
  /** Installs the build again over the running one, as an update of crossread: a new background opens the database. */
  updateExtension(): Promise<void>;
  /** The corpus manager's error message, once it shows one. */
  corpusManagerAlert(): Promise<string>;
  /** Opens `url` and waits for crossread's overlay to have its notes. */
  overlayOf(url: string): Promise<{ notes: number; outlets: string | null; text: string }>;
  /** How long the background's start spent opening (and upgrading) the database, when the browser tells. */
  openMs(): Promise<number | null>;
  close(): Promise<void>;
}

/** `read()` once it gives a non-empty string (15 s at most). */
async function untilText(read: () => Promise<string>, what: string): Promise<string> {
  for (const until = Date.now() + 15_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const text = await read().catch(() => '');
    if (text) return text;
    if (Date.now() > until) throw new Error(`no ${what} in 15 s`);
  }
}

const alertText = () => document.querySelector('.message[role="alert"]')?.textContent ?? '';

/** The overlay as the tests see it, once its notes are written (and its status line half a second after). */
async function readOverlay(page: PlaywrightPage | PuppeteerPage) {
  await (page as PlaywrightPage).waitForSelector('crossread-overlay[data-notes]', { timeout: 30_000, state: 'attached' } as never);
  await new Promise((resolve) => setTimeout(resolve, 800));
  return (page as PlaywrightPage).evaluate(() => {
    const el = document.querySelector('crossread-overlay')!;
    // The notes' words, without the overlay's style sheet.
    const parts: string[] = [];
    if (el.shadowRoot) for (const walk = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_TEXT); walk.nextNode(); ) if (walk.currentNode.parentElement?.tagName !== 'STYLE') parts.push(walk.currentNode.textContent ?? '');
    const text = parts.join(' ');
    return { notes: Number(el.getAttribute('data-notes')), outlets: el.getAttribute('data-outlets'), text };
  });
}

async function chromiumDriver(): Promise<UpgradeDriver> {
  const browser = await launchUpdatableChromium(builds.chromeE2e);
  const { context, extensionId } = browser;
  const workers = () => context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  /** The start of the worker before the last update: a worker started after it is the new version's (Playwright may list the old one a moment longer). */
  let updated = 0;
  /** The newest worker's performance entries of `name` (the e2e build's measures), or null while there is none. */
  const newest = async (name: string) => {
    let found: { origin: number; duration: number | null } | null = null;
    for (const w of workers()) {
      const got = await w.evaluate((n) => ({ origin: performance.timeOrigin, duration: performance.getEntriesByName(n)[0]?.duration ?? null }), name).catch(() => null);
      if (got && got.origin > updated && (found === null || got.origin > found.origin)) found = got;
    }
    return found;
  };
  // The installed build's own start first (its database created, the seeds added), so nothing of it is left to run later.
  for (const until = Date.now() + 30_000; ((await newest('crossread-start:seeds'))?.duration ?? null) === null; await new Promise((resolve) => setTimeout(resolve, 100)))
    if (Date.now() > until) throw new Error('the installed build did not finish its start (crossread-start:seeds) in 30 s');
  return {
    async inExtension(fn, arg) {
      // A resource of the extension, not one of its pages (nothing in it talks to the background), in a tab of its own: an update closes the extension's tabs.
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/manifest.json`);
      const result = await page.evaluate(fn as never, arg as never);
      await page.close();
      return result as never;
    },
    async updateExtension() {
      updated = (await newest('crossread-start:seeds'))?.origin ?? 0;
      await browser.update();
    },
    async corpusManagerAlert() {
      const tab = await context.newPage();
      await tab.goto(`chrome-extension://${extensionId}/options.html`);
      const text = await untilText(() => tab.evaluate(alertText), 'message in the corpus manager');
      await tab.close();
      return text;
    },
    async overlayOf(url) {
      const tab = await context.newPage();
      await tab.goto(url);
      const overlay = await readOverlay(tab);
      await tab.close();
      return overlay;
    },
    openMs: async () => (await newest('crossread-start:open'))?.duration ?? null,
    close: () => browser.close(),
  };
}

/** Opens `url` in `page`: WebDriver BiDi does not report a load of an extension page, so this waits for the page itself. */
async function opened(page: PuppeteerPage, url: string): Promise<void> {
  void page.goto(url).catch(() => undefined);
  for (const until = Date.now() + 15_000; (await page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '')) !== url; await new Promise((resolve) => setTimeout(resolve, 50)))
    if (Date.now() > until) throw new Error(`Firefox did not open ${url}`);
}

async function firefoxDriver(): Promise<UpgradeDriver> {
  const firefox = await launchFirefox(builds.firefoxE2e);
  const page = await firefox.browser.newPage();
  let visits = 0;
  return {
    async inExtension(fn, arg) {
      // Loaded anew each time (an address of its own: the last one's document may be the reloaded add-on's old one).
      const url = `${firefoxExtensionOrigin}/icon/16.png?${++visits}`;
      await opened(page, url);
      return page.evaluate(fn as (a: unknown) => Promise<never>, arg);
    },
    async updateExtension() {
      // Installing the same temporary add-on again reloads it in place (its id and storage kept): a new background page.
      await firefox.browser.installExtension(requireBuild(builds.firefoxE2e));
    },
    async corpusManagerAlert() {
      const tab = await firefox.browser.newPage();
      await opened(tab, `${firefoxExtensionOrigin}/options.html`);
      const text = await untilText(() => tab.evaluate(alertText), 'message in the corpus manager');
      await tab.close();
      return text;
    },
    async overlayOf(url) {
      const tab = await firefox.browser.newPage();
      await tab.goto(url);
      const overlay = await readOverlay(tab);
      await tab.close();
      return overlay;
    },
    openMs: async () => null,
    close: () => firefox.close(),
  };
}

describe.each([
  ['Chromium', chromiumDriver],
  ['Firefox ESR', firefoxDriver],
] as const)('%s: a version-5 corpus after an update of crossread', (_name, launch) => {
  let server: DemoServer;
  let driver: UpgradeDriver;
  let replayed: DatabaseDump;

  beforeAll(async () => {
    server = await startDemoServer({ port: 0 });
    replayed = await replayWithCurrentCode();
    driver = await launch();
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('stays as it was when a step of the upgrade throws, and the corpus manager says why', async () => {
    // A story record no version wrote: the version-7 step throws on it, after the version-6 step re-chunked the postings.
    const broken = structuredClone(fixture.stores);
    const story = broken.find((s) => s.name === 'stories')!.records[0];
    story.value = { ...(story.value as object), members: null };
    await driver.inExtension(writeDatabase, { name: DB_NAME, version: 5, stores: broken });
    const before = await driver.inExtension(readDatabase, DB_NAME);
    await driver.updateExtension();
    expect((await driver.corpusManagerAlert()).trim()).toMatch(
      new RegExp(`^The corpus cannot be opened: crossread could not update its database \\(version 5 to ${DB_VERSION}\\): .+\\. Nothing was changed; the articles are kept as they were\\.$`),
    );
    // The browser aborted the version change: version 5, every record as it was (postings in chunks of 32, the glances store).
    const after = await driver.inExtension(readDatabase, DB_NAME);
    expect(after.version).toBe(5);
    expect(after.stores).toEqual(before.stores);
  });

  it('is upgraded by the new background in the browser, every article and story kept, and its pages get their notes', async () => {
    expect(fixture.version).toBe(5);
    // The reader's old database, in place of the one the installed build made, then crossread updated.
    expect(await driver.inExtension(writeDatabase, { name: DB_NAME, version: fixture.version, stores: fixture.stores })).toBe(5);
    await driver.updateExtension();

    // The new version's background opens the database as it starts, upgrading it; then a page of the seeds' story.
    const upgradedNotes = await driver.overlayOf(`${server.url}/article/0`);
    const openMs = await driver.openMs();
    if (openMs !== null) console.log(`${_name}: opening (upgrading) the version-5 database took ${openMs.toFixed(0)} ms`);
    // The seeds' four other outlets and the reader's own article of the same event.
    expect(upgradedNotes.outlets).toBe('5');
    expect(upgradedNotes.notes).toBeGreaterThan(0);
    expect(upgradedNotes.text).toMatch(/✓ \d agree/);

    const upgraded = await driver.inExtension(readDatabase, DB_NAME);
    expectUpgraded(upgraded, replayed);

    // The same page over the current code's own database of the same actions, in the same browser: the same notes.
    await driver.inExtension(writeDatabase, { name: DB_NAME, version: DB_VERSION, stores: asFixtureStores(replayed, fixture.stores) });
    await driver.updateExtension();
    const freshNotes = await driver.overlayOf(`${server.url}/article/0`);
    expect(freshNotes).toEqual(upgradedNotes);
  });
});
