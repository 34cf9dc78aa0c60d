import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { startDemoServer, type DemoServer } from '../../scripts/demo/server';

const repoSeeds = path.resolve(process.cwd(), 'seeds');
const sharedPages = path.resolve(process.cwd(), '../shared/data/pages');

interface ManifestEntry {
  file: string;
  outlet: string;
  title: string;
  language: string;
  date: string | null;
}

/** A request with the target sent exactly as given (fetch would normalise `..` away). */
function rawGet(server: DemoServer, target: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: target, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

const CAPTION = /©|^Foto:/;
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Every way a page could pull something from elsewhere: any src, stylesheets, and links that leave the site. */
function externalReferences(doc: Document): string[] {
  const found: string[] = [];
  for (const el of doc.querySelectorAll('[src], link[rel~="stylesheet"], [srcset], object, embed, iframe')) found.push(el.outerHTML.slice(0, 80));
  for (const el of doc.querySelectorAll('[href]')) {
    const href = el.getAttribute('href') ?? '';
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    if (!/^(\/(?!\/)|#|data:)/.test(href)) found.push(href);
  }
  for (const style of doc.querySelectorAll('style')) if (/@import|url\(/i.test(style.textContent ?? '')) found.push('style with url()');
  for (const script of doc.querySelectorAll('script')) if (script.getAttribute('type') !== 'application/ld+json') found.push('executable script');
  return found;
}

describe('demo server with the repository seeds', () => {
  let server: DemoServer;
  let manifest: ManifestEntry[];
  let texts: string[];

  beforeAll(async () => {
    manifest = JSON.parse(await readFile(path.join(repoSeeds, 'manifest.json'), 'utf8')).articles;
    texts = await Promise.all(manifest.map((entry) => readFile(path.join(repoSeeds, entry.file), 'utf8')));
    server = await startDemoServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('listens on a free port on 127.0.0.1', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('serves a front page linking every seed article by its title', async () => {
    const res = await fetch(server.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const doc = parse(await res.text());
    manifest.forEach((entry, n) => {
      const link = doc.querySelector(`a[href="/article/${n}"]:not([aria-hidden])`);
      expect(squash(link?.textContent)).toBe(entry.title);
    });
    expect(externalReferences(doc)).toEqual([]);
  });

  it('renders each seed as a news page with the metadata of its manifest entry', async () => {
    const siteNames = new Set<string>();
    const accents = new Set<string>();
    for (const [n, entry] of manifest.entries()) {
      const res = await fetch(`${server.url}/article/${n}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const doc = parse(html);
      expect(doc.documentElement.lang).toBe(entry.language);
      expect(doc.title).toContain(entry.title);
      expect(doc.querySelector('meta[charset]')).not.toBeNull();
      expect(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(entry.title);
      expect(doc.querySelector('meta[name="date"]')?.getAttribute('content')).toBe(entry.date ?? '');
      expect(doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content')).toBe(entry.date ?? '');
      expect(squash(doc.querySelector('main article h1')?.textContent)).toBe(entry.title);
      expect(doc.querySelectorAll('article h1')).toHaveLength(1);
      expect(doc.querySelector('body > header nav a')).not.toBeNull();
      expect(doc.querySelector('aside.sidebar a')).not.toBeNull();
      expect(doc.querySelector('aside.sidebar')?.closest('article')).toBeNull();
      expect(doc.querySelector('body > footer')).not.toBeNull();
      expect(doc.querySelector('article time')?.getAttribute('datetime')).toBe(entry.date ?? '');
      expect(doc.querySelectorAll('article p').length).toBeGreaterThan(2);
      expect(externalReferences(doc)).toEqual([]);
      siteNames.add(squash(doc.querySelector('.logo')?.textContent));
      accents.add(/--accent:([^;]+);/.exec(html)?.[1] ?? '');
    }
    expect(siteNames.size).toBe(manifest.length);
    expect(accents.size).toBe(manifest.length);
  });

  it('shows every line of each seed text, comments outside the article and captions in figures', async () => {
    let bulletLines = 0;
    let captionLines = 0;
    for (const [n, text] of texts.entries()) {
      const doc = parse(await (await fetch(`${server.url}/article/${n}`)).text());
      const article = doc.querySelector('main article')!;
      const articleText = squash(article.textContent);
      const comments = doc.querySelector('section.comments');
      const commentText = squash(comments?.textContent);
      expect(comments?.closest('article') ?? null).toBeNull();
      const lines = text.split('\n');
      const commentStart = lines.findIndex((line) => /^\s*•/.test(line));
      lines.forEach((line, index) => {
        const content = squash(line.replace(/^\s*•\s*/, ''));
        if (!content) return;
        if (commentStart !== -1 && index >= commentStart) {
          if (/^\s*•/.test(line)) {
            bulletLines++;
            expect(articleText).not.toContain(content);
          }
          expect(commentText).toContain(content);
        } else if (CAPTION.test(lines[index + 1] ?? '')) {
          // A line right above a caption is the photo's title: its alt text, not visible copy.
          const labels = [...article.querySelectorAll('figure [role="img"]')].map((el) => el.getAttribute('aria-label'));
          expect(labels).toContain(content);
        } else if (content.split(' ').length >= 8) {
          expect(articleText).toContain(content);
        } else {
          // Comment-area chrome above the first comment ("show comments") may sit in either part, never nowhere.
          expect(articleText.includes(content) || commentText.includes(content), content).toBe(true);
        }
        if (CAPTION.test(content)) {
          captionLines++;
          const captions = [...article.querySelectorAll('figure figcaption')].map((el) => squash(el.textContent));
          expect(captions).toContain(content);
        }
      });
      if (commentStart !== -1) expect(comments?.querySelectorAll('.comment').length).toBe(lines.filter((l) => /^\s*•/.test(l)).length);
    }
    // The seeds do hold comments and captions; otherwise the checks above would have tested nothing.
    expect(bulletLines).toBeGreaterThan(0);
    expect(captionLines).toBeGreaterThan(0);
  });

  it('answers 404 for unknown paths and article numbers out of range', async () => {
    for (const target of [`/article/${manifest.length}`, '/article/-1', '/article/01', '/article/abc', '/article/', '/nope', '/favicon.ico', '/x/none', '/pages/heise.html']) {
      const res = await rawGet(server, target);
      expect(res.status, target).toBe(404);
    }
  });

  it('refuses methods other than GET and HEAD, and sends no body for HEAD', async () => {
    expect((await rawGet(server, '/', 'POST')).status).toBe(405);
    const head = await rawGet(server, '/article/0', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('records every request target in order', async () => {
    const before = server.requests.length;
    await rawGet(server, '/article/1?from=test');
    await rawGet(server, '/missing');
    expect(server.requests.slice(before)).toEqual(['/article/1?from=test', '/missing']);
  });
});

describe('demo server escaping and layout rules', () => {
  const hostile = '<script>alert(1)</script>';
  let dir: string;
  let server: DemoServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'crossread-demo-'));
    const seeds = path.join(dir, 'seeds');
    await mkdir(seeds);
    await writeFile(
      path.join(seeds, 'manifest.json'),
      JSON.stringify({
        version: 1,
        story: hostile,
        articles: [
          { id: 'h', file: 'hostile.txt', outlet: `"><img src=x onerror=alert(2)>`, title: `Titel ${hostile}`, language: 'de', date: '2024-01-02' },
          { id: 'l', file: 'layout.txt', outlet: 'Outlet B', title: 'Ein Titel', language: 'de', date: null },
        ],
      }),
    );
    await writeFile(
      path.join(seeds, 'hostile.txt'),
      `Ein Absatz mit ${hostile} darin und einem & Zeichen.\n\nZwischentitel ${hostile}\n\nFoto: ${hostile}\n\nKommentare\n\n  • ${hostile} im Kommentar\n`,
    );
    await writeFile(
      path.join(seeds, 'layout.txt'),
      [
        'Ein Titel',
        '',
        'Der erste Absatz erzählt, was geschah. Er endet mit einem Punkt.',
        'Ein Zwischentitel ohne Punkt',
        'Der zweite Absatz steht direkt unter dem Zwischentitel und ist lang genug.',
        '',
        'Bildtitel',
        'Zwei Menschen auf einer Bühne. © Agentur | Name',
        '',
        'Zitat als Überschrift: „Nie wieder“',
        '',
        'Sie sagte: „Das ist ein ganzer Satz.“',
        '',
        'Eingebetteter Inhalt',
        'Hier steht ein Beitrag von einer anderen Plattform.',
        'Externer Beitrag',
        'Mit einem Klick laden Sie ihn.',
        '',
        'Leave a Reply',
        '',
        '  • Erster Kommentar, erste Zeile.',
        '',
        '    Zweiter Absatz des ersten Kommentars.',
        '  • Zweiter Kommentar.',
        'Your email address will not be published.',
      ].join('\n'),
    );
    server = await startDemoServer({ port: 0, seedsDir: seeds, extraPages: { probe: `<p id="probe">${hostile}</p>` } });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('escapes hostile text everywhere it appears', async () => {
    for (const target of ['/', '/article/0']) {
      const html = await (await fetch(server.url + target)).text();
      expect(html, target).not.toContain('<script>alert');
      expect(html, target).not.toContain('<img src=x');
      const doc = parse(html);
      expect(doc.querySelectorAll('img')).toHaveLength(0);
      expect([...doc.querySelectorAll('script')].every((s) => s.getAttribute('type') === 'application/ld+json')).toBe(true);
      expect(doc.body.textContent).toContain(hostile);
    }
    const doc = parse(await (await fetch(server.url + '/article/0')).text());
    expect(squash(doc.querySelector('h1')?.textContent)).toBe(`Titel ${hostile}`);
    expect(JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!).headline).toBe(`Titel ${hostile}`);
    expect(doc.querySelector('section.comments')?.textContent).toContain(`${hostile} im Kommentar`);
  });

  it('serves extra pages verbatim at /x/<name>, and nothing inherited from Object', async () => {
    const res = await fetch(server.url + '/x/probe');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(`<p id="probe">${hostile}</p>`);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect((await rawGet(server, `/x/${name}`)).status).toBe(404);
  });

  it('turns short unpunctuated lines into subheadings and captions into figures', async () => {
    const doc = parse(await (await fetch(server.url + '/article/1')).text());
    const article = doc.querySelector('article')!;
    expect(article.querySelectorAll('h1')).toHaveLength(1);
    expect([...article.querySelectorAll('h2')].map((h) => squash(h.textContent))).toEqual([
      'Ein Zwischentitel ohne Punkt',
      'Zitat als Überschrift: „Nie wieder“',
    ]);
    const paragraphs = [...article.querySelectorAll('.article-body p')].map((p) => squash(p.textContent));
    expect(paragraphs).toContain('Sie sagte: „Das ist ein ganzer Satz.“');
    expect(paragraphs).not.toContain('Ein Titel');
    const figure = article.querySelector('figure:has(figcaption)')!;
    expect(squash(figure.querySelector('figcaption')?.textContent)).toBe('Zwei Menschen auf einer Bühne. © Agentur | Name');
    expect(figure.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Bildtitel');
    expect(article.textContent).not.toContain('Bildtitel');
  });

  it('sets a run of lines with titles of its own apart as a box, not as subheadings', async () => {
    const doc = parse(await (await fetch(server.url + '/article/1')).text());
    const box = doc.querySelector('article .embed-box');
    expect([...(box?.querySelectorAll('p') ?? [])].map((p) => squash(p.textContent))).toEqual([
      'Eingebetteter Inhalt',
      'Hier steht ein Beitrag von einer anderen Plattform.',
      'Externer Beitrag',
      'Mit einem Klick laden Sie ihn.',
    ]);
  });

  it('groups bulleted comments with their indented continuation lines outside the article', async () => {
    const doc = parse(await (await fetch(server.url + '/article/1')).text());
    expect(doc.querySelector('article')!.textContent).not.toMatch(/Kommentar|Leave a Reply|will not be published/);
    const comments = [...doc.querySelectorAll('section.comments .comment .comment-body')].map((c) => [...c.querySelectorAll('p')].map((p) => squash(p.textContent)));
    expect(comments).toEqual([['Erster Kommentar, erste Zeile.', 'Zweiter Absatz des ersten Kommentars.'], ['Zweiter Kommentar.']]);
    expect(doc.querySelector('section.comments')?.textContent).toContain('Your email address will not be published.');
  });
});

describe('demo server saved pages', () => {
  let dir: string;
  let pagesDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'crossread-pages-'));
    pagesDir = path.join(dir, 'pages');
    await mkdir(pagesDir);
    await writeFile(path.join(pagesDir, 'inside.html'), '<p>inside</p>');
    await writeFile(path.join(dir, 'secret.html'), '<p>secret</p>');
    await symlink(path.join(dir, 'secret.html'), path.join(pagesDir, 'link.html'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves files of pagesDir and nothing outside it', async () => {
    const server = await startDemoServer({ port: 0, pagesDir });
    try {
      const ok = await rawGet(server, '/pages/inside.html');
      expect(ok).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<p>inside</p>' });
      for (const target of [
        '/pages/../secret.html',
        '/pages/..%2fsecret.html',
        '/pages/%2e%2e%2fsecret.html',
        '/pages/%2E%2E/secret.html',
        '/pages/..%5csecret.html',
        '/pages/link.html',
        '/pages/pages%2finside.html',
        `/pages/${encodeURIComponent(path.join(dir, 'secret.html'))}`,
        '/pages/%ZZ.html',
        '/pages/',
      ]) {
        const res = await rawGet(server, target);
        expect(res.status, target).toBe(404);
        expect(res.body, target).not.toContain('<p>secret</p>');
      }
    } finally {
      await server.close();
    }
  });

  it('serves the shared saved pages byte for byte and lists them on the front page', async (ctx) => {
    if (!existsSync(sharedPages)) ctx.skip();
    const server = await startDemoServer({ port: 0, pagesDir: sharedPages });
    try {
      const expected = await readFile(path.join(sharedPages, 'heise.html'), 'utf8');
      const res = await fetch(server.url + '/pages/heise.html');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toBe(expected);
      const front = parse(await (await fetch(server.url + '/')).text());
      expect(front.querySelector('a[href="/pages/heise.html"]')).not.toBeNull();
      expect((await rawGet(server, '/pages/README.md')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('closes even while a client holds a keep-alive connection', async () => {
    const server = await startDemoServer({ port: 0 });
    const other = await startDemoServer({ port: 0 });
    expect(other.port).not.toBe(server.port);
    await fetch(server.url + '/', { keepalive: true });
    await Promise.all([server.close(), other.close()]);
    await expect(fetch(server.url + '/')).rejects.toThrow();
  });
});
