import type { CorpusUpdate, StoreState } from '../platform/protocol';

/**
 * The background's corpus as the popup and the corpus manager are told of
 * it: an update after a new version can hold the first page's notes back
 * for seconds, and the reader should hear why rather than wait on "Reading
 * this page…". Each change is told (`tell`); `get` answers a page opened
 * meanwhile, without waiting for the corpus.
 */
export function storeStatus(tell: (state: StoreState) => void) {
  let current: StoreState = { state: 'opening', update: null };
  const set = (next: StoreState) => {
    current = next;
    tell(next);
  };
  return {
    get: (): StoreState => current,
    /** Wraps an opening of the corpus: its updates and its end are told. */
    track<S>(open: (updating: (update: CorpusUpdate) => void) => Promise<S>): Promise<S> {
      if (current.state !== 'opening') set({ state: 'opening', update: null });
      return open((update) => set({ state: 'updating', update })).then(
        (store) => {
          set({ state: 'ready', update: null });
          return store;
        },
        (error: unknown) => {
          set({ state: 'failed', update: null });
          throw error;
        },
      );
    },
  };
}
