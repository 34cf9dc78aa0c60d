import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, fetchLimited, type FetchOptions } from '../../../services/feeds/fetch-limited';
import { startRoutesServer, type RoutesServer } from './routes-server';

let server: RoutesServer;
beforeAll(async () => {
  server = await startRoutesServer({
    '/feed.xml': { body: '<rss/>', type: 'application/rss+xml' },
    '/moved.xml': { redirect: '/feed.xml' },
    '/loop.xml': { redirect: '/loop.xml' },
    '/a.xml': { redirect: '/b.xml' },
    '/b.xml': { redirect: '/a.xml' },
  });
});
afterAll(() => server.close());

const options: FetchOptions = { accept: 'application/rss+xml', timeoutMs: 5_000, maxBytes: 1024 * 1024, allowed: async () => true };
const failure = (url: string, more: Partial<FetchOptions> = {}) =>
  fetchLimited(url, { ...options, ...more }).then(
    () => null,
    (error: unknown) => (error instanceof FetchError ? { kind: error.kind, message: error.message } : { kind: 'other', message: String(error) }),
  );

describe('fetchLimited and redirects', () => {
  it('follows a redirect on the same site and says where it ended', async () => {
    const result = await fetchLimited(`${server.origin}/moved.xml`, options);
    expect(result).toMatchObject({ status: 'ok', body: '<rss/>', url: `${server.origin}/feed.xml` });
  });

  it('tells a redirect loop apart from a server that cannot be reached, in plain words', async () => {
    for (const path of ['/loop.xml', '/a.xml']) {
      expect(await failure(`${server.origin}${path}`), path).toEqual({
        kind: 'redirects',
        message: 'The address redirects in a loop (or more than 20 times, or to a server that cannot be reached), so the document could not be fetched.',
      });
    }
    // A port nobody listens on: no redirect to blame.
    const closed = await startRoutesServer();
    const origin = closed.origin;
    await closed.close();
    expect(await failure(`${origin}/feed.xml`)).toMatchObject({ kind: 'network', message: expect.stringMatching(/^The server could not be reached: no connection/) });
  });

  it('asks the loop’s address once more without following, with the same promise: no cookies, no referrer, same headers', async () => {
    const seen: RequestInit[] = [];
    const recording: typeof fetch = (input, init) => (seen.push(init ?? {}), fetch(input, init));
    server.log.length = 0;
    await failure(`${server.origin}/loop.xml`, { fetchImpl: recording, etag: '"v1"' });
    expect(seen.map((i) => i.redirect)).toEqual(['follow', 'manual']);
    for (const init of seen) expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', headers: { Accept: 'application/rss+xml', 'If-None-Match': '"v1"' } });
  });
});
