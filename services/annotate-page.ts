import type { Article } from '../lib/article/article';
import type { CorpusStore } from './corpus-store';
import { annotate } from '../lib/match/annotate';
import type { EngineAnnotation } from '../lib/match/types';
import { toPageNotes, type PageNotes } from '../lib/notes/page-notes';
import { languageOf } from '../lib/text/language';
import { contentTermsOf, tokenize } from '../lib/text/tokens';
import type { PagePayload } from '../platform/protocol';

export interface AnnotatedPage {
  /** Every article compared: the members of the candidate stories, each once. */
  candidates: Article[];
  /** How many stories the index handed over. */
  stories: number;
  annotation: EngineAnnotation;
  notes: PageNotes & { language: string };
}

export interface AnnotatePageOptions {
  storyOnly?: boolean;
  /** Called after each step ('terms', 'candidates', 'page' (the engine's analysis of the page), 'annotate', 'notes'), for timing. */
  lap?: (step: string) => void;
  /** Pass the store's stored features (default); without, the engine analyses every candidate (a comparison for the bench). */
  storedFeatures?: boolean;
}

/**
 * A page annotated against the corpus in the store: the background's answer
 * to an annotate request, and what the bench times. The index hands over
 * only the stories of the articles that share the page's distinctive terms,
 * whole: every outlet of a candidate story is compared, also those the index
 * did not return, so a page is matched against a large corpus without
 * reading all of it.
 */
export async function annotateFromStore(store: CorpusStore, page: PagePayload, opts: AnnotatePageOptions = {}): Promise<AnnotatedPage> {
  const lap = opts.lap ?? (() => undefined);
  const language = languageOf(page.text, page.language);
  // The page is tokenized once: its tokens give the index terms here and the engine's features below.
  const tokens = tokenize(page.text, language);
  const terms = contentTermsOf(tokens, language);
  lap('terms');
  const stories = await store.candidateStories(terms);
  const storyOfId = new Map<string, string>();
  const candidates: Article[] = [];
  for (const story of stories)
    for (const article of story.articles)
      if (!storyOfId.has(article.id)) {
        storyOfId.set(article.id, story.id);
        candidates.push(article);
      }
  lap('candidates');
  const annotation = annotate({ text: page.text, url: page.url, title: page.title, language, date: page.publishedTime }, candidates, {
    ...(opts.storedFeatures === false ? {} : { featuresOf: store.featuresOf }),
    storyOnly: opts.storyOnly === true,
    storyOf: (article) => storyOfId.get(article.id) ?? null,
    pageTokens: { text: page.text, language, tokens },
    onPageAnalysed: () => lap('page'),
  });
  lap('annotate');
  const byDoc = new Map(candidates.map((a) => [a.file ?? a.id, a]));
  const notes = { ...toPageNotes(annotation, byDoc), language };
  lap('notes');
  return { candidates, stories: stories.length, annotation, notes };
}
