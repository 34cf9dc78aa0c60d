import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** After an in-page navigation, the new article is read once the page has stopped changing for this long… */
export const SETTLE_MS = 400;
/** …or after this long at most. */
export const SETTLE_MAX_MS = 4000;

export function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** Resolves once `root`'s subtree has not changed for `quietMs` (or after `maxMs`). */
export function settled(root: Node, quietMs = SETTLE_MS, maxMs = SETTLE_MAX_MS): Promise<void> {
  return new Promise((resolve) => {
    let quiet = setTimeout(done, quietMs);
    const cap = setTimeout(done, maxMs);
    const observer = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    function done() {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(cap);
      resolve();
    }
  });
}

/**
 * Single-page sites change the article without a page load (WXT reports it
 * as `wxt:locationchange`): `leave` runs at once when the address changes
 * other than in its fragment, and the function it returns, if any, once the
 * page has settled.
 */
export function watchArticleChanges(
  ctx: Pick<ContentScriptContext, 'addEventListener'>,
  leave: () => (() => void) | void,
  view: Window = window,
  timing: { quietMs?: number; maxMs?: number } = {},
): void {
  let page = withoutHash(view.location.href);
  ctx.addEventListener(view, 'wxt:locationchange', () => {
    queueMicrotask(() => {
      if (withoutHash(view.location.href) === page) return;
      page = withoutHash(view.location.href);
      const arrive = leave();
      if (arrive) void settled(view.document.documentElement, timing.quietMs, timing.maxMs).then(arrive);
    });
  });
}
