import browser, { type Runtime } from 'webextension-polyfill';
import { IMPORT_PORT, serveImportChannel } from './import-channel';
import { ISO_DATE, type Article, type TextRange } from '../lib/article/article';
import type { PageNotes } from '../lib/notes/page-notes';
import type { OutletProfile } from '../lib/notes/outlet-profile';
import type { ArticleFeatures } from '../lib/match/features';
import type { ArticleReading } from '../lib/article/article-reading';
import type { StoredKey } from '../lib/article/transfer';
import { MAX_TERMS_PER_ARTICLE } from '../lib/article/index-terms';
import type { DroppedLog, FeedSettings, FeedView } from '../lib/feeds/feed-state';
import type { FeedLink } from '../lib/feeds/feed-links';
import type { FeedReason } from '../lib/feeds/feed-reason';
import { problemMessages, problemOf, type EngineWarning, type Problem } from '../lib/i18n/problem-messages';

/**
 * The one protocol between crossread's parts. The background alone opens the
 * corpus and runs the engine; the content script, the popup and the options
 * page ask it by name, with the payload and reply types of the tables below.
 *
 * Every message is `{ type: name, ...payload }`. The receiver checks the
 * payload against the request's check before a handler sees it (messages can
 * come from any part of the extension, including content scripts in web
 * pages), and requests that change or read the whole corpus are answered for
 * extension pages only.
 */

/** The page's article, as the content script extracted it. */
export interface PagePayload {
  text: string;
  url: string;
  title: string;
  language: string | null;
  publishedTime: string | null;
  /** The site's own name where the page states it (Readability's siteName). */
  siteName?: string | null;
}

/** A failed request: what went wrong, in English, and where crossread knows it, as a kind plus values for the reader's language (failureText). */
export interface Failure {
  ok: false;
  error: string;
  problem?: Problem;
  /** The request was a write stopped by `crossread:cancel`; nothing of it was kept. */
  cancelled?: boolean;
}

/** Every reply of the background: `ok` with the request's fields, or a Failure. */
export type Result<T extends object = Record<never, never>> = ({ ok: true } & T) | Failure;

/** `warnings`: the engine's, as kinds plus values (why a page was not annotated, or cannot be told apart), told in the reader's language by the popup. */
export type AnnotateResponse = Result<{ notes: PageNotes; warnings: EngineWarning[] }>;
/** A refused add names the stored article whose text the page repeats, so the popup can say so in the reader's language. */
export type AddArticleResponse = Result<{ id: string }> | (Failure & { duplicate: { id: string; title: string; outlet: string } });
export type ExtractResponse = Result<{ page: PagePayload }>;
/** A refused feed request with its reason as a kind plus values, so a page tells it in the reader's language (`error`: the background's English). */
export type FeedFailure = Failure & { reason: FeedReason };

/**
 * Work that makes the background's opening of its corpus take long: the reader's database upgraded
 * to this version's (`from`, `to`: database versions), or the stories formed again for a newer engine
 * (`from` and `to` null). `articles`: how many articles it concerns, when known.
 */
export interface CorpusUpdate {
  what: 'database' | 'stories';
  from: number | null;
  to: number | null;
  articles: number | null;
}

/** The background's corpus: being opened, updated (see CorpusUpdate), open, or failed to open (the next request tries again). */
export interface StoreState {
  state: 'opening' | 'updating' | 'ready' | 'failed';
  update: CorpusUpdate | null;
}

/** Why a tab shows what it shows, for the popup. */
export type TabStatus = 'notes' | 'not-article' | 'other-language' | 'no-match' | 'related' | 'off' | 'pending' | 'error';

export interface TabState {
  status: TabStatus;
  outlets: string[];
  /**
   * Counts of points, not outlets: `agree` sentences of the page other outlets also report, `adds`
   * details they add, `omits` sentences only this page reports, `missing` points of others missing
   * here (`missingByMany` of them made by two or more outlets).
   */
  counts: { agree: number; adds: number; omits: number; missing: number; missingByMany?: number } | null;
  /** The engine's warnings on the page, as the annotate reply carried them. */
  warnings: EngineWarning[];
}

