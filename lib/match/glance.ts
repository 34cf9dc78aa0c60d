import type { Article } from '../article/article';
import { FEATURES_VERSION, NUMBER_MARK, resemblance, type ArticleFeatures, type EventRelative } from './features';
import { DEFAULT_STORY_THRESHOLDS, figuresOf, quickJudgement, salientTerms, type StoryJudgement, type StoryThresholds } from './story';

/** What the engine and the notes show of an article without its text: the stored article less its raw text and offsets. */
export type ArticleHead = Omit<Article, 'raw' | 'bodyStart' | 'nonReporting'>;

/**
 * An article as the engine's first look sees it: its head, and exactly the
 * parts of its features that the first look and the candidate pool read
 * (`isDuplicate`, `quickShare`, `eventTime`, `firstLook`'s content count and
 * shared figures). Stored beside the full features, it is a small fraction of
 * their size: a page that reports no story rules its ~200 candidates out
 * reading these alone, and reads the full features only of the few it
 * compares sentence by sentence.
 */
export interface ArticleGlance {
  id: string;
  /** FEATURES_VERSION of the features it was made from: an older one is made again. */
  version: number;
  head: ArticleHead;
  language: string;
  /** The features' url and date (from metadata or the URL), which may differ from the head's. */
  url: string | null;
  date: string | null;
  textDates: number[];
  eventWeekday: number | null;
  eventRelative?: EventRelative | null;
  /**
   * The features' terms (termFreq's keys), each followed by TERM_END, after
   * one: all the first look asks of them is whether it has a term. One string
   * is read from storage far faster than an object of hundreds of keys.
   */
  terms: string;
  sketch: number[];
  /** How many of its sentences carry a point. */
  contentSentences: number;
  /** `figuresOf(features)`: its number terms that identify an event. */
  figures: string[];
  /** The results its content sentences report, as score values, each once. */
  scores: number[];
}

/** Ends each term in a glance's `terms`: no term has it (terms are words, numbers and their marks). */
const TERM_END = '\u0001';
const TERM_END_CODE = TERM_END.charCodeAt(0);

/**
 * Whether the glance's article has this term, as `term in features.termFreq`
 * answers: termFreq is a plain object, so the names Object.prototype has
 * ("constructor", "valueOf") are in it too.
 */
export function glanceHasTerm(glance: ArticleGlance, term: string): boolean {
  if (term in Object.prototype) return true;
  // The term and its end, preceded by an end: the same as searching for TERM_END + term + TERM_END, but a search
  // for a needle that starts with TERM_END stops at every term of the glance, one starting with the term's first
  // letter at far fewer (~35% faster; asked for the page's salient terms of every candidate).
  const needle = term + TERM_END;
  const terms = glance.terms;
  for (let at = terms.indexOf(needle, 1); at >= 0; at = terms.indexOf(needle, at + 1)) if (terms.charCodeAt(at - 1) === TERM_END_CODE) return true;
  return false;
}

/** The results a text's content sentences report, each once, in the order met (as story.ts's `scoresOf`). */
function scoresIn(f: ArticleFeatures): number[] {
  const set = new Set<number>();
  // (Indexed loops: a for-of makes an iterator result per step until the JIT optimises it.)
  for (let i = 0; i < f.sentences.length; i++) {
    const s = f.sentences[i];
    if (!s.content) continue;
    for (let k = 0; k < s.quantities.length; k++) if (s.quantities[k].kind === 'score') set.add(s.quantities[k].value);
  }
  return Array.from(set);
}

/** An article's head: the stored article without its text. */
export function headOf(article: Article): ArticleHead {
  const { raw: _raw, bodyStart: _bodyStart, nonReporting: _nonReporting, ...head } = article;
  return head;
}

/**
 * The glance of an article with these features. `head` is kept as given: the
 * engine passes the article itself (nothing copied), the store its `headOf`.
 */
