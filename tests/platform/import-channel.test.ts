import { afterEach, describe, expect, it } from 'vitest';
import { ImportChannelClient, serveImportChannel } from '../../platform/import-channel';
import { dispatch } from '../../platform/protocol';

const origin = 'chrome-extension://crossread/';
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('the import channel', () => {
  it('answers each worker its own requests, through the protocol’s checks', async () => {
    const seen: unknown[] = [];
    stops.push(
      serveImportChannel((message) =>
        dispatch(
          message,
          { url: origin },
          {
            'crossread:import-articles': async (m) => {
              seen.push(m.part);
              return { ok: true, count: m.articles.length + m.part * 100 };
            },
          },
          origin,
        ),
      ),
    );
    const a = new ImportChannelClient();
    const b = new ImportChannelClient();
    stops.push(() => a.close(), () => b.close());
    expect(await a.hello(2_000)).toBe(true);
    const part = (n: number) => ({ type: 'crossread:import-articles', operation: 'op', part: n, total: 1, articles: [] });
    const [ra, rb] = await Promise.all([a.ask(part(1)), b.ask(part(2))]);
    expect(ra).toEqual({ ok: true, count: 100 });
    expect(rb).toEqual({ ok: true, count: 200 });
    expect(seen.sort()).toEqual([1, 2]);
    // A malformed part is refused by the protocol's check, not handed to the import.
    const bad = (await a.ask({ type: 'crossread:import-articles', operation: 'op', part: -1, total: 'x', articles: [] })) as { ok: boolean; error: string };
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/Invalid request/);
    // Other requests are not answered over the channel.
    const other = (await a.ask({ type: 'crossread:reset-to-seeds' })) as { ok: boolean; error: string };
    expect(other).toMatchObject({ ok: false });
    expect(seen.sort()).toEqual([1, 2]);
  });

  it('says when nobody answers, so the page sends the parts itself', async () => {
    const client = new ImportChannelClient();
    stops.push(() => client.close());
    expect(await client.hello(100)).toBe(false);
  });

  it('rejects the requests still waiting when it is closed', async () => {
    // A background that never answers (stopped mid-import).
    stops.push(serveImportChannel(() => new Promise(() => undefined)));
    const client = new ImportChannelClient();
    const waiting = client.ask({ type: 'crossread:import-articles', operation: 'op', part: 0, total: 1, articles: [] });
    client.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });
});
