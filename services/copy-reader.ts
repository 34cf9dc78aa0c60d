/**
 * The background's answer to `crossread:read-copy`: Readability's reading of
 * a page's copy (page/reading-copy.ts), done here rather than on the page's
 * main thread. Firefox's background page has a DOM and runs in the
 * extension's process; Chrome's service worker has none and asks its
 * offscreen document (entrypoints/offscreen), which runs readCopyMessage.
 *
 * The copy is rebuilt in a document made by `document.implementation`, which
 * has no browsing context: nothing of the page runs or loads, and no request
 * is made.
 */
import browser from 'webextension-polyfill';
import type { ArticleReading } from '../lib/article/article-reading';
import { readEncodedCopy } from '../page/extract-article';
import type { BackgroundHandler, Reply } from '../platform/protocol';
import { offscreenDocument } from './offscreen-document';

/** The message the background sends its offscreen document, and the check the document applies. */
export const OFFSCREEN_READ_COPY = 'crossread-offscreen:read-copy';
export interface OffscreenReadCopyMessage {
  type: typeof OFFSCREEN_READ_COPY;
  copy: string;
}
export const isOffscreenReadCopy = (m: unknown): m is OffscreenReadCopyMessage =>
  typeof m === 'object' && m !== null && (m as Record<string, unknown>).type === OFFSCREEN_READ_COPY && typeof (m as Record<string, unknown>).copy === 'string';

type ReadCopyReply = Reply<'crossread:read-copy'>;

/** Reads a copy with this context's DOM: the reply, or a failure that says why (a copy the DOM cannot rebuild). */
export function readCopyHere(copy: string, implementation: DOMImplementation): ReadCopyReply {
  try {
    const reading: ArticleReading | null = readEncodedCopy(copy, implementation);
    return { ok: true, reading };
  } catch (error) {
    return { ok: false, error: `The page's copy could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** The handler of `crossread:read-copy`: here where this context has a DOM, else in the offscreen document. */
export function copyReader(): BackgroundHandler<'crossread:read-copy'> {
  if (typeof document !== 'undefined' && typeof document.implementation?.createHTMLDocument === 'function') {
    return async ({ copy }) => readCopyHere(copy, document.implementation);
  }
  const offscreen = offscreenDocument();
  return async ({ copy }) => {
    const message: OffscreenReadCopyMessage = { type: OFFSCREEN_READ_COPY, copy };
    const reply = (await offscreen.send(message)) as ReadCopyReply | undefined;
    return reply ?? { ok: false, error: 'The offscreen document did not answer.' };
  };
}

/** Answers the background's read-copy message in the offscreen document; undefined for other messages and other senders. */
export function readCopyMessage(message: unknown, sender: { url?: string }): Promise<ReadCopyReply> | undefined {
  if (!isOffscreenReadCopy(message) || !(sender.url ?? '').startsWith(browser.runtime.getURL('/'))) return undefined;
  return Promise.resolve(readCopyHere(message.copy, document.implementation));
}
