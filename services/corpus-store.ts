import type { CorpusUpdate } from '../platform/protocol';
import { openDB } from 'idb';
import { ISO_DATE, type Article } from '../lib/article/article';
import { problemMessages, ProblemError, type Problem } from '../lib/i18n/problem-messages';
import { indexTerms } from '../lib/article/index-terms';
import { MAX_QUERY_TERMS, rankCandidates, selectQueryTerms, type ArticleTerms, type QueryTerm } from './term-index';
import { BatchCandidates } from './batch-candidates';
import { yieldByMessage } from '../platform/yield-by-message';
import { articleFeatures, FEATURES_VERSION, type ArticleFeatures } from '../lib/match/features';
import { analyseForIndex } from '../lib/match/article-analysis';
import { glanceOf, headOf, isCurrentGlance, type ArticleGlance } from '../lib/match/glance';
import { chooseStory, clusterStories, type Story, type StoryMember } from '../lib/match/story-clusters';
import { DB_NAME, DB_VERSION, STORIES_SIGNATURE, STORES, READ_STORES, featuresIn, generationOf, type CorpusDB, type CorpusSchema, type PostingsChunk, type ReadTx, type StoredFeatures, type StoredStory, type StoryGlances, type StoryLink, type WriteTx } from './corpus-schema';
import { chunkIds, chunksOf, packIds, POSTINGS_CHUNK, termChunks } from './postings-layout';
import { ResidentPostings } from './resident-postings';
import { cleanUpImports, ImportJournal, STAGE_ARTICLES, type RecordAccess, type Replaced } from './import-journal';
import { whenPast } from '../platform/when-past';

/** Candidate stories' glances, and the generation of the corpus they were read in. */
export interface CandidateGlances {
  generation: number;
  stories: StoryGlances[];
}

/** A story with its members' articles, as lookups hand them out. */
export interface StoryArticles {
  id: string;
  articles: Article[];
}

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
  /** Articles in the corpus as the transaction has it so far: meta 'articles' at its start, changed by each add and delete; kept in meta at its end. */
  articles: number;
  /**
   * What the transaction added to the term index (each `addPostings` call's
   * term → new ids) and to the stories (stories as written, whole; links),
   * for `committed` to bring the lookup cache's copies up to date in memory:
   * the first page after an import then reads no index (at 10,000 articles,
   * reading it again cost that page ~150 ms). Null once the transaction
   * changed them otherwise (a removal, an article leaving its story, stories
   * formed again, a clear): the copies are dropped then, and read again.
   */
  added: { postings: Array<ReadonlyMap<string, readonly string[]>>; stories: StoredStory[]; links: StoryLink[] } | null;
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
  /**
   * Whether `df` holds every term's frequency. Otherwise (a large corpus:
   * reading every frequency cost a started worker's first lookup over a second
   * at 50,000 articles, and hundreds of MB) it holds those of the page terms
   * looked up so far in this generation, 0 for a term no article has, until
   * they are all read while idle (`prefetchResident`, for a vocabulary of up
   * to `residentTermsUpTo` terms).
   */
  dfComplete: boolean;
  /**
   * Articles in the corpus at this generation (meta 'articles', or what a
   * write of this context left there); null when not known yet.
   */
  size: number | null;
  loaded: Map<string, { article: Article; features: ArticleFeatures }>;
  /** Glances last read (made when the first lookup of the generation reads some), least recently used first. */
  glances?: Map<string, ArticleGlance>;
  /** Features read without their articles (the candidates a lookup compared), oldest first: a page's second request compares them again. */
  features?: Map<string, ArticleFeatures>;
  /**
   * A small corpus's whole index (term → ids, chunks joined in order), read at
   * the first lookup of the generation: the next pages look their terms up
   * without reading and cloning every postings record again. Null until read,
   * and after a write of this context (postings are not patched in memory).
   */
  postings: Map<string, string[]> | null;
  /**
   * A larger corpus's postings of the query terms read so far in this
   * generation (term → ids, chunks joined in order; empty for a term with
   * none), at most MAX_KEPT_POSTINGS ids in all: pages read one after another
   * share many of their distinctive terms, and a request per term costs a
   * round trip to the browser's storage. Dropped with `postings`.
   */
  termPostings?: { ids: number; byTerm: Map<string, string[]> };
  /**
   * The stories of the hits looked up so far in this generation: hit → the id
   * of its story, story id → its members (none when it is not stored), at most
   * MAX_KEPT_STORIES of either before starting afresh. Pages read one after
   * another share hits, and their stories cost two rounds of requests, one
   * after the other. `complete`: every story link and story, read when idle
   * after a lookup (`prefetchResident`): a hit missing from it is in no story,
   * and lookups read none. Dropped with `postings`.
   */
  stories?: { storyOf: Map<string, string>; members: Map<string, readonly string[]>; complete?: boolean };
  /**
   * Every term's postings as stored (term → its chunks' ids, in chunk order),
   * read when idle after a lookup (`prefetchResident`) for a corpus small
   * enough: lookups then send no postings requests. Dropped with `postings`.
   */
  resident?: ResidentPostings;
}

/**
 * A lookup's index reads sent beside its meta reads (see `lookupCache`), by
 * its transaction, with the cache and generation they assumed: `indexHits`
 * takes them when that generation is the transaction's.
 */
const earlyIndexReads = new WeakMap<
  object,
  { cache: LookupCache; generation: number; pageTerms: readonly string[]; maxTerms: number; maxKept: number; hits: (limit: number) => Promise<string[]> }
>();

/**
 * A lookup's reads of its hits' story links, their stories and the stories'
 * `storyGlances` records sent beside its meta reads (see `sendEarlyRecords`),
 * by its transaction: hit or story id → its read (`reads`: the records), with
 * the cache and generation they assumed. `candidateMembers` takes those it
 * needs when that generation is the transaction's.
 */
const earlyRecords = new WeakMap<
  object,
  {
    cache: LookupCache;
    generation: number;
    reads: Map<string, Promise<StoryGlances | undefined>>;
    links: Map<string, Promise<{ story: string } | undefined>>;
    stories: Map<string, Promise<{ members: readonly string[] } | undefined>>;
  }
>();

/** Article ids a lookup cache keeps of the postings it read (a few MB), before it starts afresh. */
const MAX_KEPT_POSTINGS = 200_000;

/** Hits' story links (and stories) a lookup cache keeps, before it starts afresh: the hits of a few hundred pages. */
const MAX_KEPT_STORIES = 10_000;

/**
 * Up to this many ids in all postings (the sum of the frequencies), a corpus
 * of up to `completeFrequenciesUpTo` articles has its whole index kept in
 * memory as stored (`resident`): at 10,000 bench articles 821,000 ids in
 * 4,980 terms' chunk strings (8.4 MB as JSON), where a lookup otherwise sends one
 * request per query term (~70 µs each in Chromium, whatever it returns).
 */
const RESIDENT_POSTINGS_UP_TO = 1_500_000;

/**
 * Up to this many ids in all postings, a whole index lookups hold is kept
 * through a write that only adds (patched, see `patchIndex`), whatever the
 * corpus's size: ~24 MB as numbers, where dropping it left a 50,000 corpus's
 * next pages reading their terms' postings one request each, cold (Chromium
 * bench: the first warm page's index step 99 ms). Beyond `residentStoriesUpTo`
 * articles it is never read whole (see `prefetchResident`): a worker holds it
 * there only by having imported into what it held.
 */
const RESIDENT_POSTINGS_KEPT_UP_TO = 6_000_000;

/**
 * How long no lookup must have started before the resident index
 * (`prefetchResident`) is read: the page's notes are made by then (a started
 * worker's first page at 50,000 articles spends ~230 ms in the engine after
 * its last read), so the read's requests and unpacking on this thread do not
 * delay them. At 50 ms after the index's hits, the read ran beside a started
 * worker's first lookup: its steps took twice as long (Chromium, 10,000).
 */
const PREFETCH_DELAY_MS = 500;

/** Postings records read per request for the resident index: ~400 KB at 10,000 bench articles, ~20 requests for all. */
const RESIDENT_PAGE_RECORDS = 256;
/** Story links or stories read per request for the resident index, per postings record (a link is ~40 bytes, a postings record ~1.7 KB). */
const RESIDENT_LINKS_PER_RECORD = 20;
/** Milliseconds of parsing the resident index's ids (`parseResident`) at a time: a request that arrives meanwhile waits at most about this long. */
const RESIDENT_PARSE_SLICE_MS = 4;
/**
 * Milliseconds after a lookup started during which the resident index is
 * neither read nor parsed (`afterLookups`): a no-story page's request takes
 * 40-100 ms in the worker, its reads come back meanwhile.
 */
const LOOKUP_PAUSE_MS = 150;

/**
 * Up to this many articles, lookups keep every story link and story in
 * memory (`stories.complete`), read when idle after a lookup: one map entry
 * per article and one list per story (~2 MB at 10,000), where a lookup
 * otherwise sends a request per hit (50) and per candidate story. Not at
 * 50,000 (~10 MB, ~60,000 records to read): there the read ran into the
 * pages opened after it (Chromium, bench at 50,000: warm first note 163 /
 * 232 → 291 / 680 ms, a no-story page up to 357 ms), for lookups that read
 * ~50 links less; as far as the whole index is kept (COMPLETE_FREQUENCIES_UP_TO).
 */
const RESIDENT_STORIES_UP_TO = 20_000;

/**
 * Up to this many distinct terms (df records), a corpus past
 * `completeFrequenciesUpTo` articles has every frequency read when idle after a
 * lookup (`prefetchResident`), a page of them a request, and kept: its lookups
 * then read no frequency, and send their postings reads beside their meta reads,
 * a round trip sooner. Its lookups otherwise read each page term's frequency,
 * one request each, before their postings (Chromium, the 50,000 bench corpus's
 * 4,984 terms: a no-story page's 72-1,175 terms, 7-74 ms, the whole store in one
 * request 38 ms at load 7). A vocabulary that large is
 * rather a reader's real corpus's than the bench's synthetic one: ~2 MB of
 * frequencies read whole (~40 bytes each as records) at most.
 */
const RESIDENT_TERMS_UP_TO = 50_000;

/** Up to this many distinct terms in the corpus, a lookup reads the whole index at once rather than term by term. */
const READ_WHOLE_INDEX_TERMS = 3000;
/** Articles read per request while reading a page of them (articlesPage). */
const ARTICLES_PAGE_BATCH = 200;

/**
 * Up to this many articles, a new generation's first lookup reads every
 * document frequency at once (one request; ~0.15 ms per page term later);
 * beyond, only its page terms' (one request each: ~400 for a news page).
 * Reading all of them grows with the vocabulary: at 50,000 articles it took
 * a started worker's first lookup over a second and most of its heap.
 */
const COMPLETE_FREQUENCIES_UP_TO = 20_000;

/** Page-term frequencies a large corpus's lookups keep at most before starting again. */
const MAX_PARTIAL_FREQUENCIES = 100_000;

/** Articles kept in memory with their features; beyond this the least recently used go. */
const MAX_CACHED_ARTICLES = 500;

/** Glances kept in memory: the candidates of several pages (~200 each at 10,000 articles), each a small fraction of its features. */
const MAX_CACHED_GLANCES = 2000;

/** Articles an upgrade reads at once when it makes their glances: a large corpus is not held in memory whole. */
const UPGRADE_BATCH = 500;

/** Story members whose glances an upgrade from version 5 or 6 holds at once (~2.4 KB each), read in one pass over the old glances store. */
const UPGRADE_GLANCES = 10_000;

/** The glances store of versions 5 to 7 (not in this version's schema), as the upgrade reads it. */
interface GlanceStoreV5 {
  getAll(query?: IDBKeyRange, count?: number): Promise<ArticleGlance[]>;
}

/** An article with what the index and the engine need of it, computed outside any transaction. */
export interface Prepared {
  article: Article;
  terms: string[];
  features: ArticleFeatures;
  /** `features` as the JSON they came in (an import's, from the corpus manager's worker): stored as it is (see StoredFeatures). */
  featuresJson?: string;
}

/** Term → ids of the articles indexed under it, added to `out` (a new map by default). */
function postingsOf(indexed: readonly ArticleTerms[], out = new Map<string, string[]>()): Map<string, string[]> {
  for (const { id, terms } of indexed)
    for (const t of terms) {
      const ids = out.get(t);
      if (ids) ids.push(id);
      else out.set(t, [id]);
    }
  return out;
}

/**
 * Work of a lookup's caller to run once while the lookup's first batch of
 * requests beyond its meta reads (sent with them or after them) is in
 * flight: the browser answers them meanwhile, so the work costs the lookup
 * no time up to their round trip.
 */
interface WhileWaiting {
  run?: () => void;
}

/** Runs the caller's work now, if it has not run yet. */
function runWhileWaiting(hook: WhileWaiting | undefined): void {
  const run = hook?.run;
  if (!run) return;
  hook.run = undefined;
  run();
}

export function prepare(article: Article): Prepared {
  return { article, ...analyseForIndex(article) };
}

/** Index hits considered when an article chooses its story at ingest: as many as a page lookup reads by default. */
const STORY_CANDIDATES = 50;

/**
 * What `assignStories` keeps of a batch between calls: an import's parts
 * choose their stories one call after another as they would in one.
 */
interface AssignBatch {
  /** The frequencies and article count before the batch, from its first call. */
  before: { base: ReadonlyMap<string, number>; changes: ReadonlyMap<string, number>; count: number } | null;
  /** Items so far. */
  items: number;
  inBatch: Set<string>;
  /** What the items so far add to the frequencies. */
  added: Map<string, number>;
  /** Stored postings (the batch's articles left out) of the terms read so far, and the items so far, indexed under their terms. */
  candidates: BatchCandidates;
  /** Whether `candidates` holds every stored term (a small index, read whole). */
  storedComplete: boolean;
  /** Stored hits whose stories were read. */
  hitsRead: Set<string>;
  storyOfHit: Map<string, string>;
  takenIds: Set<string>;
  /** The stories read or formed so far, as the batch's choices left them. */
  state: Map<string, Story>;
  storyOfItem: Map<string, string>;
}

/** What an import in parts writes after its last part: the stories and links its parts formed, and the postings of their articles. */
interface ImportTail {
  stories: Map<string, StoredStory>;
  links: StoryLink[];
  /** Term → ids of the parts' articles indexed under it: postingsOf of them all, built a part at a time (one go at 10,000 articles is a long task, in Firefox felt by the corpus manager). */
  postings: Map<string, string[]>;
  /** The parts' articles' glances, for their stories' `storyGlances` records. */
  glances: Map<string, ArticleGlance>;
}

const newAssignBatch = (): AssignBatch => ({
  before: null,
  items: 0,
  inBatch: new Set(),
  added: new Map(),
  candidates: new BatchCandidates(),
  storedComplete: false,
  hitsRead: new Set(),
  storyOfHit: new Map(),
  takenIds: new Set(),
  state: new Map(),
  storyOfItem: new Map(),
});

