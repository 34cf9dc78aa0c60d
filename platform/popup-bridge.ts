import { serveTab, type ExtractResponse, type TabState } from './protocol';
import { announcedFeeds } from '../lib/feeds/feed-links';

export interface PopupBridgeHandlers {
  /** What the tab shows now, and why. */
  state: () => TabState;
  /** The page's article for "Add this page", or why it cannot be added. */
  extract: () => Promise<ExtractResponse>;
  /** The corpus changed: recompute the notes. */
  corpusChanged: () => void;
}

/**
 * Lets the popup ask the content script about its tab, and the background
 * tell it the corpus changed. Returns a function that stops listening.
 */
export function answerPopup(handlers: PopupBridgeHandlers): () => void {
  return serveTab(
    {
      'crossread:tab-state': () => handlers.state(),
      'crossread:extract': () => handlers.extract(),
      // Read when asked: the popup's "Follow ‹site›" needs the links of the page as it is now.
      'crossread:feed-links': () => ({ links: announcedFeeds(document, location.href) }),
    },
    { 'crossread:corpus-changed': () => handlers.corpusChanged() },
  );
}