/** An article as the corpus list shows it: everything but its text (and what is recorded about the text). */
export interface ArticleSummary extends Omit<Article, 'raw' | 'bodyStart' | 'nonReporting'> {
  /** Characters of the body (the text after its header lines). */
  length: number;
  /** The stored story the article belongs to (see StorySummary); null where a reply does not say. */
  storyId: string | null;
}

/** One story of the corpus: its articles, in the order the list shows them. */
export interface StorySummary {
  id: string;
  articleIds: string[];
}

/** An article pasted into the options page; what is missing is read off the text or left unknown. */
export interface PastedArticle {
  raw: string;
  outlet?: string;
  title?: string;
  date?: string | null;
  url?: string | null;
}

type Empty = Record<never, never>;

/** Requests the background answers: name → payload and reply. */
export interface BackgroundRequests {
  /** Content script: the notes for a page. `storyOnly`: the story decision and the outlets, no notes. */
  'crossread:annotate': { payload: { page: PagePayload; storyOnly?: boolean }; reply: AnnotateResponse };
  /** Popup: store a page the reader confirmed. */
  'crossread:add-article': { payload: { page: PagePayload; outlet: string; date: string | null }; reply: AddArticleResponse };
  /**
   * Options: every article without its text, grouped in stories; `generation` changes with every write.
   * With `pageSize`, a page of the articles from `from` (0 first; `next` goes on, null at the end), and
   * the stories in the same share, in order (all of them by the last page): a listing of 50,000 articles is a ~15 MB reply, parsed in one
   * task on the asking page's thread. Later pages pass the first page's `listing`; a reply with another
   * `listing` (another listing began, or the background restarted) means: start again.
   */
  'crossread:list-articles': {
    payload: { from?: number; pageSize?: number; listing?: string };
    reply: Result<{ generation: number; articles: ArticleSummary[]; stories: StorySummary[]; next: number | null; listing: string }>;
  };
  /** Popup and options: is the corpus open, or still being opened or updated (answered at once, without waiting for it). */
  'crossread:store-state': { payload: Empty; reply: StoreState };
  /** Options: one article with its text. */
  'crossread:get-article': { payload: { id: string }; reply: Result<{ article: ArticleSummary & { text: string } }> };
  /**
   * Options: how each article of a story compares with the story's other articles (article id → profile; none for a story
   * of one); with `articleId`, that article's alone, so the corpus manager can ask article by article between the reader's input.
   */
  'crossread:story-profiles': { payload: { storyId: string; articleId?: string }; reply: Result<{ profiles: Record<string, OutletProfile> }> };
  /**
   * Options: ids of the articles whose outlet, title, address or text contain `query` (case-insensitive); where most do
   * (`allBut`), the ids of those that do not.
   */
  'crossread:search-articles': { payload: { query: string }; reply: Result<{ ids: string[]; allBut?: boolean }> };
  /** Options: store a pasted text. */
  'crossread:add-text': { payload: PastedArticle; reply: Result<{ id: string; title: string }> };
  /**
   * Options: store articles read and checked by `parseImport` in one
   * transaction, all or none. Progress comes back as `crossread:progress`
   * events with the same `operation`; `crossread:cancel` stops it.
   */
  /**
   * Options: import articles in one transaction. A large import comes in parts numbered from 0 (a
   * message is at most 64 MiB): the first opens the transaction, each is written into it as it
   * arrives, and the part without `more` commits. `total`: the import's articles, for progress.
   * `analysis`: what the corpus manager's worker worked out for each article of the part, which the
   * background then need not (it works out again what another engine version worked out).
   */
  'crossread:import-articles': {
    payload: { operation: string; part: number; total: number; articles: Article[]; analysis?: ImportAnalysis; more?: boolean };
    reply: Result<{ count: number }>;
  };
  /** Options: stop a running write; `cancelled` is false when there was none by that id. */
  'crossread:cancel': { payload: { operation: string }; reply: Result<{ cancelled: boolean }> };
  /**
   * Options: the articles, text included (for an export), a page at a time
   * in id order after `after` (Chromium carries at most 64 MiB in one message); `next` goes on, null at the
   * end; a page read in another generation than the one before means the corpus changed in between.
   */
  'crossread:export-articles': { payload: { after?: string }; reply: Result<{ articles: Article[]; next: string | null; generation: number }> };
  /**
   * Options: what an import's duplicate check needs of each stored article – its labels and a hash of its
   * folded text (lib/article/transfer.ts StoredKey), not the text – paged as 'crossread:export-articles'.
   */
  'crossread:import-keys': { payload: { after?: string }; reply: Result<{ keys: StoredKey[]; next: string | null; generation: number }> };
  /**
   * Options: the folded texts (lib/article/duplicate.ts textKey) of these stored articles, which confirm
   * that a file's article with the same hash is the same text: of `ids` from the first, as many as one
   * message carries well (at least one); null for an id not stored.
   */
  'crossread:folded-texts': { payload: { ids: string[] }; reply: Result<{ texts: Array<string | null> }> };
  'crossread:update-article': { payload: { id: string; outlet?: string; date?: string | null }; reply: Result<{ article: ArticleSummary }> };
  /** Options: delete an article; the reply holds it, for undo. */
  'crossread:delete-article': { payload: { id: string }; reply: Result<{ article: Article }> };
  /** Options: put a deleted article back (undo). */
  'crossread:restore-article': { payload: { article: Article }; reply: Result };
  'crossread:reset-to-seeds': { payload: Empty; reply: Result };
  /** Options: how many articles, and the storage the extension uses (bytes; null where the browser does not say). */
  'crossread:corpus-stats': { payload: Empty; reply: Result<{ count: number; usage: number | null; quota: number | null }> };
  /** Options: the followed feeds with their state in words, the feed settings, and what retention dropped. */
  'crossread:feeds': {
    payload: Empty;
    /** `lastRound`: the last fetch round's stored articles and duration (ms), from the first request to the last write. */
    reply: Result<{ feeds: FeedView[]; settings: FeedSettings; dropped: DroppedLog; running: boolean; lastRound: { articles: number; ms: number; feeds: number } | null }>;
  };
  /** Popup, options: follow a feed (its origin granted just before); it is fetched at once and refused when it is no feed. */
  'crossread:follow-feed': { payload: { url: string; title?: string }; reply: Result<{ feed: FeedView }> | FeedFailure };
  /** Options: unfollow; `releaseOrigin` is the origin no other followed feed needs, whose permission is given back. */
  'crossread:unfollow-feed': { payload: { url: string }; reply: Result<{ releaseOrigin: string | null }> };
  /** Options: fetch now, every feed not paused or the one named; answers when the round is done. */
  'crossread:fetch-feeds': { payload: { url?: string }; reply: Result | FeedFailure };
  /** Options: pause or resume one feed, or (no url) the alarm's fetching of all. */
  'crossread:pause-feeds': { payload: { url?: string; paused: boolean }; reply: Result };
  /** Options: follow the feeds of an OPML file whose origins were granted. */
  'crossread:import-opml': { payload: { text: string }; reply: Result<{ added: number; skipped: number }> };
  'crossread:export-opml': { payload: Empty; reply: Result<{ text: string }> };
  /** Options: how often to fetch, and how many days to keep feed articles. */
  'crossread:feed-settings': { payload: { intervalMinutes?: number; retentionDays?: number }; reply: Result<{ settings: FeedSettings }> };
  /** Popup: "Keep what I read" on a site (a host): read it, or set it with `on` (extension pages only); content script: read it for its own host. */
  'crossread:keep-site': { payload: { host: string; on?: boolean }; reply: Result<{ on: boolean }> };
  /** Content script: the reader stayed on this page; kept where its site's switch is on. */
  'crossread:keep-read': { payload: { page: PagePayload }; reply: Result<{ kept: boolean; reason: string }> };
  /**
   * Content script: Readability's reading (null: no article) of a large page's copy, encoded by
   * page/reading-copy.ts, read in the background's offscreen document (Chrome) or background page
   * (Firefox) so that the parse does not hold the page's main thread.
   */
  'crossread:read-copy': { payload: { copy: string }; reply: Result<{ reading: ArticleReading | null }> };
}

