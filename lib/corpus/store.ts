import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Article } from './article';

export const DB_NAME = 'crossread';
/**
 * Bump with every change of the stores below, and add a step to `upgrade`
 * that carries every existing article over: a reader's corpus is never
 * rebuilt from scratch.
 */
export const DB_VERSION = 1;

interface CorpusSchema extends DBSchema {
  articles: {
    key: string;
    value: Article;
    indexes: { url: string; source: string };
  };
}

export type CorpusDB = IDBPDatabase<CorpusSchema>;


/**
 * The reader's corpus, kept in the extension's own IndexedDB (the background
 * context), never in a web page's origin.
 */
export class CorpusStore {
  private constructor(private readonly db: CorpusDB) {}

  /** Opens (creating or upgrading) the database; `name` is for tests. */
  static async open(name: string = DB_NAME): Promise<CorpusStore> {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this context');
    const db = await openDB<CorpusSchema>(name, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          const articles = database.createObjectStore('articles', { keyPath: 'id' });
          articles.createIndex('url', 'url');
          articles.createIndex('source', 'source');
        }
      },
    });
    return new CorpusStore(db);
  }

  /**
   * Adds every seed that is not stored yet, in one transaction. A seed the
   * reader already has (possibly with an edited label) is left as it is, and
   * nothing the reader added is touched, so install, update and restart can
   * all call this safely.
   */
  async ensureSeeds(seeds: readonly Article[]): Promise<number> {
    const tx = this.db.transaction('articles', 'readwrite');
    let added = 0;
    for (const seed of seeds) {
      const existing = await tx.store.getKey(seed.id);
      if (existing === undefined) {
        await tx.store.add(seed);
        added++;
      }
    }
    await tx.done;
    return added;
  }

  /** Adds articles in one transaction: either all are stored, or none. */
  async addArticles(articles: readonly Article[]): Promise<void> {
    const tx = this.db.transaction('articles', 'readwrite');
    try {
      for (const article of articles) await tx.store.add(article);
      await tx.done;
    } catch (error) {
      // add() rejects on a duplicate key; make sure the whole transaction is undone.
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
  }

  async listArticles(): Promise<Article[]> {
    return this.db.getAll('articles');
  }

  async getArticle(id: string): Promise<Article | undefined> {
    return this.db.get('articles', id);
  }

  async count(): Promise<number> {
    return this.db.count('articles');
  }

  async deleteArticle(id: string): Promise<void> {
    await this.db.delete('articles', id);
  }

  close(): void {
    this.db.close();
  }
}
