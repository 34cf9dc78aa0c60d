/**
 * An import's articles, terms and features written ahead of its last
 * transaction, in small transactions of their own, each with a journal
 * record of what it wrote (see CorpusStore.openImport).
 *
 * Why: in Chromium a transaction whose changes outgrow its in-memory write
 * batch logs undo entries for them, and an import of 50,000 articles in one
 * transaction left ~1.4 M dead entries that every later opening of the
 * database walked (~450 ms a stopped worker's start) until Chromium compacts
 * them. Small transactions log none.
 *
 * The import's last transaction (stories, links, glances, postings, counts,
 * generation) marks the import committed in meta ('committedImport'); its
 * journal is deleted after it. An import that does not commit (a cancel, a
 * full disk, an error) takes out what its journal names: the articles it
 * added, and the records it replaced put back as they were. A stopped worker
 * leaves its journal, and the next `CorpusStore.open` does the same
 * (`cleanUpImports`), or, when the mark says it committed, deletes the
 * journal only. Until then the store answers no read or write of its own
 * (it waits for the import), so nothing staged is ever seen half-imported.
 */
import type { IDBPTransaction } from 'idb';
import type { CorpusDB, CorpusSchema, JournalRecord, StoredFeatures, WriteTx } from './corpus-schema';

/** The stores an import's staged transactions write (CorpusStore.queueArticles' records). */
export const STAGED_STORES = ['articles', 'terms', 'features'] as const;
type StagedStore = (typeof STAGED_STORES)[number];
const JOURNAL_SCOPE = [...STAGED_STORES, 'importJournal'] as const;
type JournalTx = IDBPTransaction<CorpusSchema, Array<(typeof JOURNAL_SCOPE)[number] | 'meta'>, 'readwrite'>;

/**
 * Articles a staged transaction writes at most. Session 14's probe (50,000
 * articles, Chromium): in transactions of 50 the database opened in 222-343
 * ms (0.53-0.81 M dead entries), of 500 in 343-900 (0.73 M), against
 * 1,267-2,886 in one.
 */
export const STAGE_ARTICLES = 50;

/** The meta key naming the import whose last transaction committed while its journal is still stored. */
export const COMMITTED_IMPORT = 'committedImport';

/** How long staging queues requests before it lets the event loop run (the import's choices, a cancel). */
const BREATHE_MS = 30;

/** A replaced article's records as they were, to put back. */
export type Replaced = JournalRecord['replaced'][number];

/**
 * Reads and writes of articles, terms and features for a write transaction
 * whose scope lacks them (an import's last transaction, which leaves them to
 * the staged transactions so that these can run beside it).
 */
export interface RecordAccess {
  get<S extends StagedStore>(store: S, ids: readonly string[]): Promise<Array<CorpusSchema[S]['value'] | undefined>>;
  /** Features computed again for want of current ones (a cache of the article: kept whether the import commits or not). */
  putFeatures(records: readonly StoredFeatures[]): Promise<void>;
}

function abort(tx: IDBPTransaction<CorpusSchema, never[], 'readwrite'> | { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}

const journalRange = (id: string) => IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);

/** Takes out what a journal record's transaction wrote: its added ids, and its replaced records put back. */
function undo(tx: JournalTx, record: JournalRecord): void {
  const requests: Array<Promise<unknown>> = [];
  for (const id of record.added) for (const s of STAGED_STORES) requests.push(tx.objectStore(s).delete(id));
  for (const r of record.replaced) {
    requests.push(tx.objectStore('articles').put(r.article));
    if (r.terms) requests.push(tx.objectStore('terms').put(r.terms));
    if (r.features) requests.push(tx.objectStore('features').put(r.features));
  }
  // A failed request aborts the transaction, which its caller awaits.
  for (const r of requests) r.catch(() => undefined);
}

/**
 * Cleans up after imports that left a journal (a stopped worker): one that
 * committed loses its journal only, any other what it staged. Returns the
 * number of articles taken out. One transaction: either all is cleaned or
 * nothing (the next opening tries again).
 */
export async function cleanUpImports(db: CorpusDB): Promise<number> {
  const tx = db.transaction([...JOURNAL_SCOPE, 'meta'], 'readwrite') as JournalTx;
  tx.done.catch(() => undefined);
  const [records, committed] = await Promise.all([tx.objectStore('importJournal').getAll(), tx.objectStore('meta').get(COMMITTED_IMPORT)]);
  let removed = 0;
  for (const record of records) {
    if (record.import === committed) continue;
    undo(tx, record);
    removed += record.added.length - record.replaced.length;
  }
  tx.objectStore('importJournal').clear().catch(() => undefined);
  tx.objectStore('meta').delete(COMMITTED_IMPORT).catch(() => undefined);
  await tx.done;
  return removed;
}