/** Requests the content script of a tab answers, sent by the popup. */
export interface TabRequests {
  /** What does this tab show, and why. */
  'crossread:tab-state': { payload: Empty; reply: TabState };
  /** The page's article, for "Add this page to the corpus". */
  'crossread:extract': { payload: Empty; reply: ExtractResponse };
  /** The feeds the page announces (`<link rel="alternate">` of a feed type), for "Follow ‹site›". */
  'crossread:feed-links': { payload: Empty; reply: { links: FeedLink[] } };
}

/** Messages without a reply: name → payload. */
export interface Events {
  /** Background → tabs and extension pages: the corpus changed; notes and lists should be recomputed. */
  'crossread:corpus-changed': Empty;
  /** Content script → extension pages: what its tab shows changed; an open popup asks it again. */
  'crossread:tab-state-changed': Empty;
  /** Background → options page: `done` of `total` articles of a write are prepared or stored. */
  'crossread:progress': { operation: string; done: number; total: number };
  /** Background → options page: the followed feeds or their state changed. */
  'crossread:feeds-changed': Empty;
  /** Background → popup and options page: the corpus's state changed (an update began or ended). */
  'crossread:store-state-changed': StoreState;
}

export type Requests = BackgroundRequests & TabRequests;
export type BackgroundRequestName = keyof BackgroundRequests;
/** The requests of followed feeds and "Keep what I read", answered by services/feeds. */
export type FeedRequestName = Extract<BackgroundRequestName, 'crossread:feeds' | 'crossread:follow-feed' | 'crossread:unfollow-feed' | 'crossread:fetch-feeds' | 'crossread:pause-feeds' | 'crossread:import-opml' | 'crossread:export-opml' | 'crossread:feed-settings' | 'crossread:keep-site' | 'crossread:keep-read'>;
export type TabRequestName = keyof TabRequests;
export type RequestName = keyof Requests;
export type EventName = keyof Events;
export type Payload<K extends RequestName> = Requests[K]['payload'];
export type Reply<K extends RequestName> = Requests[K]['reply'];
/** A request or event as sent: its name as `type`, with its payload's fields. */
export type Message<K extends RequestName | EventName> = { type: K } & (K extends RequestName ? Payload<K> : K extends EventName ? Events[K] : never);

