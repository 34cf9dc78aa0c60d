import type { Article } from '../article/article';
import { align, alignCompared, compare } from './align';
import { analyseInParts, articleFeatures, type ArticleFeatures } from './features';
import { findNonReporting, isSupportedLanguage, languageOf, parseHeader, type Token } from './pipeline';
import { DEFAULT_RELATION_THRESHOLDS, novelWords, relate, type RelationThresholds } from './relations';
import { clusterStories } from './story-clusters';
import { glanceFirstLook, glanceIsDuplicate, glanceOf, glanceQuickShare, pageGlanceOf, type ArticleGlance, type ArticleHead } from './glance';
import { DEFAULT_STORY_THRESHOLDS, eventTime, judgeCompared, judgeStory, quickJudgement, timesApart, type StoryJudgement, type StoryThresholds } from './story';
import type { AnnotatedSentence, SentenceConflict, EngineAnnotation, EngineWarning, OutletRef, Page, SentenceRelation } from './types';

/** Confidences in the annotate JSON: three decimals say all a calibration can. */
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Pages longer than this are not annotated: no news article is that long. */
export const MAX_PAGE_CHARS = 1_000_000;

export interface AnnotateOptions {
  story?: Partial<StoryThresholds>;
  relations?: Partial<RelationThresholds>;
  /** How many candidates, closest first, are compared sentence by sentence (default MAX_COMPARED). */
  maxCompared?: number;
  /** Features of corpus articles computed elsewhere (e.g. stored beside them); by default computed and cached. */
  featuresOf?: (article: Article) => ArticleFeatures;
  /**
   * Stop at the story decision: the match and the outlets, no sentence relations.
   * For a first look that only asks whether a page is worth extracting in full.
   */
  storyOnly?: boolean;
  /** The stored story of each corpus article; without it annotate clusters the corpus itself, as the store does at ingest. */
  storyOf?: (article: ArticleHead) => string | null;
  /** The page's tokens where the caller has tokenized it already (the background, for its index lookup). */
  pageTokens?: PageTokens;
  /** Called once the page itself is analysed, before any candidate is looked at (for timing the two apart). */
  onPageAnalysed?: () => void;
  /**
   * The page's analysis where the caller has made it already:
   * `analysePage(page, { attribution: !storyOnly, tokens: pageTokens })`, light or not, so
   * the output is the same. The background makes it while its reads of the
   * index are in flight (the browser answers them meanwhile).
   */
  pageAnalysis?: PageAnalysis;
}

/** A page's text tokenized as a whole (`tokenize(text, language)`), handed on so it is tokenized once. */
export interface PageTokens {
  text: string;
  language: string;
  tokens: Token[];
}

/** What the engine knows about the page itself, derived once. */
export interface PageAnalysis {
  /** Light until `complete()` where made light: what the first look reads. */
  features: ArticleFeatures;
  bodyStart: number;
  language: string;
  warnings: EngineWarning[];
  /**
   * Completes `features` in place (quantities, clauses, sources) where made light; nothing otherwise or once done.
   * `sources: false` leaves the attributed sources for a later call (see `FeaturesInParts.complete`).
   */
  complete(sources?: boolean): void;
}

export function docName(article: Pick<ArticleHead, 'file' | 'id'>): string {
  return article.file ?? article.id;
}

/** A stored article read as the page: its raw text with what is known of it. */
export function pageOfArticle(article: Article): Page {
  return { text: article.raw, url: article.url, title: article.title, date: article.date, language: article.language };
}

/**
 * `attribution: false` leaves out whom sentences attribute statements to: a story decision alone does not need it.
 * `light` makes only what the first look reads (`analyseInParts`); `complete()` adds the rest before the page is
 * compared sentence by sentence, which most pages never are.
 */
export function analysePage(page: Page, opts: { attribution?: boolean; tokens?: PageTokens; light?: boolean } = {}): PageAnalysis {
  const text = typeof page.text === 'string' ? page.text : '';
  const header = parseHeader(text);
  const warnings: EngineWarning[] = [...header.warnings];
  const body = text.slice(header.bodyStart);
  const language = languageOf(body, page.language, header.meta.lang, header.meta.language);
  const date = page.date ?? (header.meta.date || null);
  const url = page.url ?? (header.meta.url || null);
  const nonReporting = isSupportedLanguage(language) ? findNonReporting(text, header.bodyStart, language) : [];
  // The caller's tokens serve when they are of the body as the engine reads it: the whole text (no header) in the page's language.
  const given = opts.tokens;
  const tokens = given && header.bodyStart === 0 && given.text === text && given.language === language ? given.tokens : undefined;
  const parts = analyseInParts({ text, language, bodyStart: header.bodyStart, nonReporting, date, url, attribution: opts.attribution, tokens }, opts.light === true);
  return { features: parts.features, bodyStart: header.bodyStart, language, warnings, complete: parts.complete };
}

