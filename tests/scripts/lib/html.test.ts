import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../page/extract-article';
import { publishedDate } from '../../../page/published-date';
import { loadFolder, readTextFile } from '../../../scripts/lib/articles';
import { extractHtml } from '../../../scripts/lib/html';

const shared = path.resolve(process.cwd(), '../shared');
const pagesDir = path.join(shared, 'data/pages');

const paragraphs = Array.from(
  { length: 8 },
  (_, i) => `Paragraph ${i + 1}: The minister spoke for a long time on Wednesday with her counterpart about the war, the talks and the next steps of both governments.`,
);
const articleHtml = `<!doctype html><html lang="en"><head><title>Test article</title>
<link rel="canonical" href="https://news.example/a">
<meta property="article:published_time" content="2025-05-24T21:30:00+02:00"></head>
<body><nav><a href="/">Home</a></nav><main><article><h1>Test article</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main>
<footer><p>Imprint</p></footer></body></html>`;

describe('extractHtml', () => {
  it('reads a page with the extension’s own extraction: same text, title, and the metadata date', () => {
    const page = extractHtml(articleHtml);
    const extension = extractArticle(new JSDOM(articleHtml, { url: 'https://news.example/a' }).window.document);
    expect(extension.ok).toBe(true);
    if (!extension.ok) return;
    expect(page.text).toBe(extension.article.text);
    expect(page.title).toBe('Test article');
    expect(page.url).toBe('https://news.example/a');
    expect(page.date).toBe('2025-05-24');
    expect(page.date).toBe(extension.article.date);
  });

  it('falls back to the body text where the extension sees no article', () => {
    const page = extractHtml('<html><head><title> Short </title><meta name="date" content="2025-01-02"></head><body><p>Only a line.</p></body></html>');
    expect(page).toEqual({ text: 'Only a line.', title: 'Short', url: null, date: '2025-01-02' });
    expect(extractHtml('').date).toBeNull();
  });

  it('gives the real pages the extension’s text and the metadata date', () => {
    if (!fs.existsSync(pagesDir)) return;
    for (const file of ['heise.html', 'nytimes-1.html', 'wapo-1.html']) {
      const html = fs.readFileSync(path.join(pagesDir, file), 'utf8');
      const doc = new JSDOM(html, { url: 'https://example.invalid/' }).window.document;
      const extension = extractArticle(doc);
      const page = extractHtml(html);
      expect(extension.ok, file).toBe(true);
      if (extension.ok) expect(page.text, file).toBe(extension.article.text);
      expect(page.date, file).toBe(publishedDate(doc));
    }
    expect(extractHtml(fs.readFileSync(path.join(pagesDir, 'heise.html'), 'utf8')).date).toBe('2015-04-08');
  });
});

describe('readTextFile and loadFolder', () => {
  it('carry an HTML page’s date; text files leave theirs to the header lines', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossread-html-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.html'), articleHtml);
      fs.writeFileSync(path.join(dir, 'b.txt'), `date: 2025-03-04\n\n${paragraphs.join('\n\n')}\n`);
      expect(readTextFile(path.join(dir, 'a.html')).date).toBe('2025-05-24');
      expect(readTextFile(path.join(dir, 'b.txt')).date).toBeNull();
      const [html, txt] = loadFolder(dir);
      expect(html.file).toBe('a.html');
      expect(html.date).toBe('2025-05-24');
      expect(txt.date).toBe('2025-03-04');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
