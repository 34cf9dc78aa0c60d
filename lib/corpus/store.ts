import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Article } from './article';
import { indexTerms, rankCandidates, selectQueryTerms, type ArticleTerms } from './index';
import { articleFeatures, FEATURES_VERSION, type ArticleFeatures } from '../match/features';

export const DB_NAME = 'crossread';
/**
 * Bump with every change of the stores below, and add a step to `upgrade`
 * that carries every existing article over: a reader's corpus is never
 * rebuilt from scratch.
 *
 * 1: articles.
 * 2: the term index (terms, df), the engine's features per article, meta.
 * 3: postings in chunks per term instead of a multi-entry index over `terms`.
 */
export const DB_VERSION = 3;

/** Document frequency of one term: how many articles are indexed under it. */
export interface TermFrequency {
  term: string;
  df: number;
}

/**
 * Some of the articles indexed under a term. A term's postings are split in
 * chunks of about POSTINGS_CHUNK ids, so adding an article rewrites a few
 * small records, while a lookup reads one or a few records per term instead
 * of one index entry per article.
 */
export interface PostingsChunk {
  term: string;
  chunk: number;
  ids: string[];
}

/** Ids per postings chunk before a new chunk is started (a soft limit: deletions leave gaps that later additions fill). */
export const POSTINGS_CHUNK = 32;

/** The engine's features of one article, computed when it is stored so matching need not recompute them. */
export interface StoredFeatures {
  id: string;
  features: ArticleFeatures;
}

interface CorpusSchema extends DBSchema {
  articles: {
    key: string;
    value: Article;
    indexes: { url: string; source: string };
  };
  /** Article id → the terms it is indexed under (for taking an article out of the postings). */
  terms: {
    key: string;
    value: ArticleTerms;
  };
  /** [term, chunk] → article ids: the inverted index. */
  postings: {
    key: [string, number];
    value: PostingsChunk;
  };
  /** Term → number of articles indexed under it, kept in the same transactions as `terms`. */
  df: {
    key: string;
    value: TermFrequency;
  };
  features: {
    key: string;
    value: StoredFeatures;
  };
  /** 'generation': bumped by every write, so a context knows when what it keeps in memory is out of date. */
  meta: {
    key: string;
    value: number;
  };
}

export type CorpusDB = IDBPDatabase<CorpusSchema>;
const STORES = ['articles', 'terms', 'postings', 'df', 'features', 'meta'] as const;
type WriteTx = IDBPTransaction<CorpusSchema, Array<(typeof STORES)[number]>, 'readwrite'>;

/** What one write transaction changed, to bring the in-memory lookup cache up to date once it commits. */
interface WriteLog {
  df: Map<string, number>;
  touched: Set<string>;
  cleared: boolean;
  /**
   * Every document frequency as the transaction found it, when this context
   * holds them for the generation the transaction started from (the lookup
   * cache); null otherwise. With `df` (this transaction's changes so far) it
   * gives each term's current frequency without a read per term.
   */
  dfBefore: ReadonlyMap<string, number> | null;
}

/**
 * What lookups keep in memory between calls, valid for one generation of the
 * database: every document frequency (one read instead of one per page term)
 * and the articles last handed out with their features (no second read and
 * clone; the engine's own caches, keyed by these objects, keep working).
 */
interface LookupCache {
  generation: number;
  df: Map<string, number>;
  loaded: Map<string, { article: Article; features: ArticleFeatures }>;
  /**
   * A small corpus's whole index (term → ids, chunks joined in order), read at
   * the first lookup of the generation: the next pages look their terms up
   * without reading and cloning every postings record again. Null until read,
   * and after a write of this context (postings are not patched in memory).
   */
  postings: Map<string, string[]> | null;
}

/** Up to this many distinct terms in the corpus, a lookup reads the whole index at once rather than term by term. */
const READ_WHOLE_INDEX_TERMS = 3000;

/** Articles kept in memory with their features; beyond this the least recently used go. */
const MAX_CACHED_ARTICLES = 500;

