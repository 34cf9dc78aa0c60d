import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { artifactsDir, builds, launchChromium, repoRoot, requireBuild, sharedDir } from './chromium-setup';
import { backgroundCost, fullWidthPage, fullWidthRelated, inRoot, intersects, pageCost, watchLongTasks, type PageCost } from './overlay-helpers';

/**
 * The reading overlay in real Chromium (issue 4): placement at desktop and
 * narrow widths, keyboard walk, axe-core, a hostile page, single-page
 * navigation, a related-event page, a service worker started anew, and
 * crossread's cost on every page.
 */
const realPages = fs.readdirSync(path.join(sharedDir, 'data/pages')).filter((f) => f.endsWith('.html')).sort();
const LONG_TASK_MS = 50;
const costs: Record<string, PageCost> = {};

const hostileCss = `<style>
*, *::before, *::after {
  font: italic 40px/1 "Comic Sans MS", cursive !important; color: #f0f !important; background: #0f0 !important;
  letter-spacing: 6px !important; text-transform: uppercase !important; opacity: 0.95 !important;
  filter: none !important; z-index: 1 !important; pointer-events: auto !important; box-sizing: content-box !important;
  border: 3px dotted red !important; outline: 5px solid orange !important; visibility: visible !important;
}
crossread-overlay, body > :last-child { display: none !important; position: fixed !important; left: -9999px !important; transform: scale(0) !important; }
</style>`;

const hostileScript = `<script>
window.__hostile = { reads: [], clicks: 0, pageClicks: 0, errors: [] };
document.addEventListener('click', () => window.__hostile.pageClicks++);
function attack() {
  for (const el of document.querySelectorAll('crossread-overlay')) {
    try {
      const root = el.shadowRoot;
      window.__hostile.reads.push((root ? root.textContent : '') + (el.textContent || '') + el.innerHTML);
      for (const b of root ? root.querySelectorAll('button, summary') : []) { b.click(); window.__hostile.clicks++; }
      el.click();
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'N', code: 'KeyN', altKey: true, shiftKey: true, bubbles: true }));
    } catch (e) { window.__hostile.errors.push(String(e)); }
  }
}
new MutationObserver(attack).observe(document.documentElement, { childList: true, subtree: true });
setInterval(attack, 200);
</script>`;

async function articleHtml(server: DemoServer, n: number): Promise<string> {
  return (await fetch(`${server.url}/article/${n}`)).text();
}

async function waitForNotes(page: Page, timeout = 30_000) {
  const host = page.locator('crossread-overlay');
  await host.waitFor({ state: 'attached', timeout });
  await expect.poll(() => host.getAttribute('data-notes'), { timeout }).not.toBeNull();
  return host;
}

/** Loads a page and returns crossread's cost on it: the smallest of up to three loads, since other load on the machine only adds. */
async function measuredLoad(context: import('playwright-core').BrowserContext, url: string, settle: (page: Page) => Promise<void>): Promise<{ page: Page; cost: PageCost }> {
  let best: { page: Page; cost: PageCost } | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const page = await context.newPage();
    await watchLongTasks(page);
    await backgroundCost(context);
    await page.goto(url, { waitUntil: 'load' });
    await settle(page);
    const cost = { ...(await pageCost(page)), background: await backgroundCost(context) };
    if (!best || cost.largestStep < best.cost.largestStep) {
      await best?.page.close();
      best = { page, cost };
    } else await page.close();
    if (best.cost.largestStep <= LONG_TASK_MS) break;
  }
  return best!;
}

