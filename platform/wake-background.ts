import { ask } from './protocol';
import { overlaysAllowedOn } from './settings';

/**
 * Starts crossread's background as a page starts loading, on sites where the
 * notes are on: a stopped service worker then starts and opens the corpus
 * while the page loads, instead of after the page has loaded and been read
 * (opening a large corpus is Chromium's work, up to half a second at 50,000
 * articles). Elsewhere nothing is sent. Never throws: the notes' own request
 * comes later either way.
 */
export async function wakeBackground(hostname: string, deps: { allowed?: (hostname: string) => Promise<boolean>; wake?: () => Promise<unknown> } = {}): Promise<boolean> {
  const { allowed = overlaysAllowedOn, wake = () => ask('crossread:wake', {}) } = deps;
  try {
    if (!(await allowed(hostname))) return false;
    await wake();
    return true;
  } catch {
    return false;
  }
}