export type AnnotateRequest = Message<'crossread:annotate'>;
export type AddArticleRequest = Message<'crossread:add-article'>;
export type TabStateRequest = Message<'crossread:tab-state'>;
export type ExtractRequest = Message<'crossread:extract'>;
export type CorpusChangedMessage = Message<'crossread:corpus-changed'>;
export type ProgressMessage = Message<'crossread:progress'>;

// ---------------------------------------------------------------------------
// Payload checks

/**
 * Checks that a value received fits type T: the problem in words, or null.
 * The type parameter ties a check to the type it guards, so a table of
 * checks that does not match the payload types does not compile.
 */
export interface Check<T> {
  (value: unknown, at: string): string | null;
  readonly __checks?: T;
}

const check = <T>(f: (value: unknown, at: string) => string | null): Check<T> => f as Check<T>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const text = (max = Number.POSITIVE_INFINITY): Check<string> =>
  check((v, at) => (typeof v !== 'string' ? `${at} is not a string` : v.length > max ? `${at} is longer than ${max} characters` : null));
export const nonEmptyText = (max = Number.POSITIVE_INFINITY): Check<string> => {
  const base = text(max);
  return check((v, at) => base(v, at) ?? ((v as string).trim() === '' ? `${at} is empty` : null));
};
export const flag: Check<boolean> = check((v, at) => (typeof v === 'boolean' ? null : `${at} is not true or false`));
export const finite: Check<number> = check((v, at) => (typeof v === 'number' && Number.isFinite(v) ? null : `${at} is not a number`));
export const count: Check<number> = check((v, at) => (Number.isSafeInteger(v) && (v as number) >= 0 ? null : `${at} is not a whole number ≥ 0`));
export const oneOf = <L extends string>(...values: L[]): Check<L> =>
  check((v, at) => (values.includes(v as L) ? null : `${at} is not one of ${values.map((x) => JSON.stringify(x)).join(', ')}`));