/** One import's staged transactions and its journal. */
export class ImportJournal implements RecordAccess {
  readonly id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  private seq = 0;
  private stopped = false;
  private readonly staged: Array<Promise<void>> = [];
  /** Keeps the import's last transaction open while a request outside it runs (set by the import). */
  keep: <T>(p: Promise<T>) => Promise<T> = (p) => p;

  constructor(
    private readonly db: CorpusDB,
    private readonly stageSize = STAGE_ARTICLES,
  ) {}

  get<S extends StagedStore>(store: S, ids: readonly string[]): Promise<Array<CorpusSchema[S]['value'] | undefined>> {
    if (ids.length === 0) return Promise.resolve([]);
    const tx = this.db.transaction(store, 'readonly');
    tx.done.catch(() => undefined);
    return this.keep(Promise.all(ids.map((id) => tx.store.get(id)))) as Promise<Array<CorpusSchema[S]['value'] | undefined>>;
  }

  putFeatures(records: readonly StoredFeatures[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const tx = this.db.transaction('features', 'readwrite');
    for (const r of records) tx.store.put(r).catch(() => undefined);
    return this.keep(tx.done);
  }

  /**
   * Writes `items` in transactions of `stageSize`, each with its journal
   * record: `write` queues an item's records in the given transaction (its
   * stores are STAGED_STORES), after the records of the items that replace a
   * stored one (`replaced`, by id, as they were) are deleted. Resolves once
   * all are committed; rejects with the first transaction's error (a full
   * disk: QuotaExceededError).
   */
  stage<T>(items: readonly T[], idOf: (item: T) => string, replaced: ReadonlyMap<string, Replaced>, write: (tx: WriteTx, items: readonly T[]) => Promise<unknown>): Promise<void> {
    const run = (async () => {
      const groups: Array<Promise<void>> = [];
      let last = performance.now();
      try {
        for (let i = 0; i < items.length && !this.stopped; i += this.stageSize) {
          const group = items.slice(i, i + this.stageSize);
          const ids = group.map(idOf);
          const staged = this.stageGroup(ids, ids.flatMap((id) => replaced.get(id) ?? []), (tx) => write(tx, group));
          // Observed at once: it may fail while the loop breathes (Promise.all below still sees it).
          staged.catch(() => undefined);
          groups.push(staged);
          // Queuing a part's requests at once is a long task (the choices of the next part wait, and in Firefox the corpus manager).
          if (performance.now() - last > BREATHE_MS) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            last = performance.now();
          }
        }
      } finally {
        await Promise.all(groups);
      }
    })();
    this.staged.push(run.catch(() => undefined));
    return run;
  }

  private stageGroup(added: string[], replaced: Replaced[], write: (tx: WriteTx) => Promise<unknown>): Promise<void> {
    const tx = this.db.transaction([...JOURNAL_SCOPE], 'readwrite');
    tx.done.catch(() => undefined);
    const requests: Array<Promise<unknown>> = [];
    try {
      for (const r of replaced) for (const s of STAGED_STORES) requests.push(tx.objectStore(s).delete(r.article.id));
      const key = `${this.id}/${String(this.seq++).padStart(8, '0')}`;
      requests.push(tx.objectStore('importJournal').put({ key, import: this.id, added, replaced }));
      // The transaction's own stores are those `write` needs; typed as the store's write transactions.
      const written = write(tx as unknown as WriteTx);
      requests.push(written);
      // A request refused as it was made (a value that cannot be stored) fails `write`: nothing of the group is kept.
      written.catch(() => abort(tx));
      // The group fails with the first failure's own error (a full disk's QuotaExceededError), not the abort's.
      return Promise.all([written, tx.done]).then(() => undefined);
    } catch (error) {
      abort(tx);
      return Promise.reject(error);
    } finally {
      // A failed request aborts the transaction: its `done` rejects with the cause.
      for (const r of requests) r.catch(() => undefined);
    }
  }

  /** Marks the import committed, in its last transaction (see cleanUpImports). */
  markCommitted(tx: WriteTx): Promise<unknown> {
    return tx.objectStore('meta').put(this.id, COMMITTED_IMPORT);
  }

  /**
   * After the last transaction: deletes the journal (`committed`), or takes
   * out what was staged. Staging stops first, and what was queued settles.
   */
  async settle(committed: boolean): Promise<void> {
    this.stopped = true;
    await Promise.all(this.staged);
    const tx = this.db.transaction([...JOURNAL_SCOPE], 'readwrite') as unknown as JournalTx;
    tx.done.catch(() => undefined);
    const journal = tx.objectStore('importJournal');
    if (!committed) for (const record of await journal.getAll(journalRange(this.id))) undo(tx, record);
    // The mark stays: it names no journal record now, and the next import's replaces it.
    journal.delete(journalRange(this.id)).catch(() => undefined);
    await tx.done;
  }
}
