/**
 * Chrome's offscreen document: the service worker has no DOM, so it sends
 * HTML here to be read with the content script's extraction: an item page of
 * a followed feed, or the copy of a large page a content script would
 * otherwise parse on the page's main thread. It answers only those messages
 * and makes no request.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { readCopyMessage } from '../../services/copy-reader';
import { extractHtml, isOffscreenExtract } from '../../services/feeds/html-extractor';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const readCopy = readCopyMessage(message, sender);
  if (readCopy) return readCopy;
  if (!isOffscreenExtract(message)) return undefined;
  try {
    return Promise.resolve(extractHtml(message.html, message.url));
  } catch (error) {
    return Promise.resolve({ ok: false, reason: `its page could not be read (${error instanceof Error ? error.message : String(error)})` });
  }
});
