import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { keepWhatIRead } from '../../../entrypoints/content/keep-what-i-read';
import type { PagePayload } from '../../../platform/protocol';

const page: PagePayload = { text: 'Der Rat tagte am Montag.', url: 'http://news.example/a', title: 'Rat', language: 'de', publishedTime: null };

/** A background whose switch for the site is `on`; records what the content script sends. */
function background(on: boolean): Array<{ type: string }> {
  const seen: Array<{ type: string }> = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type: string };
    seen.push(m);
    return Promise.resolve(m.type === 'crossread:keep-site' ? { ok: true, on } : { ok: true });
  });
  return seen;
}

describe('keep what I read', () => {
  const view = { visibilityState: 'visible' };
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    vi.stubGlobal('location', { host: 'news.example', href: page.url });
    vi.stubGlobal('document', view);
    view.visibilityState = 'visible';
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends the page once, after the dwell time spent visible, on a site whose switch is on', async () => {
    const seen = background(true);
    const read = vi.fn(async () => ({ ok: true as const, page }));
    keepWhatIRead(read, 3_000);
    await vi.advanceTimersByTimeAsync(1_000);
    view.visibilityState = 'hidden'; // time in another tab does not count
    await vi.advanceTimersByTimeAsync(10_000);
    expect(read).not.toHaveBeenCalled();
    view.visibilityState = 'visible';
    await vi.advanceTimersByTimeAsync(2_500);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(read).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([{ type: 'crossread:keep-site', host: 'news.example' }, { type: 'crossread:keep-read', page }]);
  });

  it('reads nothing and sends nothing where the switch is off, or once stopped', async () => {
    const seen = background(false);
    const read = vi.fn(async () => ({ ok: true as const, page }));
    keepWhatIRead(read, 3_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(read).not.toHaveBeenCalled();
    expect(seen.map((m) => m.type)).toEqual(['crossread:keep-site']);

    fakeBrowser.reset();
    const on = background(true);
    const stop = keepWhatIRead(read, 3_000);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(read).not.toHaveBeenCalled();
    expect(on.map((m) => m.type)).toEqual(['crossread:keep-site']);
  });
});
