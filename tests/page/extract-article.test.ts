import fs from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { anchorArticle } from '../../page/anchor';
import { extractArticle, type Block } from '../../page/extract-article';
import { drain } from '../helpers/drain';

/** The live page element that shows each block (null where none does). */
const anchorBlocks = (doc: Document, blocks: readonly Block[]) => drain(anchorArticle(doc, blocks)).blocks.map((a) => a?.element ?? null);
import { haveShared, sharedPath } from '../helpers/shared';

const paragraphs = Array.from(
  { length: 8 },
  (_, i) =>
    `Absatz ${i + 1}: Der Präsident sprach am Mittwoch lange mit seinem Amtskollegen über den Krieg, die Verhandlungen und die nächsten Schritte der beiden Regierungen.`,
);
const articleHtml = (extra = '') => `<!doctype html><html lang="de"><head><title>Testartikel</title></head><body>
<header><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav></header>
<main><article><h1>Testartikel</h1>${paragraphs.map((p) => `<p>${p.replace('Krieg', 'Krieg<b>\u00ad</b>')}</p>`).join('\n')}${extra}</article></main>
<footer><p>Impressum</p></footer></body></html>`;

const dom = (html: string) => new JSDOM(html, { url: 'http://127.0.0.1/a' }).window.document;

