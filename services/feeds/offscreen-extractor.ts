/**
 * Chrome's side of page extraction: the service worker has no DOM, so it
 * opens one offscreen document (reason DOM_PARSER) and sends it the HTML it
 * fetched. The document fetches nothing; it only parses what it is given.
 */
import browser from 'webextension-polyfill';
import { OFFSCREEN_EXTRACT, type OffscreenExtractMessage, type PageExtraction, type PageExtractor } from './html-extractor';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
}
interface RuntimeContexts {
  getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>;
}

export function offscreenExtractor(path = '/offscreen.html'): PageExtractor {
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
        if (!chromeApi?.offscreen) throw new Error('This browser has no offscreen documents to read item pages with.');
        try {
          await chromeApi.offscreen.createDocument({
            url: browser.runtime.getURL(path as '/offscreen.html'),
            reasons: ['DOM_PARSER'],
            justification: 'Reads the article text of followed feeds’ item pages with Readability.',
          });
        } catch (error) {
          // Another worker instance created it first.
          if (!/single offscreen/i.test(String(error))) throw error;
        }
      }
      ready = true;
    })().finally(() => (opening = null));
    return opening;
  };

  const send = async (message: OffscreenExtractMessage) => (await browser.runtime.sendMessage(message)) as PageExtraction | { ok: false; reason: string } | undefined;

  return async (html, url) => {
    await ensure();
    const message: OffscreenExtractMessage = { type: OFFSCREEN_EXTRACT, html, url };
    let reply: Awaited<ReturnType<typeof send>>;
    try {
      reply = await send(message);
    } catch {
      // Not listening yet (found while still loading) or closed by the browser: open it again and send once more.
      ready = false;
      await new Promise((r) => setTimeout(r, 200));
      await ensure();
      reply = await send(message);
    }
    if (!reply) return { ok: false, why: { kind: 'reader-silent' } };
    // The document's own failure (an exception while reading) comes as a sentence: its cause is kept as a detail.
    if (!reply.ok && !('why' in reply)) {
      return { ok: false, why: { kind: 'unreadable', detail: /^its page could not be read \((.*)\)$/s.exec(reply.reason)?.[1] ?? reply.reason } };
    }
    return reply;
  };
}
