import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { builds, launchChromium, requireBuild } from './chromium-setup';
import { firefoxExtensionOrigin, launchFirefox } from './firefox-setup';
import { until } from '../helpers/until';

/**
 * Readability's parse of a large page off the page's main thread: the copy
 * goes to Chrome's offscreen document or Firefox's background page
 * (crossread:read-copy), and the page gets the same notes as when it is read
 * on the page. The large page is a seed article whose script wraps every
 * word of its paragraphs in elements of their own (a copy of more than
 * 1,000 elements, and a tree no HTML parser would build from the page's
 * source); its notes are compared with the plain article's.
 */
const wrapWords = `<script>
for (const p of document.querySelectorAll('main p')) {
  const words = p.textContent.split(' ');
  p.replaceChildren(...words.flatMap((w, i) => {
    const span = document.createElement('span');
    span.append(document.createElement('b'));
    span.firstChild.textContent = w;
    return i ? [document.createTextNode(' '), span] : [span];
  }));
}
</script>`;

/** What the page's measures say of its extraction: whether its copy was read elsewhere, and on the page after that. */
const extractionSteps = `(() => {
  const steps = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread:'));
  const copy = steps.filter((m) => m.name === 'crossread:extract-copy');
  const lastCopy = Math.max(-1, ...copy.map((m) => m.startTime));
  return {
    copied: copy.length,
    readHereAfter: steps.filter((m) => m.name === 'crossread:extract' && m.startTime > lastCopy).length,
    elements: document.querySelector('main').getElementsByTagName('*').length,
  };
})()`;

const notesText = `document.querySelector('crossread-overlay').shadowRoot.textContent`;

/**
 * The overlay's text once it is complete: its notes are added a few at a
 * time after `data-notes` first appears, and its status line (what a screen
 * reader announces) half a second after the first, so a read at once may
 * catch either missing.
 */
async function settledNotesText(evaluate: (script: string) => Promise<unknown>): Promise<string> {
  const announced = `document.querySelector('crossread-overlay').shadowRoot.querySelector('[role=status]')?.textContent ?? ''`;
  await until(async () => (await evaluate(announced)) as string, (text) => text !== '');
  return (await evaluate(notesText)) as string;
}

interface Steps {
  copied: number;
  readHereAfter: number;
  elements: number;
}

let server: DemoServer;
beforeAll(async () => {
  const base = await startDemoServer({ port: 0 });
  const article0 = await (await fetch(`${base.url}/article/0`)).text();
  await base.close();
  server = await startDemoServer({ port: 0, extraPages: { large: article0.replace('</body>', `${wrapWords}</body>`) } });
});
afterAll(async () => {
  await server?.close();
});

