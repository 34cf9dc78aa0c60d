import type { IDBPDatabase } from 'idb';

/**
 * The object stores `names` of an older version of the corpus database, each
 * as every version created it (articles with their url and source indexes,
 * df by term, meta by explicit key, postings by term and chunk, the others by
 * id): the starting point of the upgrade tests.
 */
export function createOldStores(database: IDBPDatabase, names: readonly string[]): void {
  for (const name of names) {
    if (name === 'articles') {
      const articles = database.createObjectStore('articles', { keyPath: 'id' });
      articles.createIndex('url', 'url');
      articles.createIndex('source', 'source');
    } else if (name === 'df') database.createObjectStore('df', { keyPath: 'term' });
    else if (name === 'meta') database.createObjectStore('meta');
    else if (name === 'postings') database.createObjectStore('postings', { keyPath: ['term', 'chunk'] });
    else database.createObjectStore(name, { keyPath: 'id' });
  }
}
