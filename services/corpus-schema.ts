/**
 * The corpus database's layout: its name and version (with every version's
 * change), the stores and their records, and the transactions over them.
 * The store (corpus-store.ts) reads and writes it; tests and the upgrade's
 * fixtures name its records through these types.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { Article } from '../lib/article/article';
import type { ArticleTerms } from './term-index';
import { FEATURES_VERSION, type ArticleFeatures } from '../lib/match/features';
import type { ArticleGlance } from '../lib/match/glance';
import { STORY_RULES_VERSION } from '../lib/match/story-clusters';

export const DB_NAME = 'crossread';
/**
 * Bump with every change of the stores below, and add a step to `upgrade`
 * that carries every existing article over: a reader's corpus is never
 * rebuilt from scratch.
 *
 * 1: articles.
 * 2: the term index (terms, df), the engine's features per article, meta.
 * 3: postings in chunks per term instead of a multi-entry index over `terms`.
 * 4: stories (the articles that report one event) and each article's story.
 * 5: glances (what the engine's first look reads of an article, apart from its full features).
 * 6: postings in chunks of 256 ids (32 before), each chunk's ids one string.
 * 7: storyGlances (each story's members' glances in one record).
 * 8: no glances store: a glance is stored only in its story's storyGlances record.
 * 9: no `source` index on articles: nothing read it, and in Chromium its entries made an import's
 *    undo log larger, which every opening of the database walks until Chromium compacts it.
 * 10: importJournal (an import's articles written ahead of its last transaction, services/import-journal.ts).
 * 11: an import's features stored as the JSON its worker made of them (StoredFeatures); features stored
 *     before stay objects, read as they are.
 */
export const DB_VERSION = 11;

/**
 * Bump when the way the store forms stories changes (the engine's rules have
 * STORY_RULES_VERSION): every stored story is then formed again when the
 * store is opened, as it is when the rules or FEATURES_VERSION change.
 */
export const STORIES_VERSION = 1;
/** What the stored stories were computed with, kept as meta 'storiesVersion'. */
export const STORIES_SIGNATURE = `stories ${STORIES_VERSION}, rules ${STORY_RULES_VERSION}, features ${FEATURES_VERSION}`;

/** Document frequency of one term: how many articles are indexed under it. */
export interface TermFrequency {
  term: string;
  df: number;
}

/**
 * Some of the articles indexed under a term. A term's postings are split in
 * chunks of about POSTINGS_CHUNK ids, so adding an article rewrites a few
 * small records, while a lookup reads one or a few records per term instead
 * of one index entry per article. `ids`: joined by POSTINGS_SEPARATOR (read
 * them with `chunkIds`), or an array when an id holds the separator (or in a
 * corpus from before version 6). One string is stored and read back in less
 * time than an array of strings, on the thread that asked (Chromium: a
 * lookup's 60 terms, 7,751 ids, 5.7 ms as arrays, 4.8 as strings).
 */
export interface PostingsChunk {
  term: string;
  chunk: number;
  ids: string | string[];
}

/**
 * The engine's features of one article, computed when it is stored so matching need not recompute them.
 * `features`: as an object, or (since version 11, what an import writes) as the JSON the corpus manager's
 * import worker made of them: IndexedDB stores one string in far less of the writing thread's time than
 * it clones the object (Chromium: ~40 against ~115 µs an article), and it is read back about as fast
 * (`featuresIn`).
 */
export interface StoredFeatures {
  id: string;
  features: ArticleFeatures | string;
}

/** The features a stored record holds (parsed where they are stored as JSON). */
export function featuresIn(record: StoredFeatures): ArticleFeatures {
  return typeof record.features === 'string' ? (JSON.parse(record.features) as ArticleFeatures) : record.features;
}

/** A story: the articles that report one event, in the order they joined it. Its id never changes while it has members. */
export interface StoredStory {
  id: string;
  members: string[];
}

/** The story an article is in. */
export interface StoryLink {
  id: string;
  story: string;
}

/** A story with its members' glances (`candidateGlances`; stored in `storyGlances`, in member order). */
export interface StoryGlances {
  id: string;
  glances: ArticleGlance[];
}

export interface CorpusSchema extends DBSchema {
  articles: {
    key: string;
    value: Article;
    indexes: { url: string };
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
  /** Story id → its members, written in the same transactions as the articles. */
  stories: {
    key: string;
    value: StoredStory;
  };
  /**
   * Story id → its members' glances (lib/match/glance.ts: an article's head
   * and the parts of its features the first look reads), in member order:
   * the only place glances are stored (until version 8 each was also stored
   * on its own, twice the space and writes). A lookup reads one record per
   * candidate story (in Chromium ~20 requests instead of ~200 at 10,000
   * articles), and the full features only of the few the engine compares.
   * Written in the transactions that write the story or a member's glance,
   * from the story's record as it was; a story without a record, or whose
   * record does not hold its members' current glances, has its members'
   * glances made from their articles and features.
   */
  storyGlances: {
    key: string;
    value: StoryGlances;
  };
  /**
   * Article id → its story. A store of its own rather than a field of the
   * article or a multi-entry index over `stories.members`: articles stay as
   * the reader exported or edited them, moving an article rewrites one small
   * record instead of an index entry per member of the story, and a lookup
   * reads the stories of its hits by key, the hits' ids being all it has.
   */
  storyOf: {
    key: string;
    value: StoryLink;
  };
  /**
   * 'generation' (number): bumped by every write, so a context knows when
   * what it keeps in memory is out of date. 'storiesVersion' (string): the
   * STORIES_SIGNATURE the stories were computed with. 'articles' (number):
   * how many articles are stored, kept by every write, because counting the
   * store reads through it (Chromium: 0.2-0.5 s at 50,000 articles, which a
   * started worker's first lookup paid); absent in a corpus from before it
   * was kept, until the first write or start counts it once.
   * 'committedImport' (string): the import whose last transaction committed
   * while its journal is still stored (see services/import-journal.ts).
   */
  meta: {
    key: string;
    value: number | string;
  };
  /**
   * An import's articles written in small transactions of their own ahead of
   * its last one (services/import-journal.ts): what each wrote, so that an
   * import that does not commit is taken out again. Empty between imports.
   */
  importJournal: {
    key: string;
    value: JournalRecord;
  };
}

/**
 * One staged transaction of an import: the ids it added and the records it
 * replaced (as they were, to put back), under `import`, the import's id.
 */
export interface JournalRecord {
  key: string;
  import: string;
  added: string[];
  replaced: Array<{ article: Article; terms?: ArticleTerms; features?: StoredFeatures }>;
}

export type CorpusDB = IDBPDatabase<CorpusSchema>;
export const STORES = ['articles', 'terms', 'postings', 'df', 'features', 'meta', 'stories', 'storyGlances', 'storyOf'] as const;
export type WriteTx = IDBPTransaction<CorpusSchema, Array<(typeof STORES)[number]>, 'readwrite'>;
export const READ_STORES = ['articles', 'postings', 'df', 'features', 'meta', 'stories', 'storyGlances', 'storyOf'] as const;
export type ReadTx = IDBPTransaction<CorpusSchema, Array<(typeof READ_STORES)[number]>, 'readonly'>;

/** The write counter kept in meta (0 before the first write). */
export function generationOf(value: number | string | undefined): number {
  return typeof value === 'number' ? value : 0;
}