/**
 * Candidates compared sentence by sentence, closest first by the cheap first
 * look; the rest can be related at most. A story seldom has more outlets than
 * a margin can show, and the comparison is what costs time.
 */
export const MAX_COMPARED = 16;
/** How many related candidates are checked for belonging to the page's story through another outlet. */
const MAX_JOIN_CANDIDATES = 8;

/**
 * An outlet that tells the story differently from the page (say, a short wire
 * report beside a long analysis) may share few sentences with it yet clearly
 * report the same event as an outlet that does. Related candidates whose dates
 * fit join the story when they are the same event as one already in it.
 * (Only compared candidates are 'same' or have shared points: their full features are at hand.)
 */
function joinStory(judged: Judged[], featuresOf: (g: ArticleGlance) => ArticleFeatures, th: StoryThresholds): void {
  const inStory = judged.filter((j) => j.judgement.match === 'same');
  if (inStory.length === 0) return;
  const pending = judged
    .filter((j) => j.judgement.match === 'related' && !j.judgement.dateConflict && j.judgement.sharedPoints > 0)
    .slice(0, MAX_JOIN_CANDIDATES);
  // Each pair is judged once, however often the loop comes round.
  const judgedPairs = new Map<ArticleFeatures, Set<ArticleFeatures>>();
  const sameEvent = (a: ArticleFeatures, b: ArticleFeatures): boolean => {
    let done = judgedPairs.get(a);
    if (!done) judgedPairs.set(a, (done = new Set()));
    if (done.has(b)) return false;
    done.add(b);
    return judgeStory(a, b, th).match === 'same';
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const j of pending) {
      if (j.judgement.match === 'same') continue;
      if (inStory.some((s) => sameEvent(featuresOf(j.glance), featuresOf(s.glance)))) {
        j.judgement = { ...j.judgement, match: 'same' };
        inStory.push(j);
        changed = true;
      }
    }
  }
}

/** What the first look makes of a candidate it does not compare and that holds too few of the page's salient terms to be related: dropped, never shown. */
const UNRELATED: StoryJudgement = { match: 'none', sharedPoints: 0, pointShare: 0, salientShare: 0, dateConflict: false, score: 0 };

/** A candidate, and whether dates hold it apart from the page. */
type PoolEntry = { glance: ArticleGlance; doc: string; apart: boolean };
type Judged = { glance: ArticleGlance; judgement: StoryJudgement };

/** Story id of each pool article: the stored one when given, else the corpus clustered here as the store clusters it at ingest. */
function storyOfArticles(pool: readonly PoolEntry[], featuresOf: (g: ArticleGlance) => ArticleFeatures, storyOf?: (article: ArticleHead) => string | null): Map<ArticleGlance, string> {
  const out = new Map<ArticleGlance, string>();
  if (storyOf) {
    for (const c of pool) out.set(c.glance, storyOf(c.glance.head) ?? `story-${c.glance.head.id}`);
    return out;
  }
  // In the order articles were added, as the store saw them.
  const ordered = [...pool].sort((a, b) => a.glance.head.addedAt - b.glance.head.addedAt || (a.glance.head.id < b.glance.head.id ? -1 : a.glance.head.id > b.glance.head.id ? 1 : 0));
  const ids = clusterStories(ordered.map((c) => ({ id: c.glance.head.id, features: featuresOf(c.glance) })));
  for (const c of pool) out.set(c.glance, ids.get(c.glance.head.id)!);
  return out;
}

/**
 * The page reports a story when it reports the same event as one of its
 * articles and no article of the story is dated apart from it; then every
 * article of that story is an outlet of the page's story, so an outlet whose
 * words the page shares little with is not silently missing.
 */
