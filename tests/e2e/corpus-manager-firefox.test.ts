import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { firefoxExtensionOrigin, launchFirefox } from './firefox-setup';
import { writeBulkExport } from './bulk-export';
import { artifactsDir, builds } from './chromium-setup';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { until } from '../helpers/until';

/**
 * The corpus manager in Firefox ESR: the options page lists, adds, opens,
 * filters, deletes and undoes, imports, cancels and resets by asking the
 * background, as in tests/e2e/corpus-manager.test.ts for Chromium.
 */

const origin = firefoxExtensionOrigin;
const launch = () => launchFirefox(builds.firefoxE2e);

/**
 * The viewport of an extension page (whose CSP refuses puppeteer's waitForFunction): set as
 * firefox-setup's setViewportSize does, then polled with evaluate.
 */
async function resize(page: Page, width: number, height: number) {
  try {
    await page.setViewport({ width, height });
  } catch (error) {
    if (!/setScreenOrientationOverride/.test(String(error))) throw error;
  }
  expect(await until(() => page.evaluate(() => innerWidth), (w) => w === width)).toBe(width);
}

const articleCount = (page: Page) =>
  page.evaluate(() => Number(/^(\d+) articles?/.exec(document.querySelector('.stats')?.textContent ?? '')?.[1] ?? NaN));
const statusText = (page: Page, role: 'status' | 'alert') =>
  page.evaluate((r) => document.querySelector(`.message[role="${r}"]`)?.textContent ?? '', role);

async function fill(page: Page, label: string, value: string) {
  await page.evaluate(
    (l, v) => {
      const field = Array.from(document.querySelectorAll('details.paste label')).find((x) => x.firstChild?.textContent?.trim() === l)!.querySelector('input, textarea') as HTMLInputElement;
      field.value = v;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    label,
    value,
  );
}

async function clickButton(page: Page, name: string) {
  await page.evaluate((n) => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === n);
    if (!button) throw new Error(`No button ${n}`);
    button.click();
  }, name);
}

