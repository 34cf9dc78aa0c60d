import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settled, watchArticleChanges, withoutHash } from '../../../entrypoints/content/spa-navigation';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-page navigation', () => {
  let dom: JSDOM;
  beforeEach(() => {
    dom = new JSDOM('<!doctype html><html><body><main>Erster Artikel</main></body></html>', { url: 'http://news.example/a' });
    (globalThis as Record<string, unknown>).MutationObserver = dom.window.MutationObserver;
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).MutationObserver;
  });
  const ctx = { addEventListener: (target: EventTarget, type: string, listener: EventListener) => target.addEventListener(type, listener) } as never;
  const navigate = (url: string) => {
    dom.window.history.pushState({}, '', url);
    dom.window.dispatchEvent(new dom.window.Event('wxt:locationchange'));
  };

  it('an address is the same page whatever its fragment', () => {
    expect(withoutHash('http://news.example/a#comments')).toBe('http://news.example/a');
    expect(withoutHash('http://news.example/a')).toBe('http://news.example/a');
  });

  it('waits for the page to stop changing, or for the cap', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const main = dom.window.document.querySelector('main')!;
      let done = false;
      void settled(dom.window.document.documentElement, 60, 1000).then(() => (done = true));
      // Each change within the quiet time starts it again.
      for (let i = 0; i < 4; i++) {
        await vi.advanceTimersByTimeAsync(50);
        main.textContent = `Artikel ${i}`;
        await Promise.resolve();
      }
      await vi.advanceTimersByTimeAsync(50);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(20);
      expect(done).toBe(true);
      // A page that never stops changing is read after the cap.
      let capped = false;
      void settled(dom.window.document.documentElement, 60, 300).then(() => (capped = true));
      for (let t = 0; t < 280; t += 40) {
        main.textContent = String(t);
        await vi.advanceTimersByTimeAsync(40);
      }
      expect(capped).toBe(false);
      await vi.advanceTimersByTimeAsync(40);
      expect(capped).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves at once when the article’s address changes, and arrives once the page has settled; a new fragment is no new article', async () => {
    const events: string[] = [];
    watchArticleChanges(ctx, () => {
      events.push(`leave ${dom.window.location.pathname}`);
      return () => events.push(`arrive ${dom.window.location.pathname}`);
    }, dom.window as unknown as Window, { quietMs: 30, maxMs: 500 });
    navigate('http://news.example/a#comments');
    await sleep(0);
    expect(events).toEqual([]);
    navigate('http://news.example/b');
    await sleep(0);
    expect(events).toEqual(['leave /b']);
    dom.window.document.querySelector('main')!.textContent = 'Zweiter Artikel';
    await vi.waitFor(() => expect(events).toEqual(['leave /b', 'arrive /b']));
  });
});
