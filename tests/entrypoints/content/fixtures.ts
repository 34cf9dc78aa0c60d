import { JSDOM } from 'jsdom';
import type { PageNotes } from '../../../lib/notes/page-notes';

export const paragraphs = Array.from(
  { length: 8 },
  (_, i) => `Absatz ${i + 1}: Der Präsident sprach am Mittwoch lange mit seinem Amtskollegen über den Krieg, die Verhandlungen und die nächsten Schritte.`,
);

/** A news page with an article of eight paragraphs. */
export function articleDocument(url = 'http://news.example/a'): Document {
  const html = `<!doctype html><html lang="de"><head><title>Testartikel</title><meta property="article:published_time" content="2025-03-10T08:00:00Z"></head><body>
<header><nav><a href="/">Start</a></nav></header>
<main><article><h1>Testartikel</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main>
<footer><p>Impressum</p></footer></body></html>`;
  return new JSDOM(html, { url }).window.document;
}

/** A page with no article: a list of links. */
export function indexDocument(url = 'http://news.example/'): Document {
  return new JSDOM(`<!doctype html><html><head><title>Start</title></head><body><ul><li><a href="/a">A</a></li></ul></body></html>`, { url }).window.document;
}

/** Notes of two outlets on the sentence `text` of the page text `page`: B agrees and adds a detail, C is a short report; one point is missing. */
export function notesOn(page: string, text: string): PageNotes {
  const start = page.indexOf(text);
  if (start < 0) throw new Error(`"${text}" is not in the page`);
  return {
    story: 'same',
    language: 'de',
    outlets: ['B', 'C'],
    sentences: [
      {
        start,
        end: start + text.length,
        outlets: [
          { outlet: 'B', relation: 'agree', evidence: ['B sagt es auch.'], adds: ['im Kreml'], conflicts: [] },
          { outlet: 'C', relation: 'short', evidence: [], adds: [], conflicts: [] },
        ],
      },
    ],
    missing: [
      { text: 'Es regnete.', outlets: ['B', 'C'] },
      { text: 'Es war kalt.', outlets: ['B'] },
    ],
  };
}