describe('a large page read off its main thread, in Chromium (e2e build)', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    browser = await launchChromium(requireBuild(builds.chromeE2e));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has the copy read in the offscreen document, with the plain page’s notes', async () => {
    const notesOf = async (url: string) => {
      const page = await browser.context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('crossread-overlay[data-notes]', { state: 'attached', timeout: 30_000 });
      const result = { text: await settledNotesText((script) => page.evaluate(script)), steps: (await page.evaluate(extractionSteps)) as Steps };
      await page.close();
      return result;
    };
    const plain = await notesOf(`${server.url}/article/0`);
    const large = await notesOf(`${server.url}/x/large`);
    expect(plain.steps.copied).toBe(0);
    expect(large.steps.elements).toBeGreaterThan(1000);
    expect(large.steps.copied).toBeGreaterThan(0);
    expect(large.steps.readHereAfter).toBe(0);
    expect(large.text).toMatch(/Compared with 4 outlets/);
    expect(large.text).toBe(plain.text);
  });

  it('reads the large page for the popup’s "Add this page" the same way: its copy in the offscreen document, none of it on the page', async () => {
    const url = `${server.url}/x/large`;
    const tab = await browser.context.newPage();
    await tab.goto(url, { waitUntil: 'load' });
    await tab.waitForSelector('crossread-overlay[data-notes]', { state: 'attached', timeout: 30_000 });
    const before = (await tab.evaluate(extractionSteps)) as Steps;
    expect(before.copied).toBeGreaterThan(0);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(url)}`);
    await popup.getByRole('button', { name: 'Add this page to the corpus' }).click();
    // The form has the page as read: its outlet and date come from the page's own metadata.
    await expect.poll(() => popup.getByLabel('Outlet').inputValue(), { timeout: 20_000 }).not.toBe('');
    const after = (await tab.evaluate(extractionSteps)) as Steps;
    // A copy was made again (in slices: one measure each), and nothing of the page read on the page after it.
    expect(after.copied).toBeGreaterThan(before.copied);
    expect(after.readHereAfter).toBe(0);
    // The page is seed article 0 in other markup: the text read is the seed's, so the corpus refuses it as already there.
    await popup.getByRole('button', { name: 'Save to corpus' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/text is already in your corpus, as “.+”/);
    await Promise.all([tab.close(), popup.close()]);
  });
});

describe('a large page read off its main thread, in Firefox ESR (e2e build)', () => {
  let firefox: Awaited<ReturnType<typeof launchFirefox>>;
  beforeAll(async () => {
    firefox = await launchFirefox(builds.firefoxE2e);
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('has the copy read in the background page, with the plain page’s notes', async () => {
    const notesOf = async (url: string) => {
      const page = await firefox.browser.newPage();
      await page.goto(url);
      await page.waitForSelector('crossread-overlay[data-notes]', { timeout: 30_000 });
      const result = { text: await settledNotesText((script) => page.evaluate(script)), steps: (await page.evaluate(extractionSteps)) as Steps };
      await page.close();
      return result;
    };
    const plain = await notesOf(`${server.url}/article/0`);
    const large = await notesOf(`${server.url}/x/large`);
    expect(plain.steps.copied).toBe(0);
    expect(large.steps.copied).toBeGreaterThan(0);
    expect(large.steps.readHereAfter).toBe(0);
    expect(large.text).toMatch(/Compared with 4 outlets/);
    expect(large.text).toBe(plain.text);
  });

  it('reads the large page for the popup’s "Add this page" the same way: its copy in the background page, none of it on the page', async () => {
    const url = `${server.url}/x/large`;
    const tab = await firefox.browser.newPage();
    const popup = await firefox.browser.newPage();
    try {
      await tab.goto(url);
      await tab.waitForSelector('crossread-overlay[data-notes]', { timeout: 30_000 });
      const before = (await tab.evaluate(extractionSteps)) as Steps;
      expect(before.copied).toBeGreaterThan(0);
      // An extension page opened by a web page's tab: its load event does not come, so the popup is polled.
      void popup.goto(`${firefoxExtensionOrigin}/popup.html?target=${encodeURIComponent(url)}`, { timeout: 5_000 }).catch(() => undefined);
      await until(
        () => popup.evaluate(() => !!Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Add this page to the corpus')).catch(() => false),
        Boolean,
      );
      await popup.evaluate(() => (Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Add this page to the corpus') as HTMLButtonElement).click());
      await until(() => popup.evaluate(() => !!document.querySelector('form.add-form')), Boolean, 20_000);
      const after = (await tab.evaluate(extractionSteps)) as Steps;
      expect(after.copied).toBeGreaterThan(before.copied);
      expect(after.readHereAfter).toBe(0);
      await popup.evaluate(() => (document.querySelector('form.add-form button[type="submit"]') as HTMLButtonElement).click());
      const alert = await until(() => popup.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? ''), (t) => t.length > 0, 20_000);
      expect(alert).toMatch(/text is already in your corpus, as “.+”/);
    } finally {
      await Promise.all([tab.close(), popup.close()]);
    }
  });
});
