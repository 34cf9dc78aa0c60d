import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { artifactsDir, builds, launchChromium, repoRoot, requireBuild } from './chromium-setup';
import { FIREFOX_ADDON_ID, firefoxExtensionOrigin, launchFirefox } from './firefox-setup';
import { cliDecision, exportFileName, labelledCorpus, type CliDecision, type HeldOutPage, type LabelledCorpus } from './labelled-corpus';

/**
 * Event identity, end to end: the labelled corpus (../shared/data/stories.json)
 * is imported through the corpus manager, then each held-out labelled page is
 * opened on the demo server. The number of outlets the overlay compares must
 * be the command line's count of same-story outlets for the same page against
 * the same articles (scripts/stories.ts engineDecider), whatever the engine
 * decides; the labels' truth is logged beside both.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the browser shows for a page: the overlay's outlets, or the popup's reason for showing none. */
interface BrowserVerdict {
  /** Same-story outlets compared: the overlay's data-outlets, 0 where no overlay shows. */
  outlets: number;
  story: string | null;
  /** The overlay's data-notes (0 where it shows only the related hint). */
  notes: number | null;
  /** The popup's status line where no overlay showed. */
  status: string | null;
  /** Where the overlay compares outlets: their names as the popup lists them ("Compared with N outlets: …"). */
  names: string[] | null;
}

interface Row {
  page: HeldOutPage;
  cli: CliDecision;
  browser: BrowserVerdict;
}

/** The two browsers, driven alike. */
interface Driver {
  openTab(url: string): Promise<{ overlay(): Promise<Omit<BrowserVerdict, 'status' | 'names'> | null>; close(): Promise<void> }>;
  /** The popup's status line for the tab showing `url` (the content script's own account). */
  popupStatus(url: string): Promise<string>;
}

/** The popup's status line: the reason, or "Compared with N outlets: …" above the counts. */
const STATUS_LINE = 'p.status, .status > p';
const PENDING = /Reading this page|does not run on this page|^$/;
/** Statuses that come with an overlay: wait for it. */
const WITH_OVERLAY = /^Compared with|Related coverage only/;

async function verdictOf(driver: Driver, url: string): Promise<BrowserVerdict> {
  const tab = await driver.openTab(url);
  try {
    const start = Date.now();
    let status = '';
    while (Date.now() - start < 30_000) {
      const overlay = await tab.overlay();
      if (overlay) {
        if (overlay.outlets === 0) return { ...overlay, status: null, names: null };
        // Which outlets: the popup names them.
        status = await driver.popupStatus(url);
        const names = /^Compared with \d+ outlets?: (.*)$/.exec(status)?.[1];
        if (names === undefined) throw new Error(`${url}: the overlay compares ${overlay.outlets} outlets, the popup says "${status}"`);
        return { ...overlay, status: null, names: names.split(', ') };
      }
      // No overlay yet: ask the popup whether the content script is still at work.
      if (Date.now() - start > 1500) {
        status = await driver.popupStatus(url);
        if (!PENDING.test(status) && !WITH_OVERLAY.test(status)) return { outlets: 0, story: null, notes: null, status, names: null };
      }
      await sleep(400);
    }
    throw new Error(`${url}: neither an overlay nor a final status within 30 s (popup: "${status}")`);
  } finally {
    await tab.close();
  }
}

const readOverlay = () => {
  // data-notes comes with the first notes drawn, a task after data-outlets.
  const el = document.querySelector('crossread-overlay[data-outlets][data-notes]');
  if (!el) return null;
  return {
    outlets: Number(el.getAttribute('data-outlets')),
    story: el.getAttribute('data-story'),
    notes: Number(el.getAttribute('data-notes')),
  };
};

function report(browserName: string, rows: Row[]): string {
  const lines = [`${browserName}: page | labels' truth | CLI same-story | CLI first look | browser data-outlets (story / popup) | outlets`];
  for (const { page, cli, browser } of rows) {
    const shown = browser.status === null ? `${browser.outlets} (${browser.story}, ${browser.notes} notes)` : `no overlay ("${browser.status}")`;
    const names = browser.names ? ` | browser: ${browser.names.join(', ')}` : '';
    lines.push(
      `  ${page.name} [${page.event}, date ${page.labelDate ?? '-'} -> ${cli.date ?? '-'}] | ${page.truth} | ${cli.count} | ${cli.quickCount} | ${shown}${browser.outlets === cli.count ? '' : '  <-- DISAGREE'} | CLI: ${cli.docs.join(', ')}${names}`,
    );
  }
  return lines.join('\n');
}

