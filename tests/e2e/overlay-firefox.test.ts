import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefox, setViewportSize } from './firefox-setup';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { artifactsDir, builds, sharedDir } from './chromium-setup';
import { fullWidthPage, fullWidthRelated, intersects } from './overlay-helpers';

/** The reading overlay in Firefox ESR, for what puppeteer's WebDriver BiDi can drive. */
const hostileCss = `<style>*, *::before, *::after { font: italic 40px/1 serif !important; color: #f0f !important; background: #0f0 !important;
text-transform: uppercase !important; } crossread-overlay, body > :last-child { display: none !important; position: fixed !important; }</style>`;

async function waitForNotes(page: Page) {
  await page.waitForSelector('crossread-overlay[data-notes]', { timeout: 30_000 });
}

function inRoot<T>(page: Page, fn: (root: ShadowRoot) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(document.querySelector('crossread-overlay').shadowRoot)`) as Promise<T>;
}

describe('crossread overlay in Firefox ESR (e2e build)', () => {
  let server: DemoServer;
  let browser: Browser;
  let firefox: Awaited<ReturnType<typeof launchFirefox>>;

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    const base = await startDemoServer({ port: 0 });
    const article0 = await (await fetch(`${base.url}/article/0`)).text();
    await base.close();
    server = await startDemoServer({
      port: 0,
      pagesDir: path.join(sharedDir, 'data/pages'),
      extraPages: {
        hostile: article0.replace('</head>', `${hostileCss}</head>`),
        fullwidth: fullWidthPage(article0),
        'related-fullwidth': fullWidthRelated(fs.readFileSync(path.join(__dirname, 'pages/related.html'), 'utf8')),
      },
    });
    firefox = await launchFirefox(builds.firefoxE2e);
    browser = firefox.browser;
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('margin notes beside the paragraphs, never overlapping, with the article summary', async () => {
    const page = await browser.newPage();
    await setViewportSize(page, 1400, 1000);
    await page.goto(`${server.url}/article/1`);
    await waitForNotes(page);
    const layout = await inRoot(page, (root) => {
      const notes = Array.from(root.querySelectorAll<HTMLElement>('.slot[data-stack]')).map((el) => el.getBoundingClientRect());
      const overlaps = notes.some((a, i) => notes.some((b, j) => i < j && a.top < b.bottom && b.top < a.bottom));
      const sidebar = document.querySelector('aside.sidebar')!.getBoundingClientRect();
      const shown = Array.from(root.querySelectorAll<HTMLElement>('.slot, .top, .related-hint')).map((el) => el.getBoundingClientRect());
      const coversSidebar = shown.some((r) => r.width > 0 && r.top < sidebar.bottom && sidebar.top < r.bottom && r.left < sidebar.right && sidebar.left < r.right);
      return { count: notes.length, overlaps, coversSidebar, text: root.textContent ?? '' };
    });
    expect(layout.count).toBeGreaterThan(0);
    expect(layout.overlaps).toBe(false);
    expect(layout.coversSidebar).toBe(false);
    expect(layout.text).toMatch(/Compared with 4 outlets/);
    await page.screenshot({ path: path.join(artifactsDir, 'overlay-firefox-desktop.png') });
    await page.close();
  });

  it('keyboard: Enter opens the focused note, Escape closes it, the shortcut moves on', async () => {
    const page = await browser.newPage();
    await setViewportSize(page, 1400, 1000);
    await page.goto(`${server.url}/article/0`);
    await waitForNotes(page);
    await inRoot(page, (root) => (root.querySelector('.note button.summary') as HTMLElement).focus());
    const expanded = () => inRoot(page, (root) => root.activeElement?.getAttribute('aria-expanded') ?? null);
    await page.keyboard.press('Enter');
    expect(await expanded()).toBe('true');
    expect(await inRoot(page, (root) => root.textContent)).toMatch(/agrees:/);
    await page.keyboard.press('Escape');
    expect(await expanded()).toBe('false');
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyN');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    const blocks = await inRoot(page, (root) => Array.from(root.querySelectorAll('.note')).map((n) => n.getAttribute('data-block')));
    expect(await inRoot(page, (root) => root.activeElement?.closest('.note')?.getAttribute('data-block'))).toBe(blocks[1]);
    await page.close();
  });

  it('highlights the hovered note\'s sentence, natively or with boxes over it, without touching the page text', async () => {
    const page = await browser.newPage();
    await setViewportSize(page, 1400, 1000);
    await page.goto(`${server.url}/article/2`);
    await waitForNotes(page);
    const before = await page.evaluate(() => document.querySelector('article')!.innerHTML);
    const box = await inRoot(page, (root) => {
      const r = root.querySelector('.note')!.getBoundingClientRect();
      return { x: r.left + 10, y: r.top + 8 };
    });
    await page.mouse.move(box.x, box.y);
    await new Promise((r) => setTimeout(r, 300));
    const shown = await page.evaluate(() => {
      const registry = (globalThis.CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
      const native = registry?.get('crossread-note');
      const boxes = document.querySelector('crossread-overlay')!.shadowRoot!.querySelectorAll('.highlight-box').length;
      return { native: native ? native.size : 0, boxes };
    });
    console.log(`Firefox highlight: ${shown.native ? 'CSS Custom Highlight API' : `${shown.boxes} fallback boxes`}`);
    expect(shown.native + shown.boxes).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.querySelector('article')!.innerHTML)).toBe(before);
    await page.close();
  });

  it('narrow viewport: markers at the paragraph ends', async () => {
    const page = await browser.newPage();
    await setViewportSize(page, 700, 1000);
    await page.goto(`${server.url}/article/3`);
    await waitForNotes(page);
    expect(await inRoot(page, (root) => root.querySelectorAll('.marker-note').length)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifactsDir, 'overlay-firefox-narrow.png') });
    await page.close();
  });

  it.each([1400, 800])('the missing points at %i px: most-reported first, in a bounded panel below the headline', async (width) => {
    const page = await browser.newPage();
    await setViewportSize(page, width, 1000);
    await page.goto(`${server.url}/article/0`);
    await waitForNotes(page);
    expect(await inRoot(page, (root) => root.querySelector('.article-summary summary')!.textContent ?? '')).not.toMatch(/[–-]\s*\d/);
    await inRoot(page, (root) => (root.querySelector('.article-summary summary') as HTMLElement).click());
    await page.waitForFunction(() => (document.querySelector('crossread-overlay')!.shadowRoot!.querySelectorAll('.missing li').length ?? 0) > 0, { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 150));
    const measure = () =>
      inRoot(page, (root) => {
        const panel = root.querySelector('.missing') as HTMLElement;
        const box = (x: DOMRect) => ({ top: x.top, bottom: x.bottom, left: x.left, right: x.right });
        return {
          panel: box(panel.getBoundingClientRect()),
          headline: box(document.querySelector('h1')!.getBoundingClientRect()),
          scrolls: panel.scrollHeight > panel.clientHeight + 1,
          groups: Array.from(root.querySelectorAll('.missing-group')).map((g) => Number((g as HTMLElement).dataset.outlets)),
        };
      });
    const first = await measure();
    expect(intersects(first.panel, first.headline)).toBe(false);
    expect(first.panel.bottom - first.panel.top).toBeLessThanOrEqual(460);
    expect(first.panel.right).toBeLessThanOrEqual(width);
    expect(first.groups).toEqual([...first.groups].sort((a, b) => b - a));
    await page.screenshot({ path: path.join(artifactsDir, `missing-firefox-${width}.png`) });
    await inRoot(page, (root) => (root.querySelector('.missing .show-all') as HTMLElement).click());
    await new Promise((r) => setTimeout(r, 150));
    const all = await measure();
    expect(all.scrolls).toBe(true);
    expect(all.panel.bottom - all.panel.top).toBeLessThanOrEqual(460);
    await page.close();
  });

  it('a full-width page: the badge is not clipped at the top and stays off the headline; so does the related hint', async () => {
    const page = await browser.newPage();
    await setViewportSize(page, 1400, 1000);
    await page.goto(`${server.url}/x/fullwidth`);
    await waitForNotes(page);
    await new Promise((r) => setTimeout(r, 300));
    const read = (selector: string) =>
      page.evaluate((sel: string) => {
        const root = document.querySelector('crossread-overlay')!.shadowRoot!;
        const box = (x: DOMRect) => ({ top: x.top + scrollY, bottom: x.bottom + scrollY, left: x.left, right: x.right });
        const el = root.querySelector(sel);
        return { el: el ? box(el.getBoundingClientRect()) : null, headline: box(document.querySelector('h1')!.getBoundingClientRect()) };
      }, selector);
    const badge = await read('.top');
    expect(badge.el!.top).toBeGreaterThanOrEqual(0);
    expect(intersects(badge.el!, badge.headline)).toBe(false);

    await page.goto(`${server.url}/x/related-fullwidth`);
    await page.waitForFunction(() => document.querySelector('crossread-overlay')?.shadowRoot?.querySelector('.related-hint'), { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 300));
    const hint = await read('.related-hint');
    expect(hint.el!.top).toBeGreaterThanOrEqual(0);
    expect(intersects(hint.el!, hint.headline)).toBe(false);
    await page.close();
  });

  it('a page rule with !important on every element does not reach the notes', async () => {
    const page = await browser.newPage();
    await setViewportSize(page, 1400, 1000);
    await page.goto(`${server.url}/x/hostile`);
    await waitForNotes(page);
    const style = await inRoot(page, (root) => {
      const s = getComputedStyle(root.querySelector('.note')!);
      const h = getComputedStyle(root.host);
      return { font: s.fontSize, transform: s.textTransform, host: `${h.display} ${h.position}` };
    });
    expect(style).toEqual({ font: '13px', transform: 'none', host: 'block absolute' });
    await page.close();
  });
});
