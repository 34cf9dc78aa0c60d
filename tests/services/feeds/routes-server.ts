/**
 * A local HTTP server on 127.0.0.1 that serves fixed routes, for the feed
 * tests: a feed, an item page, or one of the bad answers a real server gives
 * (an error status, a redirect loop, no answer at all, a huge body). It logs
 * every request, so a test can check what was (not) asked and with which headers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  status?: number;
  type?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Answer 304 when the request carries this ETag. */
  etag?: string;
  /** Redirect to this path (on the same server). */
  redirect?: string;
  /** Never answer. */
  hang?: boolean;
  /** Stream this many bytes of filler (a document too large). */
  bytes?: number;
}

export interface LoggedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface RoutesServer {
  origin: string;
  routes: Map<string, Route>;
  log: LoggedRequest[];
  close: () => Promise<void>;
}

export async function startRoutesServer(routes: Record<string, Route> = {}, port = 0): Promise<RoutesServer> {
  const table = new Map(Object.entries(routes));
  const log: LoggedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    log.push({ path, headers: req.headers });
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.hang) {
      hanging.add(res);
      return;
    }
    if (route.redirect) {
      res.writeHead(302, { location: route.redirect }).end();
      return;
    }
    if (route.etag && req.headers['if-none-match'] === route.etag) {
      res.writeHead(304, { etag: route.etag }).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': route.type ?? 'application/rss+xml; charset=utf-8', ...route.headers };
    if (route.etag) headers.etag = route.etag;
    if (route.bytes) {
      res.writeHead(route.status ?? 200, headers);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < route.bytes!) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    res.writeHead(route.status ?? 200, headers).end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${actual}`,
    routes: table,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FixtureItem {
  id: string;
  title: string;
  link: string | null;
  date?: string;
  /** The whole article, carried in content:encoded / content / content_html. */
  content?: string;
  summary?: string;
}

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => `<p>${esc(p.trim())}</p>`).join('');

export function rssFeed(title: string, site: string, items: FixtureItem[]): string {
  const body = items
    .map(
      (i) => `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}<guid isPermaLink="false">${esc(i.id)}</guid>` +
        `${i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''}<description>${esc(i.summary ?? '')}</description>` +
        `${i.content ? `<content:encoded><![CDATA[${paragraphs(i.content)}]]></content:encoded>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(title)}</title><link>${esc(site)}</link><description>d</description>\n${body}\n</channel></rss>`;
}

export function atomFeed(title: string, site: string, items: FixtureItem[]): string {
  const body = items
    .map(
      (i) => `<entry><id>${esc(i.id)}</id><title>${esc(i.title)}</title>${i.link ? `<link rel="alternate" href="${esc(i.link)}"/>` : ''}` +
        `<updated>${i.date ?? '2025-05-08'}T20:00:00Z</updated>${i.summary ? `<summary>${esc(i.summary)}</summary>` : ''}` +
        `${i.content ? `<content type="html">${esc(paragraphs(i.content))}</content>` : ''}</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>${esc(site)}</id><updated>2025-05-09T00:00:00Z</updated><link rel="alternate" href="${esc(site)}"/>\n${body}\n</feed>`;
}

export function jsonFeed(title: string, site: string, items: FixtureItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: site,
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      ...(i.link ? { url: i.link } : {}),
      ...(i.date ? { date_published: `${i.date}T20:00:00Z` } : {}),
      ...(i.content ? { content_html: paragraphs(i.content) } : { summary: i.summary ?? '' }),
    })),
  });
}

/** An article page as a news site serves it: headline, date, paragraphs, some chrome around. */
export function articlePage(title: string, text: string, date = '2025-05-08', feeds: Array<{ type: string; href: string; title: string }> = []): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta property="article:published_time" content="${date}T20:00:00+02:00">
${feeds.map((f) => `<link rel="alternate" type="${f.type}" href="${esc(f.href)}" title="${esc(f.title)}">`).join('\n')}
</head><body><header><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav></header>
<main><article><h1>${esc(title)}</h1><time datetime="${date}">${date}</time>${paragraphs(text)}</article></main>
<footer><p>© Outlet</p></footer></body></html>`;
}
