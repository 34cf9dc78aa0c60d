import type { Article } from '../lib/article/article';
import type { CorpusStore } from './corpus-store';
import { analysePage, annotate, annotateInSteps, docName, MAX_PAGE_CHARS, type FullRecord, type PageAnalysis } from '../lib/match/annotate';
import type { ArticleGlance, ArticleHead } from '../lib/match/glance';
import type { EngineAnnotation } from '../lib/match/types';
import { toPageNotes, type PageNotes } from '../lib/notes/page-notes';
import { languageOf } from '../lib/text/language';
import { contentTermsOf, tokenize, type Token } from '../lib/text/tokens';
import type { PagePayload } from '../platform/protocol';

export interface AnnotatedPage {
  /** Every candidate looked at: the members of the candidate stories, each once. */
  candidates: ArticleHead[];
  /** How many stories the index handed over. */
  stories: number;
  annotation: EngineAnnotation;
  notes: PageNotes & { language: string };
}

export interface AnnotatePageOptions {
  storyOnly?: boolean;
  /**
   * Called after each step, for timing: 'terms', 'index' (the index's hits and their stories' members),
   * 'candidates' (the candidate stories' glances; with `storedFeatures: false`, their articles, after 'terms'),
   * 'page' (the engine's light analysis of the page, what its first look reads; completed within 'annotate'
   * where candidates are compared), 'compared' (the full features of the candidates
   * the engine compares, read: only when there are some), 'annotate', 'notes'. The page is analysed
   * while the lookup's first reads are in flight when there are some: 'sent' (the lookup started and
   * its reads sent), 'page', then 'index' (the rest of the index's wait). Given a store still
   * opening, the page is analysed first: 'terms', 'page', 'ready' (the rest of the opening's wait).
   */
  lap?: (step: string) => void;
  /** Pass the store's stored features (default); without, the engine analyses every candidate (a comparison for the bench). */
  storedFeatures?: boolean;
}

/** How often a lookup starts again when the corpus changes between its reads, before it reads the candidates whole in one transaction. */
const MAX_ATTEMPTS = 3;

/**
 * A page annotated against the corpus in the store: the background's answer
 * to an annotate request, and what the bench times. The index hands over
 * only the stories of the articles that share the page's distinctive terms,
 * whole: every outlet of a candidate story is looked at, also those the index
 * did not return, so a page is matched against a large corpus without
 * reading all of it. The engine's first look reads each candidate's glance;
 * only the few it compares sentence by sentence are read in full, and the
 * texts only of the page's story. The result is `annotate` over the
 * candidates' articles.
 */
export async function annotateFromStore(opening: CorpusStore | Promise<CorpusStore>, page: PagePayload, opts: AnnotatePageOptions = {}): Promise<AnnotatedPage> {
  const lap = opts.lap ?? (() => undefined);
  const language = languageOf(page.text, page.language);
  // The page is tokenized once: its tokens give the index terms here and the engine's features below.
  const tokens = tokenize(page.text, language);
  const terms = contentTermsOf(tokens, language);
  lap('terms');
  const analysis = new PageAnalysisOnce(page, language, tokens, opts.storyOnly === true, lap);
  // A store still opening (a started worker's first page): the page is analysed first, on this thread while the browser opens the database ('ready': the rest of that wait).
  let store: CorpusStore;
  if (opening instanceof Promise) {
    analysis.make();
    store = await opening;
    lap('ready');
  } else store = opening;
  if (opts.storedFeatures !== false)
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const done = await annotateByGlances(store, page, language, tokens, terms, opts.storyOnly === true, analysis, lap);
      if (done) return done;
    }
  return annotateWhole(store, page, language, tokens, terms, opts, analysis, lap);
}

/**
 * The engine's analysis of the page, made once however often the lookup
 * starts again, and made while the store's first reads are in flight: it
 * does not depend on the candidates, and the browser answers the reads
 * meanwhile. None for a page the engine does not analyse (empty, too long).
 */
class PageAnalysisOnce {
  private made: PageAnalysis | undefined;
  private done = false;

  constructor(
    private readonly page: PagePayload,
    private readonly language: string,
    private readonly tokens: Token[],
    private readonly storyOnly: boolean,
    private readonly lap: (step: string) => void,
  ) {}

  /** Makes the analysis unless made already (`annotateInSteps` would make the same one). */
  readonly make = (): void => {
    if (this.done) return;
    this.done = true;
    const text = this.page.text;
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_PAGE_CHARS) return;
    this.made = analysePage(
      { text, url: this.page.url, title: this.page.title, language: this.language, date: this.page.publishedTime },
      // Light: what the first look reads; the engine completes it where it compares a candidate sentence by sentence.
      { attribution: !this.storyOnly, tokens: { text, language: this.language, tokens: this.tokens }, light: true },
    );
    this.lap('page');
  };

  /** Makes the analysis while the store's reads are in flight, the time until they were sent lapped apart. */
  readonly whileReading = (): void => {
    if (!this.done) this.lap('sent');
    this.make();
  };

  /** The analysis, made now if not yet. */
  get(): PageAnalysis | undefined {
    this.make();
    return this.made;
  }
}