/** data-outlets is the command line's same-story count on every page, and where outlets show, they are the ones the command line names. */
function expectAgreement(rows: Row[]): void {
  expect(rows.map((r) => [r.page.name, r.browser.outlets])).toEqual(rows.map((r) => [r.page.name, r.cli.count]));
  const sorted = (names: string[]) => [...names].sort();
  expect(rows.map((r) => [r.page.name, sorted(r.browser.names ?? [])])).toEqual(rows.map((r) => [r.page.name, sorted(r.cli.outlets)]));
}

const importMessage = (data: LabelledCorpus) => new RegExp(`Imported ${data.inFile - data.seedsInFile} articles`);
const skippedCount = (status: string) => (status.match(/skipped/g) ?? []).length;

/**
 * Sources changed after a build: the browser then runs other code than the
 * command line here, and the two may disagree for that reason alone.
 */
function newerThanBuild(build: string): string[] {
  const built = fs.statSync(path.join(build, 'manifest.json')).mtimeMs;
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.statSync(full).mtimeMs > built) out.push(path.relative(repoRoot, full));
    }
  };
  for (const dir of ['lib', 'entrypoints', 'platform', 'components', 'seeds']) walk(path.join(repoRoot, dir));
  return out;
}

function warnIfStale(build: string): void {
  const stale = newerThanBuild(requireBuild(build));
  if (stale.length) console.warn(`${path.relative(repoRoot, build)} is older than ${stale.join(', ')}: rebuild before reading a disagreement.`);
}

/**
 * A private copy of a build, so a rebuild of .output while the test runs
 * (npm run build elsewhere) cannot pull pages from under the extension.
 */
function snapshot(build: string): string {
  warnIfStale(build);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), `crossread-${path.basename(build)}-`));
  fs.cpSync(requireBuild(build), copy, { recursive: true });
  return requireBuild(copy);
}

let server: DemoServer;
let data: LabelledCorpus;
let file: string;
let cli: Map<string, CliDecision>;
const urlOf = (page: HeldOutPage) => `${server.url}/x/${page.slug}`;

beforeAll(async () => {
  data = labelledCorpus();
  const dir = path.join(artifactsDir, 'event-identity');
  fs.mkdirSync(dir, { recursive: true });
  file = path.join(dir, exportFileName);
  fs.writeFileSync(file, data.file);
  server = await startDemoServer({ port: 0, extraPages: Object.fromEntries(data.pages.map((p) => [p.slug, p.html])) });
  // The command line's decision for each page, as served, against what the extension holds after the import.
  cli = new Map(data.pages.map((p) => [p.name, cliDecision(p.html, urlOf(p), data.corpus)]));
});
afterAll(async () => {
  await server?.close();
});

