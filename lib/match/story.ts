import type { StoryMatch } from './annotation';
import { isNumberTerm, NUMBER_MARK, resemblance, type ArticleFeatures, type SentenceFeatures } from './features';
import { compare, outletTermMask, simsAtLeast, type Comparison } from './align';

export interface StoryThresholds {
  /** Similarity at which two sentences count as making the same point. */
  point: number;
  /** Points both texts must share (counted from each side) to be the same event. */
  samePoints: number;
  /** Share of the page's salient terms the candidate must contain for the same event. */
  sameSalient: number;
  /** Below these the candidate is not even about the same people or topic. */
  relatedPoints: number;
  relatedSalient: number;
  /** Events more than this many days apart are different events. */
  maxDays: number;
  /** Resemblance above which a candidate is the page itself. */
  duplicate: number;
  /** Figures both texts report that make them the same event, when they are related otherwise. */
  sameFigures: number;
}

export const DEFAULT_STORY_THRESHOLDS: StoryThresholds = {
  point: 0.3,
  samePoints: 3,
  sameSalient: 0.5,
  relatedPoints: 1,
  relatedSalient: 0.34,
  maxDays: 3,
  duplicate: 0.6,
  sameFigures: 3,
};

export interface StoryJudgement {
  match: StoryMatch;
  /** Points the two texts share: the smaller of the two sides' counts of matched sentences. */
  sharedPoints: number;
  /** Share of the page's content sentences whose point the candidate makes. */
  pointShare: number;
  /** Share of the page's most salient terms that the candidate contains. */
  salientShare: number;
  /** Whether dates rule out the same event. */
  dateConflict: boolean;
  score: number;
  /** The signals that decided, in a few words. */
  reason?: string;
  /** The page holds nearly every sentence of the candidate word for word: it is the candidate's own text (with more around it). */
  contained?: boolean;
}

/** Similarity at which a candidate's sentence is the page's sentence, word for word. */
const VERBATIM = 0.9;
/** Share of a candidate's content sentences found verbatim in the page that makes the page the candidate's own text. */
const CONTAINED_SHARE = 0.8;

const DAY = 86_400_000;
/** How far below the same-story share of salient terms the cheap first look still does the full comparison. */
const QUICK_MARGIN = 0.2;

/** Spans already worked out, by date: every candidate of a page is placed in time, and candidates share their days. */
const spans = new Map<string, readonly [number, number] | null>();
const MAX_CACHED_SPANS = 10_000;

/** The span of days an ISO date or prefix (YYYY, YYYY-MM, YYYY-MM-DD) can mean (one shared pair per date: not to be changed). */
export function dateSpan(date: string | null | undefined): readonly [number, number] | null {
  if (!date) return null;
  let span = spans.get(date);
  if (span === undefined) {
    if (spans.size >= MAX_CACHED_SPANS) spans.clear();
    spans.set(date, (span = spanOf(date)));
  }
  return span;
}

function spanOf(date: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) {
    const t = Date.UTC(y, Number(m[2]) - 1, Number(m[3]));
    return [t, t];
  }
  if (m[2]) return [Date.UTC(y, Number(m[2]) - 1, 1), Date.UTC(y, Number(m[2]), 0)];
  return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
}

/**
 * The date a text's own full dates point to when it carries no metadata date:
 * the latest date written out with day, month and year. Earlier dates in a
 * report are usually background ("last spoke on 2 December 2022"), so only a
 * text whose latest full date is far from the candidate's rules the event out.
 */
