import { afterEach } from 'vitest';
import { CorpusStore } from '../../services/corpus-store';

/**
 * `open(name)` for a test file's stores, each closed after its test:
 * fake-indexeddb keeps a database for the whole file, and a store left open
 * would block a later test's upgrade or deletion of it.
 */
export function storesClosedAfterEachTest(): (name: string) => Promise<CorpusStore> {
  const opened: CorpusStore[] = [];
  afterEach(() => {
    for (const s of opened.splice(0)) s.close();
  });
  return async (name) => {
    const store = await CorpusStore.open(name);
    opened.push(store);
    return store;
  };
}