describe('extractArticle', () => {
  it('extracts the article as blocks whose offsets locate them in the text', () => {
    const result = extractArticle(dom(articleHtml()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { text, blocks, language } = result.article;
    expect(language).toBe('de');
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const block of blocks) expect(text.slice(block.start, block.end)).toBe(block.text);
    expect(text).toContain('Absatz 8:');
    expect(text).not.toContain('Impressum');
    expect(text).not.toContain('\u00ad');
  });

  it('never changes the page it reads', () => {
    const doc = dom(articleHtml());
    const before = doc.documentElement.outerHTML;
    extractArticle(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('refuses pages that are not articles', () => {
    const empty = extractArticle(dom('<html><body><nav><a href="/">Home</a></nav></body></html>'));
    expect(empty).toEqual({ ok: false, reason: 'not-an-article' });
    const short = extractArticle(dom('<html><body><article><p>Nur ein kurzer Satz.</p></article></body></html>'));
    expect(short.ok).toBe(false);
  });

  it('keeps hostile markup inert: scripts are not run and their code is not article text', () => {
    const doc = dom(articleHtml('<script>window.hacked = true</script><p><img src=x onerror="window.hacked=true">Bild</p>'));
    const result = extractArticle(doc);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.text).not.toContain('window.hacked');
    expect((doc.defaultView as unknown as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('reads the metadata of JSON-LD although it leaves other scripts out of its copy', () => {
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-08-15T10:00:00Z"}</script>';
    const doc = dom(articleHtml().replace('</head>', `${ld}</head>`));
    const result = extractArticle(doc);
    expect(result.ok && result.article.publishedTime).toBe('2025-08-15T10:00:00Z');
  });

  it('dates the article by the page metadata (publishedDate), else by Readability, as a day', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-08-15T23:30:00-04:00"}</script>';
    const meta = '<meta property="article:published_time" content="2025-08-14T21:30:00+02:00">';
    const dated = (head: string) => {
      const result = extractArticle(dom(articleHtml().replace('</head>', `${head}</head>`)));
      return result.ok ? result.article.date : 'no article';
    };
    expect(dated(ld)).toBe('2025-08-15');
    expect(dated(meta + ld)).toBe('2025-08-14');
    expect(dated('')).toBeNull();
  });

  it('runs in steps a caller can spread over tasks, with the same result', async () => {
    const { extractArticleSteps } = await import('../../page/extract-article');
    const doc = dom(articleHtml());
    const steps = extractArticleSteps(doc, 'http://127.0.0.1/a');
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(yields).toBeGreaterThanOrEqual(3);
    expect(step.value).toEqual(extractArticle(doc, 'http://127.0.0.1/a'));
  });

  it('reads only the article element when it holds most of the paragraphs, with the same blocks', () => {
    const noise = Array.from({ length: 40 }, (_, i) => `<li><a href="/${i}">Weitere Meldung ${i}</a></li>`).join('');
    const plain = extractArticle(dom(articleHtml()));
    const noisy = extractArticle(dom(articleHtml().replace('<main>', `<aside><ul>${noise}</ul><p>Kurz.</p></aside><main>`)));
    expect(plain.ok && noisy.ok).toBe(true);
    if (plain.ok && noisy.ok) expect(noisy.article.blocks.map((b) => b.text)).toEqual(plain.article.blocks.map((b) => b.text));
  });

  it('gives a quick paragraph text for a first look, and none for pages without paragraphs', async () => {
    const { quickArticleText } = await import('../../page/extract-article');
    const run = (doc: Document) => {
      const steps = quickArticleText(doc);
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
      }
    };
    const text = run(dom(articleHtml()));
    expect(text).toContain('Absatz 1:');
    expect(text).toContain('Absatz 8:');
    expect(text).not.toContain('Impressum');
    expect(run(dom('<html><body><nav><a href="/">Home</a></nav></body></html>'))).toBeNull();
  });

  it('reads the article, not a comment section longer than the article after it', async () => {
    const { quickArticleText } = await import('../../page/extract-article');
    const comments = Array.from(
      { length: 60 },
      (_, i) => `<li class="comment"><p>Leser ${i}</p><p>Kommentar ${i}: Ich finde, die Regierung sollte sich mehr um die Folgen für die Menschen vor Ort kümmern.</p></li>`,
    ).join('');
    const html = articleHtml().replace('</main>', `</main><section class="comments"><ol>${comments}</ol></section>`);
    // The comments hold most of the page's paragraph text…
    expect(drain(quickArticleText(dom(html)))).not.toContain('Kommentar 1:');
    expect(drain(quickArticleText(dom(html)))).toContain('Absatz 8:');
    // …and the extraction is the article's, as without them.
    const plain = extractArticle(dom(articleHtml()));
    const commented = extractArticle(dom(html));
    expect(plain.ok && commented.ok).toBe(true);
    if (plain.ok && commented.ok) expect(commented.article.blocks.map((b) => b.text)).toEqual(plain.article.blocks.map((b) => b.text));
    // A section that is not named as one Readability removes still counts: the whole page is read there.
    expect(drain(quickArticleText(dom(html.replace('class="comments"', 'class="leserstimmen"').replaceAll('class="comment"', ''))))).toContain('Kommentar 1:');
  });

  it("reads a long page's first paragraphs up to QUICK_TEXT_CHARS for the first look, each whole, and the whole article for the notes", async () => {
    const { quickArticleText, QUICK_TEXT_CHARS } = await import('../../page/extract-article');
    const long = Array.from({ length: 80 }, (_, i) => `<p>Abschnitt ${i + 1}: ${'Der Stadtrat beriet über den Haushalt des kommenden Jahres. '.repeat(4)}</p>`).join('');
    const doc = dom(articleHtml(long));
    const quick = drain(quickArticleText(doc))!;
    expect(quick).toContain('Absatz 1:');
    expect(quick).not.toContain('Abschnitt 80:');
    expect(quick.length).toBeGreaterThanOrEqual(QUICK_TEXT_CHARS);
    // Whole paragraphs: the one that crosses the bound is the last, and it ends as on the page.
    const paragraphsRead = quick.split('\n\n');
    expect(quick.length - paragraphsRead[paragraphsRead.length - 1].length).toBeLessThan(QUICK_TEXT_CHARS);
    expect(paragraphsRead[paragraphsRead.length - 1]).toMatch(/Jahres\.$/);
    const full = extractArticle(doc);
    expect(full.ok && full.article.text.includes('Abschnitt 80:')).toBe(true);
    // A page under the bound is read whole, as before.
    expect(drain(quickArticleText(dom(articleHtml())))).toContain('Absatz 8:');
  });

  it('reads a long comment section a few dozen paragraphs a step, and announces the parse as a long step', async () => {
    const { readingSource, readingInPage, quickArticleText } = await import('../../page/extract-article');
    const { LONG_STEP } = await import('../../page/steps');
    // As the bench's 2 MB page: the article, then thousands of comment paragraphs that every step of the first look reads.
    const comments = Array.from({ length: 1000 }, (_, i) => `<li class="comment"><p>Leser ${i}</p><p>Kommentar ${i}: Das sehe ich anders.</p></li>`).join('');
    const doc = dom(articleHtml().replace('</main>', `</main><section class="comments"><ol>${comments}</ol></section>`));
    const stepsOf = <T,>(steps: Generator<unknown, T, void>) => {
      const hints: unknown[] = [];
      for (;;) {
        const step = steps.next();
        if (step.done) return { value: step.value, hints };
        hints.push(step.value);
      }
    };
    // 2,008 paragraphs at most 50 a step (200 a step made slices of 16-19 ms on the 2 MB page).
    expect(stepsOf(quickArticleText(doc)).hints.length).toBeGreaterThanOrEqual(2008 / 50);
    const source = stepsOf(readingSource(doc));
    expect(source.hints.length).toBeGreaterThanOrEqual(2008 / 50);
    if (!source.value.ok) throw new Error('no article');
    const reading = stepsOf(readingInPage(doc, source.value.root));
    // Once, as the last but one step: the parse comes next, and only the reading's return after it.
    expect(reading.hints.filter((h) => h === LONG_STEP)).toHaveLength(1);
    expect(reading.hints.at(-2)).toBe(LONG_STEP);
    expect(reading.value?.blocks.some((b) => b.startsWith('Absatz 8:'))).toBe(true);
  });

  it.skipIf(!haveShared('data/pages/heise.html', 'extractArticle on a real page'))('extracts real pages of other outlets', () => {
    const html = fs.readFileSync(sharedPath('data/pages/heise.html'), 'utf8');
    const result = extractArticle(dom(html));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.text.length).toBeGreaterThan(1000);
  });
});

describe('anchoring blocks to the page', () => {
  it('maps each block back to the live paragraph despite inline markup and soft hyphens', () => {
    const doc = dom(articleHtml());
    const result = extractArticle(doc);
    if (!result.ok) throw new Error('no article');
    const elements = anchorBlocks(doc, result.article.blocks);
    const ps = Array.from(doc.querySelectorAll('article p'));
    const anchored = elements.filter((e): e is Element => e !== null);
    expect(anchored.length).toBeGreaterThanOrEqual(8);
    // Compared as booleans: printing jsdom elements is not what this test is about.
    expect(ps.map((p) => anchored.includes(p))).toEqual(ps.map(() => true));
  });

  it('returns null for a block that is not on the page', () => {
    const doc = dom(articleHtml());
    expect(anchorBlocks(doc, [{ start: 0, end: 10, text: 'Gibt es nicht auf dieser Seite.' }])).toEqual([null]);
  });
});
