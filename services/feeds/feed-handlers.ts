/** The background's answers to the feed requests of the protocol, served by one FeedService. */
import { FeedProblem } from '../../lib/feeds/feed-reason';
import { refusal, type BackgroundHandlers, type FeedFailure, type FeedRequestName, type Sender } from '../../platform/protocol';
import type { FeedService } from './feed-service';

/** A refusal with a reason answers with it, beside its English (the messaging layer would keep only the English); anything else is thrown on. */
async function withReason<T>(work: () => Promise<T>): Promise<T | FeedFailure> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FeedProblem) return { ok: false, error: error.message, reason: error.reason };
    throw error;
  }
}

export type FeedHandlers = Pick<BackgroundHandlers, FeedRequestName>;

const sameHost = (url: string | undefined, host: string) => {
  try {
    return new URL(url ?? '').host === host;
  } catch {
    return false;
  }
};

/**
 * `release` gives an origin's permission back once no followed feed needs it;
 * `isExtensionPage` tells crossread's own pages from content scripts.
 */
export function feedHandlers(service: FeedService, release: (origin: string) => Promise<void>, isExtensionPage: (sender: Sender) => boolean): FeedHandlers {
  return {
    'crossread:feeds': async () => ({ ok: true, ...(await service.list()) }),
    'crossread:follow-feed': ({ url, title }) => withReason(async () => ({ ok: true as const, feed: await service.follow(url, title) })),
    'crossread:unfollow-feed': async ({ url }) => {
      const releaseOrigin = await service.unfollow(url);
      // Unfollowing gives the origin back; a failed removal leaves a permission nothing uses, never a feed without one.
      if (releaseOrigin) await release(releaseOrigin).catch(() => undefined);
      return { ok: true, releaseOrigin };
    },
    'crossread:fetch-feeds': ({ url }) =>
      withReason(async () => {
        await service.fetchNow(url);
        return { ok: true as const };
      }),
    'crossread:pause-feeds': async ({ url, paused }) => {
      await service.setPaused(paused, url);
      return { ok: true };
    },
    'crossread:import-opml': async ({ text }) => {
      const { added, skipped } = await service.importOpml(text);
      // The new feeds are fetched in the background; the corpus manager shows them as they come.
      if (added > 0) void service.fetchDue().catch(() => undefined);
      return { ok: true, added, skipped };
    },
    'crossread:export-opml': async () => ({ ok: true, text: await service.exportOpml() }),
    'crossread:feed-settings': async (change) => ({ ok: true, settings: await service.updateSettings(change) }),
    'crossread:keep-site': async ({ host, on }, sender) => {
      const page = isExtensionPage(sender);
      // A content script may only read the switch of its own site; setting it is the popup's.
      if (!page && (on !== undefined || !sameHost(sender.url, host))) return refusal({ kind: 'keep-own-pages' });
      return { ok: true, on: await service.keepSite(host, on) };
    },
    'crossread:keep-read': async ({ page }, sender) => ({ ok: true, ...(await service.keepRead(page, sender.url)) }),
  };
}
