import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { fullReading, pageForPopup, payloadOf, quickPage, READ_ELSEWHERE_ELEMENTS } from '../../../entrypoints/content/extraction';
import { extractArticle } from '../../../page/extract-article';
import { problemMessages } from '../../../lib/i18n/problem-messages';
import { readEncodedCopy } from '../../../page/extract-article';
import { articleDocument, indexDocument, paragraphs } from './fixtures';

/** The article page with every word of its paragraphs in an element of its own: a copy of more than READ_ELSEWHERE_ELEMENTS elements. */
function largeArticleDocument(): Document {
  const doc = articleDocument();
  for (const p of Array.from(doc.querySelectorAll('article p'))) p.innerHTML = p.textContent!.split(' ').map((w) => `<span>${w}</span>`).join(' ');
  for (let i = 0; i < 60; i++) doc.querySelector('article')!.insertAdjacentHTML('beforeend', `<p>${paragraphs[i % 8].split(' ').map((w) => `<b>${w}</b>`).join(' ')}</p>`);
  expect(doc.querySelector('article')!.getElementsByTagName('*').length).toBeGreaterThan(READ_ELSEWHERE_ELEMENTS);
  return doc;
}

describe('the extraction steps', () => {
  it('a first look reads the paragraphs with what the page says of itself', async () => {
    const doc = articleDocument();
    const quick = await quickPage(doc, doc.location.href);
    expect(quick).not.toBeNull();
    expect(quick!.text).toContain(paragraphs[0]);
    expect(quick!.text).toContain(paragraphs[7]);
    expect(quick).toMatchObject({ url: 'http://news.example/a', title: 'Testartikel', language: 'de', publishedTime: '2025-03-10' });
    expect(await quickPage(indexDocument(), 'http://news.example/')).toBeNull();
  });

  it('the full extraction gives the article in blocks, and the payload the background reads', async () => {
    const doc = articleDocument();
    const article = (await fullReading(doc, doc.location.href))?.article ?? null;
    expect(article).not.toBeNull();
    for (const block of article!.blocks) expect(article!.text.slice(block.start, block.end)).toBe(block.text);
    expect(payloadOf(article!)).toEqual({
      text: article!.text,
      url: 'http://news.example/a',
      title: article!.title,
      language: 'de',
      publishedTime: '2025-03-10',
      siteName: article!.siteName,
    });
    expect(await fullReading(indexDocument(), 'http://news.example/')).toBeNull();
  });

  it('answers the popup’s "Add this page" with the page, or why not in the reader’s language', async () => {
    const doc = articleDocument();
    const reply = await pageForPopup(doc, doc.location.href);
    expect(reply.ok && reply.page.text).toContain(paragraphs[3]);
    // The same page as a whole-page extraction (what "Add this page" stored before it was read in slices).
    const whole = extractArticle(articleDocument(), doc.location.href);
    expect(reply).toEqual({ ok: true, page: payloadOf(whole.ok ? whole.article : (null as never)) });
    const refused = await pageForPopup(indexDocument(), 'http://news.example/');
    expect(refused).toMatchObject({ ok: false, problem: { kind: 'not-an-article' } });
    expect(problemMessages('de').failure(refused)).toBe('Diese Seite ist kein Artikel, den crossread lesen kann.');
  });

  it('reads a large page for "Add this page" and "Keep what I read" as for its notes: its copy elsewhere, else here, to the same page', async () => {
    const sent: string[] = [];
    const background = async (copy: string) => {
      sent.push(copy);
      return readEncodedCopy(copy, new JSDOM('').window.document.implementation);
    };
    const large = largeArticleDocument();
    const elsewhere = await pageForPopup(large, large.location.href, background);
    expect(sent).toHaveLength(1);
    const here = await pageForPopup(large, large.location.href, async () => undefined);
    expect(sent).toHaveLength(1);
    expect(elsewhere.ok).toBe(true);
    expect(elsewhere).toEqual(here);
    // What it stored before: the page read whole, on the page.
    const whole = extractArticle(largeArticleDocument(), large.location.href);
    expect(elsewhere).toEqual({ ok: true, page: payloadOf(whole.ok ? whole.article : (null as never)) });
    expect(elsewhere.ok && elsewhere.page.text).toContain(paragraphs[5]);
  });

  it('has a large page’s copy read elsewhere, with the same article, and reads it itself where that fails', async () => {
    const sent: string[] = [];
    // The background's reading, in a DOM of its own.
    const background = async (copy: string) => {
      sent.push(copy);
      return readEncodedCopy(copy, new JSDOM('').window.document.implementation);
    };
    const large = largeArticleDocument();
    const inPage = await fullReading(large, large.location.href, async () => undefined);
    const read = await fullReading(large, large.location.href, background);
    expect(sent).toHaveLength(1);
    expect(read).not.toBeNull();
    expect(JSON.stringify(read!.article)).toBe(JSON.stringify(inPage!.article));
    expect(read!.root).toBe(large.querySelector('article'));
    expect(read!.article.text).toContain(paragraphs[5]);
    // A background that fails or answers late (undefined): the page reads the copy itself, to the same article.
    const failing = await fullReading(large, large.location.href, async () => undefined);
    expect(JSON.stringify(failing!.article)).toBe(JSON.stringify(read!.article));
    // A small page is read here: no copy goes anywhere.
    const small = articleDocument();
    expect((await fullReading(small, small.location.href, background))!.article.text).toContain(paragraphs[7]);
    expect(sent).toHaveLength(1);
  });
});