/** An article about to choose its story: its index terms and its features. */
interface Assignee {
  id: string;
  terms: readonly string[];
  features: ArticleFeatures;
}

const assigneeOf = (p: Prepared): Assignee => ({ id: p.article.id, terms: p.terms, features: p.features });

/** Each article's features: the stored ones where they are current, else computed (and returned in `computed`, to be stored). */
function currentFeatures(articles: readonly Article[], stored: readonly StoredFeatures[]): { features: Map<string, ArticleFeatures>; computed: StoredFeatures[] } {
  const byId = new Map(stored.map((f) => [f.id, featuresIn(f)]));
  const features = new Map<string, ArticleFeatures>();
  const computed: StoredFeatures[] = [];
  for (const article of articles) {
    let f = byId.get(article.id);
    if (!f || f.version !== FEATURES_VERSION) {
      f = articleFeatures(article);
      computed.push({ id: article.id, features: f });
    }
    features.set(article.id, f);
  }
  return { features, computed };
}

/**
 * Every story of a corpus at once, from its stored articles and features:
 * clusterStories over the articles in the order they were added (ties by id),
 * which is what ingest builds article by article, with every story a
 * candidate. Features missing or from an older engine are computed, and
 * returned in `computed` to be stored.
 */
function formAllStories(articles: readonly Article[], storedFeatures: readonly StoredFeatures[]): { stories: StoredStory[]; links: StoryLink[]; computed: StoredFeatures[] } {
  const { features, computed } = currentFeatures(articles, storedFeatures);
  const ordered = [...articles].sort((a, b) => (a.addedAt ?? 0) - (b.addedAt ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const assigned = clusterStories(ordered.map((a) => ({ id: a.id, features: features.get(a.id)! })));
  const stories = new Map<string, StoredStory>();
  const links: StoryLink[] = [];
  for (const a of ordered) {
    const id = assigned.get(a.id)!;
    const story = stories.get(id);
    if (story) story.members.push(a.id);
    else stories.set(id, { id, members: [a.id] });
    links.push({ id: a.id, story: id });
  }
  return { stories: [...stories.values()], links, computed };
}

/** The browser's storage is full; nothing of the failed write was kept. */
export class StorageFullError extends Error {
  readonly problem: Problem = { kind: 'storage-full' };
  constructor(cause: unknown) {
    super(problemMessages('en').problem({ kind: 'storage-full' }), { cause });
    this.name = 'StorageFullError';
  }
}

/** A write stopped through its AbortSignal; nothing of it was kept. */
export class WriteCancelledError extends Error {
  readonly problem: Problem = { kind: 'cancelled' };
  constructor() {
    super(problemMessages('en').problem({ kind: 'cancelled' }));
    this.name = 'AbortError';
  }
}

/**
 * How long an open import (`openImport`) waits for its next part before it
 * gives up and leaves the corpus as it was. The corpus manager sends a part
 * every few hundred milliseconds (its worker analyses about a part's worth in
 * that time), so only a page closed or stalled mid-import waits this long; it
 * is well below the 30 s after which Chromium stops an idle service worker,
 * so the import ends cleanly here rather than with the worker, and the
 * corpus, locked by the open transaction meanwhile, is free again soon.
 */
export const IMPORT_PART_TIMEOUT_MS = 15_000;

/** An import's next part never came (its page closed or stalled); nothing of it was kept. */
export class ImportInterruptedError extends Error {
  readonly problem: Problem = { kind: 'import-interrupted' };
  constructor() {
    super(problemMessages('en').problem({ kind: 'import-interrupted' }));
    this.name = 'ImportInterruptedError';
  }
}

/** An import holds an article id twice; nothing of it was kept. */
export class DuplicateImportError extends Error {
  readonly problem: Problem;
  constructor(id: string) {
    super(problemMessages('en').problem({ kind: 'twice-in-import', id }));
    this.problem = { kind: 'twice-in-import', id };
    this.name = 'DuplicateImportError';
  }
}

/** An import written part by part as the parts arrive, in one transaction (see `openImport`). */
export interface ImportSession {
  /** Adds the next part; resolves once its articles' stories are chosen (their writes are queued once the next part's reads are made, or no part waits), rejects with the import's error. */
  add(part: readonly Prepared[]): Promise<void>;
  /** Commits what the parts added: resolves once all of it is stored, rejects (the corpus unchanged) if anything failed. */
  finish(): Promise<void>;
  /** The error that ended the import early (its transaction aborted), if one did. */
  failure(): { error: unknown } | null;
  /** Where its time went so far (ms), for the bench. */
  steps(): ImportSteps;
}

/** Where an import in parts spent its time in the open transaction (ms). */
export interface ImportSteps {
  /** Waiting for the next part (and, with no part waiting, for the writes of the part before). */
  wait: number;
  /** Choosing the parts' stories (while the part before is written). */
  assign: number;
  /** Looking for the parts' articles among the stored ones, replacing those found. */
  parts: number;
  /** Queuing the parts' writes (the articles, their terms, features and glances). */
  queue: number;
  /** Waiting, after the last part, for the parts' writes still pending. */
  writes: number;
  /** The stories, links and postings after the last part. */
  tail: number;
}

function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}

/**
 * Whether this context shares its thread with the extension's pages: a
 * background page (Firefox) has a window, a service worker (Chromium) does
 * not. Queuing a large write's requests breathes only then: each breath waits
 * for the requests queued so far, which a service worker need not pay for.
 */
const SHARES_PAGE_THREAD = typeof window !== 'undefined';

/**
 * How long work inside a write transaction runs before it lets the event loop
 * run. Half as long where the corpus manager shares the thread: its frame
 * waits for the slice, then for the success events of what the slice queued.
 */
const BREATHE_MS = SHARES_PAGE_THREAD ? 15 : 30;

/**
 * Requests a breather lets be queued before it waits for them, however
 * quickly they were queued. In Firefox their success events come back to the
 * shared thread in a row, ahead of a timer or frame queued behind them: a
 * Gecko profile of a 10,000 import had stalls of 100–180 ms that were 400–700
 * success events of the postings' writes and little else.
 */
export const BREATHE_REQUESTS = 256;

/**
 * A pause for long work inside a write transaction, called often (with the
 * number of requests queued since the last call, or about to be): every
 * BREATHE_MS, or BREATHE_REQUESTS requests, it waits for a small read of
 * `tx`, which keeps the transaction alive while the event loop runs – a
 * cancel, other requests, and in Firefox, whose background page shares its
 * thread with the extension's pages, the corpus manager itself. The read
 * runs after the requests queued before it: waiting for it lets their
 * success events through too.
 */
export function transactionBreather(tx: Pick<WriteTx, 'objectStore'>): (requests?: number) => Promise<void> {
  let last = performance.now();
  let queued = 0;
  return async (requests = 0) => {
    queued += requests;
    if (performance.now() - last < BREATHE_MS && queued < BREATHE_REQUESTS) return;
    await tx.objectStore('meta').get('generation');
    last = performance.now();
    queued = 0;
  };
}

/** The stores of an import's last transaction: all but those its staged transactions write (see openImport). */
const IMPORT_STORES = ['postings', 'df', 'meta', 'stories', 'storyGlances', 'storyOf'] as const;

/** The articles, terms and features of a write transaction whose scope lacks them (an import's last: see openImport). */
const outsideRecords = new WeakMap<WriteTx, RecordAccess>();

/** Where a write reads articles, terms and features: its own transaction, or the import's staged ones (`outsideRecords`). */
function recordsOf(tx: WriteTx): RecordAccess {
  return (
    outsideRecords.get(tx) ?? {
      get: (store, ids) => Promise.all(ids.map((id) => tx.objectStore(store).get(id))) as never,
      putFeatures: async (records) => {
        await Promise.all(records.map((f) => tx.objectStore('features').put(f)));
      },
    }
  );
}

/**
 * Breathing for long work inside a write transaction that may have writes
 * pending (an import's parts: the choices of one part run while the writes
 * of the part before are stored). Awaiting a read, as transactionBreather
 * does, would wait behind those writes, so the work would not run beside
 * them. Here the work lets the event loop run while one read at a time,
 * each made as the one before succeeds, holds the transaction open; a
 * transaction takes requests only while one of its requests succeeds, so
 * after breathing the work waits for `resume` before it makes any.
 */
class TransactionHold {
  private holding = false;
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private last = performance.now();

  constructor(private readonly tx: WriteTx) {}

  /** Every BREATHE_MS, lets the event loop run. Must be called where the transaction takes requests, or after an earlier breath with no `resume` since. */
  async breathe(): Promise<void> {
    if (performance.now() - this.last < BREATHE_MS) return;
    if (!this.holding) {
      this.holding = true;
      this.read();
    }
    await yieldByMessage();
    this.last = performance.now();
  }

  /** Awaits `work` (requests of other transactions) while the transaction is held open, then resumes it. */
  async across<T>(work: Promise<T>): Promise<T> {
    if (!this.holding) {
      this.holding = true;
      this.read();
    }
    try {
      return await work;
    } finally {
      await this.resume();
    }
  }

  /** Resolves where the transaction takes requests again (at once when it was not left). */
  resume(): Promise<void> {
    if (!this.holding) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private read(): void {
    this.tx
      .objectStore('meta')
      .get('generation')
      .then(
        () => {
          const waiters = this.waiters.splice(0);
          if (waiters.length === 0) return this.read();
          this.holding = false;
          for (const w of waiters) w.resolve();
        },
        (error: unknown) => {
          this.holding = false;
          for (const w of this.waiters.splice(0)) w.reject(error);
        },
      );
  }
}

/** Lets the event loop run (progress, cancel, other messages) during long preparation work. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface ImportOptions {
  signal?: AbortSignal;
  /** Called as articles are prepared and once more when they are written: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Called after each step ('prepare', 'write'), for timing. */
  lap?: (step: string) => void;
}

export interface ArticleUpdate {
  outlet?: string;
  date?: string | null;
}

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
 * term index, the features and the stories consistent in one transaction.
 */
export class CorpusStore {
  /** Features read with candidates, by the Article objects handed out, for `featuresOf`. */
  private readonly loadedFeatures = new WeakMap<Article, ArticleFeatures>();
  private cache: LookupCache | null = null;
  /** Page terms a lookup reads the postings of at most (`selectQueryTerms`); a comparison of what lookups find may vary it. */
  maxQueryTerms = MAX_QUERY_TERMS;
  /** Up to this many articles, lookups read every document frequency at once (see `lookupCache`); tests lower it. */
  completeFrequenciesUpTo = COMPLETE_FREQUENCIES_UP_TO;
  /** Article ids of postings a lookup cache keeps (see `termPostings`); tests lower it. */
  keptPostingsUpTo = MAX_KEPT_POSTINGS;
  /** Ids in all postings up to which the whole index is kept in memory (see `resident`); tests lower it. */
  residentPostingsUpTo = RESIDENT_POSTINGS_UP_TO;
  /** Ids in all postings up to which a whole index held is kept through a write that only adds (see `patchIndex`); tests lower it. */
  residentPostingsKeptUpTo = RESIDENT_POSTINGS_KEPT_UP_TO;
  /** Milliseconds without a lookup before the resident index is read (see `prefetchResident`). */
  prefetchDelayMs = PREFETCH_DELAY_MS;
  /** When the last lookup's transaction started (`performance.now()`). */
  private lastLookupAt = 0;
  /** When the last write of this context that added articles committed (`performance.now()`). */
  private lastWriteAt = 0;
  /** When the background last said a page's requests were all answered (`requestsDone`). */
  private requestsDoneAt = -Infinity;
  /** The idle work's waits (`whenPast`), woken when `requestsDone` lets them end sooner. */
  private readonly idleWaits = new Set<() => void>();
  /** Postings records per request when the resident index is read (story links and stories: 20 times as many); tests lower it. */
  residentPageRecords = RESIDENT_PAGE_RECORDS;
  /** Up to this many articles, lookups keep every story link and story in memory (see `prefetchResident`); tests lower it. */
  residentStoriesUpTo = RESIDENT_STORIES_UP_TO;
  /** Up to this many distinct terms, a corpus past `completeFrequenciesUpTo` articles has every frequency read when idle (see `prefetchResident`); tests lower it. */
  residentTermsUpTo = RESIDENT_TERMS_UP_TO;
  /** Whether this context found more distinct terms than `residentTermsUpTo` (a vocabulary hardly shrinks: not read whole again). */
  private manyTerms = false;
  /** The read of the resident index last scheduled, and the generation it was scheduled for. */
  private prefetch: { generation: number; done: Promise<void> } | null = null;
  /** The resident index last parsed while idle (`parseResident`), whether that loop still runs, and when it is done. */
  private parsing: { resident: ResidentPostings; running: boolean; done: Promise<void> } | null = null;

  /**
   * Articles an import writes in each of its staged transactions (see
   * import-journal.ts); 0: none, the import is one transaction. In Firefox
   * (a background page) none: its IndexedDB (SQLite) ran the staged
   * transactions only after the import's last one, which waits for them (an
   * import hung), and it keeps no undo log that an opening walks.
   */
  stageArticles = SHARES_PAGE_THREAD ? 0 : STAGE_ARTICLES;
  /** Settles once the import in progress (see openImport) has committed and deleted its journal, or taken out what it staged. */
  private importing: Promise<void> | null = null;

  private constructor(private readonly db: CorpusDB) {}

  /**
   * Resolves when no import is in progress. Reads of articles wait for it too:
   * its staged articles are stored before its last transaction commits (see
   * openImport), and must not be seen before.
   */
  private async afterImport(): Promise<void> {
    while (this.importing) await this.importing;
  }

  /**
   * Opens (creating or upgrading) the database; `name` is for tests. `updating` hears, before it
   * starts, of work that makes this opening take long: a reader's corpus upgraded to this version's
   * database, or its stories formed again for a newer engine (seconds at 10,000 articles).
   */
  static async open(name: string = DB_NAME, hooks: { updating?: (update: CorpusUpdate) => void } = {}): Promise<CorpusStore> {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this context');
    const opened: { db?: CorpusDB } = {};
    /** A step of the upgrade that threw, and the version the database stays at. */
    let failed: { error: unknown; oldVersion: number } | null = null;
    const db = await openDB<CorpusSchema>(name, DB_VERSION, {
      // A newer crossread wants to upgrade the database: step aside rather than block it.
      blocking() {
        opened.db?.close();
      },
      upgrade(database, oldVersion, _newVersion, transaction) {
        // idb does not wait for what this returns: a step that throws must abort the version change
        // itself, or the database would be left at the new version half upgraded, and never upgraded again.
        const steps = async () => {
          // A reader's database (not a new one), counted so the reader can be told how much is being updated;
          // not awaited, so the steps below start as they always did.
          if (oldVersion >= 1 && hooks.updating) {
            const told = hooks.updating;
            transaction
              .objectStore('articles')
              .count()
              .then((articles) => told({ what: 'database', from: oldVersion, to: DB_VERSION, articles }))
              .catch(() => undefined);
          }
          if (oldVersion < 1) {
            const articles = database.createObjectStore('articles', { keyPath: 'id' });
            articles.createIndex('url', 'url');
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
          if (oldVersion < 4) {
            database.createObjectStore('stories', { keyPath: 'id' });
            database.createObjectStore('storyOf', { keyPath: 'id' });
          }
          if (oldVersion < 7) database.createObjectStore('storyGlances', { keyPath: 'id' });
          // Index what the reader already has, inside the upgrade: the new
          // version is never visible with articles missing from the index.
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
            for (const [term, ids] of postingsOf(indexed)) for (const c of chunksOf(term, ids)) writes.push(transaction.objectStore('postings').put(c));
            await Promise.all(writes);
          }
          // The stories of what the reader already has, from scratch, in the
          // same upgrade: the new version is never visible with an article in
          // no story. Features missing or from an older engine are computed for
          // it, and kept.
          if (oldVersion >= 1 && oldVersion < 4) {
            const [articles, stored] = await Promise.all([transaction.objectStore('articles').getAll(), transaction.objectStore('features').getAll()]);
            const { stories, links, computed } = formAllStories(articles, stored);
            await Promise.all([
              ...computed.map((f) => transaction.objectStore('features').put(f)),
              ...stories.map((story) => transaction.objectStore('stories').put(story)),
              ...links.map((link) => transaction.objectStore('storyOf').put(link)),
            ]);
          }
          if (oldVersion < 4) await transaction.objectStore('meta').put(STORIES_SIGNATURE, 'storiesVersion');
          // The postings in the chunks of this version, a batch of records at a time (a term's chunks all together): lookups read fewer records.
          if (oldVersion >= 3 && oldVersion < 6) {
            const postings = transaction.objectStore('postings');
            // A batch's writes are not waited for before the next batch's read: the transaction runs its requests
            // in order, and that read takes only terms after theirs. A failed write aborts it, which fails the read.
            const writes: Promise<unknown>[] = [];
            const write = (request: Promise<unknown>) => {
              request.catch(() => undefined);
              writes.push(request);
            };
            for (let after: string | null = null; ; ) {
              const batch = await postings.getAll(after === null ? undefined : IDBKeyRange.lowerBound([after, Infinity], true), UPGRADE_BATCH);
              if (batch.length === 0) break;
              const last = batch[batch.length - 1];
              // The batch may end within a term: its other chunks come with it.
              if (batch.length === UPGRADE_BATCH) batch.push(...(await postings.getAll(IDBKeyRange.bound([last.term, last.chunk], [last.term, Infinity], true))));
              const byTerm = new Map<string, PostingsChunk[]>();
              for (const c of batch) {
                const list = byTerm.get(c.term);
                if (list) list.push(c);
                else byTerm.set(c.term, [c]);
              }
              for (const [term, old] of byTerm) {
                const chunks = chunksOf(term, old.flatMap(chunkIds));
                for (const c of chunks) write(postings.put(c));
                for (const c of old) if (c.chunk >= chunks.length) write(postings.delete([term, c.chunk]));
              }
              after = last.term;
            }
            await Promise.all(writes);
          }
          // Every story's glances record, in the same upgrade (the new version is never visible with a story
          // without one), a batch of stories at a time: a member's glance from the glances store of versions
          // 5 and 6 where it holds a current one, else made from its features (computed where missing or from
          // an older engine, and kept). That store is read in pages of its key order (one request a page, not
          // one a member: 10,000 gets took ~1.2 s of a 10,000-article upgrade in Chromium), for stories of up
          // to UPGRADE_GLANCES members at once (one pass over it at 10,000 articles), keeping only their glances.
          if (oldVersion >= 1 && oldVersion < 7) {
            const stories = transaction.objectStore('stories');
            // Not in this version's schema: the store the step below deletes.
            const old = oldVersion >= 5 ? (transaction.objectStore('glances' as never) as unknown as GlanceStoreV5) : null;
            for (let after: string | null = null, done = false; !done; ) {
              const group: StoredStory[] = [];
              let members = 0;
              do {
                const batch = await stories.getAll(after === null ? undefined : IDBKeyRange.lowerBound(after, true), UPGRADE_BATCH);
                if (batch.length < UPGRADE_BATCH) done = true;
                if (batch.length === 0) break;
                group.push(...batch);
                for (const story of batch) members += story.members.length;
                after = batch[batch.length - 1].id;
              } while (old && !done && members < UPGRADE_GLANCES);
              const known = old ? await CorpusStore.readGlancesV5(old, group) : new Map<string, ArticleGlance>();
              // Those to make from their articles and features are read a batch of stories at a time, as before.
              for (let i = 0; i < group.length; i += UPGRADE_BATCH) await CorpusStore.putStoryGlances(transaction as unknown as WriteTx, group.slice(i, i + UPGRADE_BATCH), known);
            }
          }
          // The glances store of versions 5 to 7 goes once every story's record is built (above, from it): a
          // glance is stored in its story's record only, not twice (~2.4 KB an article).
          if (oldVersion >= 5 && oldVersion < 8) database.deleteObjectStore('glances' as never);
          // Versions 1 to 8 indexed articles by source (not in this version's schema), which nothing read (see DB_VERSION).
          // Dropping an index is cheap in the version change (the browser deletes its entries after it); a database that
          // never had it is left alone.
          const articles = transaction.objectStore('articles');
          if (oldVersion >= 1 && oldVersion < 9 && articles.indexNames.contains('source' as never)) articles.deleteIndex('source' as never);
          // An import's journal (empty between imports): nothing to carry over.
          if (oldVersion < 10) database.createObjectStore('importJournal', { keyPath: 'key' });
          // Version 11 stores an import's features as JSON (StoredFeatures): those stored before stay objects, which every reader takes.
        };
        // Its end is told by the open request; an abort here is the failure reported below.
        transaction.done.catch(() => undefined);
        steps().catch((error: unknown) => {
          failed = { error, oldVersion };
          try {
            transaction.abort();
          } catch {
            // Already aborted (a failed request aborts it): the database is as it was all the same.
          }
        });
      },
    }).catch((error: unknown) => {
      if (failed === null) throw error;
      const { error: cause, oldVersion } = failed;
      throw new Error(
        `crossread could not update its database (version ${oldVersion} to ${DB_VERSION}): ${cause instanceof Error ? cause.message : String(cause)}. Nothing was changed; the articles are kept as they were.`,
        { cause },
      );
    });
    opened.db = db;
    const store = new CorpusStore(db);
    // Stories computed with other rules or other features (an engine update) are
    // formed again, all at once. Should that fail (a full disk), the old ones
    // still hold every article, and the next start tries again.
    const [storiesVersion, articles, journal] = await Promise.all([db.get('meta', 'storiesVersion'), db.get('meta', 'articles'), db.getAllKeys('importJournal', undefined, 1)]);
    // An import the worker was stopped in: what it staged goes (or only its journal, when it committed) before anything is read.
    if (journal.length > 0) await cleanUpImports(db).catch((error: unknown) => console.warn('crossread: an interrupted import could not be cleaned up', error));
    if (storiesVersion !== STORIES_SIGNATURE) {
      hooks.updating?.({ what: 'stories', from: null, to: null, articles: typeof articles === 'number' ? articles : null });
      await store.recomputeStories(true).catch((error: unknown) => console.warn('crossread: the stories could not be formed again', error));
    } else if (articles === undefined) {
      // The article count is kept from this version on: a corpus is counted once. Should that fail, lookups count until a write succeeds.
      await store.keepCount().catch((error: unknown) => console.warn('crossread: the articles could not be counted', error));
    }
    return store;
  }

  /** Counts the articles into meta 'articles' when it is not kept yet. Nothing else changes, so the generation does not either. */
  private async keepCount(): Promise<void> {
    const tx = this.db.transaction(['articles', 'meta'], 'readwrite');
    if ((await tx.objectStore('meta').get('articles')) === undefined) await tx.objectStore('meta').put(await tx.objectStore('articles').count(), 'articles');
    await tx.done;
  }

  /**
   * Runs `body` in one readwrite transaction over all stores: either all of
   * its writes are kept, or none. `body` must only await requests of `tx`.
   * `frequencies`: `log.dfBefore` is set (read when this context does not hold
   * them), as looking up the candidate stories of new articles needs.
   */
  private async write<T>(
    body: (tx: WriteTx, log: WriteLog) => Promise<T>,
    signal?: AbortSignal,
    options: { frequencies?: boolean; stores?: ReadonlyArray<(typeof STORES)[number]> } = {},
  ): Promise<T> {
    // Writes queue behind an import in progress: they must not interleave with its staged transactions.
    if (this.importing) await this.afterImport();
    if (signal?.aborted) throw new WriteCancelledError();
    const tx = this.db.transaction([...(options.stores ?? STORES)], 'readwrite') as WriteTx;
    // An abort can settle `done` before this function awaits it; it is awaited below, never ignored.
    tx.done.catch(() => undefined);
    const log: WriteLog = { df: new Map(), touched: new Set(), cleared: false, dfBefore: null, articles: 0, added: { postings: [], stories: [], links: [] } };
    const cancel = () => {
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
    };
    signal?.addEventListener('abort', cancel);
    try {
      const [stamp, kept] = await Promise.all([tx.objectStore('meta').get('generation'), tx.objectStore('meta').get('articles')]);
      const generation = generationOf(stamp);
      // A corpus from before the count was kept is counted once (Chromium reads through the store to count it); every write keeps it from then on.
      log.articles =
        typeof kept === 'number' ? kept : tx.objectStoreNames.contains('articles') ? await tx.objectStore('articles').count() : await new TransactionHold(tx).across(this.db.count('articles'));
      if (this.cache?.generation === generation && this.cache.dfComplete) log.dfBefore = this.cache.df;
      else if (options.frequencies) {
        // Looking up new articles' candidate stories ranks index terms by the whole corpus: every frequency is read once, and kept for later writes and lookups.
        const df = new Map((await tx.objectStore('df').getAll()).map((r) => [r.term, r.df]));
        this.cache = { generation, df, dfComplete: true, size: null, loaded: new Map(), postings: null };
        log.dfBefore = df;
      }
      const bump = tx.objectStore('meta').put(generation + 1, 'generation');
      bump.catch(() => undefined);
      const result = await body(tx, log);
      const counted = tx.objectStore('meta').put(log.articles, 'articles');
      await bump;
      await counted;
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
      // Some frequencies only: a changed one is read again when a page needs it.
      if (!cache.dfComplete) {
        cache.df.delete(term);
        continue;
      }
      const value = (cache.df.get(term) ?? 0) + change;
      if (value > 0) cache.df.set(term, value);
      else cache.df.delete(term);
    }
    for (const id of log.touched) {
      cache.loaded.delete(id);
      cache.glances?.delete(id);
      cache.features?.delete(id);
    }
    cache.size = log.articles;
    cache.generation = generation + 1;
    if (log.added) {
      this.patchIndex(cache, log.added);
      // What it could not patch (an import into a worker that has looked nothing up yet, so held nothing whole) is read once
      // idle, before the pages the reader opens next ask: a delete leaves it for the next lookup, as a corpus manager's
      // deletes come one after another.
      this.lastWriteAt = performance.now();
      this.prefetchResident(cache);
    } else {
      cache.postings = null;
      cache.termPostings = undefined;
      cache.stories = undefined;
      cache.resident = undefined;
    }
  }

  /**
   * Brings what lookups keep of the index and the stories (`cache`, already
   * of the write's generation, its frequencies and size with it) up to date
   * with a write that only added to them: each term's new ids after its held
   * ones, each written story and link. What the corpus has grown too large to
   * keep whole (see `keepsWhole`) is dropped.
   */
  private patchIndex(cache: LookupCache, added: NonNullable<WriteLog['added']>): void {
    const whole = this.keepsWhole(cache);
    if (cache.resident && whole.keptPostings) {
      for (const postings of added.postings) cache.resident.add(postings);
      // The new ids are parsed while idle, as a fresh read's (see `parseResident`); `prefetched` waits for it.
      if (cache.resident.unparsed > 0) this.prefetch = { generation: cache.generation, done: this.parseResident(cache, cache.resident) };
    } else cache.resident = undefined;
    const { postings, termPostings: kept } = cache;
    if (postings && cache.dfComplete && cache.df.size <= READ_WHOLE_INDEX_TERMS) {
      for (const p of added.postings) for (const [term, ids] of p) postings.set(term, (postings.get(term) ?? []).concat(ids));
    } else cache.postings = null;
    // Some terms' postings: a held term's new ids follow its held ones (the order of a term's ids changes no ranking), copied
    // once (a lookup under way may be ranking the held list); one that outgrows what is kept is read again when a page needs it.
    // Looked up in each write's part by held term: an import's parts hold ~2 M term lists at 50,000 articles, the held terms a few thousand.
    if (kept)
      for (const [term, held] of kept.byTerm) {
        let list: string[] | null = null;
        for (const p of added.postings) {
          const ids = p.get(term);
          if (ids === undefined || ids.length === 0) continue;
          list ??= held.slice();
          for (const id of ids) list.push(id);
        }
        if (list === null) continue;
        kept.ids += list.length - held.length;
        // Setting an entry of a Map being iterated leaves the iteration as it is; deleting the visited one does too.
        if (kept.ids > this.keptPostingsUpTo) {
          kept.ids -= list.length;
          kept.byTerm.delete(term);
        } else kept.byTerm.set(term, list);
      }
    const stories = cache.stories;
    if (stories && (!stories.complete || whole.stories)) {
      // Every link and story, or those of the hits looked up so far (a new article's link or a new story is read when a page needs it).
      for (const link of added.links) if (stories.complete || stories.storyOf.has(link.id)) stories.storyOf.set(link.id, link.story);
      for (const story of added.stories) if (stories.complete || stories.members.has(story.id)) stories.members.set(story.id, story.members);
    } else cache.stories = undefined;
  }

  /**
   * Indexes articles under their terms: document frequencies go up and each
   * term's ids are appended to the chunk its frequency points to (`added`:
   * term → ids of articles new to it).
   */
  private static async addPostings(tx: WriteTx, added: ReadonlyMap<string, string[]>, log: WriteLog, breather?: (requests?: number) => Promise<void>): Promise<void> {
    log.added?.postings.push(added);
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
    const addTerm = async ([term, ids]: [string, string[]]) => {
      const before = known ? (known.get(term) ?? 0) + changed.get(term)! : ((await df.get(term))?.df ?? 0);
      const chunk = Math.floor(before / POSTINGS_CHUNK);
      // A term no article has yet has no chunk: a bulk import, mostly new terms, spares a read per term.
      const [, existing] = await Promise.all([df.put({ term, df: before + ids.length }), before === 0 ? undefined : postings.get([term, chunk])]);
      await postings.put({ term, chunk, ids: packIds(existing ? chunkIds(existing).concat(ids) : ids) });
    };
    const pending: Promise<void>[] = [];
    try {
      // Queuing an import's hundreds of thousands of requests at once is seconds of one task (in Firefox, felt by the corpus manager): it breathes.
      for (const entry of added) {
        const p = addTerm(entry);
        p.catch(() => undefined);
        pending.push(p);
        // Two requests a term at least (its frequency, its chunk): counted for the breather, which also bounds the success events that come back in a row.
        if (breather && pending.length % 32 === 0) await breather(64);
      }
    } finally {
      await Promise.all(pending);
    }
  }

  /** Takes an article out of the postings of its terms, deleting terms no article has any more. */
  private static async removePostings(tx: WriteTx, id: string, terms: readonly string[], log: WriteLog): Promise<void> {
    log.added = null;
    const df = tx.objectStore('df');
    const postings = tx.objectStore('postings');
    for (const term of terms) log.df.set(term, (log.df.get(term) ?? 0) - 1);
    await Promise.all(
      terms.map(async (term) => {
        const [stored, chunks] = await Promise.all([df.get(term), postings.getAll(termChunks(term))]);
        const value = (stored?.df ?? 0) - 1;
        const writes: Promise<unknown>[] = [value > 0 ? df.put({ term, df: value }) : df.delete(term)];
        for (const c of chunks) {
          const before = chunkIds(c);
          if (!before.includes(id)) continue;
          const ids = before.filter((x) => x !== id);
          writes.push(ids.length > 0 ? postings.put({ ...c, ids: packIds(ids) }) : postings.delete([term, c.chunk]));
        }
        await Promise.all(writes);
      }),
    );
  }

  /**
   * Chooses the story of each article of `items`, in order, inside a write:
   * an article's candidates are the stories of the articles the term index
   * returns for its terms (selected as for a page), the articles before it in
   * the batch included, which are held in memory. The reads come in a few bulk
   * rounds whatever the number of items – never the whole corpus per article.
   * The items must be in no story, and their postings not written yet.
   * `batch`: the state of an import whose parts come one call after another
   * (see `openImport`): each call continues the batch of the calls before, as
   * if all their items had come in one call, reading only what they did not.
   * Returns the stories to put (changed or new) and the items' links; it
   * writes nothing but features it had to compute for want of current ones.
   * `afterReads` is called once the reads every call needs are made, before
   * the ranking and the choices (an import queues the writes of its part
   * before there, which then run beside them; see `openImport`); `hold`
   * breathes without waiting for such writes.
   */
  private static async assignStories(
    tx: WriteTx,
    log: WriteLog,
    items: readonly Assignee[],
    batch: AssignBatch = newAssignBatch(),
    afterReads?: () => void,
    hold: TransactionHold = new TransactionHold(tx),
    afterStoredReads?: () => void,
  ): Promise<{ stories: StoredStory[]; links: StoryLink[] }> {
    if (items.length === 0) return { stories: [], links: [] };
    const { inBatch, added, candidates: index, state, storyOfItem, storyOfHit, takenIds } = batch;
    for (const item of items) inBatch.add(item.id);

    if (!batch.before) {
      // Document frequencies as this transaction has them before the batch.
      const changes = new Map(log.df);
      let base: ReadonlyMap<string, number>;
      if (log.cleared) base = new Map();
      else if (log.dfBefore) base = log.dfBefore;
      else {
        // Already with this transaction's changes.
        base = new Map((await tx.objectStore('df').getAll()).map((r) => [r.term, r.df]));
        changes.clear();
      }
      batch.before = { base, changes, count: log.articles };
    }
    const { base, changes, count } = batch.before;
    const storedDf = (term: string): number => (base.get(term) ?? 0) + (changes.get(term) ?? 0);
    const storedTerms = base.size + changes.size;
    // What the items before the current one add to the frequencies.
    const docFreq = (term: string): number => storedDf(term) + (added.get(term) ?? 0);
    const addTerms = (terms: readonly string[]) => {
      for (const t of terms) added.set(t, (added.get(t) ?? 0) + 1);
    };

    // Each item's query, as a page with its terms would make it of the corpus as it is by then.
    const queries: QueryTerm[][] = [];
    const needed = new Set<string>();
    for (const [i, item] of items.entries()) {
      // A part's queries are ~100 ms of work in Firefox, whose background shares the corpus manager's thread: it breathes.
      await hold.breathe();
      const query = selectQueryTerms(item.terms, new Map(item.terms.map((t) => [t, docFreq(t)])), count + batch.items + i);
      queries.push(query);
      for (const q of query) if (storedDf(q.term) > 0 && !index.hasStored(q.term)) needed.add(q.term);
      addTerms(item.terms);
    }
    batch.items += items.length;
    // The reads below are requests.
    await hold.resume();

    const storyOf = tx.objectStore('storyOf');
    const stories = tx.objectStore('stories');
    // Ids a new story must not take: a story keeps its first member's id after that member left.
    const takenReads: Array<ReturnType<typeof stories.getAllKeys>> = [];
    for (const item of items) {
      // A part's hundreds of reads, queued at once, were a task of ~50 ms in a Gecko profile of Firefox's import (the corpus manager's thread): they are queued in slices there.
      if (SHARES_PAGE_THREAD) {
        await hold.breathe();
        await hold.resume();
      }
      const read = stories.getAllKeys(IDBKeyRange.bound(`story-${item.id}`, `story-${item.id}\uffff`));
      read.catch(() => undefined);
      takenReads.push(read);
    }
    const taken = Promise.all(takenReads);
    taken.catch(() => undefined);

    // The stored postings of every query term, read once for the whole batch (the articles of the batch left out: the batch has them).
    if (needed.size > 0 && !batch.storedComplete) {
      const keep = (term: string, ids: readonly string[]) => index.addStored(term, ids.filter((id) => !inBatch.has(id)));
      const postings = tx.objectStore('postings');
      if (storedTerms <= READ_WHOLE_INDEX_TERMS) {
        // A small corpus is read whole once: later calls of the batch find every term here.
        for (const c of await postings.getAll()) keep(c.term, chunkIds(c));
        batch.storedComplete = true;
      } else {
        for (const chunks of await Promise.all([...needed].map((t) => postings.getAll(termChunks(t))))) for (const c of chunks) keep(c.term, chunkIds(c));
        for (const t of needed) index.markStored(t);
      }
    }

    for (const id of (await taken).flat()) takenIds.add(id);
    afterReads?.();

    // Each item's hits among the stored articles and the items before it.
    const hits: string[][] = [];
    for (const [i, item] of items.entries()) {
      await hold.breathe();
      // Ranked before the item is indexed: it is not its own candidate.
      hits.push(index.rank(queries[i], STORY_CANDIDATES, item));
      index.addItem(item.id, item.terms);
    }

    // The stories of the stored hits not met before in the batch, with every member's features.
    const storedHits = [...new Set(hits.flat().filter((id) => !inBatch.has(id) && !batch.hitsRead.has(id)))];
    for (const id of storedHits) batch.hitsRead.add(id);
    // Reads only for stored hits not met before: the stored stories of an import into a small corpus are all read by its first part.
    if (storedHits.length > 0) await hold.resume();
    const hitLinks = await Promise.all(storedHits.map((id) => storyOf.get(id)));
    for (const link of hitLinks) if (link) storyOfHit.set(link.id, link.story);
    // A story the batch holds already may have members of the batch: it is not read again.
    const storyIds = [...new Set(hitLinks.flatMap((link) => (link && !state.has(link.story) ? [link.story] : [])))];
    const storedStories = (await Promise.all(storyIds.map((id) => stories.get(id)))).filter((x) => x !== undefined);
    const memberIds = [...new Set(storedStories.flatMap((x) => x.members).filter((id) => !inBatch.has(id)))];
    const memberFeatures = new Map<string, ArticleFeatures>();
    const records = await recordsOf(tx).get('features', memberIds);
    const stale: string[] = [];
    memberIds.forEach((id, i) => {
      const f = records[i] && featuresIn(records[i]);
      if (f && f.version === FEATURES_VERSION) memberFeatures.set(id, f);
      else stale.push(id);
    });
    if (stale.length > 0) {
      const articles = await recordsOf(tx).get('articles', stale);
      const computed: StoredFeatures[] = [];
      for (const article of articles) {
        if (!article) continue;
        const features = articleFeatures(article);
        memberFeatures.set(article.id, features);
        computed.push({ id: article.id, features });
        log.touched.add(article.id);
      }
      // Their glances are made again when their stories' records are written (the records hold glances of the older features).
      await recordsOf(tx).putFeatures(computed);
    }

    afterStoredReads?.();

    // The choices, in order: each item sees the stories as the items before it left them.
    for (const story of storedStories) {
      const members: StoryMember[] = [];
      for (const id of story.members) {
        const features = memberFeatures.get(id);
        if (features) members.push({ id, features });
      }
      state.set(story.id, { id: story.id, members });
    }
    const changed = new Set<string>();
    const links: StoryLink[] = [];
    for (const [i, item] of items.entries()) {
      await hold.breathe();
      const candidates: Story[] = [];
      const seen = new Set<string>();
      for (const hit of hits[i]) {
        const id = inBatch.has(hit) ? storyOfItem.get(hit) : storyOfHit.get(hit);
        if (id === undefined || seen.has(id) || !state.has(id)) continue;
        seen.add(id);
        candidates.push(state.get(id)!);
      }
      const choice = chooseStory(item.features, candidates, false);
      let story = choice.storyId !== null && seen.has(choice.storyId) ? state.get(choice.storyId) : undefined;
      if (!story) {
        let id = `story-${item.id}`;
        for (let k = 2; takenIds.has(id) || state.has(id); k++) id = `story-${item.id}-${k}`;
        story = { id, members: [] };
        state.set(id, story);
      }
      story.members.push({ id: item.id, features: item.features });
      changed.add(story.id);
      storyOfItem.set(item.id, story.id);
      links.push({ id: item.id, story: story.id });
    }
    // The caller makes requests next.
    await hold.resume();
    return { stories: [...changed].map((id) => ({ id, members: state.get(id)!.members.map((m) => m.id) })), links };
  }

  /** The current glances of these stories' members in the glances store of versions 5 to 7, read a page of its key order at a time. */
  private static async readGlancesV5(old: GlanceStoreV5, stories: readonly StoredStory[]): Promise<Map<string, ArticleGlance>> {
    const wanted = new Set(stories.flatMap((story) => story.members));
    const known = new Map<string, ArticleGlance>();
    for (let after: string | null = null; known.size < wanted.size; ) {
      const page = await old.getAll(after === null ? undefined : IDBKeyRange.lowerBound(after, true), UPGRADE_BATCH);
      for (const g of page) if (wanted.has(g.id) && isCurrentGlance(g)) known.set(g.id, g);
      if (page.length < UPGRADE_BATCH) break;
      after = page[page.length - 1].id;
    }
    return known;
  }

  /**
   * Writes the `storyGlances` record of each of these stories (given, or
   * their ids to read in `tx`) as the story stands: its members' glances in
   * member order, those in `known` as given, the others from the story's
   * record as it was (read in `tx` after its writes: a transaction's
   * requests run in order). A member in neither (or whose glance there is of
   * an older engine; the writes leave none) has its glance made from its
   * article and features, as a lookup would. A story gone loses its record.
   */
  private static async putStoryGlances(tx: WriteTx, stories: ReadonlyArray<StoredStory | string>, known: ReadonlyMap<string, ArticleGlance> = new Map()): Promise<void> {
    const read = await Promise.all(stories.map((s) => (typeof s === 'string' ? tx.objectStore('stories').get(s) : s)));
    const ids = stories.map((s) => (typeof s === 'string' ? s : s.id));
    const glanceOfId = new Map<string, ArticleGlance>();
    for (const [id, g] of known) if (isCurrentGlance(g)) glanceOfId.set(id, g);
    // The stories' records as they were, of those with a member not given.
    const recordsToRead = ids.filter((_, i) => read[i]?.members.some((m) => !glanceOfId.has(m)));
    const records = await Promise.all(recordsToRead.map((id) => tx.objectStore('storyGlances').get(id)));
    for (const record of records) for (const g of record?.glances ?? []) if (!glanceOfId.has(g.id) && isCurrentGlance(g)) glanceOfId.set(g.id, g);
    const missing = [...new Set(read.flatMap((s) => (s ? s.members.filter((m) => !glanceOfId.has(m)) : [])))];
    if (missing.length > 0) for (const g of await CorpusStore.makeGlances(tx, missing)) glanceOfId.set(g.id, g);
    const writes: Promise<unknown>[] = [];
    ids.forEach((id, i) => {
      const glances = read[i]?.members.map((m) => glanceOfId.get(m));
      if (glances && glances.length > 0 && glances.every((g) => g !== undefined)) writes.push(tx.objectStore('storyGlances').put({ id, glances }));
      else writes.push(tx.objectStore('storyGlances').delete(id));
    });
    await Promise.all(writes);
  }

  /** The glances of these stored articles, made from their features (computed where missing or from an older engine, and kept). */
  private static async makeGlances(tx: WriteTx, ids: readonly string[]): Promise<ArticleGlance[]> {
    const [articles, stored] = await Promise.all([recordsOf(tx).get('articles', ids), recordsOf(tx).get('features', ids)]);
    const present = articles.filter((a) => a !== undefined);
    const { features, computed } = currentFeatures(present, stored.filter((f) => f !== undefined));
    await recordsOf(tx).putFeatures(computed);
    return present.map((a) => glanceOf(headOf(a), features.get(a.id)!));
  }

  /** Takes an article out of its story, deleting the story when it was the last member. */
  private static async removeFromStory(tx: WriteTx, id: string): Promise<void> {
    const link = await tx.objectStore('storyOf').get(id);
    if (!link) return;
    const story = await tx.objectStore('stories').get(link.story);
    const members = story ? story.members.filter((m) => m !== id) : [];
    await Promise.all([
      tx.objectStore('storyOf').delete(id),
      members.length > 0 ? tx.objectStore('stories').put({ id: link.story, members }) : tx.objectStore('stories').delete(link.story),
    ]);
    // The remaining members' glances come from the story's record as it was (putStoryGlances reads it).
    await CorpusStore.putStoryGlances(tx, [members.length > 0 ? { id: link.story, members } : link.story]);
  }

  /**
   * Stores prepared articles (`add`: failing on an existing id) with their
   * index entries and features, each in the story it reports or in a new one
   * (in the order given: an article sees the stories of those before it).
   */
  private static async storePrepared(tx: WriteTx, log: WriteLog, prepared: readonly Prepared[]): Promise<void> {
    const { stories, links } = await CorpusStore.assignStories(tx, log, prepared.map(assigneeOf));
    const breather = SHARES_PAGE_THREAD ? transactionBreather(tx) : undefined;
    const glances = new Map<string, ArticleGlance>();
    const writes: Promise<unknown>[] = [CorpusStore.queueArticles(tx, log, prepared, breather, undefined, glances)];
    for (const w of writes) w.catch(() => undefined);
    for (const story of stories) writes.push(tx.objectStore('stories').put(story));
    for (const link of links) writes.push(tx.objectStore('storyOf').put(link));
    CorpusStore.logStories(log, stories, links);
    writes.push(CorpusStore.addPostings(tx, postingsOf(prepared.map((p) => ({ id: p.article.id, terms: p.terms }))), log, breather));
    await Promise.all(writes);
    await CorpusStore.putStoryGlances(tx, stories, glances);
  }

  /**
   * Queues the writes of prepared articles: the articles, their terms and
   * features (not their postings and stories; their glances go in `made`,
   * for their stories' records). Resolves once all are stored.
   * Without `breather` (outside Firefox) every request is made before this
   * returns.
   */
  private static async queueArticles(
    tx: WriteTx,
    log: WriteLog,
    prepared: readonly Prepared[],
    breather?: (requests?: number) => Promise<void>,
    onStored?: () => void,
    made?: Map<string, ArticleGlance>,
  ): Promise<void> {
    const writes: Promise<unknown>[] = [];
    // Observed at once: the loop breathes, and a request failing meanwhile must not be an unhandled rejection (Promise.all below still sees it).
    const push = (w: Promise<unknown>) => {
      w.catch(() => undefined);
      writes.push(w);
    };
    for (const p of prepared) {
      // Queuing ten thousand articles' requests at once is a long task (in Firefox, felt by the corpus manager).
      if (breather) await breather(3);
      push(
        tx
          .objectStore('articles')
          .add(p.article)
          .then(() => onStored?.()),
      );
      push(tx.objectStore('terms').add({ id: p.article.id, terms: p.terms }));
      push(tx.objectStore('features').put({ id: p.article.id, features: p.featuresJson ?? p.features }));
      made?.set(p.article.id, glanceOf(headOf(p.article), p.features));
      log.touched.add(p.article.id);
      log.articles++;
    }
    await Promise.all(writes);
  }

  /** Writes what the parts of an import left for after the last (see openImport); the postings unless they are written already. */
  private static async storeTail(tx: WriteTx, log: WriteLog, tail: ImportTail, withPostings: boolean): Promise<void> {
    const breather = SHARES_PAGE_THREAD ? transactionBreather(tx) : async () => undefined;
    const writes: Promise<unknown>[] = [];
    // Observed at once: the loops breathe, and a request failing meanwhile must not be an unhandled rejection (Promise.all below still sees it).
    const push = (w: Promise<unknown>) => {
      w.catch(() => undefined);
      writes.push(w);
    };
    // Thousands of stories and a link per article: queuing them breathes (in Firefox, the corpus manager's thread).
    const withStored: StoredStory[] = [];
    for (const story of tail.stories.values()) {
      push(tx.objectStore('stories').put(story));
      const glances = story.members.map((id) => tail.glances.get(id));
      if (glances.every((g) => g !== undefined)) push(tx.objectStore('storyGlances').put({ id: story.id, glances }));
      else withStored.push(story);
      await breather(2);
    }
    // Stories with members stored before the import: their glances are read, behind the writes above.
    if (withStored.length > 0) push(CorpusStore.putStoryGlances(tx, withStored, tail.glances));
    for (const link of tail.links) {
      push(tx.objectStore('storyOf').put(link));
      await breather(1);
    }
    CorpusStore.logStories(log, tail.stories.values(), tail.links);
    if (withPostings) writes.push(CorpusStore.addPostings(tx, tail.postings, log, breather));
    await Promise.all(writes);
  }

  /** Notes stories and links a write puts (see `WriteLog.added`). */
  private static logStories(log: WriteLog, stories: Iterable<StoredStory>, links: readonly StoryLink[]): void {
    if (!log.added) return;
    for (const story of stories) log.added.stories.push(story);
    for (const link of links) log.added.links.push(link);
  }

  /**
   * Removes an article, its index entries, features and story membership;
   * false when there was none. Not for several articles at once in one
   * transaction: two members leaving one story must not both rewrite it.
   */
  private static async removeIndexed(tx: WriteTx, log: WriteLog, id: string): Promise<boolean> {
    const [article, indexed] = await Promise.all([tx.objectStore('articles').getKey(id), tx.objectStore('terms').get(id)]);
    await Promise.all([
      tx.objectStore('articles').delete(id),
      tx.objectStore('terms').delete(id),
      tx.objectStore('features').delete(id),
      CorpusStore.unindex(tx, log, id, indexed?.terms ?? []),
    ]);
    if (article !== undefined) log.articles--;
    return article !== undefined;
  }

  /**
   * Adds every seed that is not stored yet, in one transaction. A seed the
   * reader already has (possibly with an edited label) is left as it is, and
   * nothing the reader added is touched, so install, update and restart can
   * all call this safely.
   */
  async ensureSeeds(seeds: readonly Article[] | LazySeeds): Promise<number> {
    // The seeds' own keys, not every key: a worker starting over a corpus of 50,000 articles reads five.
    const ids = 'build' in seeds ? seeds.ids : seeds.map((s) => s.id);
    const keys = await Promise.all(ids.map((id) => this.db.getKey('articles', id)));
    const stored = new Set(ids.filter((_, i) => keys[i] !== undefined));
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
    }, undefined, { frequencies: true });
  }

  /** Adds articles in one transaction: either all are stored (with their index entries), or none. */
  async addArticles(articles: readonly Article[]): Promise<void> {
    const prepared = articles.map(prepare);
    await this.write((tx, log) => CorpusStore.storePrepared(tx, log, prepared), undefined, { frequencies: true });
  }

  /**
   * Takes a stored article an import replaces out of the index and its story,
   * in the import's last transaction; its records are replaced in a staged
   * one (see openImport). `terms`: those it is indexed under.
   */
  private static async removeReplaced(tx: WriteTx, log: WriteLog, id: string, terms: readonly string[]): Promise<void> {
    await CorpusStore.unindex(tx, log, id, terms);
    log.articles--;
  }

  /** Takes an article out of the index and its story (its records stay: see removeIndexed, removeReplaced). `terms`: those it is indexed under. */
  private static unindex(tx: WriteTx, log: WriteLog, id: string, terms: readonly string[]): Promise<unknown> {
    log.touched.add(id);
    // It leaves the index and its story.
    log.added = null;
    return Promise.all([CorpusStore.removePostings(tx, id, terms, log), CorpusStore.removeFromStory(tx, id)]);
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
    options.lap?.('prepare');
    // One part: the import the corpus manager sends in parts, all at once.
    const session = this.openImport({ signal });
    session.add(prepared).catch(() => undefined);
    await session.finish();
    options.lap?.('write');
  }

  /**
   * An import written as its parts arrive, in one transaction opened now:
   * each part's articles choose their stories (seeing those of the parts
   * before, as `importArticles` of all parts at once would) and their writes
   * are queued while the next part is on its way; `finish` commits. A part's
   * writes are queued once the next part's reads are made (when that part is
   * there already), and stored while its stories are chosen: requests of a
   * transaction run in order, so reads queued behind them would wait. Between
   * parts a small read at a time keeps the transaction open. The signal
   * aborting, an error, or no part for `partTimeoutMs` (ImportInterruptedError)
   * aborts the transaction: the corpus is exactly as before. An article whose
   * id is stored replaces it, as in `importArticles`.
   */
  openImport(options: { signal?: AbortSignal; onStored?: (stored: number) => void; partTimeoutMs?: number } = {}): ImportSession {
    const timeout = options.partTimeoutMs ?? IMPORT_PART_TIMEOUT_MS;
    interface Pending {
      part: readonly Prepared[] | null;
      resolve: () => void;
      reject: (error: unknown) => void;
    }
    const queue: Pending[] = [];
    let current: Pending | null = null;
    let failure: { error: unknown } | null = null;
    let stored = 0;
    const onStored = () => options.onStored?.(++stored);
    // The parts choose their stories as one batch would: each sees the articles of the parts before as the batch's, not as stored ones.
    const batch = newAssignBatch();
    const tail: ImportTail = { stories: new Map(), links: [], postings: new Map(), glances: new Map() };
    const steps: ImportSteps = { wait: 0, assign: 0, parts: 0, queue: 0, writes: 0, tail: 0 };
    // The articles, terms and features go ahead in small transactions of their own (see import-journal.ts), beside this one; or, with no staging, in it.
    const journal = this.stageArticles > 0 ? new ImportJournal(this.db, this.stageArticles) : null;
    const written = this.write(async (tx, log) => {
      const hold = new TransactionHold(tx);
      if (journal) {
        journal.keep = (work) => hold.across(work);
        outsideRecords.set(tx, journal);
      }
      const breather = SHARES_PAGE_THREAD ? transactionBreather(tx) : undefined;
      // The writes queued while stories are chosen, and the first of them to fail: the import ends with it at the next part.
      const writes: Promise<void>[] = [];
      let failed = null as { error: unknown } | null;
      const track = (w: Promise<void>) => {
        w.catch((error: unknown) => {
          failed ??= { error };
        });
        writes.push(w);
      };
      let postingsQueued = false;
      let idleSince = performance.now();
      // The staging of the last part, until the next part's reads are made.
      let waiting: (() => void) | null = null;
      const stageWaiting = () => {
        const stage = waiting;
        waiting = null;
        stage?.();
      };
      for (;;) {
        if (failed) throw failed.error;
        const next = queue.shift();
        if (!next) {
          stageWaiting();
          if (performance.now() - idleSince > timeout) throw new ImportInterruptedError();
          // A transaction commits once no request is pending: a read at a time holds it open until the next part.
          const t = performance.now();
          await tx.objectStore('meta').get('generation');
          steps.wait += performance.now() - t;
          continue;
        }
        if (next.part === null) {
          let t = performance.now();
          // The staged transactions are not this one's requests: it is held open while they finish.
          stageWaiting();
          await hold.across(Promise.all(writes));
          steps.writes += performance.now() - t;
          t = performance.now();
          await CorpusStore.storeTail(tx, log, tail, !postingsQueued);
          await journal?.markCommitted(tx);
          steps.tail += performance.now() - t;
          return;
        }
        current = next;
        const part = next.part;
        // The corpus manager sends each article once; an id twice would be indexed twice (an earlier part's postings and story wait in `tail`).
        const ids = new Set<string>();
        for (const p of part) {
          if (batch.inBatch.has(p.article.id) || ids.has(p.article.id)) throw new DuplicateImportError(p.article.id);
          ids.add(p.article.id);
        }
        let t = performance.now();
        // Stored ids are replaced: out of the index and their stories here, their records as they were kept in the journal (put back should the import not commit).
        const replaced = new Map<string, Replaced>();
        // Staged: a stored article is known by its story link (every article has one), read here rather than behind the staged transactions.
        const linked = journal ? await Promise.all(part.map((p) => tx.objectStore('storyOf').getKey(p.article.id))) : [];
        const storedIds = part.flatMap((p, i) => (linked[i] === undefined ? [] : [p.article.id]));
        const found = journal && storedIds.length > 0 ? (await journal.get('articles', storedIds)).filter((a) => a !== undefined) : [];
        if (!journal) {
          // A part's hundreds of reads are queued in slices too (in Firefox, on the corpus manager's thread: ~40 ms of one task in a Gecko profile).
          const articles = tx.objectStore('articles');
          const reads: Array<ReturnType<typeof articles.getKey>> = [];
          for (const p of part) {
            if (breather) await breather(1);
            const read = articles.getKey(p.article.id);
            read.catch(() => undefined);
            reads.push(read);
          }
          const keys = await Promise.all(reads);
          for (const [i, key] of keys.entries()) if (key !== undefined) await CorpusStore.removeIndexed(tx, log, part[i].article.id);
        } else if (found.length > 0) {
          const foundIds = found.map((a) => a.id);
          const [terms, features] = await Promise.all([journal.get('terms', foundIds), journal.get('features', foundIds)]);
          for (const [i, article] of found.entries()) {
            replaced.set(article.id, { article, terms: terms[i], features: features[i] });
            await CorpusStore.removeReplaced(tx, log, article.id, terms[i]?.terms ?? []);
          }
        }
        steps.parts += performance.now() - t;
        t = performance.now();
        const queued = steps.queue;
        // The part's articles do not depend on their stories: once the part's reads are made (requests run in order; reads behind writes wait for them), their writes are queued and stored while the stories are chosen.
        const queueWrites = () => {
          const q = performance.now();
          if (!journal) track(CorpusStore.queueArticles(tx, log, part, breather, onStored, tail.glances));
          postingsOf(
            part.map((p) => ({ id: p.article.id, terms: p.terms })),
            tail.postings,
          );
          // The last part (the finish waits behind it): the whole import's postings go now too, each term's once.
          if (queue[0]?.part === null) {
            track(CorpusStore.addPostings(tx, tail.postings, log, breather));
            postingsQueued = true;
          }
          steps.queue += performance.now() - q;
        };
        const { stories, links } = await CorpusStore.assignStories(tx, log, part.map(assigneeOf), batch, queueWrites, hold, stageWaiting);
        steps.assign += performance.now() - t - (steps.queue - queued);
        // Staged once the next part has read the stored features it needs (those reads would wait behind the staged transactions), or no part waits.
        stageWaiting();
        if (journal)
          waiting = () => {
            const q = performance.now();
            track(journal.stage(part, (p) => p.article.id, replaced, (staged, items) => CorpusStore.queueArticles(staged, log, items, undefined, onStored, tail.glances)));
            steps.queue += performance.now() - q;
          };
        // An import in parts writes its stories once, after the last part: a story changed by many parts is written once.
        for (const story of stories) tail.stories.set(story.id, story);
        for (const link of links) tail.links.push(link);
        current = null;
        next.resolve();
        idleSince = performance.now();
      }
    }, options.signal, { frequencies: true, stores: journal ? IMPORT_STORES : undefined });
    // The journal goes once the last transaction committed; what was staged, when it did not (should either fail, the next opening does it).
    const warn = (error: unknown) => console.warn('crossread: the articles an import staged could not be cleaned up', error);
    const done = written.then(
      () => journal?.settle(true).catch(warn),
      async (error: unknown) => {
        await journal?.settle(false).catch(warn);
        throw error;
      },
    );
    const settled = done.catch(() => undefined);
    this.importing = settled;
    void settled.then(() => {
      if (this.importing === settled) this.importing = null;
    });
    done.catch((error: unknown) => {
      failure = { error };
      for (const p of [...(current ? [current] : []), ...queue.splice(0)]) p.reject(error);
      current = null;
    });
    const enqueue = (part: readonly Prepared[] | null) =>
      new Promise<void>((resolve, reject) => {
        if (failure) reject(failure.error);
        else queue.push({ part, resolve, reject });
      });
    return {
      add: (part) => enqueue(part),
      finish: async () => {
        if (!failure) queue.push({ part: null, resolve: () => undefined, reject: () => undefined });
        await done;
      },
      failure: () => failure,
      steps: () => ({ ...steps }),
    };
  }

  /**
   * Resets the corpus to `seeds`, in one transaction: everything else – the
   * reader's articles and edits of seeds – is removed, and the stories are
   * formed again from the seeds alone.
   */
  async replaceWithSeeds(seeds: readonly Article[]): Promise<void> {
    const prepared = seeds.map(prepare);
    await this.write(async (tx, log) => {
      log.cleared = true;
      log.added = null;
      // Frequencies and the article count start from zero again.
      log.df.clear();
      log.articles = 0;
      await Promise.all((['articles', 'terms', 'postings', 'df', 'features', 'stories', 'storyGlances', 'storyOf'] as const).map((s) => tx.objectStore(s).clear()));
      await CorpusStore.storePrepared(tx, log, prepared);
    });
  }

  /**
   * Changes an article's outlet label and/or date. Throws for an unknown id,
   * an empty label or a date that is not ISO (YYYY-MM-DD, YYYY-MM or YYYY).
   */
  async updateArticle(id: string, update: ArticleUpdate): Promise<Article> {
    const outlet = update.outlet === undefined ? undefined : update.outlet.trim();
    if (outlet !== undefined && outlet === '') throw new ProblemError({ kind: 'empty-outlet' });
    const date = update.date === undefined ? undefined : update.date === null || update.date.trim() === '' ? null : update.date.trim();
    if (date && !ISO_DATE.test(date)) throw new ProblemError({ kind: 'bad-date', date });
    return this.write(
      async (tx, log) => {
        log.touched.add(id);
        const article = await tx.objectStore('articles').get(id);
        if (!article) throw new ProblemError({ kind: 'no-article', id });
        const updated: Article = { ...article, ...(outlet !== undefined ? { outlet } : {}), ...(date !== undefined ? { date } : {}) };
        // The date is part of the features (story matching compares dates); the indexed terms do not change.
        const features = articleFeatures(updated);
        const glance = glanceOf(headOf(updated), features);
        await Promise.all([tx.objectStore('articles').put(updated), tx.objectStore('features').put({ id, features })]);
        if (date !== undefined && date !== article.date) {
          // Another date can make it another event: the article leaves its story and chooses again.
          log.added = null;
          const [indexed] = await Promise.all([tx.objectStore('terms').get(id), CorpusStore.removeFromStory(tx, id)]);
          const { stories, links } = await CorpusStore.assignStories(tx, log, [{ id, terms: indexed?.terms ?? indexTerms(updated), features }]);
          await Promise.all([...stories.map((story) => tx.objectStore('stories').put(story)), ...links.map((link) => tx.objectStore('storyOf').put(link))]);
        }
        // Its story's record holds its new glance.
        const link = await tx.objectStore('storyOf').get(id);
        if (link) await CorpusStore.putStoryGlances(tx, [link.story], new Map([[id, glance]]));
        return updated;
      },
      undefined,
      { frequencies: date !== undefined },
    );
  }

  async listArticles(): Promise<Article[]> {
    // Reads of articles wait for an import in progress (see afterImport), as they did when its one transaction held every store.
    await this.afterImport();
    return this.db.getAll('articles');
  }

  /**
   * The stored articles in id order after `after` (from the first with null),
   * as many as hold about `maxChars` of text (at least one), with the id to
   * go on from (null at the end) and the generation they were read in: a
   * whole corpus sent in one message can exceed what a browser carries
   * (Chromium: 64 MiB, some 40,000 articles), so it goes page by page; a
   * reader of pages starts again when the generation changed in between.
   */
  async articlesPage(after: string | null, maxChars: number): Promise<{ articles: Article[]; next: string | null; generation: number }> {
    // In the turn that found no import (its scope spans an import's staged stores and its last one's: see readTransaction).
    while (this.importing) await this.importing;
    const tx = this.db.transaction(['articles', 'meta'], 'readonly');
    const generation = generationOf(await tx.objectStore('meta').get('generation'));
    const articles: Article[] = [];
    let chars = 0;
    let from: string | null = after;
    let more = true;
    while (more && chars < maxChars) {
      const batch: Article[] = await tx.objectStore('articles').getAll(from === null ? undefined : IDBKeyRange.lowerBound(from, true), ARTICLES_PAGE_BATCH);
      more = batch.length === ARTICLES_PAGE_BATCH;
      for (const article of batch) {
        if (chars >= maxChars && articles.length > 0) {
          more = true;
          break;
        }
        articles.push(article);
        chars += article.raw.length + article.title.length;
      }
      from = articles.length > 0 ? articles[articles.length - 1].id : from;
    }
    await tx.done;
    return { articles, next: more && articles.length > 0 ? articles[articles.length - 1].id : null, generation };
  }

  async getArticle(id: string): Promise<Article | undefined> {
    await this.afterImport();
    return this.db.get('articles', id);
  }

  /** These articles, in the order asked (undefined for an id not stored), read in one transaction. */
  async articlesById(ids: readonly string[]): Promise<Array<Article | undefined>> {
    await this.afterImport();
    const tx = this.db.transaction('articles', 'readonly');
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    return found;
  }

  /** The article stored under this address, if any (one index lookup, not a scan). */
  async findByUrl(url: string): Promise<Article | undefined> {
    await this.afterImport();
    return this.db.getFromIndex('articles', 'url', url);
  }

  async count(): Promise<number> {
    await this.afterImport();
    const kept = await this.db.get('meta', 'articles');
    return typeof kept === 'number' ? kept : this.db.count('articles');
  }

  /** Deletes an article with its index entries and features. */
  async deleteArticle(id: string): Promise<void> {
    await this.write((tx, log) => CorpusStore.removeIndexed(tx, log, id));
  }

  /** Deletes these articles in one transaction (retention): all of them, or none when the write fails. Returns those that were stored. */
  async deleteArticles(ids: readonly string[]): Promise<Array<Pick<Article, 'id' | 'title' | 'outlet' | 'addedAt'>>> {
    if (ids.length === 0) return [];
    return this.write(async (tx, log) => {
      const gone: Array<Pick<Article, 'id' | 'title' | 'outlet' | 'addedAt'>> = [];
      for (const id of ids) {
        const a = await tx.objectStore('articles').get(id);
        if (!a) continue;
        await CorpusStore.removeIndexed(tx, log, id);
        gone.push({ id, title: a.title, outlet: a.outlet, addedAt: a.addedAt });
      }
      return gone;
    });
  }

  /** Every article's id and when it was added, for retention, without holding every text at once. */
  async articleEntries(): Promise<Array<{ id: string; addedAt: number }>> {
    await this.afterImport();
    const out: Array<{ id: string; addedAt: number }> = [];
    let cursor = await this.db.transaction('articles').store.openCursor();
    while (cursor) {
      out.push({ id: cursor.value.id, addedAt: cursor.value.addedAt });
      cursor = await cursor.continue();
    }
    return out;
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
    const tx = await this.readTransaction();
    const { cache, size } = await this.lookupCache(tx, pageTerms);
    const ids = await CorpusStore.indexHits(tx, cache, size, pageTerms, limit, this.maxQueryTerms, this.keptPostingsUpTo);
    const { articles, stale } = await this.readArticles(tx, cache, ids);
    await tx.done;
    if (stale.length > 0) await this.saveFeatures(stale);
    return articles;
  }

  /**
   * The stories of the articles `candidates(pageTerms, limit)` would return,
   * in the order of their best article, each with all its members' articles
   * – also those the index did not return, so no outlet of a candidate story
   * is missing. Members come in the order they joined; their features are
   * handed out as with `candidates` (`featuresOf`). Read-only, like those.
   */
  async candidateStories(pageTerms: readonly string[], limit = 50): Promise<StoryArticles[]> {
    if (pageTerms.length === 0 || limit <= 0) return [];
    const tx = await this.readTransaction();
    const { cache, size } = await this.lookupCache(tx, pageTerms);
    return this.readStories(tx, cache, await this.candidateMembers(tx, cache, size, pageTerms, limit));
  }

  /**
   * The stories `candidateStories` would return, each with its members'
   * glances instead of their articles: what the engine's first look reads
   * (`annotateInSteps`), a small part of the articles and their features.
   * `fullRecords` then reads those it asks for, in the same generation.
   * `onIndexed` is called once the stories' members are known (for timing).
   * `whileWaiting` is run once while the first batch of the lookup's requests
   * beyond its meta reads is in flight (the caller's analysis of its page),
   * at the latest before this returns.
   */
  async candidateGlances(pageTerms: readonly string[], limit = 50, onIndexed?: () => void, whileWaiting?: () => void): Promise<CandidateGlances> {
    const tx = await this.readTransaction();
    const hook: WhileWaiting = { run: whileWaiting };
    if (pageTerms.length === 0 || limit <= 0) {
      const generation = generationOf(await tx.objectStore('meta').get('generation'));
      runWhileWaiting(hook);
      return { generation, stories: [] };
    }
    const { cache, size } = await this.lookupCache(tx, pageTerms, hook, limit);
    const given = new Map<string, ArticleGlance>();
    const members = await this.candidateMembers(tx, cache, size, pageTerms, limit, hook, given);
    onIndexed?.();
    const { glances, stale } = await this.readGlances(tx, cache, [...members.values()].flat(), hook, given);
    runWhileWaiting(hook);
    // Its reads are made: a read-only transaction's end is not waited for (a round trip less; a write after waits for it anyway).
    tx.done.catch(() => undefined);
    if (stale.length > 0) await this.saveFeatures(stale.map((s) => s.features), stale.map((s) => s.glance));
    const stories: StoryGlances[] = [];
    for (const [id, ids] of members) {
      const list = ids.map((m) => glances.get(m)).filter((g) => g !== undefined);
      if (list.length > 0) stories.push({ id, glances: list });
    }
    return { generation: cache.generation, stories };
  }

  /**
   * The features of the articles with these ids, and with `withArticles`
   * the articles themselves, read in the generation `generation` of an
   * earlier `candidateGlances`; null when the corpus has changed since (the
   * lookup is to start again), or an article is gone. Without `withArticles`
   * only the features are read, of articles not in memory already: the engine
   * compares candidates by their features, and quotes only its story's texts.
   */
  async fullRecords(generation: number, ids: readonly string[], withArticles = true): Promise<Map<string, { article?: Article; features: ArticleFeatures }> | null> {
    const tx = await this.readTransaction();
    // The features are read beside the meta reads, a round trip sooner, when this context's cache is of that generation
    // (most often: the lookup's glances were read through it); they count only if the transaction reads that generation.
    const guess = !withArticles && this.cache?.generation === generation ? this.cache : null;
    const early = guess ? CorpusStore.sendFeatureReads(tx, guess, ids) : null;
    early?.reading.catch(() => undefined);
    const { cache } = await this.lookupCache(tx);
    if (cache.generation !== generation) {
      await tx.done;
      return null;
    }
    if (!withArticles) {
      const { out, toRead, reading } = early && cache === guess ? early : CorpusStore.sendFeatureReads(tx, cache, ids);
      const kept = cache.features!;
      const stored = await reading;
      const current = stored.flatMap((r) => (r ? [{ id: r.id, features: featuresIn(r) }] : [])).filter((r) => r.features.version === FEATURES_VERSION);
      if (current.length === toRead.length) {
        // Its reads are made: a read-only transaction's end is not waited for (a round trip less).
        tx.done.catch(() => undefined);
        for (const r of current) {
          out.set(r.id, { features: r.features });
          kept.set(r.id, r.features);
        }
        while (kept.size > MAX_CACHED_ARTICLES) kept.delete(kept.keys().next().value!);
        return out;
      }
      // Features missing or stale (which the writes never leave): read as below, where they are computed and kept.
    }
    const { articles, stale } = await this.readArticles(tx, cache, ids);
    await tx.done;
    if (stale.length > 0) await this.saveFeatures(stale);
    if (articles.length !== new Set(ids).size) return null;
    return new Map(articles.map((article) => [article.id, { article, features: this.featuresOf(article) }]));
  }

  /** The features of these ids that `cache` does not hold (in `out`), and the reads of the others, sent in `tx`. */
  private static sendFeatureReads(
    tx: ReadTx,
    cache: LookupCache,
    ids: readonly string[],
  ): { out: Map<string, { article?: Article; features: ArticleFeatures }>; toRead: string[]; reading: Promise<Array<StoredFeatures | undefined>> } {
    const out = new Map<string, { article?: Article; features: ArticleFeatures }>();
    const kept = (cache.features ??= new Map());
    const toRead = [...new Set(ids)].filter((id) => {
      const known = cache.loaded.get(id)?.features ?? kept.get(id);
      if (known) out.set(id, { features: known });
      return !known;
    });
    return { out, toRead, reading: Promise.all(toRead.map((id) => tx.objectStore('features').get(id))) };
  }

  /**
   * The members of the stories of the index's hits for these page terms (see
   * `candidateStories`), story id → member ids. With `glances`, the stories'
   * `storyGlances` records are read with the stories (of those whose glances
   * are not all in memory), and the members' glances they hold put there:
   * one request per story instead of one per member.
   */
  private async candidateMembers(
    tx: ReadTx,
    cache: LookupCache,
    size: number,
    pageTerms: readonly string[],
    limit: number,
    hook?: WhileWaiting,
    glances?: Map<string, ArticleGlance>,
  ): Promise<Map<string, string[]>> {
    const hits = await CorpusStore.indexHits(tx, cache, size, pageTerms, limit, this.maxQueryTerms, this.keptPostingsUpTo, hook);
    this.prefetchResident(cache);
    const sent = earlyRecords.get(tx);
    earlyRecords.delete(tx);
    const early = sent && sent.cache === cache && sent.generation === cache.generation ? sent : null;
    const kept: NonNullable<LookupCache['stories']> = (cache.stories ??= { storyOf: new Map(), members: new Map() });
    // Every link and story in memory: nothing to read, a hit or story missing there is in none.
    const complete = kept.complete === true;
    const linksToRead = complete ? [] : [...new Set(hits)].filter((id) => !kept.storyOf.has(id));
    const readingLinks = Promise.all(linksToRead.map((id) => early?.links.get(id) ?? tx.objectStore('storyOf').get(id)));
    if (linksToRead.length > 0) runWhileWaiting(hook);
    const links = await readingLinks;
    // A hit in no story (which the writes never leave) stands as a story of its own.
    const linkOf = new Map(linksToRead.map((id, i) => [id, links[i]?.story ?? `story-${id}`]));
    const storyOfHit = hits.map((id) => kept.storyOf.get(id) ?? linkOf.get(id) ?? `story-${id}`);
    const storyIds = [...new Set(storyOfHit)];
    const storiesToRead = complete ? [] : storyIds.filter((id) => !kept.members.has(id));
    const readingStories = Promise.all(storiesToRead.map((id) => early?.stories.get(id) ?? tx.objectStore('stories').get(id)));
    const inMemory = cache.glances;
    const recordsToRead = glances ? storyIds.filter((id) => !kept.members.get(id)?.every((m: string) => inMemory?.has(m))) : [];
    const readingRecords = Promise.all(recordsToRead.map((id) => early?.reads.get(id) ?? tx.objectStore('storyGlances').get(id)));
    if (storiesToRead.length > 0 || recordsToRead.length > 0) runWhileWaiting(hook);
    const [stories, records] = await Promise.all([readingStories, readingRecords]);
    const membersOf = new Map(storiesToRead.map((id, i) => [id, stories[i]?.members ?? []]));
    recordsToRead.forEach((id, i) => {
      const held = records[i]?.glances;
      const list = kept.members.get(id) ?? membersOf.get(id) ?? [];
      // Only a record that holds exactly the story's members' current glances stands for them.
      if (held && held.length === list.length && held.every((g, k) => g.id === list[k] && isCurrentGlance(g))) for (const g of held) glances!.set(g.id, g);
    });
    const members = new Map(storyIds.map((id) => [id, (kept.members.get(id) ?? membersOf.get(id) ?? []).slice()]));
    // Bounded memory: full, it starts afresh (this lookup's stories are in `members` already); complete, it has nothing to add.
    if (complete) return CorpusStore.withHits(members, hits, storyOfHit);
    if (Math.max(kept.storyOf.size + linkOf.size, kept.members.size + membersOf.size) > MAX_KEPT_STORIES) {
      kept.storyOf.clear();
      kept.members.clear();
    }
    for (const [id, story] of linkOf) kept.storyOf.set(id, story);
    for (const [id, list] of membersOf) kept.members.set(id, list);
    return CorpusStore.withHits(members, hits, storyOfHit);
  }

  /**
   * With the whole index in memory (`resident`), a lookup's hits are known
   * before its generation is: the reads of their story links, stories and
   * `storyGlances` records not held go out beside its meta reads (a round
   * trip sooner; with every story held, `stories.complete`, only the
   * records), and its ranking is taken from there (`earlyIndexReads`). They
   * count only if the transaction reads that generation. Whether the hits
   * were worked out here: the caller's work then runs while the meta reads
   * are in flight, as what the lookup needs after them is held or sent.
   */
  private sendEarlyRecords(tx: ReadTx, pageTerms: readonly string[], limit: number): boolean {
    const guess = this.cache;
    if (!guess?.resident || guess.size === null || pageTerms.length === 0) return false;
    const kept = guess.stories;
    const complete = kept?.complete === true;
    const { maxQueryTerms: maxTerms, keptPostingsUpTo: maxKept } = this;
    const size = guess.size;
    const hits = CorpusStore.residentHits(guess, size, pageTerms, limit, maxTerms);
    earlyIndexReads.set(tx, {
      cache: guess,
      generation: guess.generation,
      pageTerms,
      maxTerms,
      maxKept,
      hits: async (l) => (l === limit ? hits : CorpusStore.residentHits(guess, size, pageTerms, l, maxTerms)),
    });
    const early = <T>(read: Promise<T>) => {
      read.catch(() => undefined);
      return read;
    };
    // Past residentStoriesUpTo (a 50,000 corpus kept through its import) only the links of earlier hits are held: the others are
    // read here, where a lookup otherwise sent nothing before its meta reads came back, and its caller's work waited for them.
    const links = new Map<string, Promise<{ story: string } | undefined>>();
    const storyIds = new Set<string>();
    for (const id of hits) {
      const story = kept?.storyOf.get(id) ?? (complete ? `story-${id}` : undefined);
      if (story !== undefined) storyIds.add(story);
      else if (!links.has(id)) links.set(id, early(tx.objectStore('storyOf').get(id)));
    }
    const inMemory = guess.glances;
    const stories = new Map<string, Promise<{ members: readonly string[] } | undefined>>();
    const reads = new Map<string, Promise<StoryGlances | undefined>>();
    for (const id of storyIds) {
      const members = kept?.members.get(id);
      if (!complete && members === undefined) stories.set(id, early(tx.objectStore('stories').get(id)));
      if (members?.every((m) => inMemory?.has(m))) continue;
      reads.set(id, early(tx.objectStore('storyGlances').get(id)));
    }
    earlyRecords.set(tx, { cache: guess, generation: guess.generation, reads, links, stories });
    return true;
  }

  /** `members` with each hit among its story's members (where a story does not list it, which the writes never leave). */
  private static withHits(members: Map<string, string[]>, hits: readonly string[], storyOfHit: readonly string[]): Map<string, string[]> {
    hits.forEach((id, i) => {
      const list = members.get(storyOfHit[i])!;
      if (!list.includes(id)) list.push(id);
    });
    return members;
  }

  /**
   * Schedules one read, when idle after this lookup, of what lookups can
   * keep whole for `cache`'s generation: every frequency (past
   * `completeFrequenciesUpTo` articles, up to `residentTermsUpTo` terms),
   * every story link and story
   * (`stories.complete`, up to `residentStoriesUpTo` articles) and, for a
   * corpus whose every frequency is held, up to `residentPostingsUpTo` ids,
   * the whole index (`resident`). Lookups then send no request per hit or story
   * or per query term. Kept only if the generation read is still the
   * cache's; a write drops them (`committed`), and a later lookup schedules
   * the read again.
   */
  private prefetchResident(cache: LookupCache): void {
    if (cache.size === null) return;
    if (this.prefetch?.generation === cache.generation) return;
    // Past completeFrequenciesUpTo articles (where a lookup reads its page terms' frequencies only), every frequency, where the
    // vocabulary is small enough: read first, each lookup's page terms cost a request each without it.
    const frequencies = !cache.dfComplete && !this.manyTerms && this.residentTermsUpTo > 0;
    const { postings } = this.keepsWhole(cache);
    const stories = cache.size <= this.residentStoriesUpTo && !(cache.stories?.complete && (cache.resident || !postings));
    if (!frequencies && !stories) return;
    const generation = cache.generation;
    const done = this.quiet().then(() => this.readResident(generation, { frequencies, stories, postings })).catch(() => undefined);
    this.prefetch = { generation, done };
  }

  /**
   * What lookups keep whole for `cache`'s corpus (see `prefetchResident`):
   * every story link and story up to `residentStoriesUpTo` articles; every
   * term's postings when every frequency is held, up to `residentPostingsUpTo` ids.
   */
  private keepsWhole(cache: LookupCache): { stories: boolean; postings: boolean; keptPostings: boolean } {
    let ids = 0;
    if (cache.dfComplete) for (const df of cache.df.values()) ids += df;
    // Once held, it is kept through a write that only adds up to a larger count, whatever the size (`residentPostingsKeptUpTo`).
    const keptPostings = cache.dfComplete && ids <= this.residentPostingsKeptUpTo;
    if (cache.size === null || cache.size > this.residentStoriesUpTo) return { stories: false, postings: false, keptPostings };
    return { stories: true, postings: cache.dfComplete && cache.size <= this.completeFrequenciesUpTo && ids <= this.residentPostingsUpTo, keptPostings };
  }

  /** Resolves once no lookup has started, and no write that added has committed, for `prefetchDelayMs` (lookups: see `lookupsIdleFrom`). */
  private quiet(): Promise<void> {
    return whenPast(() => Math.max(this.lookupsIdleFrom(this.prefetchDelayMs), this.lastWriteAt + this.prefetchDelayMs), { wakers: this.idleWaits });
  }

  /**
   * When the idle work may leave the lookups: `pause` ms after the last one started, or, where the background has
   * said since that the page's requests are answered (`requestsDone`), then.
   */
  private lookupsIdleFrom(pause: number): number {
    return this.requestsDoneAt >= this.lastLookupAt ? this.requestsDoneAt : this.lastLookupAt + pause;
  }

  /**
   * Called by the background once the requests of the page being read are all answered (none in flight, none to
   * follow): the idle work on the resident index (its read, scheduled `prefetchDelayMs` after a lookup, and its
   * parse) need not wait for that pause, which stands for the page's work after its lookup. A started worker's
   * index is then held before the next page asks, where the pause made the bench's next page (0.5-1 s later)
   * meet its read, and look its terms up without it (Chromium, 10,000 articles: its index step 19-67 ms against 2-7).
   */
  requestsDone(): void {
    this.requestsDoneAt = performance.now();
    for (const wake of [...this.idleWaits]) wake();
  }

  private async readResident(generation: number, what: { frequencies: boolean; stories: boolean; postings: boolean }): Promise<void> {
    if (this.cache?.generation !== generation) return;
    const withPostings = what.postings;
    const pages = this.residentPageRecords;
    // A page of records at a time, one after another, each in a transaction of its own with the generation it read: each is
    // a short task here and in the browser's storage (a 10,000 corpus's index is 8 MB), none sent while a lookup is under way
    // (`afterLookups`): a page in flight holds the lookup's reads back (Chromium, 10,000 articles: a page's lookup beside the
    // read, its index step 80 ms against 3-4). A stopped worker leaves little unfinished. False when a write has left the
    // generation behind; 'over' when the store holds more than `most` records (read no further).
    const readAll = async <S extends 'storyOf' | 'stories' | 'postings' | 'df'>(
      name: S,
      perRequest: number,
      each: (record: CorpusSchema[S]['value']) => void,
      most = Infinity,
    ): Promise<boolean | 'over'> => {
      for (let after: IDBValidKey | null = null, count = 0; ; ) {
        await this.afterLookups();
        if (this.cache?.generation !== generation) return false;
        const tx = this.db.transaction(['meta', name], 'readonly');
        const [stamp, page] = await Promise.all([
          tx.objectStore('meta').get('generation'),
          tx.objectStore(name).getAll(after === null ? undefined : IDBKeyRange.lowerBound(after, true), perRequest),
        ]);
        if (generationOf(stamp) !== generation) return false;
        count += page.length;
        if (count > most) return 'over';
        page.forEach(each);
        if (page.length < perRequest) return true;
        const last = page[page.length - 1] as CorpusSchema[S]['value'];
        after = 'chunk' in last ? [last.term, last.chunk] : 'id' in last ? last.id : last.term;
      }
    };
    if (what.frequencies) {
      const df = new Map<string, number>();
      const read = await readAll('df', pages * RESIDENT_LINKS_PER_RECORD, (r) => df.set(r.term, r.df), this.residentTermsUpTo);
      if (read === false) return;
      if (read === 'over') this.manyTerms = true;
      else {
        const cache = this.cache;
        // Every page was of this generation: kept if the cache still is (a write since has applied its changes to what it held).
        if (!cache || cache.generation !== generation) return;
        if (!cache.dfComplete) {
          cache.df = df;
          cache.dfComplete = true;
        }
      }
    }
    if (!what.stories) return;
    const storyOf = new Map<string, string>();
    const members = new Map<string, readonly string[]>();
    if ((await readAll('storyOf', pages * RESIDENT_LINKS_PER_RECORD, (l) => storyOf.set(l.id, l.story))) !== true) return;
    if ((await readAll('stories', pages * RESIDENT_LINKS_PER_RECORD, (story) => members.set(story.id, story.members))) !== true) return;
    // Every story is kept at once, not after the index's far longer read: a lookup meanwhile (a restarted worker's next
    // page) then reads no link or story, only its terms' postings and its stories' records (a write since was seen above).
    if (this.cache?.generation !== generation) return;
    this.cache.stories = { storyOf, members, complete: true };
    let resident: Map<string, Array<string | string[]>> | null = null;
    if (withPostings) {
      const terms = new Map<string, Array<string | string[]>>();
      // Key order: a term's chunks in chunk order, as a lookup's read of the term returns them.
      const read = await readAll('postings', pages, (c) => {
        const known = terms.get(c.term);
        if (known) known.push(c.ids);
        else terms.set(c.term, [c.ids]);
      });
      if (read !== true) return;
      resident = terms;
    }
    const cache = this.cache;
    // Every page was of this generation: kept if the cache still is.
    if (!cache || cache.generation !== generation) return;
    if (resident) {
      cache.resident = new ResidentPostings(resident);
      await this.parseResident(cache, cache.resident);
    }
  }

  /**
   * Parses the resident index's ids (`ResidentPostings.parseUntil`) a slice
   * at a time, giving the thread back between slices and leaving it to a
   * lookup under way (`afterLookups`): ~300 ms of
   * CPU at 10,000 bench articles that the lookups of the next pages would
   * otherwise spend on their terms. Stops when the index is dropped or
   * replaced.
   */
  private parseResident(cache: LookupCache, resident: ResidentPostings): Promise<void> {
    // One loop an index at a time: each write that patches it would otherwise start another beside the one under way.
    const under = this.parsing;
    if (under?.resident === resident && under.running) return under.done;
    const parsing = { resident, running: true, done: Promise.resolve() };
    this.parsing = parsing;
    parsing.done = this.parseSlices(cache, parsing).catch(() => undefined);
    return parsing.done;
  }

  private async parseSlices(cache: LookupCache, parsing: { resident: ResidentPostings; running: boolean }): Promise<void> {
    const { resident } = parsing;
    try {
      while (this.cache === cache && cache.resident === resident) {
        if (performance.now() < this.lookupsIdleFrom(LOOKUP_PAUSE_MS)) {
          await this.afterLookups();
          continue;
        }
        if (!resident.parseUntil(performance.now() + RESIDENT_PARSE_SLICE_MS)) return;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      // Set as it stops, not a task later: ids a write adds from then on start another loop.
      parsing.running = false;
    }
  }

  /** Resolves once no lookup has started for `LOOKUP_PAUSE_MS`: the idle work on the resident index leaves a lookup's reads and tasks to it. */
  private afterLookups(): Promise<void> {
    return whenPast(() => this.lookupsIdleFrom(LOOKUP_PAUSE_MS), { wakers: this.idleWaits });
  }

  /** Resolves once the read of the resident index last scheduled (see `prefetchResident`) is done. */
  async prefetched(): Promise<void> {
    await this.prefetch?.done;
  }

  /**
   * The glances of these ids: those read before in this generation, or in
   * `given` (read with their stories' records), as they are; the others (in
   * no record that stands for its story, which the writes never leave) made
   * from the article's features (computed if they are stale too), coming
   * back in `stale` to be saved in their stories' records once `tx` is done.
   */
  private async readGlances(
    tx: ReadTx,
    cache: LookupCache,
    ids: readonly string[],
    hook?: WhileWaiting,
    given: ReadonlyMap<string, ArticleGlance> = new Map(),
  ): Promise<{ glances: Map<string, ArticleGlance>; stale: Array<{ features: StoredFeatures; glance: ArticleGlance }> }> {
    const kept = (cache.glances ??= new Map());
    const missing = [...new Set(ids)].filter((id) => !kept.has(id) && !given.has(id));
    const fresh = new Map<string, ArticleGlance>();
    const stale: Array<{ features: StoredFeatures; glance: ArticleGlance }> = [];
    if (missing.length > 0) {
      const reading = Promise.all([
        Promise.all(missing.map((id) => tx.objectStore('articles').get(id))),
        Promise.all(missing.map((id) => tx.objectStore('features').get(id))),
      ]);
      runWhileWaiting(hook);
      const [articles, stored] = await reading;
      const present = articles.filter((a) => a !== undefined);
      const { features } = currentFeatures(present, stored.filter((f) => f !== undefined));
      for (const article of present) {
        const current = features.get(article.id)!;
        const glance = glanceOf(headOf(article), current);
        fresh.set(article.id, glance);
        stale.push({ features: { id: article.id, features: current }, glance });
      }
    }
    const glances = new Map<string, ArticleGlance>();
    for (const id of ids) {
      const glance = kept.get(id) ?? given.get(id) ?? fresh.get(id);
      if (!glance) continue;
      // Most recently used last, so eviction takes the oldest first.
      kept.delete(id);
      kept.set(id, glance);
      glances.set(id, glance);
    }
    while (kept.size > MAX_CACHED_GLANCES) kept.delete(kept.keys().next().value!);
    return { glances, stale };
  }

  /**
   * The stories with these ids, each with all its members' articles (in the
   * order they joined, features as with `candidates`); unknown ids are left
   * out.
   */
  async storyMembers(storyIds: readonly string[]): Promise<StoryArticles[]> {
    if (storyIds.length === 0) return [];
    const tx = await this.readTransaction();
    const { cache } = await this.lookupCache(tx);
    const ids = [...new Set(storyIds)];
    const stories = await Promise.all(ids.map((id) => tx.objectStore('stories').get(id)));
    const members = new Map<string, string[]>();
    for (const story of stories) if (story) members.set(story.id, story.members);
    return this.readStories(tx, cache, members);
  }

  /** Every story with its members' ids. */
  async listStories(): Promise<StoredStory[]> {
    return this.db.getAll('stories');
  }

  /** The id of the story an article is in; null for an unknown article. */
  async storyIdOf(articleId: string): Promise<string | null> {
    return (await this.db.get('storyOf', articleId))?.story ?? null;
  }

  /**
   * Forms every story again from scratch, in one write: clusterStories over
   * all articles in the order they were added (then by id), with features
   * that were missing or from an older engine computed and stored on the way.
   * `open` does it when the stories were formed by other rules or features
   * (STORIES_SIGNATURE); `onlyIfStale` then skips it when another context has
   * done it meanwhile.
   */
  async recomputeStories(onlyIfStale = false): Promise<void> {
    await this.write(
      async (tx, log) => {
        if (onlyIfStale && (await tx.objectStore('meta').get('storiesVersion')) === STORIES_SIGNATURE) return;
        const [articles, stored] = await Promise.all([tx.objectStore('articles').getAll(), tx.objectStore('features').getAll()]);
        const { stories, links, computed } = formAllStories(articles, stored);
        for (const f of computed) log.touched.add(f.id);
        log.added = null;
        await Promise.all([tx.objectStore('stories').clear(), tx.objectStore('storyGlances').clear(), tx.objectStore('storyOf').clear()]);
        await Promise.all([
          ...computed.map((f) => tx.objectStore('features').put(f)),
          ...stories.map((story) => tx.objectStore('stories').put(story)),
          ...links.map((link) => tx.objectStore('storyOf').put(link)),
          tx.objectStore('meta').put(STORIES_SIGNATURE, 'storiesVersion'),
        ]);
        // Every story's record, a batch at a time, its members' glances made from the articles and features at hand (the
        // records as they were are of the stories before; a batch's glances only are held at once).
        const articleOf = new Map(articles.map((a) => [a.id, a]));
        const featuresOf = new Map(stored.map((f) => [f.id, featuresIn(f)]));
        for (const f of computed) featuresOf.set(f.id, featuresIn(f));
        for (let i = 0; i < stories.length; i += UPGRADE_BATCH) {
          const batch = stories.slice(i, i + UPGRADE_BATCH);
          const known = new Map<string, ArticleGlance>();
          for (const story of batch)
            for (const id of story.members) {
              const article = articleOf.get(id);
              const features = featuresOf.get(id);
              if (article && features) known.set(id, glanceOf(headOf(article), features));
            }
          await CorpusStore.putStoryGlances(tx, batch, known);
        }
      },
      undefined,
      { frequencies: true },
    );
  }

  /**
   * The read transaction of a lookup, created once no import is in progress.
   * It spans the stores of an import's last transaction and those of its
   * staged ones: created while the import runs, it would wait for the last
   * transaction, a staged one created after it would wait for it, and the last
   * one waits for the staged ones, so every read and write of the corpus would
   * stall for good (a chart's story read racing an import in the corpus
   * manager). It would wait for the import's end anyway. Created in the turn
   * that found no import, so none can open in between.
   */
  private async readTransaction(): Promise<ReadTx> {
    this.lastLookupAt = performance.now();
    while (this.importing) await this.importing;
    return this.db.transaction([...READ_STORES], 'readonly');
  }

  /**
   * What lookups keep in memory, for the generation `tx` reads, with the
   * frequency of each of `pageTerms`. A corpus of up to
   * `completeFrequenciesUpTo` articles has every frequency read at once when
   * the generation is new; a larger one has those of the page terms not yet
   * known read, one request each, all issued at once. With `recordsFor` (the
   * lookup's limit), the stories' records are sent beside the meta reads
   * where what is kept tells them (`sendEarlyRecords`).
   */
  private async lookupCache(tx: ReadTx, pageTerms: readonly string[] = [], hook?: WhileWaiting, recordsFor?: number): Promise<{ cache: LookupCache; size: number }> {
    const meta = Promise.all([tx.objectStore('meta').get('generation'), tx.objectStore('meta').get('articles')]);
    // The caller's work runs while the records are read.
    if (recordsFor !== undefined && this.sendEarlyRecords(tx, pageTerms, recordsFor)) runWhileWaiting(hook);
    // What this context keeps is most often of the corpus as it is (the background alone writes it, through this store): the index's
    // reads it implies go beside the meta reads, a round trip sooner, and count only if the generation read is the one they assumed.
    const guess = this.cache;
    if (guess && guess.size !== null && pageTerms.length > 0 && !earlyIndexReads.has(tx) && (guess.dfComplete || pageTerms.every((t) => guess.df.has(t)))) {
      const { maxQueryTerms: maxTerms, keptPostingsUpTo: maxKept } = this;
      const hits = CorpusStore.sendIndexReads(tx, guess, guess.size, pageTerms, maxTerms, maxKept, hook);
      earlyIndexReads.set(tx, { cache: guess, generation: guess.generation, pageTerms, maxTerms, maxKept, hits });
    }
    const [stamp, kept] = await meta;
    const generation = generationOf(stamp);
    let cache = this.cache?.generation === generation ? this.cache : null;
    const early = earlyIndexReads.get(tx);
    if (early && (early.cache !== cache || early.generation !== generation)) earlyIndexReads.delete(tx);
    // The count every write keeps: counting reads through the store (Chromium: 0.2-0.5 s at 50,000 articles, a started worker's first lookup).
    const size = cache?.size ?? (typeof kept === 'number' ? kept : await tx.objectStore('articles').count());
    if (!cache) {
      if (size <= this.completeFrequenciesUpTo) {
        const reading = tx.objectStore('df').getAll();
        runWhileWaiting(hook);
        const all = await reading;
        cache = { generation, df: new Map(all.map((r) => [r.term, r.df])), dfComplete: true, size, loaded: new Map(), postings: null };
      } else cache = { generation, df: new Map(), dfComplete: false, size, loaded: new Map(), postings: null };
      this.cache = cache;
    }
    cache.size = size;
    if (!cache.dfComplete) {
      const known = cache.df;
      const missing = [...new Set(pageTerms)].filter((t) => !known.has(t));
      const reading = Promise.all(missing.map((t) => tx.objectStore('df').get(t)));
      if (missing.length > 0) runWhileWaiting(hook);
      const records = await reading;
      // Bounded memory: past the limit, the terms of earlier pages are forgotten.
      if (known.size + missing.length > MAX_PARTIAL_FREQUENCIES) known.clear();
      missing.forEach((t, i) => known.set(t, records[i]?.df ?? 0));
    }
    return { cache, size };
  }

  /** The ids of the articles the index ranks best for these page terms, at most `limit` (see `candidates`). */
  private static async indexHits(
    tx: ReadTx,
    cache: LookupCache,
    size: number,
    pageTerms: readonly string[],
    limit: number,
    maxTerms: number,
    maxKept: number,
    hook?: WhileWaiting,
  ): Promise<string[]> {
    const early = earlyIndexReads.get(tx);
    earlyIndexReads.delete(tx);
    if (early && early.pageTerms === pageTerms && early.maxTerms === maxTerms && early.maxKept === maxKept) return early.hits(limit);
    return CorpusStore.sendIndexReads(tx, cache, size, pageTerms, maxTerms, maxKept, hook)(limit);
  }

  /**
   * Sends the postings reads of `indexHits` (those `cache` does not hold) and
   * returns what ranks the hits once they are back. Nothing of `cache`
   * changes before that, so reads sent on a guess can be left unused; what
   * was read is kept in `cache` only if no write changed it meanwhile.
   */
  private static sendIndexReads(
    tx: ReadTx,
    cache: LookupCache,
    size: number,
    pageTerms: readonly string[],
    maxTerms: number,
    maxKept: number,
    hook?: WhileWaiting,
  ): (limit: number) => Promise<string[]> {
    const query = selectQueryTerms(pageTerms, cache.df, size, maxTerms);
    const { generation, resident } = cache;
    if (resident) {
      // The whole index in memory: no request.
      return async (limit) => resident.rank(query, limit);
    }
    const add = (postings: Map<string, string[]>, term: string, ids: string[]) => {
      const known = postings.get(term);
      if (known === undefined) postings.set(term, ids);
      else for (const id of ids) known.push(id);
    };
    if (query.length > 0 && cache.dfComplete && cache.df.size <= READ_WHOLE_INDEX_TERMS) {
      // A small corpus: one read of the whole index costs less than a request per query term, and is kept.
      const known = cache.postings;
      const reading = known ? null : tx.objectStore('postings').getAll();
      if (reading) {
        reading.catch(() => undefined);
        runWhileWaiting(hook);
      }
      return async (limit) => {
        if (reading) {
          const whole = new Map<string, string[]>();
          for (const c of await reading) add(whole, c.term, chunkIds(c));
          if (cache.generation === generation) cache.postings = whole;
          return rankCandidates(query, whole, limit);
        }
        return rankCandidates(query, known!, limit);
      };
    }
    const kept = cache.termPostings ?? { ids: 0, byTerm: new Map<string, string[]>() };
    const postings = new Map<string, string[]>();
    for (const q of query) {
      const known = kept.byTerm.get(q.term);
      if (known !== undefined) postings.set(q.term, known);
    }
    const toRead = query.filter((q) => !postings.has(q.term));
    const reading = Promise.all(toRead.map((q) => tx.objectStore('postings').getAll(termChunks(q.term))));
    reading.catch(() => undefined);
    if (toRead.length > 0) runWhileWaiting(hook);
    return async (limit) => {
      const chunks = await reading;
      const keep = cache.generation === generation && (cache.termPostings ??= kept) === kept;
      toRead.forEach((q, i) => {
        for (const c of chunks[i]) add(postings, q.term, chunkIds(c));
        const ids = postings.get(q.term) ?? [];
        if (!keep || ids.length > maxKept) return;
        // Full: start afresh rather than track recency (this page's terms are in `postings` already).
        if (kept.ids + ids.length > maxKept) {
          kept.byTerm.clear();
          kept.ids = 0;
        }
        kept.byTerm.set(q.term, ids);
        kept.ids += ids.length;
      });
      return rankCandidates(query, postings, limit);
    };
  }

  /** `indexHits` from the resident index, at once (`cache.resident` must be set). */
  private static residentHits(cache: LookupCache, size: number, pageTerms: readonly string[], limit: number, maxTerms: number): string[] {
    const query = selectQueryTerms(pageTerms, cache.df, size, maxTerms);
    return cache.resident!.rank(query, limit);
  }

  /**
   * The articles with these ids that are stored, in that order, with their
   * features (see `featuresOf`): those handed out before in this generation
   * are not read again. Features computed for want of current stored ones
   * come back in `stale`, to be saved once `tx` is done.
   */
  private async readArticles(tx: ReadTx, cache: LookupCache, ids: readonly string[]): Promise<{ articles: Article[]; stale: StoredFeatures[] }> {
    const toRead = [...new Set(ids)].filter((id) => !cache.loaded.has(id));
    const [articles, stored] = await Promise.all([
      Promise.all(toRead.map((id) => tx.objectStore('articles').get(id))),
      Promise.all(toRead.map((id) => tx.objectStore('features').get(id))),
    ]);
    const stale: StoredFeatures[] = [];
    const read = new Map<string, { article: Article; features: ArticleFeatures }>();
    articles.forEach((article, i) => {
      if (!article) return;
      let features = stored[i] && featuresIn(stored[i]);
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
    return { articles: found, stale };
  }

  /** Story id → member ids, read as stories with their articles (members no longer stored left out, stories left empty dropped). */
  private async readStories(tx: ReadTx, cache: LookupCache, members: ReadonlyMap<string, readonly string[]>): Promise<StoryArticles[]> {
    const { articles, stale } = await this.readArticles(tx, cache, [...members.values()].flat());
    await tx.done;
    if (stale.length > 0) await this.saveFeatures(stale);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const out: StoryArticles[] = [];
    for (const [id, ids] of members) {
      const list = ids.map((m) => byId.get(m)).filter((a) => a !== undefined);
      if (list.length > 0) out.push({ id, articles: list });
    }
    return out;
  }

  /** Keeps features (and glances, in their stories' records) computed after the fact, for articles that still exist. */
  private async saveFeatures(records: readonly StoredFeatures[], glances: readonly ArticleGlance[] = []): Promise<void> {
    // The articles themselves do not change, so what lookups keep in memory stays valid.
    await this.write(async (tx) => {
      const keys = await Promise.all(records.map((r) => tx.objectStore('articles').getKey(r.id)));
      const exists = new Set(records.filter((_, i) => keys[i] !== undefined).map((r) => r.id));
      const current = glances.filter((g) => exists.has(g.id));
      const [links] = await Promise.all([
        Promise.all(current.map((g) => tx.objectStore('storyOf').get(g.id))),
        ...records.filter((r) => exists.has(r.id)).map((r) => tx.objectStore('features').put(r)),
      ]);
      const storyIds = [...new Set(links.flatMap((link) => (link ? [link.story] : [])))];
      if (storyIds.length > 0) await CorpusStore.putStoryGlances(tx, storyIds, new Map(current.map((g) => [g.id, g])));
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