describe('event identity in Chromium: browser and command line agree on every labelled page', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let build: string;
  beforeAll(async () => {
    build = snapshot(builds.chromeE2e);
    browser = await launchChromium(build);
  });
  afterAll(async () => {
    await browser?.close();
    if (build) fs.rmSync(build, { recursive: true, force: true });
  });

  const articleCount = async (options: Page) => Number(/^(\d+)/.exec((await options.getByText(/^\d+ articles/).first().textContent()) ?? '')?.[1]);

  it('imports the labelled corpus through the corpus manager; the seeds in it are skipped', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => articleCount(options), { timeout: 20_000 }).toBe(5);
    await options.getByLabel(/^Import \(/).setInputFiles(file);
    await expect.poll(async () => (await options.getByRole('status').textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toMatch(importMessage(data));
    const status = (await options.getByRole('status').textContent()) ?? '';
    expect(skippedCount(status)).toBe(data.seedsInFile);
    await expect.poll(() => articleCount(options)).toBe(data.corpus.length);
    await options.close();
  });

  it('shows, on every held-out page, as many outlets as the command line calls the same story', async () => {
    const driver: Driver = {
      async openTab(url) {
        const tab = await browser.context.newPage();
        await tab.goto(url);
        return { overlay: () => tab.evaluate(readOverlay), close: () => tab.close() };
      },
      async popupStatus(url) {
        const popup = await browser.context.newPage();
        await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(url)}`);
        await popup.locator('.status').first().waitFor({ timeout: 5000 });
        await sleep(200);
        const text = ((await popup.locator(STATUS_LINE).first().textContent()) ?? '').trim();
        await popup.close();
        return text;
      },
    };
    const rows: Row[] = [];
    for (const page of data.pages) rows.push({ page, cli: cli.get(page.name)!, browser: await verdictOf(driver, urlOf(page)) });
    console.log(report('Chromium', rows));
    expectAgreement(rows);
  }, 150_000);
});

describe('event identity in Firefox ESR: browser and command line agree on every labelled page', () => {
  let firefox: Awaited<ReturnType<typeof launchFirefox>>;
  let browser: FirefoxBrowser;
  let build: string;
  const base = firefoxExtensionOrigin;

  beforeAll(async () => {
    build = snapshot(builds.firefoxE2e);
    firefox = await launchFirefox(build);
    browser = firefox.browser;
    expect(firefox.addonId).toBe(FIREFOX_ADDON_ID);
  });
  afterAll(async () => {
    await firefox?.close();
    if (build) fs.rmSync(build, { recursive: true, force: true });
  });

  /**
   * An extension page in a tab. Firefox loads a moz-extension:// page in
   * another process, so WebDriver BiDi never reports the navigation as done;
   * the page itself is there and answers once it has loaded.
   */
  const openExtensionPage = async (url: string): Promise<FirefoxPage> => {
    const page = await browser.newPage();
    void page.goto(url, { timeout: 10_000 }).catch(() => undefined);
    const start = Date.now();
    for (;;) {
      const where = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
      if (where === `${url} complete`) return page;
      if (Date.now() - start > 20_000) throw new Error(`${url} did not open (last seen: ${where || 'nothing'})`);
      await sleep(200);
    }
  };
  const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeout: number, what: string): Promise<T> => {
    const start = Date.now();
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() - start > timeout) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeout} ms`);
      await sleep(200);
    }
  };
  const articleCount = (options: FirefoxPage) =>
    options.evaluate(() => Number(/^(\d+) articles/.exec(document.querySelector('.stats')?.textContent?.trim() ?? '')?.[1] ?? NaN));

  it('imports the labelled corpus through the corpus manager; the seeds in it are skipped', async () => {
    const options = await openExtensionPage(`${base}/options.html`);
    await poll(() => articleCount(options), (n) => n === 5, 20_000, 'seed corpus');
    const input = await options.$('input[type="file"][multiple]');
    expect(input).not.toBeNull();
    await input!.uploadFile(file);
    const status = await poll(
      () => options.evaluate(() => document.querySelector('[role="status"], [role="alert"]')?.textContent ?? ''),
      (text) => importMessage(data).test(text) || /error|cannot|stopped/i.test(text),
      60_000,
      'import status',
    );
    expect(status).toMatch(importMessage(data));
    expect(skippedCount(status)).toBe(data.seedsInFile);
    expect(await poll(() => articleCount(options), (n) => n === data.corpus.length, 20_000, 'article count')).toBe(data.corpus.length);
    await options.close().catch(() => undefined);
  });

  it('shows, on every held-out page, as many outlets as the command line calls the same story', async () => {
    const driver: Driver = {
      async openTab(url) {
        const tab = await browser.newPage();
        await tab.goto(url);
        return { overlay: () => tab.evaluate(readOverlay), close: () => tab.close() };
      },
      async popupStatus(url) {
        const popup = await openExtensionPage(`${base}/popup.html?target=${encodeURIComponent(url)}`);
        try {
          await poll(() => popup.evaluate(() => document.querySelector('.status') !== null), Boolean, 5000, 'popup status');
          await sleep(200);
          return (await popup.evaluate((line) => document.querySelector(line)?.textContent ?? '', STATUS_LINE)).trim();
        } finally {
          await popup.close().catch(() => undefined);
        }
      },
    };
    const rows: Row[] = [];
    for (const page of data.pages) rows.push({ page, cli: cli.get(page.name)!, browser: await verdictOf(driver, urlOf(page)) });
    console.log(report('Firefox ESR', rows));
    expectAgreement(rows);
  }, 150_000);
});
