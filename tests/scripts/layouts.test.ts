import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../lib/article/article';
import { annotate } from '../../lib/match/annotate';
import { loadSeeds } from '../../scripts/lib/articles';
import { extractHtml } from '../../scripts/lib/html';

const pagesDir = path.resolve(process.cwd(), '../shared/data/pages');
const seeds = loadSeeds(path.resolve(process.cwd(), 'seeds'));

/**
 * A seed article put where a real site's article goes: the element with the
 * most paragraphs of a real page gets the seed's paragraphs, the headline its
 * title; the site's navigation, teasers, sidebars and footer stay around it.
 */
function inLayout(html: string, seed: Article): string {
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  let body: Element | null = null;
  let most = 0;
  for (const el of doc.querySelectorAll('article, main, div, section')) {
    const n = el.querySelectorAll(':scope > p').length;
    if (n > most) [most, body] = [n, el];
  }
  if (!body) throw new Error('no article element in the layout');
  const paragraphs = seed.raw.slice(seed.bodyStart).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  body.querySelectorAll(':scope > p').forEach((p, i) => {
    if (i === 0) p.outerHTML = paragraphs.map((t) => `<p>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
    else p.remove();
  });
  doc.querySelector('h1')?.replaceChildren(doc.createTextNode(seed.title));
  doc.documentElement.setAttribute('lang', 'de');
  return dom.serialize();
}

describe.skipIf(!existsSync(pagesDir))('a seed article inside real sites\' layouts (../shared/data/pages)', () => {
  const layouts = existsSync(pagesDir) ? readdirSync(pagesDir).filter((f) => f.endsWith('.html')) : [];

  it.each(layouts)('%s: the extension\'s extraction keeps the article, and it gets the other four seeds as its story', (file) => {
    const html = readFileSync(path.join(pagesDir, file), 'utf8');
    for (const seed of seeds) {
      const page = extractHtml(inLayout(html, seed), 'https://example.org/news/article');
      const ann = annotate({ text: page.text, title: page.title, date: seed.date }, seeds.filter((s) => s !== seed), { storyOnly: true });
      expect(ann.story.match, `${file} / ${seed.id}`).toBe('same');
      expect(ann.outlets.filter((o) => o.sameStory), `${file} / ${seed.id}`).toHaveLength(4);
    }
  }, 60_000);
});
if (!existsSync(pagesDir)) console.log('skipped: seed articles inside real layouts (../shared/data/pages is absent)');
