/**
 * Chrome's offscreen document for the feeds: the service worker has no DOM,
 * so it sends an item page's HTML here to be read with the content script's
 * extraction. It answers only that one message and makes no request.
 */
import browser from 'webextension-polyfill';
import { extractHtml, isOffscreenExtract } from '../../services/feeds/html-extractor';

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isOffscreenExtract(message)) return undefined;
  try {
    return Promise.resolve(extractHtml(message.html, message.url));
  } catch (error) {
    return Promise.resolve({ ok: false, reason: `its page could not be read (${error instanceof Error ? error.message : String(error)})` });
  }
});
