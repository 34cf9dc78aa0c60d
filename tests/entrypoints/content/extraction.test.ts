import { describe, expect, it } from 'vitest';
import { fullArticle, pageForPopup, payloadOf, quickPage } from '../../../entrypoints/content/extraction';
import { articleDocument, indexDocument, paragraphs } from './fixtures';

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
    const article = await fullArticle(doc, doc.location.href);
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
    expect(await fullArticle(indexDocument(), 'http://news.example/')).toBeNull();
  });

  it('answers the popup’s "Add this page" with the page, or why not', () => {
    const doc = articleDocument();
    const reply = pageForPopup(doc, doc.location.href);
    expect(reply.ok && reply.page.text).toContain(paragraphs[3]);
    expect(pageForPopup(indexDocument(), 'http://news.example/')).toEqual({ ok: false, error: 'not-an-article' });
  });
});
