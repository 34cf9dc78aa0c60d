/**
 * The copy Readability reads, made on the page or encoded there and rebuilt
 * in another context (the background's offscreen document, Firefox's
 * background page): the same tree, and so the same extraction, byte for byte.
 * Each rebuild here is made in a JSDOM window of its own, as the background's
 * is not the page's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleOf, readArticle, readingInPage, readingSource, readEncodedCopy } from '../../page/extract-article';
import { encodedReadingCopy, readingCopy, rebuildReadingCopy } from '../../page/reading-copy';
import { readCopyHere } from '../../services/copy-reader';
import { bigPage, noStoryPage } from '../../scripts/bench-browser';
import { renderArticlePage } from '../../scripts/demo/article-page';
import { loadDemoSeeds } from '../../scripts/demo/demo-seeds';
import { drain } from '../helpers/drain';
import { haveShared, sharedPath } from '../helpers/shared';

const dom = (html: string, url = 'http://news.example/a') => new JSDOM(html, { url }).window.document;
/** Another context's DOM, without the page in it. */
const elsewhere = () => new JSDOM('').window.document.implementation;

/** A tree as text, every node apart: names with their namespace, attributes in order with theirs, and each text node's data. */
function shape(node: Node): string {
  if (node.nodeType === 3) return JSON.stringify((node as Text).data);
  if (node.nodeType === 9) return Array.from(node.childNodes, shape).join('');
  if (node.nodeType === 10) return `<!doctype ${(node as DocumentType).name}>`;
  const element = node as Element;
  const attributes = Array.from(element.attributes, (a) => ` ${a.namespaceURI ?? ''}|${a.name}=${JSON.stringify(a.value)}`).join('');
  return `<${element.namespaceURI}|${element.nodeName}${attributes}>${Array.from(element.childNodes, shape).join('')}</>`;
}

/** The page's extraction both ways: read on the page, and encoded, rebuilt and read elsewhere. */
function bothWays(doc: Document) {
  const source = drain(readingSource(doc));
  if (!source.ok) return { here: source, there: source, copies: null };
  const encoded = drain(encodedReadingCopy(doc, source.root));
  const copies = { here: shape(drain(readingCopy(doc, source.root))), there: shape(rebuildReadingCopy(encoded, elsewhere())) };
  const here = articleOf(doc, doc.URL, drain(readingInPage(doc, source.root)));
  const there = articleOf(doc, doc.URL, readEncodedCopy(encoded, elsewhere()));
  return { here, there, copies };
}

const paragraphs = Array.from({ length: 6 }, (_, i) => `Absatz ${i + 1}: Die Regierung beriet am Mittwoch lange über den Haushalt, die Schulden und die nächsten Schritte der Koalition.`);

describe('the reading copy, made here or rebuilt elsewhere', () => {
  it('is the same tree where HTML would not give it back, and the same article', () => {
    const doc = dom(`<!doctype html><html lang="de" data-x="1"><head><title>Haushalt</title>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-10","publisher":{"name":"Quellbach Bote"}}</script>
<style>p{}</style></head><body><nav>Start</nav>
<article class="story" x-on:click="go()"><h1>Haushalt</h1>
${paragraphs.map((p, i) => `<p id="p${i}">${p.replace('Schulden', 'Schulden<script>track()</script> und')}</p>`).join('\n')}
<pre>\nEingerückt</pre><div hidden><p>Versteckt</p></div><noscript><p>Ohne Skript</p></noscript>
<p>Formel <math><mi xlink:href="#x">x</mi><mo>+</mo><mn>1</mn></math> im Text.</p>
</article></body></html>`);
    // Trees a page's scripts build and HTML's parser would not give back: a <p> in a <p>, a text node split in two.
    const article = doc.querySelector('article')!;
    const outer = doc.createElement('p');
    const inner = doc.createElement('p');
    inner.textContent = 'Ein Absatz im Absatz, wie ihn nur ein Skript baut, mit genug Text für Readability.';
    outer.append(doc.createTextNode('Erster Teil, '), doc.createTextNode('zweiter Teil. '), inner);
    article.append(outer);

    const { here, there, copies } = bothWays(doc);
    expect(copies!.there).toBe(copies!.here);
    // The rebuilt copy keeps what HTML would merge or move.
    expect(copies!.here).toContain('"Erster Teil, ""zweiter Teil. "');
    expect(copies!.here).toContain('http://www.w3.org/1998/Math/MathML|mi');
    expect(copies!.here).toContain('http://www.w3.org/1999/xlink|xlink:href');
    expect(copies!.here).not.toContain('Versteckt');
    expect(here.ok).toBe(true);
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
  });

  it('drops only an attribute whose name the other DOM refuses, and reads the same article', () => {
    const doc = dom(`<!doctype html><html><head><title>Haushalt</title></head><body><article><h1>Haushalt</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
    // A name HTML's parser takes and setAttribute refuses (in jsdom, as in browsers of the older naming rules).
    doc.body.innerHTML = doc.body.innerHTML.replace('<article>', '<article @click="go()">');
    expect(doc.querySelector('article')!.attributes[0].name).toBe('@click');
    const { here, there, copies } = bothWays(doc);
    expect(copies!.here).toContain('|@click=');
    expect(copies!.there).toBe(copies!.here.replace(' |@click="go()"', ''));
    expect(here.ok).toBe(true);
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
  });

  it('is the same for the demo pages, the no-story page and the 2 MB page', async () => {
    const demo = await loadDemoSeeds();
    const pages = [...demo.articles.map((a, i) => renderArticlePage(a, i)), renderArticlePage(noStoryPage(), 7), bigPage(demo.articles[0])];
    for (const html of pages) {
      const { here, there, copies } = bothWays(dom(html, 'http://127.0.0.1:8080/a'));
      expect(here.ok).toBe(true);
      expect(copies!.there).toBe(copies!.here);
      expect(JSON.stringify(there)).toBe(JSON.stringify(here));
    }
  }, 60_000);

  it.skipIf(!haveShared('data/pages', 'the reading copy of the real pages'))('is the same for the real pages of other outlets', () => {
    const dir = sharedPath('data/pages');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const { here, there, copies } = bothWays(dom(fs.readFileSync(path.join(dir, file), 'utf8'), `https://${file}/`));
      expect(copies?.there, file).toBe(copies?.here);
      expect(JSON.stringify(there), file).toBe(JSON.stringify(here));
    }
  }, 60_000);

  it('is refused with a reason where the string is no copy', () => {
    expect(() => rebuildReadingCopy('{"nodes":7}', elsewhere())).toThrow(/not a reading copy/);
    expect(() => rebuildReadingCopy('{"html":[],"rooted":false,"base":"http://a/","nodes":[5,"p",[]]}', elsewhere())).toThrow(/not a reading copy/);
    const reply = readCopyHere('<html>', elsewhere());
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/^The page's copy could not be read \(.+\)\.$/);
    // A copy with no article in it is a reading of none, not a failure.
    const index = dom('<!doctype html><html><head><title>Start</title></head><body><ul><li><a href="/a">A</a></li></ul></body></html>');
    expect(readCopyHere(drain(encodedReadingCopy(index, null)), elsewhere())).toEqual({ ok: true, reading: readArticle(drain(readingCopy(index, null))) });
  });
});
