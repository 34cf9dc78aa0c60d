import { ask, listen, type CorpusUpdate, type StoreState } from './protocol';

/**
 * Calls back with the corpus update the background has under way (null:
 * none), once when asked and again whenever its state changes: a new
 * version's first start may hold a page's notes and the corpus manager's list
 * back for seconds, and the extension's pages say why. Returns the stop.
 */
export function watchCorpusUpdate(callback: (update: CorpusUpdate | null) => void): () => void {
  const told = (s: StoreState) => callback(s.state === 'updating' ? s.update : null);
  const stop = listen({ 'crossread:store-state-changed': told });
  void ask('crossread:store-state', {}).then(told, () => undefined);
  return stop;
}
