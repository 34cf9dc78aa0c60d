/**
 * An older build of crossread, installed in Chromium and given the reader's
 * articles through its own requests, then updated in place to this build
 * (tests/e2e/chromium-update.ts): the database its own code wrote is upgraded
 * by this one, and nothing is lost. Runs only with CROSSREAD_OLD_BUILD set to
 * an older e2e build (e.g. `git archive <commit> | tar -x -C /tmp/old`, link
 * node_modules, `npx wxt build --mode e2e` there, and
 * CROSSREAD_OLD_BUILD=/tmp/old/.output/chrome-mv3-e2e): CI has no old build,
 * and database-upgrade.test.ts covers the upgrade from version 5 without one.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { DB_NAME, DB_VERSION, type PostingsChunk } from '../../services/corpus-schema';
import { chunkIds, POSTINGS_CHUNK } from '../../services/postings-layout';
import { builds } from './chromium-setup';
import { launchUpdatableChromium } from './chromium-update';
import { readDatabase, type DatabaseDump } from './corpus-v5/database-pages';
import { ADDED, IMPORTED } from './corpus-v5/reader-articles';

const oldBuild = process.env.CROSSREAD_OLD_BUILD ? path.resolve(process.env.CROSSREAD_OLD_BUILD) : null;
if (!oldBuild) console.log('update-from-old-build: skipped (set CROSSREAD_OLD_BUILD to an older e2e build for Chromium)');

/** Each term's ids, chunks joined in order. */
function termIds(dump: DatabaseDump): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  const chunks = dump.stores.postings.records.map((r) => r.value as PostingsChunk).sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : a.chunk - b.chunk));
  for (const c of chunks) ids.set(c.term, [...(ids.get(c.term) ?? []), ...chunkIds(c)]);
  return ids;
}

describe.skipIf(!oldBuild)('Chromium: an older build updated to this one', () => {
  let server: DemoServer;
  let browser: Awaited<ReturnType<typeof launchUpdatableChromium>>;

  beforeAll(async () => {
    server = await startDemoServer({ port: 0 });
    browser = await launchUpdatableChromium(oldBuild!);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** `fn(arg)` in a tab of the extension's origin (its own: an update closes the extension's tabs). */
  const inExtension = async <A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    const result = await page.evaluate(fn as never, arg as never);
    await page.close();
    return result as R;
  };

  /** The newest worker's measure `name` (e2e builds), once it has one, with the worker's start. */
  const measured = async (name: string, after: number) => {
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100)))
      for (const w of browser.context.serviceWorkers()) {
        const got = await w.evaluate((n) => ({ origin: performance.timeOrigin, duration: performance.getEntriesByName(n)[0]?.duration ?? null }), name).catch(() => null);
        if (got && got.origin > after && got.duration !== null) return got;
      }
    throw new Error(`no worker measured ${name} in 30 s`);
  };

  it("keeps every article, story and term of the old build's own database, upgraded, and the seeds' pages get their notes", async () => {
    const started = await measured('crossread-start:seeds', 0);
    // The reader's articles, added one at a time through the old build's own requests.
    const pasted = [...IMPORTED, ...ADDED].map((a) => ({ type: 'crossread:add-text', raw: a.raw, outlet: a.outlet ?? 'Leserbrief', date: a.date }));
    const replies = await inExtension(async (messages) => {
      const out: unknown[] = [];
      for (const m of messages) out.push(await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m));
      return out;
    }, pasted);
    expect(replies.filter((r) => (r as { ok?: boolean }).ok === true)).toHaveLength(pasted.length);
    const before = await inExtension(readDatabase, DB_NAME);
    expect(before.version).toBeLessThan(DB_VERSION);

    await browser.update(builds.chromeE2e);
    const open = await measured('crossread-start:open', started.origin);
    console.log(`update-from-old-build: version ${before.version} to ${DB_VERSION}, the new worker's open took ${open.duration!.toFixed(0)} ms`);
    const after = await inExtension(readDatabase, DB_NAME);
    expect(after.version).toBe(DB_VERSION);
    for (const name of ['articles', 'stories', 'storyOf', 'terms', 'df', 'features'])
      expect({ name, records: after.stores[name].records }).toEqual({ name, records: before.stores[name].records });
    expect(after.stores.articles.records).toHaveLength(5 + pasted.length);
    expect(termIds(after)).toEqual(termIds(before));
    for (const r of after.stores.postings.records) {
      const c = r.value as PostingsChunk;
      expect(typeof c.ids).toBe('string');
      expect(chunkIds(c).length).toBeLessThanOrEqual(POSTINGS_CHUNK);
    }
    expect(after.stores.storyGlances.records).toHaveLength(after.stores.stories.records.length);
    expect(Object.keys(after.stores)).not.toContain('glances');

    const tab = await browser.context.newPage();
    await tab.goto(`${server.url}/article/0`);
    await tab.waitForSelector('crossread-overlay[data-notes]', { state: 'attached', timeout: 30_000 });
    expect(Number(await tab.getAttribute('crossread-overlay', 'data-notes'))).toBeGreaterThan(0);
    await tab.close();
  });
});
