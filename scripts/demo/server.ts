import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { renderArticlePage } from './article-page';
import { defaultSeedsDir, loadDemoSeeds } from './demo-seeds';
import { escapeHtml } from './html';
import { renderFrontPage } from './front-page';

export interface DemoServerOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1: the demo is for this machine only. */
  host?: string;
  /** Folder with manifest.json and the seed texts. Default: the repository's seeds/. */
  seedsDir?: string;
  /** Folder of saved HTML pages served at /pages/<name>.html; null (default) turns the route off. */
  pagesDir?: string | null;
  /** Extra HTML pages served at /x/<name>, for tests that need a page of their own. */
  extraPages?: Record<string, string>;
}

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Every request target the server received, in order (path and query as sent). */
  requests: string[];
}

const HTML = 'text/html; charset=utf-8';
/** Names a page file may have: no separators, no dot-segments, nothing that decodes into either. */
const PAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.html$/;

/**
 * Serves the demo news site: a front page, the seed articles as outlet pages, saved real pages
 * and test pages. It only answers; it never makes a request of its own.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const seeds = await loadDemoSeeds(options.seedsDir ?? defaultSeedsDir);
  const pagesDir = options.pagesDir ? await realpath(path.resolve(options.pagesDir)) : null;
  const testPages = pagesDir ? (await readdir(pagesDir)).filter((name) => PAGE_NAME.test(name)).sort() : [];
  const extraPages = options.extraPages ?? {};
  const host = options.host ?? '127.0.0.1';
  const requests: string[] = [];

  const route = async (pathname: string): Promise<{ status: number; body: string }> => {
    if (pathname === '/' || pathname === '/index.html') return { status: 200, body: renderFrontPage(seeds, testPages) };
    const article = /^\/article\/(0|[1-9]\d{0,5})\/?$/.exec(pathname);
    if (article) {
      const position = Number(article[1]);
      const seed = seeds.articles[position];
      return seed ? { status: 200, body: renderArticlePage(seed, position) } : notFound(pathname);
    }
    const page = /^\/pages\/([^/]+)$/.exec(pathname);
    if (page && pagesDir) {
      const body = await readPage(pagesDir, page[1]);
      return body === null ? notFound(pathname) : { status: 200, body };
    }
    const extra = /^\/x\/([^/]+)$/.exec(pathname);
    if (extra) {
      const name = decodeSegment(extra[1]);
      if (name !== null && Object.hasOwn(extraPages, name)) return { status: 200, body: extraPages[name] };
    }
    return notFound(pathname);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '/';
    requests.push(target);
    const send = (status: number, body: string, extraHeaders: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': HTML,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...extraHeaders,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, errorPage(405, 'Methode nicht erlaubt'), { Allow: 'GET, HEAD' });
      return;
    }
    const pathname = target.split(/[?#]/, 1)[0];
    route(pathname).then(
      ({ status, body }) => send(status, body),
      (error: unknown) => {
        console.error('[demo-server]', error);
        send(500, errorPage(500, 'Interner Fehler'));
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** A saved page's HTML, or null when the name is not a plain page file directly inside pagesDir. */
async function readPage(pagesDir: string, segment: string): Promise<string | null> {
  const name = decodeSegment(segment);
  if (name === null || !PAGE_NAME.test(name)) return null;
  try {
    // realpath also resolves symlinks, so a link inside the folder cannot lead out of it.
    const file = await realpath(path.join(pagesDir, name));
    if (path.dirname(file) !== pagesDir || !(await stat(file)).isFile()) return null;
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

function notFound(pathname: string): { status: number; body: string } {
  return { status: 404, body: errorPage(404, `Seite nicht gefunden: ${pathname}`) };
}

function errorPage(status: number, message: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${status}</title></head><body><h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">Zur Startseite</a></p></body></html>`;
}
