/**
 * Chrome's offscreen document (reason DOM_PARSER), for the service worker,
 * which has no DOM: opened when first needed, and messages sent to it only
 * once it listens. The document fetches nothing; it only reads what it is
 * sent.
 */
import browser from 'webextension-polyfill';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
}
interface RuntimeContexts {
  getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>;
}

export interface OffscreenDocument {
  /** Sends the document a message and gives its reply; opens the document first where it is not open. */
  send(message: object): Promise<unknown>;
}

export function offscreenDocument(path = '/offscreen.html'): OffscreenDocument {
  let opening: Promise<void> | null = null;
  /** The document is known to be open and listening (created here, or found by a worker that restarted). */
  let ready = false;
  const chromeApi = (globalThis as unknown as { chrome?: { offscreen?: OffscreenApi; runtime?: RuntimeContexts } }).chrome;

  // One opening at a time, and nobody sends before it finished: a document that exists but has not run its
  // script yet has no listener, and a message to it fails.
  const ensure = (): Promise<void> => {
    if (ready) return Promise.resolve();
    opening ??= (async () => {
      const existing = await chromeApi?.runtime?.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
      if (!existing || existing.length === 0) {
        if (!chromeApi?.offscreen) throw new Error('This browser has no offscreen documents.');
        try {
          await chromeApi.offscreen.createDocument({
            url: browser.runtime.getURL(path as '/offscreen.html'),
            reasons: ['DOM_PARSER'],
            justification: 'Reads article text with Readability: item pages of followed feeds, and large pages off their own main thread.',
          });
        } catch (error) {
          // Another part of the worker (the feeds) or another worker instance created it first.
          if (!/single offscreen/i.test(String(error))) throw error;
        }
      }
      ready = true;
    })().finally(() => (opening = null));
    return opening;
  };

  return {
    async send(message) {
      await ensure();
      try {
        return await browser.runtime.sendMessage(message);
      } catch {
        // Not listening yet (found while still loading) or closed by the browser: open it again and send once more.
        ready = false;
        await new Promise((r) => setTimeout(r, 200));
        await ensure();
        return browser.runtime.sendMessage(message);
      }
    },
  };
}