function latestTextDate(f: Pick<ArticleFeatures, 'textDates'>): string | null {
  const full = f.textDates.filter((d) => d > 10000 * 1000);
  if (full.length === 0) return null;
  const d = Math.max(...full);
  const y = Math.floor(d / 10000);
  const mo = Math.floor((d % 10000) / 100);
  const day = d % 100;
  return `${y}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The weekday (0 = Monday) of a UTC midnight, as `(new Date(t).getUTCDay() + 6) % 7` gives it, without a Date per candidate: 1 January 1970 was a Thursday. */
function weekdayOf(t: number): number {
  return (((Math.floor(t / DAY) + 3) % 7) + 7) % 7;
}

function dayOfEvent(date: string | null, weekday: number | null | undefined): number | null {
  const span = dateSpan(date);
  if (!span || span[0] !== span[1] || weekday === null || weekday === undefined) return null;
  const published = weekdayOf(span[0]);
  return span[0] - ((published - weekday + 7) % 7) * DAY;
}

/** When an article's event took place, as far as its dates tell: a span of days (UTC midnights), exact when it is one day. */
export interface EventTime {
  from: number;
  to: number;
  exact: boolean;
  /** What placed it, for the reasons a decision gives. */
  basis: string;
}

/**
 * The days an article's event can have taken place on. A report is published
 * on or after its event, at most `maxDays` later (reporting delay): a report
 * dated to the day that names the event's weekday ("am Mittwoch") tells that
 * day exactly; one dated only to a month or year spans it.
 */
export function eventTime(f: Pick<ArticleFeatures, 'date' | 'textDates' | 'eventWeekday' | 'eventRelative'>, maxDays = DEFAULT_STORY_THRESHOLDS.maxDays): EventTime | null {
  const fromMeta = !!f.date;
  const date = f.date ?? latestTextDate(f);
  const span = dateSpan(date);
  if (!span) return null;
  const basis = fromMeta ? `dated ${date}` : `names ${date}`;
  if (f.eventRelative && span[0] === span[1]) {
    if (f.eventRelative === 'yesterday') return { from: span[0] - DAY, to: span[0] - DAY, exact: true, basis: `${basis}, event "yesterday"` };
    if (f.eventRelative === 'day-before') return { from: span[0] - 2 * DAY, to: span[0] - 2 * DAY, exact: true, basis: `${basis}, event "the day before yesterday"` };
    // Last week: Monday to Sunday of the week before the publication's.
    const weekday = weekdayOf(span[0]);
    return { from: span[0] - (weekday + 7) * DAY, to: span[0] - (weekday + 1) * DAY, exact: false, basis: `${basis}, event "last week"` };
  }
  const day = dayOfEvent(date, f.eventWeekday);
  if (day !== null) return { from: day, to: day, exact: true, basis: `${basis}, event on the weekday it names` };
  return { from: span[0] - maxDays * DAY, to: span[1], exact: false, basis };
}

/**
 * Whether dates rule out the same event. Exact event days must be within a
 * day of each other (a late-night event is dated either side of midnight);
 * otherwise the spans must meet: a report published before the other's event
 * took place cannot report it. A weekday alone places nothing: the first
 * weekday an undated text names is as often a day before its event ("seit
 * Mittwoch tagt das Konklave") as the day of it.
 */
export function eventsApart(
  a: Pick<ArticleFeatures, 'date' | 'textDates' | 'eventWeekday' | 'eventRelative'>,
  b: Pick<ArticleFeatures, 'date' | 'textDates' | 'eventWeekday' | 'eventRelative'>,
  maxDays: number,
): boolean {
  return timesApart(eventTime(a, maxDays), eventTime(b, maxDays));
}

/** eventsApart on event times already worked out (a story's members' are worked out once, not once per article that meets them). */
export function timesApart(ta: EventTime | null, tb: EventTime | null): boolean {
  if (ta && tb) {
    if (ta.exact && tb.exact) return Math.abs(ta.from - tb.from) > DAY;
    return ta.from > tb.to || tb.from > ta.to;
  }
  return false;
}

/** Years and small numbers recur in reports of different events ("2014", "zwei"); the rest identify one. */
function isFigure(term: string): boolean {
  if (!isNumberTerm(term)) return false;
  const n = Number(term.slice(NUMBER_MARK.length));
  return n >= 10 && !(term.length === 5 && n >= 1900 && n <= 2099);
}

const figureCache = new WeakMap<ArticleFeatures, Set<string>>();

/** The figures a text reports as number terms (years and small numbers left out). */
export function figuresOf(f: ArticleFeatures): Set<string> {
  let set = figureCache.get(f);
  if (!set) figureCache.set(f, (set = new Set(Object.keys(f.termFreq).filter(isFigure))));
  return set;
}

/**
 * A number few other reports would give by chance: three or more digits, not
 * round ("74.036", "56,4"). Minutes, counts and round numbers ("90", "45",
 * "500") recur across events. (Results such as "4:2" are specific too.)
 */
function isSpecific(term: string): boolean {
  const n = Number(term.slice(NUMBER_MARK.length));
  return n >= 100 && n % 100 !== 0;
}

const scoreCache = new WeakMap<ArticleFeatures, Set<number>>();

/** The results a text reports, as score values (either side's telling alike). */
function scoresOf(f: ArticleFeatures): Set<number> {
  let set = scoreCache.get(f);
  if (!set) {
    set = new Set<number>();
    // (Indexed loops: a for-of makes an iterator result per step until the JIT optimises it.)
    const content = contentSentences(f);
    for (let i = 0; i < content.length; i++) {
      const qs = content[i].quantities;
      for (let k = 0; k < qs.length; k++) if (qs[k].kind === 'score') set.add(qs[k].value);
    }
    scoreCache.set(f, set);
  }
  return set;
}

/**
 * How many distinct figures (numbers other than years and small counts, and
 * results) both texts report: 0 unless one of them is specific, since common
 * figures alone ("90 Minuten", "45") are shared by reports of many events.
 */
export function sharedFigures(a: ArticleFeatures, b: ArticleFeatures): number {
  const fa = figuresOf(a);
  const fb = figuresOf(b);
  const sb = scoresOf(b);
  let n = 0;
  let specific = false;
  for (const x of fa)
    if (fb.has(x)) {
      n++;
      if (isSpecific(x)) specific = true;
    }
  for (const v of scoresOf(a)) {
    if (!sb.has(v)) continue;
    specific = true;
    // A result is one figure however it is written ("4:2" is also the number 42, "2:4" is 24).
    const hi = Math.floor(v / 1000);
    const lo = v % 1000;
    const counted = [`${NUMBER_MARK}${hi}${lo}`, `${NUMBER_MARK}${lo}${hi}`].some((t) => fa.has(t) && fb.has(t));
    if (!counted) n++;
  }
  return specific ? n : 0;
}

const contentCache = new WeakMap<ArticleFeatures, SentenceFeatures[]>();

/** The sentences that carry a point; the page's are asked for once per candidate. */
function contentSentences(f: ArticleFeatures): SentenceFeatures[] {
  let found = contentCache.get(f);
  if (!found) contentCache.set(f, (found = f.sentences.filter((s) => s.content)));
  return found;
}

const salientCache = new WeakMap<ArticleFeatures, string[]>();

/** Terms that characterise a text: those in most of its content sentences. */
export function salientTerms(f: ArticleFeatures, limit = 12): string[] {
  if (limit === 12) {
    let cached = salientCache.get(f);
    if (!cached) salientCache.set(f, (cached = computeSalient(f, limit)));
    return cached;
  }
  return computeSalient(f, limit);
}

/**
 * The part of a text that tells its event: news tells it first, and a page
 * often goes on with other text (teasers, another story, reader comments)
 * that must not decide what the page is about: its first LEAD_CORE content
 * sentences.
 */
const LEAD_CORE = 12;

/**
 * The salient terms: counted in a map, not a record (a page's lead has ~100 terms, each a key added to an object in
 * dictionary mode), and only those counted twice kept. The order does not depend on how they were counted: by count,
 * then by term, and no two terms are equal.
 */
function computeSalient(f: ArticleFeatures, limit: number): string[] {
  const content = contentSentences(f);
  const kept: Array<[string, number]> = [];
  if (content.length <= LEAD_CORE) {
    const freq = f.termFreq;
    for (const t in freq) if (freq[t] >= 2 && t.length >= 3) kept.push([t, freq[t]]);
  } else {
    const freq = new Map<string, number>();
    for (let i = 0; i < LEAD_CORE; i++) {
      const terms = content[i].terms;
      for (let k = 0; k < terms.length; k++) freq.set(terms[k], (freq.get(terms[k]) ?? 0) + 1);
    }
    freq.forEach((n, t) => {
      if (n >= 2 && t.length >= 3) kept.push([t, n]);
    });
  }
  return kept
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([t]) => t);
}

export function isDuplicate(page: ArticleFeatures, candidate: ArticleFeatures, th = DEFAULT_STORY_THRESHOLDS): boolean {
  if (page.url && candidate.url && page.url === candidate.url) return true;
  return resemblance(page.sketch, candidate.sketch) >= th.duplicate;
}

/**
 * Share of the page's salient terms the candidate uses, before any compound
 * splitting: a cheap first look that ranks candidates and rules most out.
 */
export function quickShare(page: ArticleFeatures, candidate: ArticleFeatures): number {
  if (page.language !== candidate.language) return 0;
  const salient = salientTerms(page);
  if (salient.length === 0) return 0;
  // Counted in a loop: this runs for every candidate of a large corpus.
  const freq = candidate.termFreq;
  let held = 0;
  for (let i = 0; i < salient.length; i++) if (salient[i] in freq) held++;
  return held / salient.length;
}

/** The judgement from the first look alone: related at most, never the same story. */
export function quickJudgement(share: number, th: StoryThresholds = DEFAULT_STORY_THRESHOLDS): StoryJudgement {
  return {
    match: share >= th.relatedSalient ? 'related' : 'none',
    sharedPoints: 0,
    pointShare: 0,
    salientShare: share,
    dateConflict: false,
    score: Math.round(share * 333) / 1000,
    reason: `first look: ${Math.round(share * 100)}% of the page's salient terms`,
  };
}

