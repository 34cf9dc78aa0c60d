/**
 * Chrome's side of page extraction: the service worker has no DOM, so it
 * sends the HTML it fetched to the offscreen document (services/offscreen-document.ts).
 * The document fetches nothing; it only parses what it is given.
 */
import { offscreenDocument, type OffscreenDocument } from '../offscreen-document';
import { OFFSCREEN_EXTRACT, type OffscreenExtractMessage, type PageExtraction, type PageExtractor } from './html-extractor';

export function offscreenExtractor(document: OffscreenDocument = offscreenDocument()): PageExtractor {
  return async (html, url) => {
    const message: OffscreenExtractMessage = { type: OFFSCREEN_EXTRACT, html, url };
    const reply = (await document.send(message)) as PageExtraction | { ok: false; reason: string } | undefined;
    if (!reply) return { ok: false, why: { kind: 'reader-silent' } };
    // The document's own failure (an exception while reading) comes as a sentence: its cause is kept as a detail.
    if (!reply.ok && !('why' in reply)) {
      return { ok: false, why: { kind: 'unreadable', detail: /^its page could not be read \((.*)\)$/s.exec(reply.reason)?.[1] ?? reply.reason } };
    }
    return reply;
  };
}
