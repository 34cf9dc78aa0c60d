import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { gotoLoaded, launchFirefox } from './firefox-setup';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { artifactsDir, builds, sharedDir } from './chromium-setup';


async function waitForOverlay(page: Page) {
  await page.waitForSelector('crossread-overlay[data-notes]', { timeout: 30_000 });
  return page.evaluate(() => {
    const el = document.querySelector('crossread-overlay')!;
    return {
      count: document.querySelectorAll('crossread-overlay').length,
      notes: Number(el.getAttribute('data-notes')),
      outlets: el.getAttribute('data-outlets'),
      text: el.shadowRoot?.textContent ?? '',
    };
  });
}

describe('Firefox ESR, e2e build (WebDriver BiDi)', () => {
  let server: DemoServer;
  let browser: Browser;
  let firefox: Awaited<ReturnType<typeof launchFirefox>>;

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    server = await startDemoServer({ port: 0, pagesDir: path.join(sharedDir, 'data/pages') });
    firefox = await launchFirefox(builds.firefoxE2e);
    browser = firefox.browser;
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it.each([0, 1, 2, 3, 4])('shows notes on seed article %i, comparing the four other outlets', async (n) => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/article/${n}`);
    const overlay = await waitForOverlay(page);
    expect(overlay.count).toBe(1);
    expect(overlay.outlets).toBe('4');
    expect(overlay.notes).toBeGreaterThan(0);
    expect(overlay.text).toMatch(/✓ \d agree/);
    if (n === 3) await page.screenshot({ path: path.join(artifactsDir, 'annotated-firefox.png') });
    await page.close();
  });

  it.each(['heise.html', 'lemonde-1.html', 'wikipedia.html'])('leaves the real page %s untouched', async (file) => {
    const page = await browser.newPage();
    const url = `${server.url}/pages/${file}`;
    // A real page's remote frames fail here (no network), which Firefox's driver takes for the page's failure ("Address rejected"): gotoLoaded waits for the page's own load.
    await gotoLoaded(page, url);
    await new Promise((r) => setTimeout(r, 2500));
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(html).not.toContain('crossread');
    expect(await page.$('crossread-overlay')).toBeNull();
    await page.close();
  });
});
