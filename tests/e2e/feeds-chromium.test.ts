/**
 * Following feeds end to end in Chromium (#17): three outlets on local ports,
 * followed from the popup and the corpus manager; "Fetch now" brings their
 * items into the corpus, each in its story; a story3 page shows notes
 * comparing the fetched outlets and a look-alike page gets none; bad feeds
 * each get a clear state; "Keep what I read" keeps a page on the switched-on
 * site only; OPML round-trips.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactsDir, builds, launchChromium, requireBuild } from './chromium-setup';
import { BAD_FEEDS, OUTLET_NAMES, expectStoriesApart, startFeedWorld, type FeedWorld, type Listed } from './feeds-fixture';

describe('Chromium: following feeds', () => {
  let world: FeedWorld;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let options: Page;
  const requests: string[] = [];
  const timings: Record<string, number> = {};

  const send = <T>(message: Record<string, unknown>): Promise<T> =>
    options.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message) as Promise<T>;
  const row = (url: string) => options.locator(`tr[data-feed="${url}"]`);

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    world = await startFeedWorld();
    browser = await launchChromium(requireBuild(builds.chromeE2e));
    browser.context.on('request', (r) => void requests.push(r.url()));
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('region', { name: 'Sources' }).waitFor();
  });
  afterAll(async () => {
    if (Object.keys(timings).length) fs.writeFileSync(path.join(artifactsDir, 'feeds-chromium-timings.json'), JSON.stringify(timings, null, 2));
    await browser?.close();
    await world?.close();
  });

  it('a default install asks nothing of the outlets: no request before a feed is followed', async () => {
    const page = await browser.context.newPage();
    await page.goto(world.pages.lookAlike);
    await page.waitForTimeout(2000);
    expect(requests.filter((u) => world.outlets.some((o) => u.startsWith(o.origin)))).toEqual([]);
    await page.close();
  });

  it('follows one outlet from the popup ("Follow ‹site›") and two by pasting their feed addresses', async () => {
    const site = await browser.context.newPage();
    await site.goto(world.pages.announcing);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(world.pages.announcing)}`);
    const host = new URL(world.pages.announcing).host;
    await popup.getByRole('button', { name: `Follow ${host}` }).click();
    await expect.poll(() => popup.getByRole('status').allTextContents(), { timeout: 20_000 }).toContainEqual(expect.stringMatching(/^Following Outlet RSS/));
    await popup.screenshot({ path: path.join(artifactsDir, 'feeds-popup-chromium.png') });
    await Promise.all([popup.close(), site.close()]);
    for (const i of [1, 2]) {
      await options.getByLabel('Feed address').fill(world.feedUrl(i));
      await options.getByRole('button', { name: 'Follow', exact: true }).click();
      await expect.poll(() => row(world.feedUrl(i)).count(), { timeout: 20_000 }).toBe(1);
    }
    for (const i of [0, 1, 2]) await expect.poll(() => row(world.feedUrl(i)).locator('td.state').textContent()).toMatch(/Fetched (just now|\d+ min ago): nothing new/);
  });

  it('"Fetch now": thirty items arrive, each in its story, and a story3 page shows notes comparing the fetched outlets', async () => {
    world.fill();
    const started = Date.now();
    await options.getByRole('button', { name: 'Fetch now' }).first().click();
    await expect.poll(() => options.getByRole('button', { name: 'Fetch now' }).first().isEnabled(), { timeout: 30_000 }).toBe(true);
    const states = async () => (await send<{ feeds: Array<{ state: string }> }>({ type: 'crossread:feeds' })).feeds.map((f) => f.state).join(' | ');
    await expect
      .poll(async () => (await send<Listed>({ type: 'crossread:list-articles' })).articles.filter((a) => a.id.startsWith('feed-')).length, { timeout: 30_000, message: await states() })
      .toBe(30);
    timings.fetchAndIngestMs = Date.now() - started;
    const page = await browser.context.newPage();
    await page.goto(world.pages.story3);
    const overlay = page.locator('crossread-overlay');
    await overlay.waitFor({ state: 'attached', timeout: 20_000 });
    await expect.poll(() => overlay.getAttribute('data-notes'), { timeout: 20_000 }).not.toBeNull();
    timings.fetchNowToNotesMs = Date.now() - started;
    // The background's own count: from the round's first request to its last write, page fetches and extraction included.
    const { lastRound } = await send<{ lastRound: { articles: number; ms: number } }>({ type: 'crossread:feeds' });
    expect(lastRound.articles).toBe(30);
    timings.roundMs = lastRound.ms;
    timings.articlesPerSecond = Math.round((lastRound.articles / lastRound.ms) * 1000 * 10) / 10;
    expect(Number(await overlay.getAttribute('data-outlets'))).toBeGreaterThan(0);
    expect(timings.fetchNowToNotesMs).toBeLessThan(10_000);
    // The outlets compared are fetched ones, as the popup names them.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(world.pages.story3)}`);
    await expect.poll(() => popup.locator('p.status, .status > p').first().textContent()).toMatch(/^Compared with/);
    const names = /^Compared with \d+ outlets?: (.*)$/.exec((await popup.locator('p.status, .status > p').first().textContent()) ?? '')?.[1].split(', ') ?? [];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(OUTLET_NAMES).toContain(name);
    await popup.close();
    await page.screenshot({ path: path.join(artifactsDir, 'feeds-story3-chromium.png') });
    expectStoriesApart(await send<Listed>({ type: 'crossread:list-articles' }), world);

    const look = await browser.context.newPage();
    await look.goto(world.pages.lookAlike);
    await look.waitForTimeout(4000);
    // No overlay, or only the "related coverage" hint: no outlet is compared.
    const compared = (await look.locator('crossread-overlay').count()) === 0 ? '0' : await look.locator('crossread-overlay').getAttribute('data-outlets');
    expect(compared).toBe('0');
    await Promise.all([page.close(), look.close()]);
    // Each story of the corpus manager says which outlet reported when, in text, in its own section (not in Sources).
    const timelines = () => options.locator('section.story .story-timeline li').allTextContents();
    await expect.poll(async () => (await timelines()).some((day) => OUTLET_NAMES.some((name) => day.includes(name))), { timeout: 20_000 }).toBe(true);
    for (const day of await timelines()) expect(day).toMatch(/^\d{4}(-\d{2}){0,2}( \(added; no date given\))? \S/);
    expect(await options.getByRole('region', { name: 'Sources' }).getByRole('list', { name: 'Which outlet reported when' }).count()).toBe(0);
    await options.screenshot({ path: path.join(artifactsDir, 'feeds-sources-chromium.png'), fullPage: true });
  });

  it('refuses each bad feed with a clear reason, and a followed feed that disappears gets its state while the others go on', async () => {
    for (const [feedPath, reason] of BAD_FEEDS) {
      await options.getByLabel('Feed address').fill(`${world.reader.origin}${feedPath}`);
      await options.getByRole('button', { name: 'Follow', exact: true }).click();
      await expect.poll(() => options.locator('.sources .message.error').textContent(), { timeout: 30_000 }).toMatch(reason);
      expect(await row(`${world.reader.origin}${feedPath}`).count()).toBe(0);
    }
    world.outlets[2].routes.delete('/feed.json');
    await options.getByRole('button', { name: 'Fetch now' }).first().click();
    await expect.poll(() => row(world.feedUrl(2)).locator('td.state').textContent(), { timeout: 30_000 }).toMatch(/failed: The server answered 404/);
    expect(await row(world.feedUrl(0)).locator('td.state').textContent()).toMatch(/^Fetched/);
  });

  it('keeps a page read on the switched-on site, after the dwell time, and nothing on other sites', async () => {
    const popup = await browser.context.newPage();
    const page = await browser.context.newPage();
    await page.goto(world.pages.toKeep);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(world.pages.toKeep)}`);
    const toggle = popup.getByRole('switch', { name: `Keep what I read on ${new URL(world.pages.toKeep).host}` });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await popup.close();
    const other = await browser.context.newPage();
    await other.goto(world.pages.elsewhere);
    await page.reload();
    await page.bringToFront();
    const kept = async () => (await send<Listed>({ type: 'crossread:list-articles' })).articles.filter((a) => a.id.startsWith('read-')).map((a) => a.url);
    await expect.poll(kept, { timeout: 20_000 }).toEqual([world.pages.toKeep]);
    await other.bringToFront();
    await other.waitForTimeout(5000);
    expect(await kept()).toEqual([world.pages.toKeep]);
    await Promise.all([page.close(), other.close()]);
  });

  it('exports the followed feeds as OPML and imports them back', async () => {
    const exported = await send<{ ok: boolean; text: string }>({ type: 'crossread:export-opml' });
    for (const i of [0, 1, 2]) expect(exported.text).toContain(world.feedUrl(i));
    await row(world.feedUrl(1)).getByRole('button', { name: 'Unfollow' }).click();
    await expect.poll(() => row(world.feedUrl(1)).count()).toBe(0);
    const imported = await send<{ ok: boolean; added: number; skipped: number }>({ type: 'crossread:import-opml', text: exported.text });
    expect(imported).toMatchObject({ ok: true, added: 1, skipped: 2 });
    await expect.poll(() => row(world.feedUrl(1)).count()).toBe(1);
  });

  it('sets the fetch interval: a bad value is refused in words and nothing is saved, a good one reaches the background', async () => {
    const settings = async () => (await send<{ settings: { intervalMinutes: number } }>({ type: 'crossread:feeds' })).settings.intervalMinutes;
    const form = options.locator('form.interval');
    const input = form.getByRole('spinbutton');
    expect(await input.inputValue()).toBe('30');
    await input.fill('5');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Fetch every 15 to 1440 minutes, as a whole number; nothing was saved.');
    expect(await settings()).toBe(30);
    await input.fill('45');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(settings).toBe(45);
    await expect.poll(() => options.locator('.sources .privacy').textContent()).toContain('fetched every 45 minutes');
  });
});