function widenToStories(
  pool: readonly PoolEntry[],
  judged: Judged[],
  storyOf: Map<ArticleGlance, string>,
  th: StoryThresholds,
  reasons: Record<string, string>,
): void {
  const members = new Map<string, PoolEntry[]>();
  for (const c of pool) {
    const id = storyOf.get(c.glance)!;
    const list = members.get(id);
    if (list) list.push(c);
    else members.set(id, [c]);
  }
  const chosen = new Map<string, string>();
  // The story with the strongest evidence first: judged is sorted by score.
  for (const j of judged) {
    if (j.judgement.match !== 'same') continue;
    const id = storyOf.get(j.glance)!;
    if (chosen.has(id)) continue;
    const apart = members.get(id)!.find((m) => m.apart);
    if (apart) {
      // One of the story's reports places its event on other days: the page reports another occurrence.
      j.judgement = { ...j.judgement, match: 'related', dateConflict: true };
      reasons[docName(j.glance.head)] = `its story holds ${apart.doc}, dated apart from the page`;
      continue;
    }
    chosen.set(id, docName(j.glance.head));
    // One story: the strongest one (judged is sorted by score). Joining two stored stories through the page would be the weak link that chains events.
    break;
  }
  for (const j of judged)
    if (j.judgement.match === 'same' && !chosen.has(storyOf.get(j.glance)!)) {
      j.judgement = { ...j.judgement, match: 'related' };
      reasons[docName(j.glance.head)] = `${reasons[docName(j.glance.head)] ?? ''}; of another stored story than the page's`;
    }
  for (const [id, via] of chosen)
    for (const m of members.get(id)!) {
      const j = judged.find((x) => x.glance === m.glance);
      if (j?.judgement.match === 'same') continue;
      reasons[m.doc] = `same stored story as ${via}`;
      const judgement: StoryJudgement = { ...(j?.judgement ?? quickJudgement(0, th)), match: 'same' };
      if (j) j.judgement = judgement;
      else judged.push({ glance: m.glance, judgement });
    }
}

function emptyAnnotation(warnings: EngineWarning[]): EngineAnnotation {
  return { story: { match: 'none', score: 0 }, outlets: [], sentences: [], missing: [], conflicts: [], warnings };
}

/** A candidate's full record, which the engine asks for only where its glance does not decide. */
export interface FullRecord {
  features: ArticleFeatures;
  /** The article with its text: given when asked for (`Wanted.articles`), the outlets of the page's story. */
  article?: Article;
}

/** What `annotateInSteps` asks for before it goes on: the full features of these candidates, and with `articles` their texts too. */
export interface Wanted {
  glances: ArticleGlance[];
  articles: boolean;
}

export type Supplied = ReadonlyMap<ArticleGlance, FullRecord>;

/**
 * Annotates a page against corpus articles: decides which of them report the
 * same story, then for each content sentence of the page which of those outlets
 * agree (with evidence), omit it, add detail or conflict, and which points of
 * theirs the page leaves out. `corpus` may be the whole corpus or candidates an
 * index has selected; the result depends only on the articles passed.
 * Deterministic and free of side effects (apart from caching article features).
 */
export function annotate(page: Page, corpus: Article[], opts: AnnotateOptions = {}): EngineAnnotation {
  const { glances, supply } = articlesInHand(corpus, opts.featuresOf ?? articleFeatures);
  const steps = annotateInSteps(page, glances, opts);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    step = steps.next(supply(step.value.glances));
  }
}

/**
 * Articles already in memory as `annotateInSteps` takes them: their glances,
 * and what it asks for at each step (the full records of some) answered from
 * the same articles. Shared by `annotate` and callers that run its steps in
 * tasks of their own.
 */
export function articlesInHand(corpus: readonly Article[], featuresOf: (article: Article) => ArticleFeatures): { glances: ArticleGlance[]; supply(wanted: readonly ArticleGlance[]): Supplied } {
  const articleOf = new Map<ArticleGlance, Article>();
  const glances = corpus.map((article) => {
    const glance = glanceOf(article, featuresOf(article));
    articleOf.set(glance, article);
    return glance;
  });
  const supply = (wanted: readonly ArticleGlance[]): Supplied => {
    const full = new Map<ArticleGlance, FullRecord>();
    for (const g of wanted) {
      const article = articleOf.get(g)!;
      full.set(g, { features: featuresOf(article), article });
    }
    return full;
  };
  return { glances, supply };
}

/**
 * `annotate` in steps, for a caller that reads candidates from storage: it
 * takes their glances, and yields when it needs more of some (the full
 * features of those it compares sentence by sentence, then the articles of
 * the page's story), to be resumed with them (`Supplied`). The result is the
 * same as `annotate` over the same articles.
 */