describe('Firefox ESR: corpus manager (e2e build)', () => {
  let firefox: Awaited<ReturnType<typeof launch>>;
  let options: Page;
  const dir = path.join(artifactsDir, 'corpus-firefox');

  beforeAll(async () => {
    fs.mkdirSync(dir, { recursive: true });
    firefox = await launch();
    options = await firefox.browser.newPage();
    // WebDriver BiDi does not report a load of an extension page: go there, then wait for the page itself.
    await options.goto(`${origin}/options.html`, { timeout: 5_000 }).catch(() => undefined);
    await until(() => options.evaluate(() => document.querySelector('h1')?.textContent ?? '').catch(() => ''), (h) => h.startsWith('crossread'));
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('lists the seeds as one story with its outlets’ chart', async () => {
    expect(await until(() => articleCount(options), (n) => n === 5)).toBe(5);
    const story = await until(
      () => options.evaluate(() => ({ heading: document.querySelector('section.story h2')?.textContent ?? '', chart: !!document.querySelector('section.story svg[role="img"]') })),
      (s) => s.chart,
    );
    expect(story.heading).toMatch(/^Story: .*\(5 articles\)$/);
    expect(story.chart).toBe(true);
  });

  it('at 1400 px: each date and each row\'s buttons on one line, the chart with its unit', async () => {
    await resize(options, 1400, 1000);
    const rows = await options.evaluate(() =>
      Array.from(document.querySelectorAll('tbody tr')).map((tr) => {
        const range = document.createRange();
        range.selectNodeContents(tr.querySelector('td.date')!);
        return {
          lines: new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size,
          buttons: new Set(Array.from(tr.querySelectorAll('td.actions button')).map((b) => Math.round(b.getBoundingClientRect().top))).size,
        };
      }),
    );
    expect(rows.length).toBe(5);
    expect(rows.every((r) => r.lines === 1 && r.buttons === 1)).toBe(true);
    expect(await options.evaluate(() => document.querySelector('section.story svg .chart-axis')?.textContent)).toBe('points (sentences) per outlet');
    await options.screenshot({ path: path.join(dir, 'options-1400.png') });
  });

  it('adds a pasted article, opens it, finds it by a word of its text, deletes it and undoes that', async () => {
    await options.evaluate(() => (document.querySelector('details.paste') as HTMLDetailsElement).setAttribute('open', ''));
    await fill(options, 'Outlet', 'Pasted <b>Outlet</b>');
    await fill(options, 'Title', '<script>window.pwned = 1</script> Stadtrat tagt');
    await fill(options, 'Text', 'Der Stadtrat tagte am Montag bis spät in die Nacht. <img src=x onerror="window.pwned=1"> Die Sitzung endete ohne Beschluss.');
    await clickButton(options, 'Add to corpus');
    expect(await until(() => articleCount(options), (n) => n === 6)).toBe(6);
    expect(await until(() => statusText(options, 'status'), (t) => t.startsWith('Added'))).toContain('Stadtrat tagt');
    expect(await options.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // The form is empty again: the next article starts with no outlet or date of this one.
    expect(await options.evaluate(() => Array.from(document.querySelectorAll('details.paste input, details.paste textarea')).map((f) => (f as HTMLInputElement).value))).toEqual(['', '', '', '', '']);

    const title = '<script>window.pwned = 1</script> Stadtrat tagt';
    await clickButton(options, `Open the text of ${title}`);
    const opened = await until(
      () => options.evaluate(() => (document.querySelector('dialog[open] pre.text')?.textContent ?? '')),
      (t) => t.length > 0,
    );
    expect(opened).toContain('<img src=x onerror="window.pwned=1">');
    await options.evaluate(() => (document.querySelector('dialog[open] button[type="submit"]') as HTMLButtonElement).click());

    // "Beschluss" is in the text only: the background finds it.
    await options.evaluate(() => {
      const input = document.querySelector('input[type="search"]') as HTMLInputElement;
      input.value = 'beschluss';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const rows = await until(
      () => options.evaluate(() => Array.from(document.querySelectorAll('td.title')).map((td) => td.textContent)),
      (r) => r.length === 1,
    );
    expect(rows).toEqual([title]);
    await options.screenshot({ path: path.join(dir, 'options-filtered.png') });
    await options.evaluate(() => {
      const input = document.querySelector('input[type="search"]') as HTMLInputElement;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });

    await clickButton(options, `Delete ${title}`);
    expect(await until(() => articleCount(options), (n) => n === 5)).toBe(5);
    expect(await until(() => statusText(options, 'status'), (t) => t.startsWith('Deleted'))).toContain('Undo');
    await clickButton(options, 'Undo');
    expect(await until(() => articleCount(options), (n) => n === 6)).toBe(6);
    expect(await until(() => statusText(options, 'status'), (t) => t.startsWith('Restored'))).toContain('Stadtrat tagt');
  });

  it('imports a text file, and a cancelled import of 5,000 articles leaves the corpus as it was', async () => {
    const txt = path.join(dir, 'article.txt');
    fs.writeFileSync(txt, 'title: Hochwasser in Musterstadt\n\nDer Fluss trat am Dienstag über die Ufer. Die Feuerwehr sicherte die Altstadt mit Sandsäcken.');
    const input = (await options.$('input[type="file"][multiple]'))!;
    await input.uploadFile(txt);
    expect(await until(() => statusText(options, 'status'), (t) => t.startsWith('Imported'))).toMatch(/^Imported 1 article\./);
    // The status comes with the background's reply; the count with the list read after it.
    expect(await until(() => articleCount(options), (n) => n === 7)).toBe(7);

    const file = path.join(dir, 'bulk.json');
    writeBulkExport(file, 5000);
    await input.uploadFile(file);
    await until(() => options.evaluate(() => !!document.querySelector('.progress button')), (shown) => shown);
    await options.screenshot({ path: path.join(dir, 'options-import-progress.png') });
    await options.evaluate(() => (document.querySelector('.progress button') as HTMLButtonElement).click());
    expect(await until(() => statusText(options, 'alert'), (t) => t.length > 0, 30_000)).toMatch(/unchanged/);
    expect(await articleCount(options)).toBe(7);

    // Cancelled once the file is read: the background's write stops, and nothing of it is kept.
    await input.uploadFile(file);
    const label = () => options.evaluate(() => document.querySelector('.progress label')?.textContent ?? '');
    expect(await until(label, (t) => t.startsWith('Saving'), 60_000)).toMatch(/^Saving \([\d,]+ of 5,000\)/);
    await options.evaluate(() => (document.querySelector('.progress button') as HTMLButtonElement).click());
    expect(await until(() => statusText(options, 'alert'), (t) => /nothing was (saved|imported)/.test(t), 60_000)).toMatch(
      // The background's words when the cancel reaches its open write, the corpus manager's when it stops before sending the next part.
      /^Import stopped; your corpus is unchanged: (Cancelled; nothing was saved|The import was cancelled; nothing was imported)/,
    );
    expect(await articleCount(options)).toBe(7);
    // In Firefox the page sends the parts itself (its background page shares this thread; see read-import.ts), not the import worker.
    expect(await options.evaluate(() => performance.getEntriesByName('crossread:import-from-worker').length)).toBe(0);

    // And an import is stored whole.
    const small = path.join(dir, 'bulk-300.json');
    writeBulkExport(small, 300);
    await input.uploadFile(small);
    expect(await until(() => statusText(options, 'status'), (t) => t.startsWith('Imported'), 60_000)).toMatch(/^Imported 300 articles/);
    expect(await until(() => articleCount(options), (n) => n === 307)).toBe(307);
  });

  it('the popup: says notes are off on this site, and refuses a page whose text the corpus holds', async () => {
    const server: DemoServer = await startDemoServer({ port: 0 });
    const url = `${server.url}/article/2`;
    const tab = await firefox.browser.newPage();
    const popup = await firefox.browser.newPage();
    const count = await articleCount(options);
    try {
      await tab.goto(url);
      await tab.waitForSelector('crossread-overlay[data-notes]', { timeout: 30_000 });
      void popup.goto(`${origin}/popup.html?target=${encodeURIComponent(url)}`, { timeout: 5_000 }).catch(() => undefined);
      const status = () => popup.evaluate(() => document.querySelector('section .status')?.textContent ?? '').catch(() => '');
      expect(await until(status, (t) => t.startsWith('Compared with'))).toMatch(/^Compared with 4 outlets/);
      expect(await popup.evaluate(() => document.querySelector('.counts')?.textContent ?? '')).toMatch(/sentences? shared with other outlets/);

      const siteSwitch = () =>
        popup.evaluate(() => {
          const input = Array.from(document.querySelectorAll('input[role="switch"]')).find((i) => i.closest('label')!.textContent!.startsWith('Off on this site'));
          (input as HTMLInputElement).click();
        });
      await siteSwitch();
      expect(await until(status, (t) => t.startsWith('Notes are off'))).toMatch(/^Notes are off on this site \(127\.0\.0\.1\)/);
      expect(await until(() => tab.evaluate(() => document.querySelectorAll('crossread-overlay').length), (n) => n === 0)).toBe(0);
      await siteSwitch();
      expect(await until(status, (t) => t.startsWith('Compared with'))).toMatch(/^Compared with 4 outlets/);

      // Seed article 2 at the demo site's address: its text is stored already (as the seed).
      await popup.evaluate(() => (Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Add this page to the corpus') as HTMLButtonElement).click());
      await until(() => popup.evaluate(() => !!document.querySelector('form.add-form')), Boolean);
      await popup.evaluate(() => (document.querySelector('form.add-form button[type="submit"]') as HTMLButtonElement).click());
      const alert = await until(() => popup.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? ''), (t) => t.length > 0);
      expect(alert).toMatch(/text is already in your corpus, as “.+” \(Outlet C\)/);
      expect(await articleCount(options)).toBe(count);
    } finally {
      await Promise.all([tab.close(), popup.close()]);
      await server.close();
    }
  });

  it('resets to the seeds after the reader confirms', async () => {
    options.once('dialog', (d) => void d.accept());
    await clickButton(options, 'Reset to seeds');
    expect(await until(() => articleCount(options), (n) => n === 5)).toBe(5);
    expect(await statusText(options, 'status')).toContain('The corpus is back to the seed articles.');
  });
});