/** An article with what the index and the engine need of it, computed outside any transaction. */
interface Prepared {
  article: Article;
  terms: string[];
  features: ArticleFeatures;
}

/** Term → ids of the articles indexed under it. */
function postingsOf(indexed: readonly ArticleTerms[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { id, terms } of indexed)
    for (const t of terms) {
      const ids = out.get(t);
      if (ids) ids.push(id);
      else out.set(t, [id]);
    }
  return out;
}

/** Every postings chunk of a term. */
function termChunks(term: string): IDBKeyRange {
  return IDBKeyRange.bound([term, -Infinity], [term, Infinity]);
}

function prepare(article: Article): Prepared {
  return { article, terms: indexTerms(article), features: articleFeatures(article) };
}

/** The browser's storage is full; nothing of the failed write was kept. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super("The browser's storage for crossread is full, so nothing was saved; the corpus is as it was. Free some space (delete articles, or other sites' data) and try again.", { cause });
    this.name = 'StorageFullError';
  }
}

/** A write stopped through its AbortSignal; nothing of it was kept. */
export class WriteCancelledError extends Error {
  constructor() {
    super('Cancelled; nothing was saved and the corpus is as it was.');
    this.name = 'AbortError';
  }
}

function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}

/** Lets the event loop run (progress, cancel, other messages) during long preparation work. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface ImportOptions {
  signal?: AbortSignal;
  /** Called as articles are prepared and once more when they are written: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
}

export interface ArticleUpdate {
  outlet?: string;
  date?: string | null;
}

const ISO_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * Seeds known by their ids, built only when some are missing: building an
 * article cleans and reads its text, work a service worker would otherwise
 * repeat on every start.
 */
export interface LazySeeds {
  ids: readonly string[];
  build: () => readonly Article[];
}

/**
 * The reader's corpus, kept in the extension's own IndexedDB (the background
 * context), never in a web page's origin. Every write keeps the articles, the
 * term index and the features consistent in one transaction.
 */
export class CorpusStore {
  /** Features read with candidates, by the Article objects handed out, for `featuresOf`. */
  private readonly loadedFeatures = new WeakMap<Article, ArticleFeatures>();
  private cache: LookupCache | null = null;

  private constructor(private readonly db: CorpusDB) {}

