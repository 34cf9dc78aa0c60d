import browser from 'webextension-polyfill';
import {
  isCorpusChanged,
  isExtractRequest,
  isTabStateRequest,
  type ExtractResponse,
  type TabState,
} from './messages';

export interface PopupBridgeHandlers {
  /** What the tab shows now, and why. */
  state: () => TabState;
  /** The page's article for "Add this page", or why it cannot be added. */
  extract: () => ExtractResponse;
  /** The corpus changed: recompute the notes. */
  corpusChanged: () => void;
}

/**
 * Lets the popup ask the content script about its tab, and the background
 * tell it the corpus changed. Returns a function that stops listening.
 */
export function answerPopup(handlers: PopupBridgeHandlers): () => void {
  const listener = (message: unknown): Promise<unknown> | undefined => {
    if (isTabStateRequest(message)) return Promise.resolve(handlers.state());
    if (isExtractRequest(message)) return Promise.resolve(handlers.extract());
    if (isCorpusChanged(message)) {
      handlers.corpusChanged();
      return undefined;
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
