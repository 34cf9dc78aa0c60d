import type { Article } from '../lib/article/article';
import { prepare, WriteCancelledError, type CorpusStore, type ImportSession, type Prepared, type StoryArticles } from './corpus-store';
import { FEATURES_VERSION, type ArticleFeatures } from '../lib/match/features';
import { indexTerms } from '../lib/article/index-terms';
import { makeArticle } from '../lib/article/make-article';
import { findDuplicate, textKey } from '../lib/article/duplicate';
import { storedKey } from '../lib/article/transfer';
import { articleHasText } from '../lib/article/text-search';
import { contentTerms } from '../lib/text/tokens';
import { pageOfArticle } from '../lib/match/annotate';
import { annotateInTasks } from './annotate-in-tasks';
import { outletProfile, type OutletProfile } from '../lib/notes/outlet-profile';
import { measure } from '../platform/timing';
import { yieldByMessage } from '../platform/yield-by-message';
import { ProblemError } from '../lib/i18n/problem-messages';
import { analysedFeatures, analysedTerms, refusal, type AddArticleResponse, type ArticleSummary, type BackgroundHandlers, type Failure, type FeedRequestName, type ImportAnalysis, type Message, type StorySummary } from '../platform/protocol';

/** What the corpus requests need of the background. */
export interface CorpusServiceDeps {
  /** The store, opened and seeded. */
  store: () => Promise<CorpusStore>;
  /** The bundled seed articles, for a reset. */
  seeds: () => readonly Article[];
  /** Tells tabs and pages that the corpus changed. */
  changed: () => Promise<void>;
  /** Reports progress of a write to the page that asked for it. */
  progress: (operation: string, done: number, total: number) => void;
  /** The storage the extension uses, where the browser says. */
  estimate?: () => Promise<{ usage?: number; quota?: number } | undefined>;
  now?: () => number;
  newId?: () => string;
  /** Text of an import's parts gathered before the store takes them in (STORE_PART_CHARS; tests vary it). */
  storePartChars?: number;
  /** Text a listing or search reads before it pauses (SEARCH_PAGE_CHARS; tests vary it). */
  searchPageChars?: number;
}

/** The requests of the options page and the popup's add, answered with the store. */
export type CorpusHandlers = Omit<BackgroundHandlers, 'crossread:annotate' | 'crossread:read-copy' | 'crossread:store-state' | FeedRequestName>;

/** localeCompare's order with one collator: localeCompare may build one per call, and a listing sorts every story's articles. */
const compareText = new Intl.Collator().compare;
const byOutlet = (x: { outlet: string }, y: { outlet: string }) => compareText(x.outlet, y.outlet);

export function summaryOf(article: Article, storyId: string | null): ArticleSummary {
  // Everything but the text and what is recorded about it.
  const { raw, bodyStart, nonReporting: _nonReporting, ...rest } = article;
  return { ...rest, length: raw.length - bodyStart, storyId };
}

/** An import whose parts are arriving: its transaction is open (see CorpusStore.openImport). */
interface OpenImport {
  controller: AbortController;
  session: Promise<ImportSession>;
  /** The number of the part expected next. */
  next: number;
  received: number;
  started: number;
  /** Time spent analysing articles here, for want of the worker's analysis. */
  preparing: number;
  /** Articles of parts received but not handed to the store yet, and their text's length. */
  held: Prepared[];
  heldChars: number;
}

/** How often an import reports its progress at most. */
const PROGRESS_MS = 100;

/**
 * Text handed to the open import at once (see CorpusStore.openImport): the
 * corpus manager sends smaller parts (serialising a message is a task on its
 * thread), and each call of the store's story choice and writes costs a few
 * rounds of reads whatever its size, so parts are gathered up to this.
 * (Handing an idle store whatever is there instead made a small import
 * slower: Chromium 1,000, 13 calls of ~77 articles each waiting for its own
 * writes, against 2 calls.)
 */
export const STORE_PART_CHARS = 1_000_000;
/**
 * Text per page of 'crossread:export-articles': a message of it stays far
 * below Chromium's 64 MiB a message, even with the articles' other fields and
 * escaping (a whole corpus of ~40,000 articles did not fit in one).
 */