/**
 * The first look: a judgement when it alone decides (the candidate holds too
 * few of the page's salient terms and figures), null when the sentences must
 * be compared.
 */
export function firstLook(page: ArticleFeatures, candidate: ArticleFeatures, th: StoryThresholds = DEFAULT_STORY_THRESHOLDS): StoryJudgement | null {
  const none: StoryJudgement = { match: 'none', sharedPoints: 0, pointShare: 0, salientShare: 0, dateConflict: false, score: 0 };
  if (page.language !== candidate.language) return none;
  if (contentSentences(page).length === 0 || contentSentences(candidate).length === 0) return none;
  // Cheap first look: a candidate holding few of the page's salient terms even
  // before compound splitting cannot be the same story; skip the sentence work.
  // Unless it gives the page's figures: a terse report of the same match or vote
  // may share its result and counts while wording everything else its own way.
  const rawShare = quickShare(page, candidate);
  if (rawShare < th.sameSalient - QUICK_MARGIN && sharedFigures(page, candidate) < th.sameFigures) return quickJudgement(rawShare, th);
  return null;
}

/** Share of the page's salient terms that outlet `o` of a comparison holds (its terms and their compound parts). */
function salientShareOf(c: Comparison, o: number): number {
  const salient = salientTerms(c.page);
  if (salient.length === 0) return 0;
  const candTerms = outletTermMask(c, o);
  let held = 0;
  for (let i = 0; i < salient.length; i++) {
    const id = c.space.idOf(salient[i]);
    if (id !== undefined && id < candTerms.length && candTerms[id] === 1) held++;
  }
  return held / salient.length;
}

