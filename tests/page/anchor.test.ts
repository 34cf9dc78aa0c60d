import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { anchorArticle, textRange, titleRange } from '../../page/anchor';
import { drain } from '../helpers/drain';
import { extractArticle } from '../../page/extract-article';

const sentences = (i: number) =>
  `Absatz ${i}: Die Delegationen verhandelten am Mittwoch bis in den späten Abend. Danach traten beide Minister vor die Presse und sprachen von Fortschritten.`;

function page(markup: (text: string, i: number) => string, extra = '') {
  const body = Array.from({ length: 6 }, (_, i) => markup(sentences(i + 1), i)).join('\n');
  const html = `<!doctype html><html lang="de"><head><title>T</title></head><body><main><article><h1>Titel des Artikels</h1>${body}</article></main>${extra}</body></html>`;
  return new JSDOM(html, { url: 'http://127.0.0.1/a' }).window.document;
}

describe('anchorArticle', () => {
  it('anchors paragraphs written as divs with inline markup, soft hyphens and odd whitespace', () => {
    const doc = page((t, i) => `<div class="para"><span>${t.replace('Delegationen', 'Dele\u00adgationen').replace(' bis ', '\n   <b>bis</b> ')}</span></div><div class="ad">Anzeige ${i}</div>`);
    const result = extractArticle(doc);
    if (!result.ok) throw new Error('no article');
    const anchors = drain(anchorArticle(doc, result.article.blocks));
    const paragraphs = result.article.blocks.map((b, i) => [b, anchors.blocks[i]] as const).filter(([b]) => b.text.startsWith('Absatz'));
    expect(paragraphs.length).toBe(6);
    for (const [block, anchor] of paragraphs) {
      expect(anchor).not.toBeNull();
      expect(anchor!.element.closest('.para')).not.toBeNull();
      expect(anchor!.range.toString().replace(/\u00ad/g, '').replace(/\s+/g, ' ')).toBe(block.text);
    }
  });

  it('maps the page only up to the end of the element the article was read from, with the same anchors and headline', async () => {
    const { extractArticleFrom } = await import('../../page/extract-article');
    const comments = Array.from({ length: 50 }, (_, i) => `<li class="comment"><p>Kommentar ${i}: ${sentences(i)}</p></li>`).join('');
    const doc = page((t) => `<p>${t}</p>`, `<section class="comments"><ol>${comments}</ol></section>`);
    const { extraction, root } = drain(extractArticleFrom(doc));
    if (!extraction.ok) throw new Error('no article');
    expect(root?.tagName).toBe('ARTICLE');
    const whole = drain(anchorArticle(doc, extraction.article.blocks));
    const within = drain(anchorArticle(doc, extraction.article.blocks, null, root));
    expect(within.map.chars.length).toBeLessThan(whole.map.chars.length / 5);
    expect(within.map.chars).not.toContain('Kommentar');
    expect(within.blocks.map((a) => a?.span)).toEqual(whole.blocks.map((a) => a?.span));
    expect(within.blocks.filter((a) => a).length).toBeGreaterThanOrEqual(6);
    expect(titleRange(within, 'Titel des Artikels')).toEqual(titleRange(whole, 'Titel des Artikels'));
  });

  it('gives the range of one sentence for article offsets, without touching the page', () => {
    const doc = page((t) => `<p>${t.replace('Presse', '<a href="#">Presse</a>')}</p>`);
    const before = doc.body.innerHTML;
    const result = extractArticle(doc);
    if (!result.ok) throw new Error('no article');
    const { text } = result.article;
    const anchors = drain(anchorArticle(doc, result.article.blocks));
    const start = text.indexOf('Danach', text.indexOf('Absatz 3'));
    const end = text.indexOf('Fortschritten.', start) + 'Fortschritten.'.length;
    const range = textRange(anchors, start, end);
    expect(range?.toString()).toBe('Danach traten beide Minister vor die Presse und sprachen von Fortschritten.');
    expect(range!.startContainer.parentElement!.textContent).toContain('Absatz 3');
    expect(doc.body.innerHTML).toBe(before);
  });

  it('finds the headline above the first paragraph', () => {
    const doc = page((t) => `<p>${t}</p>`);
    const result = extractArticle(doc);
    if (!result.ok) throw new Error('no article');
    const anchors = drain(anchorArticle(doc, result.article.blocks.filter((b) => b.text.startsWith('Absatz'))));
    expect(titleRange(anchors, 'Titel des Artikels')?.startContainer.parentElement?.tagName).toBe('H1');
    expect(titleRange(anchors, 'Absatz 2')).toBeNull();
  });

  it('never anchors into the skipped subtree and leaves unknown blocks null', () => {
    const doc = page((t) => `<p>${t}</p>`, '<div id="own"><p>Titel des Artikels</p></div>');
    const block = { start: 0, end: 17, text: 'Titel des Artikels' };
    const own = doc.getElementById('own');
    const anchors = drain(anchorArticle(doc, [block, { start: 19, end: 40, text: 'Steht nirgends auf der Seite.' }], own));
    expect(anchors.blocks[0]!.element.tagName).toBe('H1');
    expect(anchors.blocks[1]).toBeNull();
  });
});
