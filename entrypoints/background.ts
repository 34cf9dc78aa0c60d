import browser from 'webextension-polyfill';
import { CorpusStore } from '../lib/corpus/store';
import { makeArticle } from '../lib/corpus/make-article';
import { annotate } from '../lib/match/annotate';
import { contentTerms } from '../lib/text/tokens';
import { baseLanguage, detectLanguage } from '../lib/text/language';
import { toPageNotes } from '../lib/notes/page-notes';
import {
  isAddArticleRequest,
  isAnnotateRequest,
  isCorpusChanged,
  type AddArticleRequest,
  type AddArticleResponse,
  type AnnotateRequest,
  type AnnotateResponse,
  type CorpusChangedMessage,
} from '../platform/messages';
import { bundledSeedSource } from '../platform/seeds';
import { measure } from '../platform/timing';

/** One step of an annotate request, as `crossread-bg:<step>` (e2e build only); returns the start of the next. */
const step = (name: string, start: number): number => measure(`crossread-bg:${name}`, start);

export default defineBackground(() => {
  let store: Promise<CorpusStore> | null = null;

  // Seeds are added if absent on every start: install, update and browser
  // restart all pass here, and ensureSeeds never duplicates or drops anything.
  const ready = (): Promise<CorpusStore> => {
    store ??= CorpusStore.open().then(async (s) => {
      await s.ensureSeeds(bundledSeedSource());
      return s;
    });
    return store;
  };

  // The index hands over only the articles that share the page's distinctive
  // terms, so a page is matched against a large corpus without reading all of it.
  const annotatePage = async ({ page, storyOnly }: AnnotateRequest): Promise<AnnotateResponse> => {
    let t = performance.now();
    const s = await ready();
    t = step('ready', t);
    const language = page.language ? baseLanguage(page.language) : detectLanguage(page.text);
    const terms = contentTerms(page.text, language);
    t = step('terms', t);
    // Whole stories: every outlet of a candidate story is compared, also those the index did not return.
    const stories = await s.candidateStories(terms);
    const storyOfId = new Map<string, string>();
    const candidates = [];
    for (const story of stories)
      for (const article of story.articles)
        if (!storyOfId.has(article.id)) {
          storyOfId.set(article.id, story.id);
          candidates.push(article);
        }
    t = step('candidates', t);
    const annotation = annotate(
      { text: page.text, url: page.url, title: page.title, language, date: page.publishedTime },
      candidates,
      { featuresOf: s.featuresOf, storyOnly: storyOnly === true, storyOf: (article) => storyOfId.get(article.id) ?? null },
    );
    t = step('annotate', t);
    const byDoc = new Map(candidates.map((a) => [a.file ?? a.id, a]));
    const notes = { ...toPageNotes(annotation, byDoc), language };
    step('notes', t);
    return { ok: true, notes };
  };

  const addArticle = async (request: AddArticleRequest): Promise<AddArticleResponse> => {
    const s = await ready();
    if (await s.findByUrl(request.page.url)) {
      return { ok: false, error: 'This page is already in your corpus.' };
    }
    const article = makeArticle({
      id: `user-${crypto.randomUUID()}`,
      raw: request.page.text,
      url: request.page.url,
      title: request.page.title,
      language: request.page.language ?? undefined,
      outlet: request.outlet,
      date: request.date,
      source: 'user',
      addedAt: Date.now(),
    });
    await s.addArticles([article]);
    await corpusChanged();
    return { ok: true, id: article.id };
  };

  // Every open tab recomputes its notes against the new corpus.
  const corpusChanged = async () => {
    const message: CorpusChangedMessage = { type: 'crossread:corpus-changed' };
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
    }
  };

  browser.runtime.onInstalled.addListener(() => void ready());
  browser.runtime.onStartup.addListener(() => void ready());
  void ready();

  browser.runtime.onMessage.addListener((message: unknown): Promise<unknown> | undefined => {
    const fail = (error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) });
    if (isAnnotateRequest(message)) return annotatePage(message).catch(fail);
    if (isAddArticleRequest(message)) return addArticle(message).catch(fail);
    // The options page changed the corpus itself: tell the tabs.
    if (isCorpusChanged(message)) return corpusChanged().then(() => ({ ok: true }));
    return undefined;
  });
});
