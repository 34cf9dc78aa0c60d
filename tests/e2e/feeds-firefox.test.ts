/**
 * Following feeds end to end in Firefox ESR (#17), as feeds-chromium.test.ts
 * does in Chromium: here the optional permission is really asked for and
 * given (the prompt turned off by preference), item pages are read in the
 * background page's own DOM, and a permission withdrawn in the browser shows
 * in the Sources list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { artifactsDir, builds } from './chromium-setup';
import { firefoxExtensionOrigin, launchFirefox } from './firefox-setup';
import { BAD_FEEDS, expectStoriesApart, startFeedWorld, type FeedWorld, type Listed } from './feeds-fixture';
import { until } from '../helpers/until';

async function open(page: Page, url: string) {
  // WebDriver BiDi does not report a load of an extension page: go there, then wait for the page itself.
  await page.goto(url, { timeout: 5_000 }).catch(() => undefined);
}

describe('Firefox ESR: following feeds', () => {
  let world: FeedWorld;
  let firefox: Awaited<ReturnType<typeof launchFirefox>>;
  let options: Page;
  const timings: Record<string, number> = {};

  const send = <T>(message: Record<string, unknown>): Promise<T> =>
    options.evaluate((m) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage(m), message) as Promise<T>;
  const stateOf = (url: string) => options.evaluate((u) => document.querySelector(`tr[data-feed="${u}"] td.state`)?.textContent ?? null, url);
  const errorMessage = () => options.evaluate(() => document.querySelector('.sources .message.error')?.textContent ?? '');

  /** Types the address and clicks Follow with real input, as the permission request needs. */
  async function follow(url: string) {
    await options.evaluate(() => {
      const input = document.querySelector('.sources input[type="url"]') as HTMLInputElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await options.type('.sources input[type="url"]', url);
    await options.click('.sources form button[type="submit"]');
  }

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    world = await startFeedWorld();
    firefox = await launchFirefox(builds.firefoxE2e, { 'extensions.webextOptionalPermissionPrompts': false });
    options = await firefox.browser.newPage();
    await open(options, `${firefoxExtensionOrigin}/options.html`);
    await until(() => options.evaluate(() => !!document.querySelector('section.sources')).catch(() => false), Boolean);
  });
  afterAll(async () => {
    if (Object.keys(timings).length) fs.writeFileSync(path.join(artifactsDir, 'feeds-firefox-timings.json'), JSON.stringify(timings, null, 2));
    await firefox?.close();
    await world?.close();
  });

  it('follows three outlets, their host asked for when followed', async () => {
    for (const i of [0, 1, 2]) {
      await follow(world.feedUrl(i));
      expect(await until(() => stateOf(world.feedUrl(i)), (s) => s !== null), `${world.feedUrl(i)}: ${await errorMessage()}`).toMatch(/nothing new/);
    }
    const granted = await options.evaluate(() => (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins: string[] }> } } }).browser.permissions.getAll());
    expect(granted.origins).toContain('http://127.0.0.1/*');
  });

  it('"Fetch now": thirty items arrive, each in its story, read in the background page, and a story3 page shows notes', async () => {
    world.fill();
    const started = Date.now();
    await send({ type: 'crossread:fetch-feeds' });
    const count = async () => (await send<Listed>({ type: 'crossread:list-articles' })).articles.filter((a) => a.id.startsWith('feed-')).length;
    expect(await count(), (await send<{ feeds: Array<{ state: string }> }>({ type: 'crossread:feeds' })).feeds.map((f) => f.state).join(' | ')).toBe(30);
    const { lastRound } = await send<{ lastRound: { articles: number; ms: number } }>({ type: 'crossread:feeds' });
    timings.roundMs = lastRound.ms;
    timings.articlesPerSecond = Math.round((lastRound.articles / lastRound.ms) * 1000 * 10) / 10;
    const page = await firefox.browser.newPage();
    await page.goto(world.pages.story3);
    await page.waitForSelector('crossread-overlay[data-notes]', { timeout: 20_000 });
    timings.fetchNowToNotesMs = Date.now() - started;
    expect(Number(await page.$eval('crossread-overlay', (el) => el.getAttribute('data-outlets')))).toBeGreaterThan(0);
    expect(timings.fetchNowToNotesMs).toBeLessThan(10_000);
    expectStoriesApart(await send<Listed>({ type: 'crossread:list-articles' }), world);
    await page.goto(world.pages.lookAlike);
    await new Promise((r) => setTimeout(r, 4000));
    const compared = await page.evaluate(() => document.querySelector('crossread-overlay')?.getAttribute('data-outlets') ?? '0');
    expect(compared).toBe('0');
    await page.close();
  });

  it('refuses each bad feed with its reason', async () => {
    for (const [feedPath, reason] of BAD_FEEDS) {
      await follow(`${world.reader.origin}${feedPath}`);
      expect(await until(errorMessage, (m) => reason.test(m))).toMatch(reason);
      expect(await stateOf(`${world.reader.origin}${feedPath}`)).toBeNull();
    }
  });

  it('a permission withdrawn in the browser: the feeds say so and nothing is fetched from their site', async () => {
    // The three outlets share the host 127.0.0.1 (one port each), and a permission is per host: all three lose it.
    await options.evaluate(() => (globalThis as unknown as { browser: { permissions: { remove(p: unknown): Promise<boolean> } } }).browser.permissions.remove({ origins: ['http://127.0.0.1/*'] }));
    for (const i of [0, 1, 2]) expect(await until(() => stateOf(world.feedUrl(i)), (s) => /permission was withdrawn/.test(s ?? ''))).toMatch(/permission was withdrawn/);
    for (const o of world.outlets) o.log.length = 0;
    expect(await send({ type: 'crossread:fetch-feeds' })).toEqual({ ok: true });
    expect(world.outlets.flatMap((o) => o.log)).toEqual([]);
  });

  it('keeps a page read on the switched-on site only', async () => {
    const host = new URL(world.pages.toKeep).host;
    expect(await send({ type: 'crossread:keep-site', host, on: true })).toEqual({ ok: true, on: true });
    const page = await firefox.browser.newPage();
    await page.goto(world.pages.toKeep);
    const kept = async () => (await send<Listed>({ type: 'crossread:list-articles' })).articles.filter((a) => a.id.startsWith('read-')).map((a) => a.url);
    expect(await until(kept, (k) => k.length > 0, 20_000)).toEqual([world.pages.toKeep]);
    await page.goto(world.pages.elsewhere);
    await new Promise((r) => setTimeout(r, 5000));
    expect(await kept()).toEqual([world.pages.toKeep]);
    await page.close();
  });

  it('OPML round-trips', async () => {
    const exported = await send<{ text: string }>({ type: 'crossread:export-opml' });
    for (const i of [0, 1, 2]) expect(exported.text).toContain(world.feedUrl(i));
    // The other outlets on the same host still need it: nothing to give back.
    expect(await send({ type: 'crossread:unfollow-feed', url: world.feedUrl(1) })).toEqual({ ok: true, releaseOrigin: null });
    const imported = await send<{ ok: boolean; added: number; skipped: number }>({ type: 'crossread:import-opml', text: exported.text });
    // The host's permission was withdrawn above: a feed whose site is not granted is not followed.
    expect(imported).toMatchObject({ ok: true, added: 0, skipped: 3 });
  });
});