describe('crossread overlay in Chromium (e2e build)', () => {
  let server: DemoServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    const base = await startDemoServer({ port: 0 });
    const article0 = await articleHtml(base, 0);
    const article1 = await articleHtml(base, 1);
    await base.close();
    const main = (html: string) => /<main id="content">([\s\S]*?)<\/main>/.exec(html)![1];
    const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1];
    const spa = article0.replace(
      '</body>',
      `<a id="spa-next" href="/x/spa-next">Nächster Artikel</a><template id="next">${main(article1)}</template><script>
document.getElementById('spa-next').addEventListener('click', (e) => {
  e.preventDefault();
  history.pushState({}, '', '/x/spa-next');
  setTimeout(() => {
    document.querySelector('main').innerHTML = document.getElementById('next').innerHTML;
    document.title = ${JSON.stringify(title(article1))};
  }, 50);
});
</script></body>`,
    );
    const related = fs.readFileSync(path.join(__dirname, 'pages/related.html'), 'utf8');
    server = await startDemoServer({
      port: 0,
      pagesDir: path.join(sharedDir, 'data/pages'),
      extraPages: {
        hostile: article0.replace('</head>', `${hostileCss}${hostileScript}</head>`),
        spa,
        related,
        // Pages whose text runs the full width and whose headline starts at the page's top edge: no margin, no room above.
        fullwidth: fullWidthPage(article0),
        'related-fullwidth': fullWidthRelated(related),
      },
    });
    browser = await launchChromium(requireBuild(builds.chromeE2e));
  });
  afterAll(async () => {
    fs.writeFileSync(path.join(artifactsDir, 'overlay-cost-chromium.json'), JSON.stringify(costs, null, 2));
    await browser?.close();
    await server?.close();
  });

  it.each([0, 1, 2, 3, 4])('notes beside seed article %i, without a long task of its own', async (n) => {
    const { page, cost } = await measuredLoad(browser.context, `${server.url}/article/${n}`, async (p) => {
      await waitForNotes(p);
      await p.waitForTimeout(500);
    });
    costs[`article/${n}`] = cost;
    const layout = await inRoot(page, (root) => {
      const notes = Array.from(root.querySelectorAll<HTMLElement>('.slot[data-stack]')).map((el) => el.getBoundingClientRect());
      const overlaps = notes.some((a, i) => notes.some((b, j) => i < j && a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right));
      const article = document.querySelector('article')!.getBoundingClientRect();
      // Nothing crossread shows may cover the page's own sidebar.
      const sidebar = document.querySelector('aside.sidebar')!.getBoundingClientRect();
      const shown = Array.from(root.querySelectorAll<HTMLElement>('.slot, .top, .related-hint')).map((el) => el.getBoundingClientRect());
      const coversSidebar = shown.some((r) => r.width > 0 && r.top < sidebar.bottom && sidebar.top < r.bottom && r.left < sidebar.right && sidebar.left < r.right);
      return { count: notes.length, overlaps, coversSidebar, besideText: notes.every((r) => r.left >= article.left + 200), text: root.textContent ?? '' };
    });
    expect(layout.count).toBeGreaterThan(0);
    expect(layout.overlaps).toBe(false);
    expect(layout.coversSidebar).toBe(false);
    expect(layout.besideText).toBe(true);
    expect(layout.text).toMatch(/Compared with 4 outlets: \d+ points? shared/);
    expect(cost.loadToFirstNote).not.toBeNull();
    expect(cost.largestStep).toBeLessThanOrEqual(LONG_TASK_MS);
    // A first look that asks only for the story, then the extracted article: two requests, no more.
    expect(cost.background?.annotate).toHaveLength(2);
    if (n === 0) {
      await page.screenshot({ path: path.join(artifactsDir, 'overlay-desktop.png') });
      await inRoot(page, (root) => (root.querySelector('.note button.summary') as HTMLButtonElement).click());
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(artifactsDir, 'overlay-desktop-open.png') });
    }
    await page.close();
  });

  it('still annotates after Chromium stopped the idle service worker, as it does after 30 s', async () => {
    // The corpus is in place first (a worker stopped while installing the seeds would add them again).
    const warm = await browser.context.newPage();
    await warm.goto(`${server.url}/article/1`);
    await waitForNotes(warm);
    await warm.close();
    const origin = () => Promise.all(browser.context.serviceWorkers().map((w) => w.evaluate(() => performance.timeOrigin).catch(() => null)));
    const before = (await origin()).filter((t) => t !== null);
    expect(before).toHaveLength(1);
    const page = await browser.context.newPage();
    await watchLongTasks(page);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await page.goto(`${server.url}/article/2`, { waitUntil: 'load' });
    const host = await waitForNotes(page);
    expect(Number(await host.getAttribute('data-notes'))).toBeGreaterThan(0);
    expect(await host.getAttribute('data-outlets')).toBe('4');
    // A worker started anew did the work: the stopped one answers no more.
    const after = (await origin()).filter((t) => t !== null);
    expect(after).toHaveLength(1);
    expect(after[0]).toBeGreaterThan(before[0]!);
    // Recorded, not asserted: a stopped worker's start is the browser's and varies most.
    costs['article/2 after the worker was stopped'] = await pageCost(page);
    await page.close();
  });

  it('highlights the sentence of a hovered note without touching the page text', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/article/0`);
    await waitForNotes(page);
    const before = await page.evaluate(() => document.querySelector('article')!.innerHTML);
    const box = await inRoot(page, (root) => {
      const r = root.querySelector('.note')!.getBoundingClientRect();
      return { x: r.left + 10, y: r.top + 8 };
    });
    await page.mouse.move(box.x, box.y);
    await expect.poll(() => page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('crossread-note');
      return h ? [...h].map((r) => r.toString()).join(' ') : '';
    })).not.toBe('');
    const highlighted = await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('crossread-note')!].map((r) => r.toString()));
    const articleText = await page.evaluate(() => document.querySelector('article')!.textContent!.replace(/\s+/g, ' '));
    for (const sentence of highlighted) expect(articleText).toContain(sentence.replace(/\s+/g, ' ').trim());
    expect(await page.evaluate(() => document.querySelector('article')!.innerHTML)).toBe(before);
    await page.mouse.move(2, 2);
    await expect.poll(() => page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('crossread-note'))).toBe(false);
    await page.close();
  });

  it('shows compact markers at the paragraph ends on a narrow viewport, opening the note', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 700, height: 1000 });
    await page.goto(`${server.url}/article/2`);
    await waitForNotes(page);
    const markers = await inRoot(page, (root) => root.querySelectorAll('.marker-note').length);
    expect(markers).toBeGreaterThan(0);
    expect(await inRoot(page, (root) => root.querySelectorAll('.margin-note').length)).toBe(0);
    await page.screenshot({ path: path.join(artifactsDir, 'overlay-narrow.png') });
    await inRoot(page, (root) => (root.querySelector('.marker-note button.summary') as HTMLButtonElement).click());
    await expect.poll(() => inRoot(page, (root) => root.querySelector('.marker-note.open .details')?.textContent ?? '')).toMatch(/agrees?:|adds:/);
    const popover = await inRoot(page, (root) => {
      const r = root.querySelector('.marker-note.open .details')!.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });
    expect(popover.left).toBeGreaterThanOrEqual(0);
    expect(popover.right).toBeLessThanOrEqual(700);
    await page.screenshot({ path: path.join(artifactsDir, 'overlay-narrow-open.png') });
    // Widening the window turns the markers into margin notes, without a reload.
    await page.setViewportSize({ width: 1400, height: 1000 });
    await expect.poll(() => inRoot(page, (root) => root.querySelectorAll('.margin-note').length)).toBeGreaterThan(0);
    await page.close();
  });

  it('keyboard only: Tab reaches the first note, Enter opens, Escape closes, the shortcut moves to the next', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/article/0`);
    await waitForNotes(page);
    const focused = () =>
      inRoot(page, (root) => {
        const el = root.activeElement as HTMLElement | null;
        return el ? { block: el.closest('.note')?.getAttribute('data-block') ?? null, expanded: el.getAttribute('aria-expanded'), tag: el.tagName } : null;
      });
    let reached = null;
    for (let i = 0; i < 80 && !reached?.block; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (f?.block) reached = f;
    }
    expect(reached?.block).not.toBeNull();
    const firstBlock = await inRoot(page, (root) => root.querySelector('.note')!.getAttribute('data-block'));
    expect(reached!.block).toBe(firstBlock);
    // The focus ring is visible.
    expect(await inRoot(page, (root) => getComputedStyle(root.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    expect((await focused())?.expanded).toBe('true');
    expect(await inRoot(page, (root) => root.textContent)).toMatch(/agrees:/);
    await page.keyboard.press('Escape');
    expect((await focused())?.expanded).toBe('false');
    await page.keyboard.press('Alt+Shift+N');
    const next = await focused();
    const blocks = await inRoot(page, (root) => Array.from(root.querySelectorAll('.note')).map((n) => n.getAttribute('data-block')));
    expect(next?.block).toBe(blocks[1]);
    await page.keyboard.press('Alt+Shift+P');
    expect((await focused())?.block).toBe(blocks[0]);
    await page.close();
  });

  it('axe-core finds no serious or critical violation in the opened overlay', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/article/0`);
    await waitForNotes(page);
    await inRoot(page, (root) => {
      (root.querySelector('.note button.summary') as HTMLButtonElement).click();
      (root.querySelector('details') as HTMLDetailsElement).open = true;
    });
    await expect.poll(() => inRoot(page, (root) => root.querySelectorAll('.missing').length)).toBe(1);
    const axe = fs.readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axe);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }>; passes: unknown[] }> } }).axe;
      const r = await axe.run({ include: [['crossread-overlay', '.layer']] }, { resultTypes: ['violations'] });
      return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })), passes: r.passes.length };
    });
    fs.writeFileSync(path.join(artifactsDir, 'overlay-axe.json'), JSON.stringify(result, null, 2));
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.close();
  });

  it('a hostile page: its !important rules on every element do not reach the notes, and its own handlers keep working', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/x/hostile`);
    await waitForNotes(page);
    const style = await inRoot(page, (root) => {
      // A note in the margin (notes beside the page's sidebar are markers).
      const note = root.querySelector('.slot[data-stack] .note') as HTMLElement;
      const host = root.host as HTMLElement;
      const s = getComputedStyle(note);
      const h = getComputedStyle(host);
      const r = note.getBoundingClientRect();
      return { font: s.fontSize, color: s.color, transform: s.textTransform, host: `${h.display} ${h.position} ${h.transform}`, width: r.width, height: r.height };
    });
    expect(style.font).toBe('13px');
    expect(style.color).not.toBe('rgb(255, 0, 255)');
    expect(style.transform).toBe('none');
    expect(style.host).toBe('block absolute none');
    expect(style.width).toBeGreaterThan(100);
    expect(style.height).toBeGreaterThan(10);
    expect(await page.locator('crossread-overlay').count()).toBe(1);
    // The page's own click handler still hears the reader's clicks.
    const before = await page.evaluate(() => (window as unknown as { __hostile: { pageClicks: number } }).__hostile.pageClicks);
    await page.locator('article p').first().click();
    expect(await page.evaluate(() => (window as unknown as { __hostile: { pageClicks: number } }).__hostile.pageClicks)).toBeGreaterThan(before);
    await page.screenshot({ path: path.join(artifactsDir, 'overlay-hostile.png') });
    await page.close();
  });

  it('single-page navigation: notes are removed and computed again for the new article', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/x/spa`);
    await waitForNotes(page);
    const summaryLine = () => inRoot(page, (root) => root.querySelector('.article-summary summary')?.textContent ?? '');
    const openedOutlets = () =>
      inRoot(page, (root) => {
        for (const b of Array.from(root.querySelectorAll<HTMLButtonElement>('.note button.summary'))) if (b.getAttribute('aria-expanded') !== 'true') b.click();
        return Array.from(root.querySelectorAll('.outlet strong')).map((s) => s.textContent);
      });
    const before = await summaryLine();
    await expect.poll(openedOutlets).toContain('Outlet B');
    expect(await openedOutlets()).not.toContain('Outlet A');
    await page.click('#spa-next');
    await expect.poll(async () => ((await page.locator('crossread-overlay').count()) === 1 ? summaryLine() : before), { timeout: 30_000 }).not.toBe(before);
    // The new article is Outlet B's: compared with the others, A among them, never with itself.
    await expect.poll(openedOutlets, { timeout: 10_000 }).toContain('Outlet A');
    expect(await openedOutlets()).not.toContain('Outlet B');
    expect(await page.locator('crossread-overlay').count()).toBe(1);
    await page.close();
  });

  it('a related-event page (same people, another date) gets no agreement notes; the quiet hint where the engine says related', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/x/related`);
    await page.waitForTimeout(6000);
    const hosts = await page.locator('crossread-overlay').count();
    const story = hosts ? await page.locator('crossread-overlay').getAttribute('data-story') : null;
    const text = hosts ? await inRoot(page, (root) => root.textContent ?? '') : '';
    console.log(`related page: overlay ${hosts ? `shown, story=${story}` : 'not shown (story none)'}`);
    expect(text).not.toMatch(/✓ \d agree/);
    if (story === 'related') {
      expect(text).toMatch(/same people, but about a different event/);
      expect(await page.locator('crossread-overlay').getAttribute('data-notes')).toBe('0');
      await page.screenshot({ path: path.join(artifactsDir, 'overlay-related.png') });
    }
    await page.close();
  });

  it.each([1400, 800])('the missing points at %i px: ranked, grouped by outlets, in a bounded panel below the headline', async (width) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 1000 });
    await page.goto(`${server.url}/article/0`);
    await waitForNotes(page);
    const badge = await inRoot(page, (root) => root.querySelector('.article-summary summary')!.textContent ?? '');
    // The count is never written after a dash, where it reads as a negative number.
    expect(badge).not.toMatch(/[–-]\s*\d/);
    expect(badge).toMatch(/reported by 2\+ outlets|each reported by one outlet/);
    await inRoot(page, (root) => (root.querySelector('.article-summary summary') as HTMLElement).click());
    await expect.poll(() => inRoot(page, (root) => root.querySelectorAll('.missing li').length)).toBeGreaterThan(0);
    await page.waitForTimeout(150);
    const measure = () =>
      inRoot(page, (root) => {
        const panel = root.querySelector('.missing') as HTMLElement;
        const r = panel.getBoundingClientRect();
        const h1 = document.querySelector('h1')!.getBoundingClientRect();
        const box = (x: DOMRect) => ({ top: x.top, bottom: x.bottom, left: x.left, right: x.right });
        return {
          panel: box(r),
          headline: box(h1),
          scrolls: panel.scrollHeight > panel.clientHeight + 1 && getComputedStyle(panel).overflowY === 'auto',
          groups: Array.from(root.querySelectorAll('.missing-group')).map((g) => Number((g as HTMLElement).dataset.outlets)),
          items: root.querySelectorAll('.missing li').length,
          more: root.querySelector('.missing .show-all')?.textContent ?? null,
        };
      });
    const first = await measure();
    expect(intersects(first.panel, first.headline)).toBe(false);
    expect(first.panel.top).toBeGreaterThanOrEqual(first.headline.bottom);
    expect(first.panel.bottom - first.panel.top).toBeLessThanOrEqual(460);
    expect(first.panel.left).toBeGreaterThanOrEqual(0);
    expect(first.panel.right).toBeLessThanOrEqual(width);
    // Most-reported first: the groups' outlet counts never rise.
    expect(first.groups).toEqual([...first.groups].sort((a, b) => b - a));
    expect(first.more).toMatch(/^Show all \d+ points$/);
    await page.screenshot({ path: path.join(artifactsDir, `missing-${width}.png`) });
    await inRoot(page, (root) => (root.querySelector('.missing .show-all') as HTMLElement).click());
    await page.waitForTimeout(150);
    const all = await measure();
    expect(all.items).toBeGreaterThan(first.items);
    expect(all.more).toBeNull();
    expect(all.scrolls).toBe(true);
    expect(all.panel.bottom - all.panel.top).toBeLessThanOrEqual(460);
    expect(intersects(all.panel, all.headline)).toBe(false);
    await page.close();
  });

  it('a full-width page: the top badge stays inside the page and off the headline, and so does its panel', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/x/fullwidth`);
    await waitForNotes(page);
    await page.waitForTimeout(300);
    const read = () =>
      inRoot(page, (root) => {
        const box = (x: DOMRect) => ({ top: x.top + scrollY, bottom: x.bottom + scrollY, left: x.left, right: x.right });
        const panel = root.querySelector('.missing');
        return {
          mode: root.querySelector('.top')!.className,
          badge: box(root.querySelector('.top')!.getBoundingClientRect()),
          headline: box(document.querySelector('h1')!.getBoundingClientRect()),
          panel: panel ? box(panel.getBoundingClientRect()) : null,
        };
      });
    const shown = await read();
    expect(shown.mode).toContain('marker');
    expect(shown.badge.top).toBeGreaterThanOrEqual(0);
    expect(shown.badge.left).toBeGreaterThanOrEqual(0);
    expect(intersects(shown.badge, shown.headline)).toBe(false);
    await inRoot(page, (root) => (root.querySelector('.article-summary summary') as HTMLElement).click());
    await expect.poll(async () => (await read()).panel).not.toBeNull();
    const opened = await read();
    expect(intersects(opened.panel!, opened.headline)).toBe(false);
    await page.screenshot({ path: path.join(artifactsDir, 'overlay-fullwidth.png') });
    await page.close();
  });

  it.each([
    ['related-fullwidth', 1400],
    ['related', 800],
  ] as const)('the related-event hint on %s at %i px stays off the headline', async (name, width) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 1000 });
    await page.goto(`${server.url}/x/${name}`);
    const host = page.locator('crossread-overlay');
    await host.waitFor({ state: 'attached', timeout: 30_000 });
    expect(await host.getAttribute('data-story')).toBe('related');
    await expect.poll(() => inRoot(page, (root) => root.querySelectorAll('.related-hint').length)).toBe(1);
    await page.waitForTimeout(300);
    const shown = await inRoot(page, (root) => {
      const box = (x: DOMRect) => ({ top: x.top + scrollY, bottom: x.bottom + scrollY, left: x.left, right: x.right });
      return { hint: box(root.querySelector('.related-hint')!.getBoundingClientRect()), headline: box(document.querySelector('h1')!.getBoundingClientRect()) };
    });
    expect(shown.hint.top).toBeGreaterThanOrEqual(0);
    expect(intersects(shown.hint, shown.headline)).toBe(false);
    await page.screenshot({ path: path.join(artifactsDir, `overlay-${name}-${width}.png`) });
    await page.close();
  });

  it.each(realPages)('leaves the real page %s unchanged, without a long task of its own', async (file) => {
    const { page, cost } = await measuredLoad(browser.context, `${server.url}/pages/${file}`, (p) => p.waitForTimeout(3000));
    costs[`pages/${file}`] = cost;
    expect(await page.locator('crossread-overlay').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('crossread'))).toBe(false);
    expect(cost.largestStep).toBeLessThanOrEqual(LONG_TASK_MS);
    expect(cost.causedLongTask).toBeLessThanOrEqual(LONG_TASK_MS);
    await page.close();
  });
});

describe('crossread overlay in Chromium (shipped build)', () => {
  it('a hostile page script reads nothing of the notes and cannot trigger them', async () => {
    const base = await startDemoServer({ port: 0 });
    const article0 = await articleHtml(base, 0);
    await base.close();
    const server = await startDemoServer({ port: 0, extraPages: { hostile: article0.replace('</head>', `${hostileScript}</head>`) } });
    const browser = await launchChromium(requireBuild(builds.chrome));
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/x/hostile`);
      await waitForNotes(page);
      await page.waitForTimeout(1500);
      const seen = await page.evaluate(() => (window as unknown as { __hostile: { reads: string[]; clicks: number; errors: string[] } }).__hostile);
      expect(seen.reads.length).toBeGreaterThan(0);
      expect(seen.reads.every((r) => r === '')).toBe(true);
      expect(seen.clicks).toBe(0);
      expect(await page.evaluate(() => document.body.innerText.includes('agree'))).toBe(false);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
