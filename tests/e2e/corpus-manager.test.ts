import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { writeBulkExport } from './bulk-export';
import { artifactsDir, builds, launchChromium, requireBuild } from './chromium-setup';

/** A sixth outlet's report of the seed story, in its own words. */
const extraArticle = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Telefonat zwischen Trump und Putin</title>
<meta property="og:site_name" content="Outlet F"><meta property="article:published_time" content="2025-02-12T21:00:00Z"></head>
<body><header><nav><a href="/">Start</a></nav></header><main><article><h1>Trump und Putin vereinbaren Verhandlungen über die Ukraine</h1>
<p>US-Präsident Donald Trump hat am Mittwoch mit Kremlchef Wladimir Putin telefoniert und anschließend auf seiner Plattform Truth Social von einem langen und sehr produktiven Gespräch berichtet.</p>
<p>Beide Präsidenten wollen nach Trumps Angaben unverzüglich Verhandlungen über ein Ende des Krieges in der Ukraine beginnen. Der Kreml bestätigte das Telefonat.</p>
<p>Putin lud Trump demnach nach Moskau ein. Ein erstes persönliches Treffen der beiden könnte in Saudi-Arabien stattfinden, sagte Trump.</p>
<p>Im Anschluss wollte Trump den ukrainischen Präsidenten Wolodymyr Selenskyj über das Gespräch informieren. Aus Europa kam die Mahnung, nicht ohne die Ukraine über die Ukraine zu entscheiden.</p>
<p>Kremlsprecher Dmitri Peskow sagte, Putin habe in dem Telefonat auf einer Beseitigung der Ursachen des Konflikts bestanden.</p>
</article></main><footer><p>Outlet F</p></footer></body></html>`;

async function overlayOutlets(page: Page): Promise<string | null> {
  const host = page.locator('crossread-overlay[data-notes]');
  await host.waitFor({ state: 'attached', timeout: 20_000 });
  return host.getAttribute('data-outlets');
}

async function exportCorpus(options: Page, file: string): Promise<{ articles: Array<Record<string, unknown>> }> {
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export', exact: true }).click()]);
  await download.saveAs(file);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('Chromium: popup and corpus manager', () => {
  let server: DemoServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const dir = path.join(artifactsDir, 'corpus');

  beforeAll(async () => {
    fs.mkdirSync(dir, { recursive: true });
    server = await startDemoServer({ port: 0, extraPages: { 'outlet-f': extraArticle } });
    browser = await launchChromium(requireBuild(builds.chromeE2e));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const popupFor = async (url: string) => {
    const popup = await browser.context.newPage();
    // The size of a toolbar popup.
    await popup.setViewportSize({ width: 380, height: 320 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(url)}`);
    return popup;
  };

  it('adds the current page from the popup, and another page then cites it', async () => {
    const seedPage = await browser.context.newPage();
    await seedPage.goto(`${server.url}/article/0`);
    expect(await overlayOutlets(seedPage)).toBe('4');

    const extra = await browser.context.newPage();
    const extraUrl = `${server.url}/x/outlet-f`;
    await extra.goto(extraUrl);
    const popup = await popupFor(extraUrl);
    await popup.getByRole('button', { name: 'Add this page to the corpus' }).click();
    await expect.poll(() => popup.getByLabel('Outlet').inputValue()).toBe('Outlet F');
    expect(await popup.getByLabel('Date').inputValue()).toBe('2025-02-12');
    await popup.screenshot({ path: path.join(dir, 'popup-add.png') });
    await popup.getByRole('button', { name: 'Save to corpus' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Added to your corpus');

    // The open seed page updates at once: it now compares five outlets and cites the new one.
    await expect.poll(() => seedPage.locator('crossread-overlay').getAttribute('data-outlets'), { timeout: 20_000 }).toBe('5');
    // Open every note: the outlets' names and words show in the opened notes.
    const notes = await seedPage.evaluate(() => {
      const root = document.querySelector('crossread-overlay')!.shadowRoot!;
      for (const b of Array.from(root.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]'))) b.click();
      return new Promise<string>((resolve) => setTimeout(() => resolve(root.textContent ?? ''), 300));
    });
    expect(notes).toContain('Outlet F');

    // Adding the same page again is refused.
    await popup.reload();
    await popup.getByRole('button', { name: 'Add this page to the corpus' }).click();
    await popup.getByRole('button', { name: 'Save to corpus' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toContain('already in your corpus');
    await Promise.all([seedPage.close(), extra.close(), popup.close()]);
  });

  it('the popup shows the tab state, and the per-site switch turns notes off on one site only', async () => {
    const onIp = await browser.context.newPage();
    const ipUrl = `${server.url}/article/1`;
    await onIp.goto(ipUrl);
    const onName = await browser.context.newPage();
    await onName.goto(`http://localhost:${server.port}/article/1`);
    await overlayOutlets(onIp);
    await overlayOutlets(onName);

    const popup = await popupFor(ipUrl);
    await expect.poll(() => popup.getByText(/Compared with \d outlets/).count()).toBe(1);
    // The popup counts sentences and points, and says so (the notes count outlets).
    const counts = (await popup.getByRole('list', { name: 'What this page shares and lacks' }).textContent()) ?? '';
    expect(counts).toMatch(/\d+ sentences? shared with other outlets/);
    expect(counts).toMatch(/\d+ details? other outlets add/);
    expect(counts).toMatch(/\d+ points? of other outlets missing here/);
    expect(counts).not.toMatch(/agree|omit/);
    await popup.screenshot({ path: path.join(dir, 'popup.png') });
    await popup.getByRole('switch', { name: /Off on this site/ }).click();
    await expect.poll(() => onIp.locator('crossread-overlay').count()).toBe(0);
    // The popup says the notes are off here, not what the tab showed before.
    await expect.poll(() => popup.locator('section .status').textContent()).toMatch(/^Notes are off on this site \(127\.0\.0\.1\)/);
    expect(await popup.getByText(/Compared with/).count()).toBe(0);
    await popup.screenshot({ path: path.join(dir, 'popup-off-here.png') });
    await onName.waitForTimeout(1000);
    expect(await onName.locator('crossread-overlay').count()).toBe(1);
    await popup.getByRole('switch', { name: /Off on this site/ }).click();
    await expect.poll(() => onIp.locator('crossread-overlay').count()).toBe(1);
    await expect.poll(() => popup.getByText(/Compared with \d outlets/).count(), { timeout: 20_000 }).toBe(1);
    await Promise.all([onIp.close(), onName.close(), popup.close()]);
  });

  it('refuses to add a page whose text is already in the corpus under another address', async () => {
    // The demo site shows seed article 1 at its own address: the stored seed has none, but its text is the same.
    const url = `${server.url}/article/1`;
    const tab = await browser.context.newPage();
    await tab.goto(url);
    const before = await overlayOutlets(tab);
    const popup = await popupFor(url);
    await popup.setViewportSize({ width: 380, height: 480 });
    await popup.getByRole('button', { name: 'Add this page to the corpus' }).click();
    await popup.getByRole('button', { name: 'Save to corpus' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/text is already in your corpus, as “.+” \(Outlet B\)/);
    await popup.screenshot({ path: path.join(dir, 'popup-duplicate.png') });
    // Nothing was added: the page still compares as many outlets, none of them itself.
    await tab.waitForTimeout(1000);
    expect(await tab.locator('crossread-overlay').getAttribute('data-outlets')).toBe(before);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.locator('td.url', { hasText: url }).count()).toBe(0);
    await Promise.all([tab.close(), popup.close(), options.close()]);
  });

  it('the corpus manager at 1400 px: dates and row buttons on one line, the chart with its units, the paste form emptied after adding', async () => {
    const options = await browser.context.newPage();
    await options.setViewportSize({ width: 1400, height: 1000 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.locator('section.story svg[role="img"]').count()).toBeGreaterThan(0);
    const rows = await options.evaluate(() =>
      Array.from(document.querySelectorAll('tbody tr')).map((tr) => {
        const date = tr.querySelector('td.date')!;
        const range = document.createRange();
        range.selectNodeContents(date);
        const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size;
        const buttons = new Set(Array.from(tr.querySelectorAll('td.actions button')).map((b) => Math.round(b.getBoundingClientRect().top))).size;
        // Each cell's content inside its cell: the columns' set widths leave room for the date and the buttons.
        const overflows = Array.from(tr.querySelectorAll('td')).filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.className);
        const layout = getComputedStyle(tr.closest('table')!).tableLayout;
        return { date: date.textContent, lines, lineHeight: parseFloat(getComputedStyle(date).lineHeight), height: range.getBoundingClientRect().height, buttons, overflows, layout };
      }),
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.lines).toBe(1);
      expect(row.height).toBeLessThan(row.lineHeight * 1.5);
      expect(row.buttons).toBe(1);
      expect(row.overflows).toEqual([]);
      // Laid out by its columns' widths, not by measuring every row's text (a story's whole table, each frame it is shown in).
      expect(row.layout).toBe('fixed');
    }
    // The chart says what it counts, with numbers on its axis.
    const chart = await options.evaluate(() => {
      const svg = document.querySelector('section.story svg[role="img"]')!;
      return { axis: svg.querySelector('.chart-axis')?.textContent, ticks: Array.from(svg.querySelectorAll('.chart-tick')).map((t) => t.textContent), legend: svg.closest('figure')!.querySelector('figcaption')!.textContent };
    });
    expect(chart.axis).toBe('points (sentences) per outlet');
    expect(chart.ticks[0]).toBe('0');
    expect(chart.ticks.length).toBeGreaterThan(2);
    expect(chart.legend).toContain('shared with other outlets');
    await options.screenshot({ path: path.join(dir, 'options-1400.png'), fullPage: true });

    await options.getByText('Add an article by pasting its text').click();
    await options.getByLabel('Outlet', { exact: true }).fill('Lokalblatt');
    await options.getByLabel('Title', { exact: true }).fill('Feuerwehr rettet Katze');
    await options.getByLabel('Date', { exact: true }).fill('2025-03-02');
    await options.getByLabel('Address', { exact: true }).fill('https://lokal.example/katze');
    await options.getByLabel('Text', { exact: true }).fill('Die Feuerwehr rettete am Sonntag eine Katze vom Kirchturm in Musterstadt. Das Tier war seit zwei Tagen verschwunden.');
    await options.getByRole('button', { name: 'Add to corpus' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toContain('Feuerwehr rettet Katze');
    for (const label of ['Outlet', 'Title', 'Date', 'Address', 'Text']) expect(await options.getByLabel(label, { exact: true }).inputValue()).toBe('');
    // A failed add keeps what was typed.
    await options.getByLabel('Outlet', { exact: true }).fill('Kopie');
    await options.getByLabel('Text', { exact: true }).fill('Die Feuerwehr rettete am Sonntag eine Katze vom Kirchturm in Musterstadt. Das Tier war seit zwei Tagen verschwunden.');
    await options.getByRole('button', { name: 'Add to corpus' }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toContain('already in your corpus');
    expect(await options.getByLabel('Outlet', { exact: true }).inputValue()).toBe('Kopie');
    const row = options.locator('tr', { hasText: 'Feuerwehr rettet Katze' });
    await row.getByRole('button', { name: /^Delete/ }).click();
    await expect.poll(() => options.locator('tr', { hasText: 'Feuerwehr rettet Katze' }).count()).toBe(0);
    await options.close();
  });

  const articleCount = async (options: Page) => {
    const text = (await options.getByText(/^\d+ articles/).first().textContent()) ?? '';
    return Number(/^(\d+)/.exec(text)?.[1]);
  };

  it('export → reset → import leaves the corpus identical', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => articleCount(options)).toBeGreaterThanOrEqual(5);
    // A reader's own article, pasted in, with hostile text that must stay text.
    const start = await articleCount(options);
    await options.getByText('Add an article by pasting its text').click();
    await options.getByLabel('Outlet', { exact: true }).fill('Pasted <b>Outlet</b>');
    await options.getByLabel('Title', { exact: true }).fill('<script>window.pwned = 1</script> Stadtrat tagt');
    await options.getByLabel('Text', { exact: true }).fill('Der Stadtrat tagte am Montag bis spät in die Nacht. <img src=x onerror="window.pwned=1"> Die Sitzung endete ohne Beschluss.');
    await options.getByRole('button', { name: 'Add to corpus' }).click();
    await expect.poll(() => articleCount(options)).toBe(start + 1);
    expect(await options.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await expect.poll(() => options.getByText('<script>window.pwned = 1</script> Stadtrat tagt').count()).toBeGreaterThan(0);
    await options.screenshot({ path: path.join(dir, 'options.png'), fullPage: true });
    const before = await exportCorpus(options, path.join(dir, 'export-before.json'));
    expect(before.articles).toHaveLength(start + 1);

    options.once('dialog', (d) => void d.accept());
    await options.getByRole('button', { name: 'Reset to seeds' }).click();
    await expect.poll(() => articleCount(options)).toBe(5);

    await options.getByLabel(/^Import \(/).setInputFiles(path.join(dir, 'export-before.json'));
    await expect.poll(() => options.getByRole('status').textContent()).toMatch(new RegExp(`Imported ${start + 1 - 5} article`));
    const after = await exportCorpus(options, path.join(dir, 'export-after.json'));
    const key = (a: Record<string, unknown>) => String(a.id);
    expect([...after.articles].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...before.articles].sort((a, b) => key(a).localeCompare(key(b))),
    );
    await options.close();
  });

  it('two files at once: a text the first file or the second one already holds is skipped, however it is labelled', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => articleCount(options)).toBeGreaterThanOrEqual(5);
    const start = await articleCount(options);
    const report = (id: string, n: number, title = `Bericht ${id}`) => ({
      id,
      outlet: `Outlet ${n}`,
      title,
      language: 'de',
      date: '2025-04-0' + (1 + (n % 9)),
      url: `https://files.example/${id}`,
      source: 'user',
      addedAt: 1,
      text: `Bericht ${n}: Der Gemeinderat von Beispielstadt ${n} stimmte am Dienstag über den neuen Radweg ab. ${n % 5} Mitglieder enthielten sich.`,
    });
    const write = (name: string, articles: object[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify({ format: 'crossread-corpus', version: 1, exportedAt: new Date().toISOString(), articles }));
      return file;
    };
    // The second file repeats the first file's second text and its own first one, each under another id, title and address.
    const one = write('files-one.json', [report('one-a', 101), report('one-b', 102)]);
    const two = write('files-two.json', [report('two-a', 201), report('two-b', 202), report('two-copy', 102, 'Copy of one-b'), report('two-again', 201, 'Again two-a')]);
    await options.getByLabel(/^Import \(/).setInputFiles([one, two]);
    const status = options.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/Imported 4 articles/);
    const text = (await status.textContent()) ?? '';
    expect(text).toContain('files-two.json: skipped “Copy of one-b” (same text already in the corpus as "Bericht one-b")');
    expect(text).toContain('files-two.json: skipped “Again two-a” (same text appears earlier in this file as "Bericht two-a")');
    await expect.poll(() => articleCount(options)).toBe(start + 4);
    await options.close();
  });

  /** Opens the corpus manager, keeps its article count and an export of the corpus, and starts importing a generated file of `size` articles. */
  const startBulkImport = async (name: string, size: number) => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => articleCount(options)).toBeGreaterThanOrEqual(5);
    const count = await articleCount(options);
    const before = await exportCorpus(options, path.join(dir, `${name}-before.json`));
    const file = path.join(dir, `${name}.json`);
    writeBulkExport(file, size);
    await options.getByLabel(/^Import \(/).setInputFiles(file);
    return { options, count, before };
  };

  it('a cancelled import of 5,000 articles leaves the corpus as it was', async () => {
    const { options, count, before } = await startBulkImport('cancel', 5000);
    const cancel = options.getByRole('button', { name: 'Cancel' });
    await cancel.waitFor({ timeout: 20_000 });
    await options.screenshot({ path: path.join(dir, 'options-import-progress.png') });
    await cancel.click();
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/unchanged/);
    expect(await articleCount(options)).toBe(count);
    const after = await exportCorpus(options, path.join(dir, 'cancel-after.json'));
    expect(after.articles).toEqual(before.articles);
    await options.close();
  });

  it('the service worker stopped halfway through an import of 3,000 articles: the corpus stays as it was, and the reader is told', async () => {
    const { options, count, before } = await startBulkImport('stopped', 3000);
    // Halfway through the saving: parts are in the background's open transaction.
    const progress = options.locator('.progress progress');
    await expect
      .poll(
        async () => {
          const label = (await options.locator('.progress').textContent().catch(() => '')) ?? '';
          const value = Number((await progress.getAttribute('value').catch(() => null)) ?? 0);
          return label.includes('Saving') && value >= 300;
        },
        { timeout: 120_000, interval: 50 },
      )
      .toBe(true);
    // The parts go from the import worker to the background over the extension's BroadcastChannel: the page learns of the stop from its port.
    expect(await options.evaluate(() => performance.getEntriesByName('crossread:import-from-worker').length)).toBe(1);
    const cdp = await browser.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();

    // A clear message, not a progress bar forever.
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/unchanged.*nothing was saved/s);
    expect(await options.locator('.progress').count()).toBe(0);
    // The worker starts again for the next request, over the corpus as it was.
    await options.reload();
    await expect.poll(() => articleCount(options), { timeout: 30_000 }).toBe(count);
    const after = await exportCorpus(options, path.join(dir, 'stopped-after.json'));
    expect(after.articles).toEqual(before.articles);
    await options.close();
  }, 240_000);
});