/** The candidate stories' members, each once (in the first story that lists it), and the story each stands for. */
function membersOnce<T extends { id: string }>(stories: ReadonlyArray<{ id: string; members: readonly T[] }>): { candidates: T[]; storyOfId: Map<string, string> } {
  const storyOfId = new Map<string, string>();
  const candidates: T[] = [];
  for (const story of stories)
    for (const member of story.members)
      if (!storyOfId.has(member.id)) {
        storyOfId.set(member.id, story.id);
        candidates.push(member);
      }
  return { candidates, storyOfId };
}

/** The lookup by glances; null when the corpus changed between its reads. */
async function annotateByGlances(
  store: CorpusStore,
  page: PagePayload,
  language: string,
  tokens: Token[],
  terms: string[],
  storyOnly: boolean,
  analysis: PageAnalysisOnce,
  lap: (step: string) => void,
): Promise<AnnotatedPage | null> {
  const found = await store.candidateGlances(terms, undefined, () => lap('index'), analysis.whileReading);
  const { candidates, storyOfId } = membersOnce(found.stories.map((story) => ({ id: story.id, members: story.glances })));
  lap('candidates');
  const steps = annotateInSteps({ text: page.text, url: page.url, title: page.title, language, date: page.publishedTime }, candidates, {
    storyOnly,
    storyOf: (article) => storyOfId.get(article.id) ?? null,
    pageTokens: { text: page.text, language, tokens },
    pageAnalysis: analysis.get(),
  });
  const read: Article[] = [];
  let step = steps.next();
  while (!step.done) {
    const wanted = step.value;
    const records = await store.fullRecords(
      found.generation,
      wanted.glances.map((g) => g.id),
      wanted.articles,
    );
    if (!records) return null;
    const supplied = new Map<ArticleGlance, FullRecord>();
    for (const g of wanted.glances) {
      const r = records.get(g.id)!;
      supplied.set(g, r);
      if (r.article) read.push(r.article);
    }
    if (!wanted.articles) lap('compared');
    step = steps.next(supplied);
  }
  const annotation = step.value;
  lap('annotate');
  // The notes quote the outlets their sentences and missing points cite, by doc name: each the last candidate of that name (as a map of all candidates would hold it).
  const lastOfDoc = new Map(candidates.map((g) => [docName(g.head), g.id]));
  const readById = new Map(read.map((a) => [a.id, a]));
  // Loops into one set, not arrays flattened and spread (a list per sentence): the same docs in the same order.
  const cited = new Set<string>();
  for (let i = 0; i < annotation.sentences.length; i++) for (const doc in annotation.sentences[i].relations) cited.add(doc);
  for (let i = 0; i < annotation.missing.length; i++) for (const x of annotation.missing[i].sources) cited.add(x.doc);
  const docs = [...cited];
  const unread = [...new Set(docs.map((doc) => lastOfDoc.get(doc)!).filter((id) => !readById.has(id)))];
  if (unread.length > 0) {
    // Two candidates of one doc name (articles of two folders with the same file name): read the one named last.
    const records = await store.fullRecords(found.generation, unread);
    if (!records) return null;
    for (const r of records.values()) if (r.article) readById.set(r.article.id, r.article);
  }
  const byDoc = new Map(docs.map((doc) => [doc, readById.get(lastOfDoc.get(doc)!)!]));
  const notes = { ...toPageNotes(annotation, byDoc), language };
  lap('notes');
  return { candidates: candidates.map((g) => g.head), stories: found.stories.length, annotation, notes };
}

/** The candidate stories' articles read whole and given to `annotate` (the bench's comparison without stored features, and the fallback). */
async function annotateWhole(
  store: CorpusStore,
  page: PagePayload,
  language: string,
  tokens: Token[],
  terms: string[],
  opts: AnnotatePageOptions,
  analysis: PageAnalysisOnce,
  lap: (step: string) => void,
): Promise<AnnotatedPage> {
  const stories = await store.candidateStories(terms);
  const { candidates, storyOfId } = membersOnce(stories.map((story) => ({ id: story.id, members: story.articles })));
  lap('candidates');
  const annotation = annotate({ text: page.text, url: page.url, title: page.title, language, date: page.publishedTime }, candidates, {
    ...(opts.storedFeatures === false ? {} : { featuresOf: store.featuresOf }),
    storyOnly: opts.storyOnly === true,
    storyOf: (article) => storyOfId.get(article.id) ?? null,
    pageTokens: { text: page.text, language, tokens },
    pageAnalysis: analysis.get(),
  });
  lap('annotate');
  const byDoc = new Map(candidates.map((a) => [a.file ?? a.id, a]));
  const notes = { ...toPageNotes(annotation, byDoc), language };
  lap('notes');
  return { candidates, stories: stories.length, annotation, notes };
}
