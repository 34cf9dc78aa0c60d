import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { artifactsDir, builds, chromePath, launchChromium, repoRoot, requireBuild, sharedDir } from './chromium-setup';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'seeds/manifest.json'), 'utf8')) as {
  articles: Array<{ outlet: string }>;
};
const realPages = fs.readdirSync(path.join(sharedDir, 'data/pages')).filter((f) => f.endsWith('.html')).sort();

async function overlay(page: Page) {
  const host = page.locator('crossread-overlay');
  await host.waitFor({ state: 'attached', timeout: 20_000 });
  return host;
}

/** Text of the notes, through the open root of the e2e build. */
async function notesText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('crossread-overlay')?.shadowRoot?.textContent ?? '');
}

describe('Chromium, e2e build (open overlay root)', () => {
  let server: DemoServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const requests: string[] = [];
  let recording = true;
  /** A browser without crossread, to compare pages with. */
  let plain: Browser;

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    server = await startDemoServer({ port: 0, pagesDir: path.join(sharedDir, 'data/pages') });
    browser = await launchChromium(requireBuild(builds.chromeE2e));
    plain = await chromium.launch({ executablePath: chromePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    browser.context.on('request', (r) => {
      if (recording) requests.push(r.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await plain?.close();
    await server?.close();
  });

  it.each([0, 1, 2, 3, 4])('shows notes on seed article %i, comparing the four other outlets', async (n) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/article/${n}`);
    const host = await overlay(page);
    await expect.poll(() => host.getAttribute('data-notes')).not.toBeNull();
    expect(await host.getAttribute('data-outlets')).toBe('4');
    expect(Number(await host.getAttribute('data-notes'))).toBeGreaterThan(0);
    expect(await page.locator('crossread-overlay').count()).toBe(1);
    const text = await notesText(page);
    expect(text).toMatch(/✓ \d agree/);
    // The article's own outlet never appears among the compared ones.
    expect(text).not.toContain(manifest.articles[n].outlet);
    if (n === 0) {
      await page.locator('crossread-overlay').evaluate((el) => (el.shadowRoot!.querySelector('button') as HTMLButtonElement).click());
      await expect.poll(() => notesText(page)).toMatch(/agrees:/);
      await page.screenshot({ path: path.join(artifactsDir, 'annotated-chromium.png'), fullPage: false });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the popup switch removes the notes from an open tab at once and restores them without a reload', async () => {
    const article = await browser.context.newPage();
    await article.goto(`${server.url}/article/1`);
    await overlay(article);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const toggle = popup.getByRole('switch', { name: 'Show notes on all sites' });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect.poll(() => article.locator('crossread-overlay').count()).toBe(0);
    // The setting persists: a new tab shows no notes either.
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/article/2`);
    await other.waitForTimeout(2000);
    expect(await other.locator('crossread-overlay').count()).toBe(0);
    await popup.reload();
    await expect.poll(() => popup.getByRole('switch', { name: 'Show notes on all sites' }).isChecked()).toBe(false);
    await popup.getByRole('switch', { name: 'Show notes on all sites' }).click();
    await expect.poll(() => article.locator('crossread-overlay').count()).toBe(1);
    expect(await article.locator('crossread-overlay').getAttribute('data-outlets')).toBe('4');
    await Promise.all([article.close(), popup.close(), other.close()]);
  });

  it('has icons of its own, for the extension and its toolbar button, at each size the manifest names', async () => {
    const worker = browser.context.serviceWorkers()[0];
    const found = await worker.evaluate(async () => {
      // The service worker's own `chrome`, which the test's types do not know.
      const runtime = (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown>; getURL(path: string): string } } }).chrome.runtime;
      const manifest = runtime.getManifest() as { icons?: Record<string, string>; action?: { default_icon?: Record<string, string> } };
      const sizes: Record<string, number[]> = {};
      for (const [size, file] of Object.entries(manifest.icons ?? {})) {
        const bytes = new DataView(await (await fetch(runtime.getURL(file))).arrayBuffer());
        // A PNG's IHDR: width and height at bytes 16 and 20.
        sizes[size] = [bytes.getUint32(16), bytes.getUint32(20)];
      }
      return { sizes, action: manifest.action?.default_icon ?? null, icons: manifest.icons ?? null };
    });
    expect(found.sizes).toEqual({ 16: [16, 16], 32: [32, 32], 48: [48, 48], 128: [128, 128] });
    expect(found.action).toEqual(found.icons);
  });

  it('makes no network request of its own on the demo pages', () => {
    // Real pages below load their own resources; only the demo pages, which
    // load nothing from elsewhere, can show a request of the extension's.
    recording = false;
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('chrome-extension://') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(10);
  });

  it.each(realPages)('leaves the real page %s untouched', async (file) => {
    // The page's own scripts are blocked (CSP) in both browsers, so the page is
    // deterministic and any difference from a browser without crossread is ours.
    const url = `${server.url}/pages/${file}`;
    const elsewhere = (u: URL) => u.protocol.startsWith('http') && !u.href.startsWith(server.url);
    const snapshot = async (context: BrowserContext) => {
      // The closed network would make 'load' wait on every foreign image: fail them at once.
      await context.route(elsewhere, (route) => route.abort());
      await context.route('**/pages/*.html', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'none'" } });
      });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(2500);
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      await page.close();
      await context.unroute('**/pages/*.html');
      await context.unroute(elsewhere);
      return html;
    };
    const withExtension = await snapshot(browser.context);
    const plainContext = await plain.newContext();
    const without = await snapshot(plainContext);
    await plainContext.close();
    expect(withExtension).not.toContain('crossread-overlay');
    expect(withExtension === without).toBe(true);
  });

});

describe('Chromium, shipped build', () => {
  it('keeps the notes out of reach of the page scripts', async () => {
    const server = await startDemoServer({ port: 0 });
    const browser = await launchChromium(requireBuild(builds.chrome));
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/article/0`);
      const host = await overlay(page);
      await expect.poll(() => host.getAttribute('data-notes')).not.toBeNull();
      // Everything below runs as the page's own script would.
      const seen = await page.evaluate(() => {
        const el = document.querySelector('crossread-overlay')!;
        return {
          shadowRoot: el.shadowRoot === null,
          innerText: document.body.innerText.includes('agree'),
          textContent: (el.textContent ?? '').length,
          children: el.children.length,
        };
      });
      expect(seen).toEqual({ shadowRoot: true, innerText: false, textContent: 0, children: 0 });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
