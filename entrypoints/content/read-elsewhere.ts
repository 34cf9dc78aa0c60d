import type { ArticleReading } from '../../lib/article/article-reading';
import { ask, MAX_READING_COPY_CHARS } from '../../platform/protocol';

/**
 * How long the page waits for the background's reading before it reads the
 * copy itself: far beyond a parse (~70 ms in Chrome, ~150 ms in Firefox for
 * the largest pages measured), short enough that a background that never
 * answers costs the reader little.
 */
const READ_TIMEOUT_MS = 5000;

/**
 * Asks the background to read a page's encoded copy (page/reading-copy.ts):
 * its reading, or undefined where the copy is too long for a message, the
 * background failed or did not answer in time (the caller then reads it on
 * the page). The copy goes to the extension's own background only.
 */
export async function readInBackground(copy: string, timeoutMs = READ_TIMEOUT_MS): Promise<ArticleReading | null | undefined> {
  if (copy.length > MAX_READING_COPY_CHARS) return undefined;
  let stop = () => undefined as void;
  const late = new Promise<undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    stop = () => clearTimeout(timer);
  });
  try {
    const reply = await Promise.race([ask('crossread:read-copy', { copy }), late]);
    return reply?.ok ? reply.reading : undefined;
  } finally {
    stop();
  }
}
