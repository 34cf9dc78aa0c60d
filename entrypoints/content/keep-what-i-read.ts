/**
 * "Keep what I read": on a site whose switch is on, the article of a page the
 * reader stayed on is added to the corpus. The page is read only once the
 * dwell time has passed while the tab was visible, as for "Add this page"
 * (readPageArticle: a large page's copy read in the background), and sent to
 * the background only; no request leaves the machine.
 */
import { ask, type ExtractResponse } from '../../platform/protocol';

/** Time on a page, visible, before its article is kept: long enough to have read part of it, not just opened it. */
export const DWELL_MS = import.meta.env.MODE === 'e2e' ? 3_000 : 30_000;
const TICK_MS = 500;

/** Starts watching this page; returns a function that stops. `read` extracts the page's article when called. */
export function keepWhatIRead(read: () => Promise<ExtractResponse>, dwellMs = DWELL_MS): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    stopped = true;
    if (timer !== null) clearInterval(timer);
  };
  void ask('crossread:keep-site', { host: location.host }).then((reply) => {
    if (stopped || !reply.ok || !reply.on) return;
    let url = location.href;
    let visibleFor = 0;
    timer = setInterval(() => {
      // A single-page site moved to another article: its time starts again.
      if (location.href !== url) {
        url = location.href;
        visibleFor = 0;
      }
      if (document.visibilityState !== 'visible') return;
      visibleFor += TICK_MS;
      if (visibleFor < dwellMs) return;
      visibleFor = Number.NEGATIVE_INFINITY; // once per address
      void read().then((page) => {
        if (page.ok && !stopped) void ask('crossread:keep-read', { page: page.page });
      });
    }, TICK_MS);
  });
  return stop;
}