export const EXPORT_PAGE_CHARS = 8_000_000;
/** Text a listing or search reads before it pauses (in Firefox the corpus manager's thread: ~10 ms of reading and lower-casing). */
const SEARCH_PAGE_CHARS = 500_000;
/** Readings in pages started over when the corpus changed meanwhile, before one reads it whole. */
const SEARCH_ATTEMPTS = 3;
/** Stored articles read at once for 'crossread:folded-texts' (a reply stops at EXPORT_PAGE_CHARS). */
const FOLDED_TEXTS_BATCH = 200;

const interrupted = (): Failure => refusal({ kind: 'import-lost' });

const cancelledFailure = (): Failure => ({ ...refusal({ kind: 'cancelled' }), cancelled: true });

/**
 * A part's articles with their index terms and features: the ones the
 * corpus manager's worker sent where they come from this engine
 * version, else worked out here, letting the event loop run every 30 ms.
 * Each article's features are parsed once (story choice needs them) and
 * stored as the string they came in.
 */
async function preparedPart(articles: readonly Article[], analysis: ImportAnalysis | undefined, signal: AbortSignal): Promise<Prepared[]> {
  const usable = analysis?.featuresVersion === FEATURES_VERSION && analysis.features.length === articles.length ? termsOf(analysis.terms, articles.length) : null;
  const out: Prepared[] = [];
  let last = performance.now();
  for (const [i, article] of articles.entries()) {
    if (signal.aborted) throw new WriteCancelledError();
    const json = usable ? analysis!.features[i] : null;
    const features = json === null ? null : featuresOf(json);
    out.push(features ? { article, terms: usable![i] ?? indexTerms(article), features, featuresJson: json! } : prepare(article));
    if (performance.now() - last > 30) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
  return out;
}

/** The features an analysed article's JSON holds, if they read as features of this engine version. */
function featuresOf(json: string): ArticleFeatures | null {
  let features: unknown;
  try {
    features = JSON.parse(json);
  } catch {
    return null;
  }
  return analysedFeatures(features, 'features') === null && (features as ArticleFeatures).version === FEATURES_VERSION ? (features as ArticleFeatures) : null;
}

/** The index terms sent with a part, if they read as terms (or null) for each of its `count` articles. */
function termsOf(json: string, count: number): Array<string[] | null> | null {
  let items: unknown;
  try {
    items = JSON.parse(json);
  } catch {
    return null;
  }
  return analysedTerms(items, 'analysis.terms') === null && (items as unknown[]).length === count ? (items as Array<string[] | null>) : null;
}

/**
 * Where the stories a listing's pages hand out stop, for a page that ends at article `end`: the stories go out with the
 * pages, each its share (all of them by the last page), where the first page carried every story (at 10,000 articles
 * ~2,100 stories with 10,000 ids) beside its articles, one clone of it in a task (in Firefox on the corpus manager's thread).
 */
function storiesUpTo(listing: { articles: readonly unknown[]; stories: readonly unknown[] }, end: number): number {
  return end >= listing.articles.length ? listing.stories.length : Math.floor((end * listing.stories.length) / listing.articles.length);
}

/** Stories largest first, each one's articles by outlet, every article in exactly one. */
function orderStories(groups: Array<{ id: string; articles: Array<{ id: string; outlet: string }> }>): StorySummary[] {
  return groups
    .filter((g) => g.articles.length > 0)
    .map((g) => ({ id: g.id, articles: [...g.articles].sort(byOutlet) }))
    .sort((x, y) => y.articles.length - x.articles.length)
    .map((g) => ({ id: g.id, articleIds: g.articles.map((a) => a.id) }));
}

/**
 * The handlers of the corpus requests. The outlet charts, worked out with
 * the engine over a story's articles, are kept until the next write through
 * these handlers.
 */
export function corpusService(deps: CorpusServiceDeps): CorpusHandlers & { generation: () => number } {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const storePartChars = deps.storePartChars ?? STORE_PART_CHARS;
  const searchPageChars = deps.searchPageChars ?? SEARCH_PAGE_CHARS;
  /** Searches started, the latest one's number: an older search stops at its next page. */
  let searches = 0;
  /** Bumped by every write: the charts kept below belong to one generation. */
  let generation = 0;
  let profiles = new Map<string, Promise<Record<string, OutletProfile>>>();
  /** The story whose chart is being asked for article by article, read once for all its articles (the last one asked; this generation's). */
  let members: { storyId: string; read: Promise<StoryArticles | undefined> } | null = null;
  /** Imports whose parts are arriving (see 'crossread:import-articles'), by operation. */
  const imports = new Map<string, OpenImport>();
  /** Imports in parts that were cancelled: their later parts are refused. */
  const cancelledParts = new Set<string>();
  /** The listing whose pages are being asked for ('crossread:list-articles' with a pageSize), until its last page is. */
  let listing: Promise<{ id: string; generation: number; articles: ArticleSummary[]; stories: StorySummary[] } | null> = Promise.resolve(null);

  const wrote = async () => {
    generation++;
    profiles = new Map();
    members = null;
    await deps.changed();
  };

  /**
   * What `take` makes of every stored article (undefined: nothing), in id order, read a page of `searchPageChars` at a
   * time with a pause between: in Firefox the background shares the corpus manager's thread, where reading every article
   * at once was one long task (10,000 articles' 16 MB deserialised at once). Pages of two states of the corpus start over;
   * after SEARCH_ATTEMPTS the corpus is read whole.
   */
  const readInPages = async <T>(s: CorpusStore, take: (article: Article) => T | undefined, superseded: () => boolean = () => false): Promise<T[]> => {
    const keep = (articles: readonly Article[], out: T[]) => {
      for (const a of articles) {
        const t = take(a);
        if (t !== undefined) out.push(t);
      }
    };
    attempts: for (let attempt = 0; attempt < SEARCH_ATTEMPTS; attempt++) {
      const out: T[] = [];
      let generation: number | null = null;
      for (let after: string | null = null; ; ) {
        const page = await s.articlesPage(after, searchPageChars);
        if (generation !== null && page.generation !== generation) continue attempts;
        generation = page.generation;
        const lap = performance.now();
        keep(page.articles, out);
        // The e2e build names each page's work: in Firefox it runs on the corpus manager's thread, and the bench's stutters of
        // the manager say where they held one (a search's, a listing's).
        measure('crossread-bg:read-page', lap);
        if (page.next === null) return out;
        after = page.next;
        await yieldByMessage();
        if (superseded()) throw new ProblemError({ kind: 'cancelled' });
      }
    }
    const out: T[] = [];
    keep(await s.listArticles(), out);
    return out;
  };

  /**
   * The stored stories, every article in exactly one (an article no story holds, never expected, on its own); each
   * summary's `storyId` is set to its story's as it is placed.
   */
  const storiesOf = async (s: CorpusStore, articles: readonly ArticleSummary[]): Promise<StorySummary[]> => {
    const byId = new Map(articles.map((a) => [a.id, a]));
    const placed = new Set<string>();
    const groups = (await s.listStories()).map((story) => ({
      id: story.id,
      articles: story.members.flatMap((m) => {
        const a = byId.get(m);
        if (!a || placed.has(m)) return [];
        placed.add(m);
        a.storyId = story.id;
        return [a];
      }),
    }));
    for (const a of articles) {
      if (placed.has(a.id)) continue;
      a.storyId = `story-${a.id}`;
      groups.push({ id: a.storyId, articles: [a] });
    }
    return orderStories(groups);
  };

  /** Each article of a story (or the one `articleId`) annotated against the story's other articles, read off as its outlet profile. */
  const profilesOf = async (s: CorpusStore, storyId: string, articleId?: string): Promise<Record<string, OutletProfile>> => {
    let read = articleId !== undefined && members?.storyId === storyId ? members.read : undefined;
    if (!read) {
      read = s.storyMembers([storyId]).then(([story]) => story);
      if (articleId !== undefined) members = { storyId, read };
      read.catch(() => {
        if (members?.read === read) members = null;
      });
    }
    const story = await read;
    if (!story) throw new ProblemError({ kind: 'no-story', id: storyId });
    const out: Record<string, OutletProfile> = {};
    if (story.articles.length < 2) return out;
    const wanted = articleId === undefined ? story.articles : story.articles.filter((a) => a.id === articleId);
    if (wanted.length === 0) throw new ProblemError({ kind: 'no-article', id: articleId! });
    for (const [i, a] of wanted.entries()) {
      // One step of an article's comparison a task: in Firefox the background shares the corpus manager's thread, which a
      // story's whole chart held for up to ~750 ms (a story of dozens of articles, as the list shows after an import), one
      // article's comparison for 118–284 ms.
      if (i > 0) await yieldByMessage();
      const others = story.articles.filter((b) => b.id !== a.id);
      // Each task of the comparison as `crossread-bg:story-profile` (e2e build): the Firefox bench names the manager's stutters by them.
      let t = performance.now();
      const breathe = async () => {
        measure('crossread-bg:story-profile', t);
        await yieldByMessage();
        t = performance.now();
      };
      out[a.id] = outletProfile(await annotateInTasks(pageOfArticle(a), others, { featuresOf: s.featuresOf, storyOf: () => storyId }, breathe));
      measure('crossread-bg:story-profile', t);
    }
    return out;
  };

  /**
   * The stored article whose text `article` repeats (the same text, or with
   * `near` a near copy: see findDuplicate), else null. Only the articles the
   * index finds for its terms are compared, so a large corpus is not read whole.
   */
  const duplicateOf = async (s: CorpusStore, article: Article, near: boolean): Promise<Article | null> =>
    findDuplicate(article, await s.candidates(contentTerms(article.raw, article.language), 20), { near });

  return {
    generation: () => generation,

    'crossread:add-article': async ({ page, outlet, date }) => {
      const s = await deps.store();
      if (await s.findByUrl(page.url)) return refusal({ kind: 'page-stored' });
      const article = makeArticle({
        id: `user-${newId()}`,
        raw: page.text,
        url: page.url,
        title: page.title,
        language: page.language ?? undefined,
        outlet,
        date,
        source: 'user',
        addedAt: now(),
      });
      // The page's text already stored (under another address, or none): it would be compared with itself.
      // A page's extraction differs a little from a stored text (a caption, a teaser): near copies count.
      const same = await duplicateOf(s, article, true);
      if (same) {
        const refused: AddArticleResponse = {
          ...refusal({ kind: 'page-text-stored', title: same.title, outlet: same.outlet }),
          duplicate: { id: same.id, title: same.title, outlet: same.outlet },
        };
        return refused;
      }
      await s.addArticles([article]);
      await wrote();
      return { ok: true, id: article.id };
    },

    'crossread:list-articles': async ({ from, pageSize, listing: asked }) => {
      // A page after the first: from the listing the first page made (a listing reads every article).
      if (from !== undefined && from > 0) {
        const kept = await listing;
        // Another listing began meanwhile (another page of the corpus manager), or the background restarted: the asker starts again.
        if (!kept || kept.id !== asked) return { ok: true, generation, articles: [], stories: [], next: null, listing: kept?.id ?? '' };
        const end = Math.min(kept.articles.length, from + (pageSize ?? kept.articles.length));
        if (end >= kept.articles.length) listing = Promise.resolve(null);
        const stories = kept.stories.slice(storiesUpTo(kept, from), storiesUpTo(kept, end));
        return { ok: true, generation: kept.generation, articles: kept.articles.slice(from, end), stories, next: end < kept.articles.length ? end : null, listing: kept.id };
      }
      const t = performance.now();
      const made = (async () => {
        const s = await deps.store();
        const seen = generation;
        // Each article's summary made as its page is read: the texts are let go page by page, where keeping every article
        // to the end held the whole corpus (16 MB at 10,000) and summarised it in one task (in Firefox on the corpus
        // manager's thread).
        const articles = await readInPages(s, (a) => summaryOf(a, null));
        const stories = await storiesOf(s, articles);
        return { id: newId(), generation: seen, articles, stories };
      })();
      const whole = await made;
      measure('crossread-bg:list', t);
      const end = Math.min(whole.articles.length, pageSize ?? whole.articles.length);
      // Kept for the next pages only while they are asked for.
      listing = end < whole.articles.length ? made : Promise.resolve(null);
      return {
        ok: true,
        generation: whole.generation,
        articles: end < whole.articles.length ? whole.articles.slice(0, end) : whole.articles,
        stories: end < whole.articles.length ? whole.stories.slice(0, storiesUpTo(whole, end)) : whole.stories,
        next: end < whole.articles.length ? end : null,
        listing: whole.id,
      };
    },

    'crossread:get-article': async ({ id }) => {
      const article = await (await deps.store()).getArticle(id);
      if (!article) return refusal({ kind: 'no-article', id });
      return { ok: true, article: { ...summaryOf(article, null), text: article.raw } };
    },

    'crossread:story-profiles': async ({ storyId, articleId }) => {
      const s = await deps.store();
      const key = `${generation}\n${storyId}\n${articleId ?? ''}`;
      let value = profiles.get(key);
      if (!value) {
        const cache = profiles;
        value = profilesOf(s, storyId, articleId);
        cache.set(key, value);
        value.catch(() => cache.delete(key));
      }
      return { ok: true, profiles: await value };
    },

    'crossread:search-articles': async ({ query }) => {
      const needle = query.trim().toLowerCase();
      // A search stops, answered 'cancelled', once a newer one has started: the filter asks again as the reader types, and at
      // 50,000 articles (80 MB of text) the searches of every letter typed ran on side by side, delaying pages' notes for seconds.
      const search = ++searches;
      // Lower-cased page by page too: in Firefox, every text at once froze the corpus manager for each word typed into its filter.
      const read = await readInPages(
        await deps.store(),
        (a): [string, boolean] => [a.id, !needle || articleHasText(a, needle)],
        () => search !== searches,
      );
      const hits: string[] = [];
      const misses: string[] = [];
      for (const [id, hit] of read) (hit ? hits : misses).push(id);
      // Most articles match (a letter or two typed): the others are named instead. At 50,000 articles a reply of every id
      // was ~2 MB for the corpus manager to read and look up, a long frame of its own for each letter typed.
      if (hits.length > misses.length) return { ok: true, ids: misses, allBut: true };
      return { ok: true, ids: hits };
    },

    'crossread:add-text': async (input: Message<'crossread:add-text'>) => {
      const s = await deps.store();
      const article = makeArticle({
        raw: input.raw,
        outlet: input.outlet,
        title: input.title,
        date: input.date,
        url: input.url,
        id: `user-${newId()}`,
        source: 'user',
        addedAt: now(),
      });
      // A pasted text is the reader's own choice of words: only the same text again is refused, as an import skips it.
      const same = await duplicateOf(s, article, false);
      if (same) return refusal({ kind: 'text-stored', title: same.title, outlet: same.outlet });
      await s.addArticles([article]);
      await wrote();
      return { ok: true, id: article.id, title: article.title };
    },

    'crossread:import-articles': async ({ operation, part: number, total, articles: part, analysis, more }) => {
      if (cancelledParts.has(operation)) return cancelledFailure();
      let run = imports.get(operation);
      if (number === 0) {
        if (run) return refusal({ kind: 'busy' });
        // Registered before anything is awaited: a cancel sent right after this request finds it.
        const controller = new AbortController();
        // Progress goes out as a message: ten a second, not one per article stored.
        let told = 0;
        const onStored = (done: number) => {
          if (done < total && performance.now() - told < PROGRESS_MS) return;
          told = performance.now();
          deps.progress(operation, done, total);
        };
        const session = deps.store().then((s) => s.openImport({ signal: controller.signal, onStored }));
        const opened: OpenImport = { controller, session, next: 0, received: 0, started: performance.now(), preparing: 0, held: [], heldChars: 0 };
        run = opened;
        imports.set(operation, opened);
      } else if (!run || run.next !== number) {
        // A part of an import this background does not hold open: it was started before a restart, or a part went missing.
        if (run) {
          run.controller.abort();
          imports.delete(operation);
        }
        return interrupted();
      }
      const current = run;
      current.next = number + 1;
      const close = () => {
        if (imports.get(operation) === current) imports.delete(operation);
      };
      try {
        const t = performance.now();
        const prepared = await preparedPart(part, analysis, current.controller.signal);
        current.preparing += performance.now() - t;
        const session = await current.session;
        current.received += part.length;
        for (const p of prepared) {
          current.held.push(p);
          current.heldChars += p.article.raw.length;
        }
        const hand = () => {
          const added = session.add(current.held);
          current.held = [];
          current.heldChars = 0;
          return added;
        };
        if (more) {
          // Not awaited: the next part comes in while this one is written. A failure shows in the reply to a later part.
          if (current.heldChars >= storePartChars) hand().catch(() => undefined);
          const failed = session.failure();
          if (failed) throw failed.error;
          return { ok: true, count: current.received };
        }
        // The finish queued right behind the last part: the store then writes the import's postings while that part chooses its stories. A failure of the part fails the finish.
        if (current.held.length > 0) hand().catch(() => undefined);
        await session.finish();
        // The e2e build records the steps as `crossread-bg:import-<step>`, for the browser bench.
        if (current.preparing > 0) measure('crossread-bg:import-prepare', performance.now() - current.preparing);
        measure('crossread-bg:import-write', current.started);
        // Steps of the open transaction, as measures of their summed durations.
        for (const [step, ms] of Object.entries(session.steps())) measure(`crossread-bg:import-${step}`, performance.now() - ms);
        close();
        await wrote();
        return { ok: true, count: current.received };
      } catch (error) {
        close();
        const wasCancelled = current.controller.signal.aborted && (error as { name?: unknown })?.name === 'AbortError';
        current.controller.abort();
        if (wasCancelled) return { ...cancelledFailure(), error: error instanceof Error ? error.message : String(error) };
        throw error;
      }
    },

    'crossread:cancel': async ({ operation }) => {
      const run = imports.get(operation);
      if (!run) return { ok: true, cancelled: false };
      run.controller.abort();
      imports.delete(operation);
      // A part already on its way must not start the import again.
      cancelledParts.add(operation);
      return { ok: true, cancelled: true };
    },

    'crossread:export-articles': async ({ after }) => ({ ok: true, ...(await (await deps.store()).articlesPage(after ?? null, EXPORT_PAGE_CHARS)) }),

    // The texts stay here: the corpus manager gets hashes, and the folded texts of the few stored articles a hash matches.
    'crossread:import-keys': async ({ after }) => {
      const { articles, next, generation } = await (await deps.store()).articlesPage(after ?? null, EXPORT_PAGE_CHARS);
      return { ok: true, keys: articles.map(storedKey), next, generation };
    },

    'crossread:folded-texts': async ({ ids }) => {
      const s = await deps.store();
      const texts: Array<string | null> = [];
      let chars = 0;
      for (let from = 0; from < ids.length && chars < EXPORT_PAGE_CHARS; from += FOLDED_TEXTS_BATCH) {
        for (const article of await s.articlesById(ids.slice(from, from + FOLDED_TEXTS_BATCH))) {
          if (chars >= EXPORT_PAGE_CHARS) break;
          const folded = article ? textKey(article) : null;
          texts.push(folded);
          chars += folded?.length ?? 0;
        }
      }
      return { ok: true, texts };
    },

    'crossread:update-article': async ({ id, outlet, date }) => {
      const s = await deps.store();
      const updated = await s.updateArticle(id, { ...(outlet !== undefined ? { outlet } : {}), ...(date !== undefined ? { date } : {}) });
      await wrote();
      return { ok: true, article: summaryOf(updated, null) };
    },

    'crossread:delete-article': async ({ id }) => {
      const s = await deps.store();
      const article = await s.getArticle(id);
      if (!article) return refusal({ kind: 'no-article', id });
      await s.deleteArticle(id);
      await wrote();
      return { ok: true, article };
    },

    'crossread:restore-article': async ({ article }) => {
      const s = await deps.store();
      await s.addArticles([article]);
      await wrote();
      return { ok: true };
    },

    'crossread:reset-to-seeds': async () => {
      const s = await deps.store();
      await s.replaceWithSeeds(deps.seeds());
      await wrote();
      return { ok: true };
    },

    'crossread:corpus-stats': async () => {
      const count = await (await deps.store()).count();
      const estimate = await deps.estimate?.().catch(() => undefined);
      return { ok: true, count, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
    },
  };
}