export const nullable = <T>(c: Check<T>): Check<T | null> => check((v, at) => (v === null ? null : c(v, at)));
export const optional = <T>(c: Check<T>): Check<T | undefined> => check((v, at) => (v === undefined ? null : c(v, at)));
export const list = <T>(c: Check<T>, max = Number.POSITIVE_INFINITY): Check<T[]> =>
  check((v, at) => {
    if (!Array.isArray(v)) return `${at} is not a list`;
    if (v.length > max) return `${at} has more than ${max} entries`;
    // An entry's path is made only for one that fails, its check run again with it: the checks are pure, and making
    // it for every entry was most of the check of an import's index terms (~80 an article: ~50 ms of 10,000 articles' in Node).
    for (let i = 0; i < v.length; i++) if (c(v[i], at) !== null) return c(v[i], `${at}[${i}]`);
    return null;
  });
/** An object with these fields (others are ignored): one check per field of T, optional ones included. */
export const fields = <T>(shape: { [P in keyof T]-?: Check<T[P]> }): Check<T> =>
  check((v, at) => {
    if (!isObject(v)) return `${at} is not an object`;
    for (const key of Object.keys(shape) as Array<keyof T & string>) {
      const problem = (shape[key] as Check<unknown>)(v[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return null;
  });
/** `c`, and then a further condition on the checked value. */
export const where = <T>(c: Check<T>, more: (value: T, at: string) => string | null): Check<T> =>
  check((v, at) => c(v, at) ?? more(v as T, at));

const isoDate: Check<string> = check((v, at) => (typeof v === 'string' && ISO_DATE.test(v) ? null : `${at} is not a date of the form YYYY-MM-DD`));

/** Longest text of an article carried by a message: the body limit (1,000,000) with room for header lines. */
export const MAX_MESSAGE_ARTICLE_CHARS = 1_100_000;
/** Longest encoded page copy a read-copy request carries: well inside a message's 64 MiB once escaped and in UTF-8. */
export const MAX_READING_COPY_CHARS = 16_000_000;
/** Most articles one import request carries. */
export const MAX_IMPORT_ARTICLES = 200_000;

/**
 * An import part's articles analysed where the file was read: each one's
 * features (the bulk of the work) and index terms, in the part's order. Made
 * by the worker that analysed them as strings, so the corpus manager passes
 * on strings instead of copying object graphs (features are about four times
 * the size of the text) on its own thread.
 */
export interface ImportAnalysis {
  /** The FEATURES_VERSION of the code that did it. */
  featuresVersion: number;
  /**
   * Each article's features as the JSON of its ArticleFeatures, made for it alone: the background parses each one
   * once, to choose the article's story, and stores the string as it is (services/corpus-schema.ts StoredFeatures).
   * A list of strings, not one JSON text holding them: a JSON string inside JSON is parsed twice (its escapes
   * undone, then its own text), ~a fifth of the background's parse and check of an import's analysis (Node, 10,000).
   */
  features: string[];
  /** The JSON of each article's index terms (lib/article/index-terms.ts), in order: an array of string arrays; an entry null where the background works them out. */
  terms: string;
}

/** Features are only taken from crossread's own pages (the request's sender check), so their shape is checked, not each field (of ImportAnalysis.features once parsed). */
export const analysedFeatures: Check<ArticleFeatures> = check((v, at) => {
  const f = v as Partial<ArticleFeatures> | null;
  return typeof f === 'object' && f !== null && typeof f.version === 'number' && Array.isArray(f.sentences) && typeof f.termFreq === 'object' ? null : `${at} is not an article's features`;
});

/** The check of ImportAnalysis.terms once parsed. */
export const analysedTerms: Check<Array<string[] | null>> = list(nullable(list(text(1000), MAX_TERMS_PER_ARTICLE)), MAX_IMPORT_ARTICLES);

const importAnalysis = fields<ImportAnalysis>({ featuresVersion: finite, features: list(text(), MAX_IMPORT_ARTICLES), terms: text() });

const id = nonEmptyText(500);
const operation = nonEmptyText(100);

const page = fields<PagePayload>({
  text: text(),
  url: text(),
  title: text(),
  language: nullable(text(100)),
  publishedTime: nullable(text(100)),
  siteName: optional(nullable(text())),
});

const range = fields<TextRange>({ start: count, end: count });

/** A stored article: every field of its type, with offsets that point into its text. */
export const article: Check<Article> = where(
  fields<Article>({
    id,
    file: optional(text(1000)),
    outlet: text(1000),
    title: text(10_000),
    language: text(100),
    date: nullable(isoDate),
    url: nullable(text(10_000)),
    raw: text(MAX_MESSAGE_ARTICLE_CHARS),
    bodyStart: count,
    nonReporting: list(range),
    source: oneOf('seed', 'user'),
    addedAt: finite,
  }),
  (a, at) => {
    if (a.bodyStart > a.raw.length) return `${at}.bodyStart is past the end of its text`;
    let end = 0;
    for (const r of a.nonReporting) {
      if (r.start < end || r.end < r.start || r.end > a.raw.length) return `${at}.nonReporting is not a sorted list of ranges within its text`;
      end = r.end;
    }
    return null;
  },
);

const empty = fields<Empty>({});

/** Each background request's payload check, and who may send it. */
export const backgroundChecks: { [K in BackgroundRequestName]: { payload: Check<Payload<K>>; from: 'anywhere' | 'extension-pages' } } = {
  'crossread:annotate': { payload: fields({ page, storyOnly: optional(flag) }), from: 'anywhere' },
  'crossread:add-article': { payload: fields({ page, outlet: text(1000), date: nullable(text(100)) }), from: 'extension-pages' },
  'crossread:list-articles': { payload: fields({ from: optional(count), pageSize: optional(where(count, (n, at) => (n > 0 ? null : `${at} is not positive`))), listing: optional(text(100)) }), from: 'extension-pages' },
  'crossread:store-state': { payload: empty, from: 'extension-pages' },
  'crossread:get-article': { payload: fields({ id }), from: 'extension-pages' },
  'crossread:story-profiles': { payload: fields({ storyId: id, articleId: optional(id) }), from: 'extension-pages' },
  'crossread:search-articles': { payload: fields({ query: text(1000) }), from: 'extension-pages' },
  'crossread:add-text': {
    payload: fields<PastedArticle>({
      raw: text(MAX_MESSAGE_ARTICLE_CHARS),
      outlet: optional(text(1000)),
      title: optional(text(10_000)),
      date: optional(nullable(text(100))),
      url: optional(nullable(text(10_000))),
    }),
    from: 'extension-pages',
  },
  'crossread:import-articles': {
    payload: fields({ operation, part: count, total: count, articles: list(article, MAX_IMPORT_ARTICLES), analysis: optional(importAnalysis), more: optional(flag) }),
    from: 'extension-pages',
  },
  'crossread:cancel': { payload: fields({ operation }), from: 'extension-pages' },
  'crossread:export-articles': { payload: fields({ after: optional(id) }), from: 'extension-pages' },
  'crossread:import-keys': { payload: fields({ after: optional(id) }), from: 'extension-pages' },
  'crossread:folded-texts': { payload: fields({ ids: list(id, MAX_IMPORT_ARTICLES) }), from: 'extension-pages' },
  'crossread:update-article': { payload: fields({ id, outlet: optional(text(1000)), date: optional(nullable(text(100))) }), from: 'extension-pages' },
  'crossread:delete-article': { payload: fields({ id }), from: 'extension-pages' },
  'crossread:restore-article': { payload: fields({ article }), from: 'extension-pages' },
  'crossread:reset-to-seeds': { payload: empty, from: 'extension-pages' },
  'crossread:corpus-stats': { payload: empty, from: 'extension-pages' },
  'crossread:feeds': { payload: empty, from: 'extension-pages' },
  'crossread:follow-feed': { payload: fields({ url: nonEmptyText(10_000), title: optional(text(1000)) }), from: 'extension-pages' },
  'crossread:unfollow-feed': { payload: fields({ url: nonEmptyText(10_000) }), from: 'extension-pages' },
  'crossread:fetch-feeds': { payload: fields({ url: optional(nonEmptyText(10_000)) }), from: 'extension-pages' },
  'crossread:pause-feeds': { payload: fields({ url: optional(nonEmptyText(10_000)), paused: flag }), from: 'extension-pages' },
  'crossread:import-opml': { payload: fields({ text: text(10_000_000) }), from: 'extension-pages' },
  'crossread:export-opml': { payload: empty, from: 'extension-pages' },
  'crossread:feed-settings': { payload: fields({ intervalMinutes: optional(finite), retentionDays: optional(finite) }), from: 'extension-pages' },
  // The content script reads its site's switch; only extension pages set it (the handler checks).
  'crossread:keep-site': { payload: fields({ host: nonEmptyText(1000), on: optional(flag) }), from: 'anywhere' },
  // From the content script: the handler checks the page is the sending tab's and its site's switch is on.
  'crossread:keep-read': { payload: fields({ page }), from: 'anywhere' },
  // From the content script: the copy is only read, in a document without a browsing context (nothing in it runs or loads).
  'crossread:read-copy': { payload: fields({ copy: text(MAX_READING_COPY_CHARS) }), from: 'anywhere' },
};

export const tabChecks: { [K in TabRequestName]: Check<Payload<K>> } = {
  'crossread:tab-state': empty,
  'crossread:extract': empty,
  'crossread:feed-links': empty,
};

export const eventChecks: { [K in EventName]: Check<Events[K]> } = {
  'crossread:corpus-changed': empty,
  'crossread:tab-state-changed': empty,
  'crossread:progress': fields({ operation, done: count, total: count }),
  'crossread:feeds-changed': empty,
  'crossread:store-state-changed': fields<StoreState>({
    state: oneOf('opening', 'updating', 'ready', 'failed'),
    update: nullable(fields<CorpusUpdate>({ what: oneOf('database', 'stories'), from: nullable(count), to: nullable(count), articles: nullable(count) })),
  }),
};

const typeOf = (message: unknown): string | null =>
  isObject(message) && typeof message.type === 'string' ? message.type : null;

const has = <T extends object>(table: T, key: string | null): key is keyof T & string => key !== null && Object.hasOwn(table, key);

// ---------------------------------------------------------------------------
// Sending

/** A refusal: its problem, which the reader's page words in its language, and the same in English as `error`. */
export const refusal = (problem: Problem): Failure => ({ ok: false, error: problemMessages('en').problem(problem), problem });

/** A Failure for an error: its message, with its problem where it carries one (an Error from any layer may). */
const fail = (error: unknown, problem: Problem | null = problemOf(error)): Failure => ({
  ok: false,
  error: error instanceof Error ? error.message : String(error),
  ...(problem ? { problem } : {}),
});

/**
 * Asks the background. Never rejects: a background that cannot be reached
 * (restarting after an update) or that does not answer gives a Failure.
 */
export async function ask<K extends BackgroundRequestName>(name: K, payload: Payload<K>): Promise<Reply<K>> {
  const message = { ...payload, type: name };
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<K> | undefined;
    return reply ?? (fail(`crossread's background did not answer ${name}.`, { kind: 'no-answer' }) as Reply<K>);
  } catch (error) {
    // The browser's own words for a background it cannot reach: the reader gets crossread's, in their language.
    const unreachable = /receiving end does not exist|could not establish connection|message (?:port|channel) closed|context invalidated/i.test(String(error));
    return fail(error, problemOf(error) ?? (unreachable ? { kind: 'no-answer' } : null)) as Reply<K>;
  }
}

/** Asks the content script of a tab; rejects when the tab has none (a browser page, a tab loaded before the extension). */
export async function askTab<K extends TabRequestName>(tabId: number, name: K, payload: Payload<K>): Promise<Reply<K>> {
  const reply = (await browser.tabs.sendMessage(tabId, { ...payload, type: name })) as Reply<K> | undefined;
  if (reply === undefined) throw new Error(`The tab did not answer ${name}.`);
  return reply;
}

/** Tells the extension's pages (not content scripts) of an event; nobody listening is fine. */
export function tell<K extends EventName>(name: K, payload: Events[K]): Promise<void> {
  return browser.runtime
    .sendMessage({ ...payload, type: name })
    .then(() => undefined)
    .catch(() => undefined);
}

/** Tells the content script of a tab of an event; a tab without one is fine. */
export function tellTab<K extends EventName>(tabId: number, name: K, payload: Events[K]): Promise<void> {
  return browser.tabs
    .sendMessage(tabId, { ...payload, type: name })
    .then(() => undefined)
    .catch(() => undefined);
}

// ---------------------------------------------------------------------------
// Receiving

/** What a receiver knows of a message's sender (runtime.MessageSender has these). */
export interface Sender {
  url?: string;
  tab?: { id?: number };
}

export type BackgroundHandler<K extends BackgroundRequestName> = (message: Message<K>, sender: Sender) => Promise<Reply<K>>;
export type BackgroundHandlers = { [K in BackgroundRequestName]: BackgroundHandler<K> };
export type EventHandlers = { [K in EventName]?: (message: Message<K>) => void };

/**
 * Answers one message with `handlers`: undefined when it is none of theirs
 * (another listener's, or an event), else the reply – a Failure for a payload
 * that does not check out, a sender that may not ask this, or a handler that
 * throws. `extensionOrigin` is the extension's own URL prefix
 * (runtime.getURL('/')): only pages under it count as extension pages.
 */
export function dispatch(message: unknown, sender: Sender, handlers: Partial<BackgroundHandlers>, extensionOrigin: string): Promise<unknown> | undefined {
  const name = typeOf(message);
  if (!has(backgroundChecks, name)) return undefined;
  const handler = handlers[name] as BackgroundHandler<typeof name> | undefined;
  if (!handler) return undefined;
  const spec = backgroundChecks[name];
  if (spec.from === 'extension-pages' && !(sender.url ?? '').startsWith(extensionOrigin)) {
    return Promise.resolve(fail(`${name} is answered for crossread's own pages only.`, { kind: 'own-pages-only' }));
  }
  const problem = spec.payload(message, name);
  if (problem) return Promise.resolve(fail(`Invalid request: ${problem}.`, { kind: 'invalid-request', detail: problem }));
  try {
    return handler(message as Message<typeof name>, sender).catch(fail);
  } catch (error) {
    return Promise.resolve(fail(error));
  }
}

/** Registers the background's handlers: one per request, typed by the tables above. Returns a function that stops answering. */
export function serveBackground(handlers: BackgroundHandlers): () => void {
  const origin = browser.runtime.getURL('/');
  const listener = (message: unknown, sender: Sender): Promise<unknown> | undefined => dispatch(message, sender, handlers, origin);
  browser.runtime.onMessage.addListener(listener);
  // An import's parts also come over the extension's own BroadcastChannel (same origin only, so from crossread's own pages).
  const stopChannel = serveImportChannel((message) =>
    dispatch(message, { url: origin }, { 'crossread:import-articles': handlers['crossread:import-articles'] }, origin),
  );
  // The corpus manager's port during such an import: it only needs to be accepted (its disconnect tells the page the background stopped).
  const port = (p: Runtime.Port) => {
    if (p.name === IMPORT_PORT) p.onMessage.addListener(() => undefined);
  };
  browser.runtime.onConnect.addListener(port);
  return () => {
    browser.runtime.onMessage.removeListener(listener);
    browser.runtime.onConnect.removeListener(port);
    stopChannel();
  };
}

/**
 * Registers a content script's handlers of the popup's requests, and of
 * events sent to its tab. Returns a function that stops listening.
 */
export function serveTab(handlers: { [K in TabRequestName]: () => Reply<K> | Promise<Reply<K>> }, events: EventHandlers = {}): () => void {
  const listener = (message: unknown): Promise<unknown> | undefined => {
    const name = typeOf(message);
    if (has(tabChecks, name)) {
      if (tabChecks[name](message, name) !== null) return undefined;
      return Promise.resolve(handlers[name]());
    }
    hear(message, events);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Calls the handler of an event message, if it is one and checks out. */
function hear(message: unknown, events: EventHandlers): void {
  const name = typeOf(message);
  if (!has(eventChecks, name)) return;
  const handler = events[name] as ((m: unknown) => void) | undefined;
  if (handler && eventChecks[name](message, name) === null) handler(message);
}

/** Listens for events in an extension page; answers no request. Returns a function that stops listening. */
export function listen(events: EventHandlers): () => void {
  const listener = (message: unknown): undefined => {
    hear(message, events);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