export function* annotateInSteps(page: Page, candidates: readonly ArticleGlance[], opts: AnnotateOptions = {}): Generator<Wanted, EngineAnnotation, Supplied> {
  const text = typeof page.text === 'string' ? page.text : '';
  if (text.trim() === '') return emptyAnnotation([{ kind: 'empty-page' }]);
  if (text.length > MAX_PAGE_CHARS) return emptyAnnotation([{ kind: 'page-too-long', limit: MAX_PAGE_CHARS }]);
  // A first look that stops at the story spares the attribution patterns: most pages match no story and get no second look.
  // Light: completed below only when a candidate is compared sentence by sentence.
  const analysis = opts.pageAnalysis ?? analysePage(page, { attribution: !opts.storyOnly, tokens: opts.pageTokens, light: true });
  opts.onPageAnalysed?.();

  const storyTh = { ...DEFAULT_STORY_THRESHOLDS, ...opts.story };
  const relTh = { ...DEFAULT_RELATION_THRESHOLDS, ...opts.relations };
  const { features: pf, language } = analysis;
  const warnings = [...analysis.warnings];
  if (!isSupportedLanguage(language)) {
    warnings.push({ kind: 'unsupported-language', language });
    return emptyAnnotation(warnings);
  }
  const contentCount = pf.sentences.filter((s) => s.content).length;
  if (contentCount === 0) {
    warnings.push({ kind: 'no-sentences' });
    return emptyAnnotation(warnings);
  }

  // Every candidate gets the cheap first look, on its glance; only the closest get the sentence-level comparison.
  const pool: Array<PoolEntry & { quick: number }> = [];
  const seenDocs = new Set<string>();
  // The page's event time is the same against every candidate (eventsApart would work it out again for each).
  const pageTime = eventTime(pf, storyTh.maxDays);
  for (const glance of candidates) {
    if (glanceIsDuplicate(pf, glance, storyTh)) continue;
    const doc = docName(glance.head);
    if (seenDocs.has(doc)) continue;
    seenDocs.add(doc);
    // A page its dates do not place is apart from none: the candidates' times are not worked out.
    pool.push({ glance, quick: glanceQuickShare(pf, glance), doc, apart: pageTime !== null && timesApart(pageTime, eventTime(glance, storyTh.maxDays)) });
  }
  // A candidate dated apart from the page can be related at most: it takes a place compared in full only when
  // one is left, or in a large corpus the page's look-alikes (its people at other times) would fill them all.
  pool.sort((a, b) => Number(a.apart) - Number(b.apart) || b.quick - a.quick || (a.doc < b.doc ? -1 : 1));
  const maxCompared = opts.maxCompared ?? MAX_COMPARED;
  const pageGlance = pageGlanceOf(pf);
  // Past the compared ones, a candidate below the related share is no outlet (quickJudgement's 'none'), dropped below: one shared mark, not a judgement with its reason each.
  const looked = pool.map((c, rank) =>
    rank < maxCompared ? glanceFirstLook(pageGlance, c.glance, storyTh) : c.quick >= storyTh.relatedSalient ? quickJudgement(c.quick, storyTh) : UNRELATED,
  );
  // Where every candidate left to compare is dated apart from the page, none is compared: each can be related at most,
  // and is judged on its glance as past the comparison's places. (The comparison would only add compound parts and
  // shared points toward 'related': on the labelled pages no related hint comes or goes without it, and the reader sees
  // a related page's hint, never its reasons.) Beside a candidate that may be the page's story they are still compared:
  // every text compared weighs the terms of the others' judgements (left out there, a look-alike page's words were no
  // longer held down by its look-alikes, and it was judged the seed story's).
  if (!pool.some((c, k) => looked[k] === null && !c.apart))
    pool.forEach((c, k) => {
      if (looked[k] !== null) return;
      const glance = quickJudgement(c.quick, storyTh);
      looked[k] = { ...glance, dateConflict: true, reason: `${glance.reason}, but dated apart` };
    });
  const compared = pool.filter((_, k) => looked[k] === null);

  // The full features of the compared candidates (of every candidate when the engine forms their stories itself).
  const full = new Map<ArticleGlance, FullRecord>();
  const wanted = (opts.storyOf ? compared : pool).map((c) => c.glance);
  if (wanted.length) for (const [g, r] of yield { glances: wanted, articles: false }) full.set(g, r);
  const featuresOf = (g: ArticleGlance): ArticleFeatures => {
    const r = full.get(g);
    if (!r) throw new Error(`annotateInSteps: the full features of ${g.id} were not supplied`);
    return r.features;
  };

  // Comparing sentences reads their quantities and clauses; relating them (below, only for a page of a story) their sources
  // too: a page the comparison places in no story (related at most) does not pay for finding them.
  if (compared.length) analysis.complete(false);
  // (The page's features are compared here only: its term lists' ids are not kept for later comparisons.)
  const comparison = compared.length ? compare(pf, compared.map((c) => featuresOf(c.glance)), true) : null;
  const judged: Judged[] = [];
  let next = 0;
  const itself = new Set<ArticleGlance>();
  pool.forEach((c, k) => {
    const judgement = looked[k] ?? judgeCompared(comparison!, next++, storyTh);
    // The page is this article with other text around it (comments, teasers): it is the page itself, not another outlet.
    if (judgement.contained) {
      itself.add(c.glance);
      return;
    }
    if (judgement.match !== 'none') judged.push({ glance: c.glance, judgement });
  });
  judged.sort((a, b) => b.judgement.score - a.judgement.score || (docName(a.glance.head) < docName(b.glance.head) ? -1 : 1));
  joinStory(judged, featuresOf, storyTh);
  const reasons: Record<string, string> = {};
  for (const j of judged) reasons[docName(j.glance.head)] = j.judgement.reason ?? '';
  // Widening starts from a candidate of the page's story: without one (most pages) it changes nothing, and the candidates' stories are not worked out.
  if (judged.some((j) => j.judgement.match === 'same'))
    widenToStories(itself.size ? pool.filter((c) => !itself.has(c.glance)) : pool, judged, storyOfArticles(pool, featuresOf, opts.storyOf), storyTh, reasons);

  const sameJudged = judged.filter((j) => j.judgement.match === 'same');
  const outlets: OutletRef[] = judged.map((j) => ({
    doc: docName(j.glance.head),
    label: j.glance.head.outlet || docName(j.glance.head),
    sameStory: j.judgement.match === 'same',
  }));
  const match = sameJudged.length > 0 ? 'same' : judged.length > 0 ? 'related' : 'none';
  // A story is recognised by the points two reports share; a page this short cannot share enough.
  if (match !== 'same' && contentCount < storyTh.samePoints)
    warnings.push({ kind: 'few-sentences', count: contentCount });
  const score = judged.length ? judged[0].judgement.score : 0;
  if (sameJudged.length === 0 || opts.storyOnly) return { story: { match, score }, outlets, sentences: [], missing: [], conflicts: [], warnings, storyReasons: reasons };

  // The story's outlets with their texts: what relating the page to them reads.
  for (const [g, r] of yield { glances: sameJudged.map((j) => j.glance), articles: true }) full.set(g, r);
  const same = sameJudged.map((j) => {
    const r = full.get(j.glance);
    if (!r?.article) throw new Error(`annotateInSteps: the article ${j.glance.id} was not supplied`);
    return { article: r.article, features: r.features };
  });

  // Relating the page reads all of its features: its attributed sources are found now (the rest was completed for the comparison).
  analysis.complete();
  // The judgements' comparison serves when every compared candidate reports the story; otherwise the story's outlets alone weigh the terms.
  const story = same.map((j) => j.features);
  const al = (comparison && alignCompared(comparison, story)) ?? align(pf, story, true);
  const rel = relate(al, relTh, { outletTexts: same.map((j) => j.article.raw) });
  const docs = same.map((j) => docName(j.article));
  rel.short.forEach((short, o) => {
    if (!short) return;
    const ref = outlets.find((x) => x.doc === docs[o]);
    if (ref) ref.shortReport = true;
  });
  const span = (o: number, k: number): [number, number] => {
    const s = same[o].features.sentences[k];
    return [s.start, s.end];
  };

  const sentences: AnnotatedSentence[] = [];
  const conflicts: SentenceConflict[] = [];
  pf.sentences.forEach((s, i) => {
    const per = rel.perSentence[i];
    if (!per) return;
    const relations: Record<string, SentenceRelation> = {};
    per.forEach((r, o) => {
      const out: SentenceRelation = { relation: r.relation };
      if (r.evidence.length) out.evidence = r.evidence.map((k) => span(o, k));
      if (r.adds.length) {
        out.adds = r.adds.map((k) => span(o, k));
        const raw = same[o].article.raw;
        out.addsNew = out.adds.map(([a, b]) => novelWords(al, raw, a, b, same[o].features.language));
        out.addsConfidence = r.addsConfidence.map(round);
      }
      if (r.conflicts.length) out.conflicts = r.conflicts.map((c) => span(o, c.index));
      out.confidence = round(r.confidence);
      if (!r.shown) out.unclear = true;
      relations[docs[o]] = out;
      for (const c of r.conflicts) conflicts.push({ start: s.start, end: s.end, doc: docs[o], other: span(o, c.index), detail: c.detail });
    });
    sentences.push({ start: s.start, end: s.end, relations });
  });
  const missing = rel.missing.map((group) => ({
    sources: group.map(([o, k]) => ({ doc: docs[o], start: span(o, k)[0], end: span(o, k)[1] })),
  }));
  return { story: { match, score }, outlets, sentences, missing, conflicts, warnings, storyReasons: reasons };
}