/**
 * Whether judgeCompared can find outlet `o` of a comparison the same event, from
 * what costs no sentence comparison: its salient share, shared figures and
 * dates. Either way to 'same' needs a salient share of at least relatedSalient
 * and no date conflict, and without sameFigures shared figures sameSalient;
 * false here is judgeCompared's 'related' or 'none'.
 */
export function mayBeSame(c: Comparison, o: number, th: StoryThresholds = DEFAULT_STORY_THRESHOLDS): boolean {
  const salientShare = salientShareOf(c, o);
  if (salientShare < th.relatedSalient && salientShare < th.sameSalient) return false;
  if (salientShare < th.sameSalient && sharedFigures(c.page, c.outlets[o]) < th.sameFigures) return false;
  return !eventsApart(c.page, c.outlets[o], th.maxDays);
}

/**
 * judgeStory of a pair the first look does not decide (`firstLook` gave null),
 * or null when its match cannot be 'same' (see mayBeSame): the sentences are
 * compared only when they can decide 'same'. Story choice asks only that.
 */
export function judgeIfSame(page: ArticleFeatures, candidate: ArticleFeatures, th: StoryThresholds = DEFAULT_STORY_THRESHOLDS): StoryJudgement | null {
  const c = compare(page, [candidate]);
  return mayBeSame(c, 0, th) ? judgeCompared(c, 0, th) : null;
}

