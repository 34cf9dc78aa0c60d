import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';
import { builds, launchChromium, repoRoot, requireBuild } from './chromium-setup';

const page = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body>${body}</body></html>`;

const seedText = fs.readFileSync(path.join(repoRoot, 'seeds/004_156c3776fb414eed.txt'), 'utf8');
const paragraph =
  'Le président américain a téléphoné mercredi avec son homologue russe pendant une heure et demie. Les deux dirigeants veulent commencer immédiatement des négociations sur la fin de la guerre en Ukraine, a indiqué la Maison Blanche.';

const pages: Record<string, string> = {
  empty: page('de', 'Leer', ''),
  'no-article': page('de', 'Navigation', '<nav><a href="/a">A</a> <a href="/b">B</a></nav><footer>Impressum</footer>'),
  // About 2 MB of article text: the seed repeated, so it even resembles the story.
  huge: page('de', 'Sehr lang', `<article><h1>Sehr lang</h1>${Array.from({ length: 1000 }, () => `<p>${seedText.slice(0, 2000).replace(/</g, '&lt;')}</p>`).join('')}</article>`),
  french: page('fr', 'Appel', `<article><h1>Appel entre Trump et Poutine</h1>${Array.from({ length: 8 }, () => `<p>${paragraph}</p>`).join('')}</article>`),
};

describe('Chromium: bad input', () => {
  let server: DemoServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    server = await startDemoServer({ port: 0, extraPages: pages });
    browser = await launchChromium(requireBuild(builds.chromeE2e));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visit = async (url: string): Promise<{ page: Page; problems: string[] }> => {
    const tab = await browser.context.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (e) => problems.push(String(e)));
    tab.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await tab.goto(url, { waitUntil: 'load' });
    return { page: tab, problems };
  };

  it.each(['empty', 'no-article', 'huge', 'french'])('the %s page gets no notes, no crash and no console error', async (name) => {
    const { page: tab, problems } = await visit(`${server.url}/x/${name}`);
    await tab.waitForTimeout(name === 'huge' ? 6000 : 2500);
    expect(await tab.locator('crossread-overlay').count()).toBe(0);
    expect(problems).toEqual([]);
    // The page still works afterwards: the extension did not hang it.
    expect(await tab.evaluate(() => 1 + 1)).toBe(2);
    await tab.close();
  });

  it('tells in the popup why pages get no notes: another language, not an article', async () => {
    const reasons: Record<string, RegExp> = {
      french: /this page is in another language/,
      'no-article': /this page is not an article/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const url = `${server.url}/x/${name}`;
      const { page: tab } = await visit(url);
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(url)}`);
      await expect.poll(async () => (await popup.locator('.status').textContent()) ?? '', { timeout: 10_000 }).toMatch(reason);
      await Promise.all([tab.close(), popup.close()]);
    }
  });

  it('shows hostile corpus text as text, never as HTML', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByText('Add an article by pasting its text').click();
    await options.getByLabel('Outlet', { exact: true }).fill('Hostile <img src=x onerror=alert(1)>');
    await options.getByLabel('Text', { exact: true }).fill(
      seedText.replace(/^ date \S+ /, '').replace('Der Kreml bestätigte das Telefonat.', 'Der Kreml bestätigte das Telefonat. <img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'),
    );
    await options.getByRole('button', { name: 'Add to corpus' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toMatch(/^Added/);
    await options.close();

    const { page: tab, problems } = await visit(`${server.url}/article/2`);
    const host = tab.locator('crossread-overlay[data-notes]');
    await host.waitFor({ state: 'attached', timeout: 20_000 });
    await expect.poll(() => host.getAttribute('data-outlets')).toBe('5');
    // Open every note so the quotes are rendered.
    await tab.evaluate(() => {
      for (const b of Array.from(document.querySelector('crossread-overlay')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]'))) b.click();
    });
    const inside = await tab.evaluate(() => {
      const root = document.querySelector('crossread-overlay')!.shadowRoot!;
      return { images: root.querySelectorAll('img, script').length, text: root.textContent ?? '' };
    });
    expect(inside.images).toBe(0);
    expect(inside.text).toContain('Hostile <img src=x onerror=alert(1)>');
    expect(await tab.title()).not.toBe('pwned');
    expect(problems).toEqual([]);
    await tab.close();
  });
});
