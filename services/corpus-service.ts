import type { Article } from '../lib/article/article';
import type { CorpusStore } from './corpus-store';
import { makeArticle } from '../lib/article/make-article';
import { findDuplicate } from '../lib/article/duplicate';
import { contentTerms } from '../lib/text/tokens';
import { annotate, pageOfArticle } from '../lib/match/annotate';
import { outletProfile, type OutletProfile } from '../lib/notes/outlet-profile';
import { measure } from '../platform/timing';
import type { AddArticleResponse, ArticleSummary, BackgroundHandlers, Failure, FeedRequestName, Message, StorySummary } from '../platform/protocol';

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
}

/** The requests of the options page and the popup's add, answered with the store. */
export type CorpusHandlers = Omit<BackgroundHandlers, 'crossread:annotate' | FeedRequestName>;

const byOutlet = (x: Article, y: Article) => x.outlet.localeCompare(y.outlet);

export function summaryOf(article: Article, storyId: string | null): ArticleSummary {
  // Everything but the text and what is recorded about it.
  const { raw, bodyStart, nonReporting: _nonReporting, ...rest } = article;
  return { ...rest, length: raw.length - bodyStart, storyId };
}

/** Stories largest first, each one's articles by outlet, every article in exactly one. */
function orderStories(groups: Array<{ id: string; articles: Article[] }>): StorySummary[] {
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
  /** Bumped by every write: the charts kept below belong to one generation. */
  let generation = 0;
  let profiles = new Map<string, Promise<Record<string, OutletProfile>>>();
  const running = new Map<string, AbortController>();
  /** The parts of imports still coming (see 'crossread:import-articles'), by operation. */
  const held = new Map<string, Article[]>();
  /** Imports in parts that were cancelled: their later parts are refused. */
  const cancelledParts = new Set<string>();

  const wrote = async () => {
    generation++;
    profiles = new Map();
    await deps.changed();
  };

  /** The stored stories, every article in exactly one (an article no story holds, never expected, on its own). */
  const storiesOf = async (s: CorpusStore, articles: readonly Article[]): Promise<StorySummary[]> => {
    const byId = new Map(articles.map((a) => [a.id, a]));
    const placed = new Set<string>();
    const groups = (await s.listStories()).map((story) => ({
      id: story.id,
      articles: story.members.flatMap((m) => {
        const a = byId.get(m);
        if (!a || placed.has(m)) return [];
        placed.add(m);
        return [a];
      }),
    }));
    for (const a of articles) if (!placed.has(a.id)) groups.push({ id: `story-${a.id}`, articles: [a] });
    return orderStories(groups);
  };

  /** Each article of a story annotated against the story's other articles, read off as its outlet profile. */
  const profilesOf = async (s: CorpusStore, storyId: string): Promise<Record<string, OutletProfile>> => {
    const [story] = await s.storyMembers([storyId]);
    if (!story) throw new Error(`There is no story ${storyId} in the corpus.`);
    const out: Record<string, OutletProfile> = {};
    if (story.articles.length < 2) return out;
    for (const a of story.articles) {
      const others = story.articles.filter((b) => b.id !== a.id);
      out[a.id] = outletProfile(annotate(pageOfArticle(a), others, { featuresOf: s.featuresOf, storyOf: () => storyId }));
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
      if (await s.findByUrl(page.url)) return { ok: false, error: 'This page is already in your corpus.' };
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
          ok: false,
          error: `This page's text is already in your corpus, as “${same.title}” (${same.outlet}). It was not added again.`,
          duplicate: { id: same.id, title: same.title, outlet: same.outlet },
        };
        return refused;
      }
      await s.addArticles([article]);
      await wrote();
      return { ok: true, id: article.id };
    },

    'crossread:list-articles': async () => {
      const t = performance.now();
      const s = await deps.store();
      const seen = generation;
      const articles = await s.listArticles();
      const list = await storiesOf(s, articles);
      const storyOf = new Map<string, string>();
      for (const story of list) for (const id of story.articleIds) storyOf.set(id, story.id);
      measure('crossread-bg:list', t);
      return { ok: true, generation: seen, articles: articles.map((a) => summaryOf(a, storyOf.get(a.id) ?? null)), stories: list };
    },

    'crossread:get-article': async ({ id }) => {
      const article = await (await deps.store()).getArticle(id);
      if (!article) return { ok: false, error: `There is no article ${id} in the corpus.` };
      return { ok: true, article: { ...summaryOf(article, null), text: article.raw } };
    },

    'crossread:story-profiles': async ({ storyId }) => {
      const s = await deps.store();
      const key = `${generation}\n${storyId}`;
      let value = profiles.get(key);
      if (!value) {
        const cache = profiles;
        value = profilesOf(s, storyId);
        cache.set(key, value);
        value.catch(() => cache.delete(key));
      }
      return { ok: true, profiles: await value };
    },

    'crossread:search-articles': async ({ query }) => {
      const needle = query.trim().toLowerCase();
      const articles = await (await deps.store()).listArticles();
      const ids = articles.filter((a) => !needle || `${a.outlet} ${a.title} ${a.url ?? ''} ${a.raw}`.toLowerCase().includes(needle)).map((a) => a.id);
      return { ok: true, ids };
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
      if (same) return { ok: false, error: `This text is already in your corpus, as “${same.title}” (${same.outlet}). It was not added again.` };
      await s.addArticles([article]);
      await wrote();
      return { ok: true, id: article.id, title: article.title };
    },

    'crossread:import-articles': async ({ operation, articles: part, more }) => {
      // Registered before anything is awaited: a cancel sent right after this request finds it.
      if (running.has(operation)) return { ok: false, error: `Operation ${operation} is already running.` };
      if (cancelledParts.has(operation)) {
        const failure: Failure = { ok: false, error: 'Cancelled; nothing was saved and the corpus is as it was.', cancelled: true };
        return failure;
      }
      // A part of a large import: held until the last part, so the whole import is still one transaction.
      const earlier = held.get(operation);
      if (more) {
        const list = earlier ?? [];
        for (const a of part) list.push(a);
        held.set(operation, list);
        return { ok: true, count: list.length };
      }
      held.delete(operation);
      const articles = earlier ? earlier.concat(part) : part;
      const controller = new AbortController();
      running.set(operation, controller);
      try {
        // The e2e build records each step as `crossread-bg:import-<step>`, for the browser bench.
        let t = performance.now();
        const s = await deps.store();
        await s.importArticles(articles, {
          signal: controller.signal,
          onProgress: (done, total) => deps.progress(operation, done, total),
          lap: (step) => (t = measure(`crossread-bg:import-${step}`, t)),
        });
        await wrote();
        return { ok: true, count: articles.length };
      } catch (error) {
        if (controller.signal.aborted) {
          const failure: Failure = { ok: false, error: error instanceof Error ? error.message : String(error), cancelled: true };
          return failure;
        }
        throw error;
      } finally {
        running.delete(operation);
      }
    },

    'crossread:cancel': async ({ operation }) => {
      const controller = running.get(operation);
      controller?.abort();
      const dropped = held.delete(operation);
      // A part already on its way must not start the import again.
      if (dropped) cancelledParts.add(operation);
      return { ok: true, cancelled: controller !== undefined || dropped };
    },

    'crossread:export-articles': async () => ({ ok: true, articles: await (await deps.store()).listArticles() }),

    'crossread:update-article': async ({ id, outlet, date }) => {
      const s = await deps.store();
      const updated = await s.updateArticle(id, { ...(outlet !== undefined ? { outlet } : {}), ...(date !== undefined ? { date } : {}) });
      await wrote();
      return { ok: true, article: summaryOf(updated, null) };
    },

    'crossread:delete-article': async ({ id }) => {
      const s = await deps.store();
      const article = await s.getArticle(id);
      if (!article) return { ok: false, error: `There is no article ${id} in the corpus.` };
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