/** Is outlet `o` of a comparison about the same event as the page, a related one, or something else? */
export function judgeCompared(c: Comparison, o: number, th: StoryThresholds = DEFAULT_STORY_THRESHOLDS): StoryJudgement {
  const page = c.page;
  const candidate = c.outlets[o];
  const figures = sharedFigures(page, candidate);
  // Points are counted from both sides, so one long text cannot match a short one
  // merely by having many sentences near a single sentence of the other.
  // The full similarities, not just whether each sentence reaches a point: an alignment of the story takes them over.
  const candMatched = new Uint8Array(candidate.sentences.length);
  const candVerbatim = new Uint8Array(candidate.sentences.length);
  let pagePoints = 0;
  // Only whether similarities reach a point (and verbatim, above it) counts here: below the point they need not be exact.
  const point = th.point;
  const rows = simsAtLeast(c, o, point);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let matched = false;
    // (Each similarity read once: until the JIT optimises this, a read of a Float64Array allocates a number.)
    for (let k = 0; k < row.length; k++) {
      const x = row[k];
      if (x >= point) {
        matched = true;
        candMatched[k] = 1;
        if (x >= VERBATIM) candVerbatim[k] = 1;
      }
    }
    if (matched) pagePoints++;
  }
  const candContent = contentSentences(candidate).length;
  // Counted in loops, not reduce: a callback per sentence until the JIT optimises it.
  let verbatim = 0;
  let candPoints = 0;
  for (let k = 0; k < candidate.sentences.length; k++) {
    verbatim += candVerbatim[k];
    candPoints += candMatched[k];
  }
  const contained = candContent >= 2 && verbatim >= CONTAINED_SHARE * candContent;
  const sharedPoints = Math.min(pagePoints, candPoints);
  const pointShare = pagePoints / contentSentences(page).length;

  const salientShare = salientShareOf(c, o);

  const dateConflict = eventsApart(page, candidate, th.maxDays);

  const score = Math.round((Math.min(sharedPoints, 10) / 10 + pointShare + salientShare) * 333) / 1000;
  let match: StoryMatch = 'none';
  const signals = `${sharedPoints} shared points, ${Math.round(salientShare * 100)}% of salient terms, ${figures} shared figures`;
  let reason = signals;
  if (sharedPoints >= th.samePoints && salientShare >= th.sameSalient && !dateConflict) match = 'same';
  // Reports of one event that tell different moments of it share its figures (a result, minutes, a count);
  // other events of the same people have other figures.
  else if (figures >= th.sameFigures && salientShare >= th.relatedSalient && !dateConflict) {
    match = 'same';
    reason = `${signals} (figures decide)`;
  } else if (sharedPoints >= th.relatedPoints || salientShare >= th.relatedSalient) {
    match = 'related';
    if (dateConflict) reason = `${signals}, but dated apart`;
  }
  return { match, sharedPoints, pointShare, salientShare, dateConflict, score, reason, ...(contained ? { contained } : {}) };
}

/** Is the candidate about the same event as the page, a related one, or something else? */
export function judgeStory(
  page: ArticleFeatures,
  candidate: ArticleFeatures,
  th: StoryThresholds = DEFAULT_STORY_THRESHOLDS,
): StoryJudgement {
  return firstLook(page, candidate, th) ?? judgeCompared(compare(page, [candidate]), 0, th);
}