export function glanceOf(head: ArticleHead, features: ArticleFeatures): ArticleGlance {
  let content = 0;
  for (const s of features.sentences) if (s.content) content++;
  const glance: ArticleGlance = {
    id: head.id,
    version: features.version,
    head,
    language: features.language,
    url: features.url,
    date: features.date,
    textDates: features.textDates,
    eventWeekday: features.eventWeekday,
    terms: TERM_END + Object.keys(features.termFreq).join(TERM_END) + TERM_END,
    sketch: features.sketch,
    contentSentences: content,
    figures: [...figuresOf(features)],
    scores: scoresIn(features),
  };
  if (features.eventRelative !== undefined) glance.eventRelative = features.eventRelative;
  return glance;
}

/** Whether a stored glance was made by this engine's features. */
export function isCurrentGlance(glance: ArticleGlance | undefined): glance is ArticleGlance {
  return glance !== undefined && glance.version === FEATURES_VERSION;
}

/** The page's side of the first look, worked out once per page. */
export interface PageGlance {
  features: ArticleFeatures;
  contentSentences: number;
  figures: ReadonlySet<string>;
  scores: ReadonlySet<number>;
}

export function pageGlanceOf(features: ArticleFeatures): PageGlance {
  let content = 0;
  for (const s of features.sentences) if (s.content) content++;
  return { features, contentSentences: content, figures: figuresOf(features), scores: new Set(scoresIn(features)) };
}

/*
 * The first look on a glance. Each function gives what story.ts's namesake
 * gives on the full features (tests/lib/match/glance.test.ts holds them
 * together over the labelled corpus): they must stay the same decisions.
 */

/** How far below the same-story share of salient terms the first look still compares (story.ts's QUICK_MARGIN). */
const QUICK_MARGIN = 0.2;

/** `isDuplicate(page, candidate)`. */
export function glanceIsDuplicate(page: ArticleFeatures, candidate: ArticleGlance, th = DEFAULT_STORY_THRESHOLDS): boolean {
  if (page.url && candidate.url && page.url === candidate.url) return true;
  return resemblance(page.sketch, candidate.sketch) >= th.duplicate;
}

/** `quickShare(page, candidate)`. */
export function glanceQuickShare(page: ArticleFeatures, candidate: ArticleGlance): number {
  if (page.language !== candidate.language) return 0;
  const salient = salientTerms(page);
  if (salient.length === 0) return 0;
  let held = 0;
  for (let i = 0; i < salient.length; i++) if (glanceHasTerm(candidate, salient[i])) held++;
  return held / salient.length;
}

/** A number few other reports would give by chance (story.ts's isSpecific). */
function isSpecific(term: string): boolean {
  const n = Number(term.slice(NUMBER_MARK.length));
  return n >= 100 && n % 100 !== 0;
}

/** `sharedFigures(page, candidate)`: both sides' figures and results are distinct, so the intersection is counted from the candidate's. */
export function glanceSharedFigures(page: PageGlance, candidate: ArticleGlance): number {
  let n = 0;
  let specific = false;
  for (const x of candidate.figures)
    if (page.figures.has(x)) {
      n++;
      if (isSpecific(x)) specific = true;
    }
  for (const v of candidate.scores) {
    if (!page.scores.has(v)) continue;
    specific = true;
    const hi = Math.floor(v / 1000);
    const lo = v % 1000;
    const counted = [`${NUMBER_MARK}${hi}${lo}`, `${NUMBER_MARK}${lo}${hi}`].some((t) => page.figures.has(t) && candidate.figures.includes(t));
    if (!counted) n++;
  }
  return specific ? n : 0;
}

/** `firstLook(page, candidate)`: a judgement when the glance alone decides, null when the sentences must be compared. */
export function glanceFirstLook(page: PageGlance, candidate: ArticleGlance, th: StoryThresholds = DEFAULT_STORY_THRESHOLDS): StoryJudgement | null {
  const none: StoryJudgement = { match: 'none', sharedPoints: 0, pointShare: 0, salientShare: 0, dateConflict: false, score: 0 };
  if (page.features.language !== candidate.language) return none;
  if (page.contentSentences === 0 || candidate.contentSentences === 0) return none;
  const rawShare = glanceQuickShare(page.features, candidate);
  if (rawShare < th.sameSalient - QUICK_MARGIN && glanceSharedFigures(page, candidate) < th.sameFigures) return quickJudgement(rawShare, th);
  return null;
}