  /** Opens (creating or upgrading) the database; `name` is for tests. */
  static async open(name: string = DB_NAME): Promise<CorpusStore> {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this context');
    const opened: { db?: CorpusDB } = {};
    const db = await openDB<CorpusSchema>(name, DB_VERSION, {
      // A newer crossread wants to upgrade the database: step aside rather than block it.
      blocking() {
        opened.db?.close();
      },
      async upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) {
          const articles = database.createObjectStore('articles', { keyPath: 'id' });
          articles.createIndex('url', 'url');
          articles.createIndex('source', 'source');
        }
        if (oldVersion < 2) {
          database.createObjectStore('terms', { keyPath: 'id' });
          database.createObjectStore('df', { keyPath: 'term' });
          database.createObjectStore('features', { keyPath: 'id' });
          database.createObjectStore('meta');
        }
        if (oldVersion < 3) {
          if (oldVersion === 2) transaction.objectStore('terms').deleteIndex('term' as never);
          database.createObjectStore('postings', { keyPath: ['term', 'chunk'] });
        }
        // Index what the reader already has, inside the upgrade: the new
        // version is never visible with articles missing from the index.
        // Features are left to be computed on first use (see candidates),
        // so the upgrade stays short.
        if (oldVersion >= 1 && oldVersion < 3) {
          const writes: Promise<unknown>[] = [];
          let indexed: ArticleTerms[];
          if (oldVersion < 2) {
            const existing = await transaction.objectStore('articles').getAll();
            indexed = existing.map((article) => ({ id: article.id, terms: indexTerms(article) }));
            const delta = new Map<string, number>();
            for (const t of indexed) {
              writes.push(transaction.objectStore('terms').put(t));
              for (const term of t.terms) delta.set(term, (delta.get(term) ?? 0) + 1);
            }
            for (const [term, df] of delta) writes.push(transaction.objectStore('df').put({ term, df }));
          } else indexed = await transaction.objectStore('terms').getAll();
          for (const [term, ids] of postingsOf(indexed)) writes.push(transaction.objectStore('postings').put({ term, chunk: 0, ids }));
          await Promise.all(writes);
        }
      },
    });
    opened.db = db;
    return new CorpusStore(db);
  }

  /**
   * Runs `body` in one readwrite transaction over all stores: either all of
   * its writes are kept, or none. `body` must only await requests of `tx`.
   */
  private async write<T>(body: (tx: WriteTx, log: WriteLog) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new WriteCancelledError();
    const tx = this.db.transaction([...STORES], 'readwrite') as WriteTx;
    // An abort can settle `done` before this function awaits it; it is awaited below, never ignored.
    tx.done.catch(() => undefined);
    const log: WriteLog = { df: new Map(), touched: new Set(), cleared: false, dfBefore: null };
    const cancel = () => {
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
    };
    signal?.addEventListener('abort', cancel);
    try {
      const generation = (await tx.objectStore('meta').get('generation')) ?? 0;
      if (this.cache?.generation === generation) log.dfBefore = this.cache.df;
      const bump = tx.objectStore('meta').put(generation + 1, 'generation');
      bump.catch(() => undefined);
      const result = await body(tx, log);
      await bump;
      await tx.done;
      this.committed(generation, log);
      return result;
    } catch (error) {
      cancel();
      await tx.done.catch(() => undefined);
      if (signal?.aborted) throw new WriteCancelledError();
      if (isQuotaError(error) || isQuotaError(tx.error)) throw new StorageFullError(error);
      throw error;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** Brings the lookup cache to the generation a write of this context committed, or drops it when it was behind. */
  private committed(generation: number, log: WriteLog): void {
    const cache = this.cache;
    if (!cache || cache.generation !== generation || log.cleared) {
      this.cache = null;
      return;
    }
    for (const [term, change] of log.df) {
      const value = (cache.df.get(term) ?? 0) + change;
      if (value > 0) cache.df.set(term, value);
      else cache.df.delete(term);
    }
    for (const id of log.touched) cache.loaded.delete(id);
    cache.postings = null;
    cache.generation = generation + 1;
  }

  /**
   * Indexes articles under their terms: document frequencies go up and each
   * term's ids are appended to the chunk its frequency points to (`added`:
   * term → ids of articles new to it).
   */
  private static async addPostings(tx: WriteTx, added: ReadonlyMap<string, string[]>, log: WriteLog): Promise<void> {
    const df = tx.objectStore('df');
    const postings = tx.objectStore('postings');
    // Frequencies known in memory spare a read per term; after a clear in this transaction they are not.
    const known = log.cleared ? null : log.dfBefore;
    const changed = new Map<string, number>();
    for (const [term, ids] of added) {
      const change = log.df.get(term) ?? 0;
      changed.set(term, change);
      log.df.set(term, change + ids.length);
    }
    await Promise.all(
      [...added].map(async ([term, ids]) => {
        const before = known ? (known.get(term) ?? 0) + changed.get(term)! : ((await df.get(term))?.df ?? 0);
        const chunk = Math.floor(before / POSTINGS_CHUNK);
        const [, existing] = await Promise.all([df.put({ term, df: before + ids.length }), postings.get([term, chunk])]);
        await postings.put({ term, chunk, ids: existing ? existing.ids.concat(ids) : ids });
      }),
    );
  }

  /** Takes an article out of the postings of its terms, deleting terms no article has any more. */
  private static async removePostings(tx: WriteTx, id: string, terms: readonly string[], log: WriteLog): Promise<void> {
    const df = tx.objectStore('df');
    const postings = tx.objectStore('postings');
    for (const term of terms) log.df.set(term, (log.df.get(term) ?? 0) - 1);
    await Promise.all(
      terms.map(async (term) => {
        const [stored, chunks] = await Promise.all([df.get(term), postings.getAll(termChunks(term))]);
        const value = (stored?.df ?? 0) - 1;
        const writes: Promise<unknown>[] = [value > 0 ? df.put({ term, df: value }) : df.delete(term)];
        for (const c of chunks) {
          const at = c.ids.indexOf(id);
          if (at < 0) continue;
          const ids = c.ids.filter((x) => x !== id);
          writes.push(ids.length > 0 ? postings.put({ ...c, ids }) : postings.delete([term, c.chunk]));
        }
        await Promise.all(writes);
      }),
    );
  }

  /** Stores prepared articles (`add`: failing on an existing id) with their index entries and features. */
  private static async storePrepared(tx: WriteTx, log: WriteLog, prepared: readonly Prepared[], onStored?: (done: number) => void): Promise<void> {
    const writes: Promise<unknown>[] = [];
    let done = 0;
    try {
      for (const p of prepared) {
        writes.push(
          tx
            .objectStore('articles')
            .add(p.article)
            .then(() => onStored?.(++done)),
        );
        writes.push(tx.objectStore('terms').add({ id: p.article.id, terms: p.terms }));
        writes.push(tx.objectStore('features').put({ id: p.article.id, features: p.features }));
        log.touched.add(p.article.id);
      }
    } catch (error) {
      // A request that throws at once (quota, a value that cannot be stored) aborts the lot; the ones already made then fail too.
      for (const w of writes) w.catch(() => undefined);
      throw error;
    }
    writes.push(CorpusStore.addPostings(tx, postingsOf(prepared.map((p) => ({ id: p.article.id, terms: p.terms }))), log));
    await Promise.all(writes);
  }

  /** Removes an article, its index entries and features; false when there was none. */
  private static async removeIndexed(tx: WriteTx, log: WriteLog, id: string): Promise<boolean> {
    log.touched.add(id);
    const [article, indexed] = await Promise.all([tx.objectStore('articles').getKey(id), tx.objectStore('terms').get(id)]);
    await Promise.all([
      tx.objectStore('articles').delete(id),
      tx.objectStore('terms').delete(id),
      tx.objectStore('features').delete(id),
      CorpusStore.removePostings(tx, id, indexed?.terms ?? [], log),
    ]);
    return article !== undefined;
  }

  /**
   * Adds every seed that is not stored yet, in one transaction. A seed the
   * reader already has (possibly with an edited label) is left as it is, and
   * nothing the reader added is touched, so install, update and restart can
   * all call this safely.
   */
  async ensureSeeds(seeds: readonly Article[] | LazySeeds): Promise<number> {
    const stored = new Set(await this.db.getAllKeys('articles'));
    let all: readonly Article[];
    if ('build' in seeds) {
      if (seeds.ids.every((id) => stored.has(id))) return 0;
      all = seeds.build();
    } else all = seeds;
    const missing = all.filter((s) => !stored.has(s.id)).map(prepare);
    if (missing.length === 0) return 0;
    return this.write(async (tx, log) => {
      // Another context may have added some since the keys were read.
      const keys = await Promise.all(missing.map((p) => tx.objectStore('articles').getKey(p.article.id)));
      const toAdd = missing.filter((_, i) => keys[i] === undefined);
      await CorpusStore.storePrepared(tx, log, toAdd);
      return toAdd.length;
    });
  }

  /** Adds articles in one transaction: either all are stored (with their index entries), or none. */
  async addArticles(articles: readonly Article[]): Promise<void> {
    const prepared = articles.map(prepare);
    await this.write((tx, log) => CorpusStore.storePrepared(tx, log, prepared));
  }

  /**
   * Stores many articles (an import) in one transaction: all or nothing. An
   * article whose id is already stored replaces it (parseImport only returns
   * such articles for the reader's own exported edits). The slow part –
   * indexing and analysing each article – runs before the transaction,
   * yielding to the event loop, so progress shows and the signal can cancel at
   * any point; cancelling or a full disk leaves the corpus exactly as it was
   * (WriteCancelledError, StorageFullError).
   */
  async importArticles(articles: readonly Article[], options: ImportOptions = {}): Promise<void> {
    const { signal, onProgress } = options;
    const total = articles.length;
    const prepared: Prepared[] = [];
    let lastYield = performance.now();
    for (const article of articles) {
      if (signal?.aborted) throw new WriteCancelledError();
      prepared.push(prepare(article));
      if (performance.now() - lastYield > 30) {
        onProgress?.(prepared.length, total);
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    if (signal?.aborted) throw new WriteCancelledError();
    onProgress?.(total, total);
    await this.write(async (tx, log) => {
      const keys = await Promise.all(prepared.map((p) => tx.objectStore('articles').getKey(p.article.id)));
      for (const [i, key] of keys.entries()) if (key !== undefined) await CorpusStore.removeIndexed(tx, log, prepared[i].article.id);
      await CorpusStore.storePrepared(tx, log, prepared);
    }, signal);
  }

  /**
   * Resets the corpus to `seeds`, in one transaction: everything else – the
   * reader's articles and edits of seeds – is removed.
   */
  async replaceWithSeeds(seeds: readonly Article[]): Promise<void> {
    const prepared = seeds.map(prepare);
    await this.write(async (tx, log) => {
      log.cleared = true;
      await Promise.all((['articles', 'terms', 'postings', 'df', 'features'] as const).map((s) => tx.objectStore(s).clear()));
      await CorpusStore.storePrepared(tx, log, prepared);
    });
  }

  /**
   * Changes an article's outlet label and/or date. Throws for an unknown id,
   * an empty label or a date that is not ISO (YYYY-MM-DD, YYYY-MM or YYYY).
   */
  async updateArticle(id: string, update: ArticleUpdate): Promise<Article> {
    const outlet = update.outlet === undefined ? undefined : update.outlet.trim();
    if (outlet !== undefined && outlet === '') throw new Error('The outlet label cannot be empty.');
    const date = update.date === undefined ? undefined : update.date === null || update.date.trim() === '' ? null : update.date.trim();
    if (date && !ISO_DATE.test(date)) throw new Error(`"${date}" is not a date of the form YYYY-MM-DD.`);
    return this.write(async (tx, log) => {
      log.touched.add(id);
      const article = await tx.objectStore('articles').get(id);
      if (!article) throw new Error(`There is no article ${id} in the corpus.`);
      const updated: Article = { ...article, ...(outlet !== undefined ? { outlet } : {}), ...(date !== undefined ? { date } : {}) };
      // The date is part of the features (story matching compares dates); the indexed terms do not change.
      await Promise.all([tx.objectStore('articles').put(updated), tx.objectStore('features').put({ id, features: articleFeatures(updated) })]);
      return updated;
    });
  }

  async listArticles(): Promise<Article[]> {
    return this.db.getAll('articles');
  }

  async getArticle(id: string): Promise<Article | undefined> {
    return this.db.get('articles', id);
  }

  /** The article stored under this address, if any (one index lookup, not a scan). */
  async findByUrl(url: string): Promise<Article | undefined> {
    return this.db.getFromIndex('articles', 'url', url);
  }

  async count(): Promise<number> {
    return this.db.count('articles');
  }

  /** Deletes an article with its index entries and features. */
  async deleteArticle(id: string): Promise<void> {
    await this.write((tx, log) => CorpusStore.removeIndexed(tx, log, id));
  }

  /** How many articles are indexed under `term` (0 when none). */
  async documentFrequency(term: string): Promise<number> {
    return (await this.db.get('df', term))?.df ?? 0;
  }

  /**
   * The articles most likely to report the same story as a page with these
   * content terms (`contentTerms(page text, language)`), best first, at most
   * `limit`: IDF-weighted overlap over the page's most distinctive terms.
   * Reads the postings of the chosen terms, and then only the top articles
   * and their features. Document frequencies are read once per change of the
   * corpus and kept in memory. The articles returned may be shared with
   * later calls: treat them as read-only.
   */
  async candidates(pageTerms: readonly string[], limit = 50): Promise<Article[]> {
    if (pageTerms.length === 0 || limit <= 0) return [];
    const tx = this.db.transaction(['articles', 'postings', 'df', 'features', 'meta'], 'readonly');
    const [generation, size] = await Promise.all([tx.objectStore('meta').get('generation'), tx.objectStore('articles').count()]);
    let cache = this.cache;
    if (!cache || cache.generation !== (generation ?? 0)) {
      const all = await tx.objectStore('df').getAll();
      cache = { generation: generation ?? 0, df: new Map(all.map((r) => [r.term, r.df])), loaded: new Map(), postings: null };
      this.cache = cache;
    }
    const query = selectQueryTerms(pageTerms, cache.df, size);
    let postings = new Map<string, string[]>();
    const add = (term: string, ids: string[]) => {
      const known = postings.get(term);
      if (known === undefined) postings.set(term, ids);
      else for (const id of ids) known.push(id);
    };
    if (query.length > 0 && cache.df.size <= READ_WHOLE_INDEX_TERMS) {
      // A small corpus: one read of the whole index costs less than a request per query term, and is kept.
      if (!cache.postings) {
        for (const c of await tx.objectStore('postings').getAll()) add(c.term, c.ids);
        cache.postings = postings;
      }
      postings = cache.postings;
    } else {
      const chunks = await Promise.all(query.map((q) => tx.objectStore('postings').getAll(termChunks(q.term))));
      query.forEach((q, i) => {
        for (const c of chunks[i]) add(q.term, c.ids);
      });
    }
    const ids = rankCandidates(query, postings, limit);
    const toRead = ids.filter((id) => !cache.loaded.has(id));
    const [articles, stored] = await Promise.all([
      Promise.all(toRead.map((id) => tx.objectStore('articles').get(id))),
      Promise.all(toRead.map((id) => tx.objectStore('features').get(id))),
    ]);
    await tx.done;

    const stale: StoredFeatures[] = [];
    const read = new Map<string, { article: Article; features: ArticleFeatures }>();
    articles.forEach((article, i) => {
      if (!article) return;
      let features = stored[i]?.features;
      if (!features || features.version !== FEATURES_VERSION) {
        // Not computed yet (an upgraded corpus) or by an older engine: compute once and keep.
        features = articleFeatures(article);
        stale.push({ id: article.id, features });
      }
      read.set(article.id, { article, features });
    });
    const found: Article[] = [];
    for (const id of ids) {
      const entry = cache.loaded.get(id) ?? read.get(id);
      if (!entry) continue;
      // Most recently used last, so eviction takes the oldest first.
      cache.loaded.delete(id);
      cache.loaded.set(id, entry);
      this.loadedFeatures.set(entry.article, entry.features);
      found.push(entry.article);
    }
    while (cache.loaded.size > MAX_CACHED_ARTICLES) cache.loaded.delete(cache.loaded.keys().next().value!);
    if (stale.length > 0) await this.saveFeatures(stale);
    return found;
  }

  /** Keeps features computed after the fact, for articles that still exist. */
  private async saveFeatures(records: readonly StoredFeatures[]): Promise<void> {
    // The articles themselves do not change, so what lookups keep in memory stays valid.
    await this.write(async (tx) => {
      const keys = await Promise.all(records.map((r) => tx.objectStore('articles').getKey(r.id)));
      await Promise.all(records.filter((_, i) => keys[i] !== undefined).map((r) => tx.objectStore('features').put(r)));
    });
  }

  /**
   * The engine's features of an article: those stored with it when it came
   * from `candidates`, otherwise computed. Pass as
   * `annotate(page, articles, { featuresOf: store.featuresOf })` so matching
   * does not analyse every candidate again.
   */
  readonly featuresOf = (article: Article): ArticleFeatures => this.loadedFeatures.get(article) ?? articleFeatures(article);

  close(): void {
    this.db.close();
  }
}
