import type { Article, TextRange } from '../article/article';
import { attributionSources, de, en, extractMinutes, extractQuantities, extractScores, isStopword, mayStartQuantity, normalise, reportingRanges, segmentSentences, stem, tokenize, type Quantity, type Token } from './pipeline';

/** Bump when the shape or the meaning of stored features changes. */
// 11: a lead's weekday joined with a part of the day ("Freitagnacht", "Mittwochfrüh") places its event.
export const FEATURES_VERSION = 11;

export interface QuantityFeature {
  kind: 'duration' | 'count' | 'money' | 'percent' | 'date' | 'year' | 'score' | 'minute';
  value: number;
  approx: boolean;
}

/** One sentence of an article's reporting text, reduced to what matching needs. */
export interface SentenceFeatures {
  start: number;
  end: number;
  paragraph: number;
  /** Distinct stems of the sentence's content words (hyphen parts included). */
  terms: string[];
  /** The terms of each clause, when the sentence has more than one: a point is often one clause of a long sentence. */
  clauses?: string[][];
  quantities: QuantityFeature[];
  /** Names of the sources the sentence attributes its statement to ("laut Kreml"), when it names any. */
  sources?: string[];
  /** Whether the sentence says enough to carry notes (headings and fragments do not). */
  content: boolean;
}

/**
 * Everything the engine needs from one article, computed once. Plain data (no
 * Maps, no classes) so it can be stored beside the article and reused.
 */
export interface ArticleFeatures {
  version: number;
  language: string;
  /** ISO date or prefix (YYYY, YYYY-MM, YYYY-MM-DD) from metadata or URL. */
  date: string | null;
  url: string | null;
  /** Dates written in the text as yyyymmdd; year 0 where the text omits it. */
  textDates: number[];
  /** Weekdays named in the text, 0 = Monday. */
  weekdays: number[];
  /**
   * The weekday the text names first in the lead of its reporting (its first
   * content sentences), 0 = Monday: news tells the event first, so this is the
   * day the event took place (null if the lead names none).
   */
  eventWeekday: number | null;
  /**
   * The day the lead places its event relative to publication, when it does
   * so before naming any weekday: "gestern"/"yesterday", "vorgestern", or
   * "vergangene Woche"/"last week" (null if the lead names none).
   */
  eventRelative?: EventRelative | null;
  sentences: SentenceFeatures[];
  /** Term → number of content sentences containing it. */
  termFreq: Record<string, number>;
  /** Bottom-k hashes of word 4-shingles: a sketch for near-duplicate detection. */
  sketch: number[];
}

export interface AnalyseInput {
  text: string;
  language: string;
  bodyStart?: number;
  nonReporting?: TextRange[];
  date?: string | null;
  url?: string | null;
  /**
   * Find who each sentence attributes its statement to (default true). Only
   * relations compare attributions; a story decision alone does without them.
   */
  attribution?: boolean;
  /** The body's tokens (`tokenize(text.slice(bodyStart), language, bodyStart)`) where the caller has them already. */
  tokens?: Token[];
}

/**
 * Features made in two parts (`analyseInParts`): `features` first holds what
 * the engine's first look reads, and `complete()` adds the rest to the same
 * record, in place, as `analyse` would have made it.
 */
export interface FeaturesInParts {
  features: ArticleFeatures;
  /**
   * Completes `features` (once) and returns them. With `sources: false` the attributed sources are left for a later
   * call, which finds only them: comparing sentences does not read them, only relating a story's outlets does.
   */
  complete(sources?: boolean): ArticleFeatures;
}

const SKETCH_SIZE = 64;

/**
 * Quantities two reports of one point can be compared by. Dates count when
 * they name a day (with or without the year, both as yyyymmdd with year 0 when
 * unstated); months, weekdays, clock times and relative days are left out.
 */
function comparable(q: Quantity, text: string): boolean {
  if (q.kind === 'duration') return !isOffset(q, text);
  if (q.kind !== 'date') return true;
  return q.unit === undefined || q.unit === 'ymd' || q.unit === 'md';
}

const OFFSET_BEFORE = /\b(?:nach|innerhalb(?:\s+von)?|binnen|after|within|in\s+the\s+(?:first|last|final))\s+(?:(?:nur|gut|knapp|rund|etwa|fast|nicht\s+mal|only|just|about|nearly|the)\s+)*$/i;
const OFFSET_AFTER = /^\s*(?:später|danach|zuvor|vorher|früher|nach\b|vor\b|later|earlier|before|after|into\b)/i;

/**
 * A span of time that places a moment ("nach zwölf Minuten", "sechs Minuten
 * später", "within 30 minutes") rather than telling how long something took:
 * two such spans in one story are different moments, not a conflict.
 */
function isOffset(q: Quantity, text: string): boolean {
  return OFFSET_BEFORE.test(text.slice(Math.max(0, q.start - 40), q.start)) || OFFSET_AFTER.test(text.slice(q.end, q.end + 12));
}

const VOCABULARIES = [de, en];

const UMLAUT: Record<string, string> = { a: 'ä', o: 'ö', u: 'ü' };
/**
 * A vocabulary word, held folded ("fruh"), as a pattern that matches it as
 * written ("früh"): sentences are searched as they stand, not folded.
 */
function asWritten(word: string): string {
  return word.replace(/ss|[aou]/g, (c) => (c === 'ss' ? '(?:ss|ß)' : `[${c}${UMLAUT[c]}]`));
}

/**
 * Any weekday's names with an optional part of the day ("Mittwochabend"), the day told by the group that matched:
 * group d + 1 is day d, 0 = Monday here, where the vocabulary counts from Sunday. One pattern, not one a day: a
 * worker compiles each pattern the first time it meets a weekday, and the seven case-insensitive ones and a test
 * before them cost 6-9 ms of CPU there against 3. Its matches are the seven's: no name starts with another day's
 * name, nor inside a match, where a word boundary falls only beside an umlaut or ß, so scanning left to right
 * meets each day's first name where that day's own pattern found it.
 */
const WEEKDAY_NAMES = new RegExp(
  `\\b(?:${[0, 1, 2, 3, 4, 5, 6]
    .map((day) => `(${VOCABULARIES.flatMap((v) => Object.keys(v.weekdays).filter((w) => (v.weekdays[w] + 6) % 7 === day)).map(asWritten).join('|')})`)
    .join('|')})s?(?:${VOCABULARIES.flatMap((v) => v.partsOfDay).map(asWritten).join('|')})?\\b`,
  'gi',
);

export type EventRelative = 'yesterday' | 'day-before' | 'last-week';

/** Relative days a lead places its event with; "heute"/"today" is left out: it is the publication day, and as often the present of a comment ("bis heute"). */
const RELATIVE_DAYS: Array<[RegExp, EventRelative]> = [
  [new RegExp(`\\b(?:${relativeDayPatterns(-1).join('|')})`, 'iu'), 'yesterday'],
  [new RegExp(`\\b(?:${relativeDayPatterns(-2).join('|')})\\b`, 'iu'), 'day-before'],
  [/\b(?:(?:vergangene|letzte|vorige)[nr]?\s+woche|last\s+week)\b/iu, 'last-week'],
];
const ANY_RELATIVE = new RegExp([...relativeDayPatterns(-1), ...relativeDayPatterns(-2), 'woche', 'week'].join('|'), 'iu');

/** The vocabularies' words, adjective stems ("gestrige") and phrases for the day `days` from the day of writing, as patterns. */
function relativeDayPatterns(days: number): string[] {
  const named = (words: Readonly<Record<string, number>>) => Object.keys(words).filter((w) => words[w] === days);
  return VOCABULARIES.flatMap((v) => [
    ...named(v.relativeDays).map(asWritten),
    ...named(v.relativeDayStems).map((stem) => `${asWritten(stem)}\\p{L}*`),
    ...named(v.relativeDayPhrases).map((phrase) => phrase.split(' ').map(asWritten).join('\\s+')),
  ]);
}

/** The event's weekday is read from the lead only: later weekdays are often of other things ("am Freitag beginnt …"). */
const LEAD_SENTENCES = 4;

function fnv1aStep(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** fnv1a of the four words joined by spaces, without building the string (this runs for every word of every text). */
function shingleHash(a: string, b: string, c: string, d: string): number {
  let h = fnv1aStep(0x811c9dc5, a);
  h = fnv1aStep(h, ' ');
  h = fnv1aStep(h, b);
  h = fnv1aStep(h, ' ');
  h = fnv1aStep(h, c);
  h = fnv1aStep(h, ' ');
  return fnv1aStep(h, d) >>> 0;
}

function grownHashes(a: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.max(16, a.length * 2));
  out.set(a);
  return out;
}

/** A date from a URL path such as /2025/02/12/ or -24-05-2025-. */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let m = /(?:^|[/_-])(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)/.exec(url);
  if (m) return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
  m = /(?:^|[/_-])(0[1-9]|[12]\d|3[01])-(0[1-9]|1[0-2])-(20\d\d)(?=[/_.-]|$)/.exec(url);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return null;
}

const SEPARABLE = 'ab|an|auf|aus|bei|dar|ein|fest|fort|her|heraus|hin|los|mit|nach|vor|vorbei|weg|weiter|wieder|zurück|zusammen|statt|teil';
const ZU_INFIX = new RegExp(`^(${SEPARABLE})zu(\\p{L}{3,}en)$`, 'u');

/**
 * German inflection the stemmer leaves apart: the zu-infinitive of separable
 * verbs ("zusammenzuarbeiten" = "zusammenarbeiten") and -iert participles
 * ("informiert" = "informieren").
 */
function foldGerman(norm: string, stemmed: string): string {
  const m = ZU_INFIX.exec(norm);
  let s = m ? stem(m[1] + m[2], 'de') : stemmed;
  // "-iert" → "-i", the stem of the infinitive ("telefoniert" = "telefoni(eren)"); after a vowel the
  // ending is "-ert" of a verb in "-ern" ("feiert" is "feiern").
  if (/[^aeiou]iert$/.test(s)) s = s.slice(0, -3);
  return s;
}

/**
 * Words that attribute a statement ("sagte", "schrieb", "laut", "according
 * to", "said") rather than state anything: news sentences are full of them,
 * so two sentences sharing one have not made the same point.
 */
const ATTRIBUTION = {
  de: /^(?:sag(?:e|st|t|te|ten|en)?|gesagt|schrieb(?:en)?|schreib(?:t|en)?|geschrieben|erkl(?:a|ä|ae)r(?:t|te|ten|en)?|betont(?:e|en)?|beton(?:en)?|teilt(?:e|en)?|mitgeteilt|hie(?:ß|ss)|hei(?:ß|ss)t|zufolge|laut|(?:a|ä|ae)u(?:ß|ss)ert(?:e|en)?|erg(?:a|ä|ae)nzt(?:e|en)?|f(?:u|ü|ue)gt(?:e|en)?|angaben)$/,
  en: /^(?:say|says|said|saying|tell|tells|told|write|writes|wrote|written|stated?|states|add(?:s|ed)?|according)$/,
};

function isAttribution(norm: string, language: string): boolean {
  return (language === 'en' ? ATTRIBUTION.en : language === 'de' ? ATTRIBUTION.de : null)?.test(norm) ?? false;
}

/** Number terms begin with this, which no word term does. */
export const NUMBER_MARK = '#';

/** Whether a term stands for a number ("#28"), not a word. */
export function isNumberTerm(term: string): boolean {
  return term.startsWith(NUMBER_MARK);
}

/** What one token contributes: nothing (stopword, number, attribution) or its terms. */
type TokenTerms = readonly string[] | null;

/** Language → spelling → the terms of each stem that spelling has had. */
const tokenTermsCache = new Map<string, Map<string, Array<{ stem: string; terms: TokenTerms }>>>();
let cachedTokenTerms = 0;

/** The term of a number however it is written ("74.036", "4:2"): its digits; null when it has none. */
function numberTerm(text: string): string | null {
  const digits = text.replace(/[^0-9]/g, '');
  return digits ? NUMBER_MARK + digits : null;
}

/** tokenTerms depends on a word's spelling, stem and language only, and most words recur. */
function tokenTerms(tok: Token, language: string): TokenTerms {
  // A number both reports give ("in der 28. Minute", "(28.)", "74.036 Zuschauer") is a strong sign of one
  // point; it is a term of its own, but no word: it does not make a fragment a sentence.
  if (tok.kind === 'number') {
    const term = numberTerm(tok.norm);
    return term ? [term] : null;
  }
  // Looked up by spelling, then stem (nearly always one per spelling), without building a key string per token.
  let bySpelling = tokenTermsCache.get(language);
  if (bySpelling === undefined) tokenTermsCache.set(language, (bySpelling = new Map()));
  const known = bySpelling.get(tok.norm);
  if (known !== undefined) for (let i = 0; i < known.length; i++) if (known[i].stem === tok.stem) return known[i].terms;
  if (++cachedTokenTerms > 50_000) {
    tokenTermsCache.clear();
    cachedTokenTerms = 1;
    tokenTermsCache.set(language, (bySpelling = new Map()));
  }
  const terms = wordTerms(tok, language);
  const entry = { stem: tok.stem, terms };
  const list = bySpelling.get(tok.norm);
  if (list) list.push(entry);
  else bySpelling.set(tok.norm, [entry]);
  return terms;
}

/** A number as the part of a hyphenated word ("4:2" of "4:2-Sieg", "12" of "12-Punkte-Plan"). */
const NUMBER_PART = /^\d+(?:[.,:/]\d+)*$/;

function wordTerms(tok: Token, language: string): TokenTerms {
  const norm = tok.norm.replace(/\.+$/, '');
  // A number joined to words ("4:2-Sieg", "90-Minuten-Gespräch") is the number and the words.
  if (/^\d/.test(norm) && /[-']/.test(norm)) {
    const terms: string[] = [];
    for (const part of norm.split(/[-']/)) {
      if (NUMBER_PART.test(part)) terms.push(numberTerm(part)!);
      else if (part.length >= 2 && !isStopword(part, language) && !/^\d/.test(part)) terms.push(stem(part, language));
    }
    return terms.length ? terms : null;
  }
  if (norm.length < 2 || isStopword(norm, language) || /^\d/.test(norm)) return null;
  if (isAttribution(norm, language)) return null;
  const parts = norm.split(/[-'.]/).filter((p) => p.length >= 2 && !isStopword(p, language) && !/^\d+$/.test(p));
  // The parts carry the meaning ("US-Präsident" is a Präsident); the whole would count it twice.
  if (parts.length > 1) return parts.map((p) => stem(p, language));
  const stemmed = language === 'de' ? foldGerman(tok.norm, tok.stem) : tok.stem;
  return /^\d+$/.test(stemmed) ? [] : [stemmed];
}

/** Terms of a run of tokens, in text order, each once; `words` counts the content words. */
function collect(per: TokenTerms[], from: number, to: number): { terms: string[]; words: number } {
  // A sentence's few terms are kept once by a look through the list, not a set (hashed per term, then copied out):
  // the same terms in the same order. A long run (a table, a list without full stops) takes the set.
  if (to - from > COLLECT_BY_LIST) return collectBySet(per, from, to);
  const terms: string[] = [];
  let words = 0;
  for (let k = from; k < to; k++) {
    const t = per[k];
    if (!t) continue;
    if (t.length !== 1 || !isNumberTerm(t[0])) words++;
    for (let i = 0; i < t.length; i++) if (!terms.includes(t[i])) terms.push(t[i]);
  }
  return { terms, words };
}

/** Up to this many tokens, collect looks its list through; beyond, it keeps a set. */
const COLLECT_BY_LIST = 48;

function collectBySet(per: TokenTerms[], from: number, to: number): { terms: string[]; words: number } {
  const terms = new Set<string>();
  let words = 0;
  for (let k = from; k < to; k++) {
    const t = per[k];
    if (!t) continue;
    if (t.length !== 1 || !isNumberTerm(t[0])) words++;
    for (let i = 0; i < t.length; i++) terms.add(t[i]);
  }
  return { terms: [...terms], words };
}

/** Content words among tokens: stems of non-stopwords; hyphenated words as their parts. */
function termsOf(tokens: Token[], language: string): { terms: string[]; words: number } {
  const per = tokens.map((t) => tokenTerms(t, language));
  return collect(per, 0, per.length);
}

/** Content words of a sentence: stems of non-stopwords; hyphenated words also as their parts. */
export function sentenceTerms(text: string, language: string, offset = 0): { terms: string[]; words: number } {
  return termsOf(tokenize(text, language, offset), language);
}

const HAS_DIGIT = /\d/;
const CURRENCY_SIGN = /[€$£¥]/;
/** A word of Latin-1 letters only: the quantity parser reads it as one word, normalised as the token is. */
const LATIN1_WORD = /^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]+$/;

/**
 * Whether the sentence s, whose tokens are [from, to), may state a quantity: it has a digit, a currency sign,
 * a word a quantity can start at, or a token the quantity parser may read otherwise (any but plain words, or one
 * reaching over the sentence's edge). Most sentences have none of these, and are spared the parser's own reading.
 */
function mayHoldQuantity(s: { start: number; end: number; text: string }, tokens: Token[], from: number, to: number, language: string): boolean {
  if (HAS_DIGIT.test(s.text) || CURRENCY_SIGN.test(s.text)) return true;
  if ((from > 0 && tokens[from - 1].end > s.start) || (to < tokens.length && tokens[to].start < s.end)) return true;
  for (let k = from; k < to; k++) if (!LATIN1_WORD.test(tokens[k].text) || mayStartQuantity(tokens[k].norm, language)) return true;
  return false;
}

/** A sentence that ends as a statement does: with closing punctuation (one pattern, not a literal made anew per sentence). */
const TERMINAL_END = /[.!?:;…“”"»«)]\s*$/;

const CLAUSE_BREAK = /[,;:()–—]|\s-\s|[„“”"»«]/gu;
const MIN_CLAUSE_TERMS = 3;

/** The terms of each clause of a sentence; short clauses join the one before. */
export function clauseTerms(text: string, language: string): string[][] {
  const tokens = tokenize(text, language);
  return clausesOf(text, 0, tokens, tokens.map((t) => tokenTerms(t, language)), 0, tokens.length);
}

/** Clause terms of the tokens [from, to) of a sentence whose text starts at `offset`. */
function clausesOf(text: string, offset: number, tokens: Token[], per: TokenTerms[], from: number, to: number): string[][] {
  const breaks: number[] = [];
  // exec, not matchAll (which copies the pattern and makes an iterator, per sentence); the pattern never matches empty.
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(text))) breaks.push(offset + m.index);
  breaks.push(Infinity);
  const out: string[][] = [];
  let at = from;
  for (let b = 0; b < breaks.length; b++) {
    const end = breaks[b];
    const start = at;
    while (at < to && tokens[at].start < end) at++;
    const { terms } = collect(per, start, at);
    if (terms.length === 0) continue;
    const last = out[out.length - 1];
    if (last && (terms.length < MIN_CLAUSE_TERMS || last.length < MIN_CLAUSE_TERMS)) last.push(...terms.filter((t) => !last.includes(t)));
    else out.push(terms);
  }
  return out;
}

/** The comparable quantities of sentence s, whose tokens are [from, to), in the parser's order. */
function comparableQuantities(s: { start: number; end: number; text: string }, tokens: Token[], from: number, to: number, language: string): QuantityFeature[] {
  const quantities: QuantityFeature[] = [];
  if (!mayHoldQuantity(s, tokens, from, to, language)) return quantities;
  const found = extractQuantities(s.text, language);
  for (let k = 0; k < found.length; k++) if (comparable(found[k], s.text)) quantities.push({ kind: found[k].kind, value: found[k].value, approx: found[k].approx });
  return quantities;
}

export function analyse(input: AnalyseInput): ArticleFeatures {
  return analyseInParts(input, false).features;
}

/**
 * A sentence whose light features wait for completion: its segment and its tokens [at, to).
 * (The segment's text is the sentence's, which the parsers read.)
 */
type Deferred = { sentence: SentenceFeatures; s: { start: number; end: number; text: string }; at: number; to: number; quantities: boolean };

/** The parser's full dates in digits alone: ISO "2025-02-12", German "12.2.2025" and "12.2.25". */
const NUMERIC_FULL_DATE = /\d{4}-\d\d-\d\d|\d\.\s?\d{1,2}\.\s?\d\d/;
const FOUR_DIGITS = /\d{4}/;
/** The month names the parser knows, as they stand in a normalised text (its words are normalised alike). */
const MONTH_NAME = new RegExp(VOCABULARIES.flatMap((v) => Object.keys(v.months)).join('|'));

/**
 * Whether a sentence may write a date with its year (the parser's 'ymd': in digits alone, or a month's name with
 * a four-digit year), the only text dates that place an undated article's event (story.ts's latestTextDate).
 * Most sentences with a year name no month (an encyclopedia's are full of years): their quantities can wait.
 */
function mayHoldFullDate(text: string): boolean {
  return NUMERIC_FULL_DATE.test(text) || (FOUR_DIGITS.test(text) && MONTH_NAME.test(normalise(text)));
}

/**
 * `analyse`, or with `light` its first part: what the engine's first look
 * reads (terms, term counts, content sentences, sketch, dates, weekdays,
 * results), without each sentence's clauses, attributed sources and its
 * quantities other than results and minutes. Most pages match no candidate
 * and are never compared sentence by sentence: the quantity parser alone was
 * ~44 % of the analysis. Where the page has no date its full text dates place
 * its event, so its sentences that may write one are parsed at once all the
 * same. `complete()` adds the rest from the same segmentation and tokens.
 */
export function analyseInParts(input: AnalyseInput, light: boolean): FeaturesInParts {
  const { text, language } = input;
  const bodyStart = input.bodyStart ?? 0;
  const nonReporting = input.nonReporting ?? [];
  const sentences: SentenceFeatures[] = [];
  // Counted in a map, then set on the record once per term in the same order (the same record): a plain object's
  // keys are looked up as internalised strings, twice per occurrence (the analysis ~7% faster so).
  const counts = new Map<string, number>();
  const textDates: number[] = [];
  const weekdays = new Set<number>();
  let eventWeekday: number | null = null;
  let eventRelative: EventRelative | null = null;
  let contentSeen = 0;
  const date = input.date ?? dateFromUrl(input.url) ?? null;
  const deferred: Deferred[] = [];

  // Sentences are cut within reporting text only, so no sentence reaches into a caption or a metadata prefix.
  const segmented = reportingRanges(text, nonReporting, bodyStart).flatMap((r) => segmentSentences(text, language, r.start, r.end));
  // One tokenization of the whole body: names are recognised by their use across the text.
  const tokens = input.tokens ?? tokenize(text.slice(bodyStart), language, bodyStart);
  const per: TokenTerms[] = [];
  for (let i = 0; i < tokens.length; i++) per.push(tokenTerms(tokens[i], language));
  // Every shingle's hash, repeats included (at most one per token): sorted once at the end, where repeats are skipped.
  let shingleHashes: Uint32Array = new Uint32Array(tokens.length);
  let shingles = 0;
  let at = 0;
  // Indexed loops: a for-of over an array allocates an iterator result per step until the JIT optimises it, and a page is analysed once.
  for (let si = 0; si < segmented.length; si++) {
    const s = segmented[si];
    while (at < tokens.length && tokens[at].start < s.start) at++;
    let to = at;
    while (to < tokens.length && tokens[to].end <= s.end) to++;
    const { terms, words } = collect(per, at, to);
    // eventTime reads the text's full dates only when the article has no date: then a sentence that may write one is parsed now.
    const deferQuantities = light && (date !== null || !mayHoldFullDate(s.text));
    const quantities: QuantityFeature[] = deferQuantities ? [] : comparableQuantities(s, tokens, at, to, language);
    // Scores and minutes of play are written in digits: a sentence without one is spared their patterns.
    if (HAS_DIGIT.test(s.text)) {
      const scores = extractScores(s.text);
      for (let k = 0; k < scores.length; k++) quantities.push({ kind: 'score', value: scores[k].value, approx: false });
      const minutes = extractMinutes(s.text);
      for (let k = 0; k < minutes.length; k++) quantities.push({ kind: 'minute', value: minutes[k].value, approx: false });
    }
    const terminal = TERMINAL_END.test(s.text);
    const content = words >= 4 || (words >= 3 && terminal);
    const clauses = content && !light ? clausesOf(s.text, s.start, tokens, per, at, to) : [];
    let firstDay: number | null = null;
    const sources = content && !light && input.attribution !== false ? attributionSources(s.text, language) : [];
    // The optional fields set after, in the same order as before (no spread of a fresh object per sentence).
    const sentence: SentenceFeatures = { start: s.start, end: s.end, paragraph: s.paragraph, terms, quantities, content };
    if (clauses.length > 1) sentence.clauses = clauses;
    if (sources.length) sentence.sources = sources;
    sentences.push(sentence);
    if (deferQuantities || (light && content)) deferred.push({ sentence, s, at, to, quantities: deferQuantities });
    if (content) for (let k = 0; k < terms.length; k++) counts.set(terms[k], (counts.get(terms[k]) ?? 0) + 1);
    for (let k = 0; k < quantities.length; k++) if (quantities[k].kind === 'date') textDates.push(quantities[k].value);
    let first = Infinity;
    const inLead = content && contentSeen < LEAD_SENTENCES && eventWeekday === null && eventRelative === null;
    // Each day named, and in the lead the first named (the first match: they come in the text's order).
    WEEKDAY_NAMES.lastIndex = 0;
    for (let m = WEEKDAY_NAMES.exec(s.text); m !== null; m = WEEKDAY_NAMES.exec(s.text)) {
      let d = 0;
      while (m[d + 1] === undefined) d++;
      weekdays.add(d);
      if (inLead && m.index < first) {
        first = m.index;
        firstDay = d;
      }
    }
    // Whichever the lead names first places the event: a weekday, or a day relative to publication.
    let firstRelative: EventRelative | null = null;
    if (inLead && ANY_RELATIVE.test(s.text))
      for (let w = 0; w < RELATIVE_DAYS.length; w++) {
        const re = RELATIVE_DAYS[w][0];
        const r = RELATIVE_DAYS[w][1];
        const m = re.exec(s.text);
        if (m && m.index < first) {
          first = m.index;
          firstRelative = r;
        }
      }
    if (firstRelative !== null) eventRelative = firstRelative;
    else if (firstDay !== null) eventWeekday ??= firstDay;
    if (content) contentSeen++;
    for (let k = at; k + 4 <= to; k++) {
      // Sentences do not overlap, so this holds one per token; grown all the same should ranges ever overlap.
      if (shingles === shingleHashes.length) shingleHashes = grownHashes(shingleHashes);
      shingleHashes[shingles++] = shingleHash(tokens[k].norm, tokens[k + 1].norm, tokens[k + 2].norm, tokens[k + 3].norm);
    }
  }
  const termFreq: Record<string, number> = {};
  counts.forEach((n, term) => {
    termFreq[term] = n;
  });
  // Hashes are unsigned 32-bit: a typed array sorts them numerically without a comparator call per step.
  // The sketch is the SKETCH_SIZE smallest distinct hashes, ascending.
  const sorted = shingleHashes.subarray(0, shingles).sort();
  const sketch: number[] = [];
  for (let k = 0; k < sorted.length && sketch.length < SKETCH_SIZE; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sketch.push(sorted[k]);
  const features: ArticleFeatures = {
    version: FEATURES_VERSION,
    language,
    date,
    url: input.url ?? null,
    textDates,
    weekdays: [...weekdays].sort(),
    eventWeekday,
    eventRelative,
    sentences,
    termFreq,
    sketch,
  };
  let pending = light;
  // Content sentences whose attributed sources are still to be found (where a completion left them for later).
  let sourcesPending: Deferred[] = [];
  const complete = (withSources = true): ArticleFeatures => {
    if (!pending) {
      if (withSources && sourcesPending.length > 0) {
        // Set last, as the one pass sets them after the clauses.
        for (let i = 0; i < sourcesPending.length; i++) {
          const found = attributionSources(sourcesPending[i].s.text, language);
          if (found.length) sourcesPending[i].sentence.sources = found;
        }
        sourcesPending = [];
      }
      return features;
    }
    pending = false;
    // Quantities go before the results and minutes found already, as the one pass orders them; clauses and sources
    // are set in the order it sets them.
    for (let i = 0; i < deferred.length; i++) {
      const { sentence, s, at, to, quantities } = deferred[i];
      if (quantities) {
        const found = comparableQuantities(s, tokens, at, to, language);
        if (found.length) sentence.quantities.unshift(...found);
      }
      if (!sentence.content) continue;
      const clauses = clausesOf(s.text, s.start, tokens, per, at, to);
      if (clauses.length > 1) sentence.clauses = clauses;
      if (input.attribution === false) continue;
      if (!withSources) {
        sourcesPending.push(deferred[i]);
        continue;
      }
      const sources = attributionSources(s.text, language);
      if (sources.length) sentence.sources = sources;
    }
    deferred.length = 0;
    // The text's dates again in sentence order, as the one pass lists them (an undated page's light part holds some).
    textDates.length = 0;
    for (let i = 0; i < sentences.length; i++) {
      const qs = sentences[i].quantities;
      for (let k = 0; k < qs.length; k++) if (qs[k].kind === 'date') textDates.push(qs[k].value);
    }
    return features;
  };
  return { features, complete };
}

const cache = new WeakMap<Article, ArticleFeatures>();

/** Features of a stored article, computed once per Article object; `tokens` as AnalyseInput's, where the caller has them. */
export function articleFeatures(article: Article, tokens?: Token[]): ArticleFeatures {
  let f = cache.get(article);
  if (!f || f.version !== FEATURES_VERSION) {
    f = analyse({
      text: article.raw,
      language: article.language,
      bodyStart: article.bodyStart,
      nonReporting: article.nonReporting,
      date: article.date,
      url: article.url,
      tokens,
    });
    cache.set(article, f);
  }
  return f;
}

/** Estimated Jaccard resemblance of two texts from their bottom-k sketches. */
export function resemblance(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (ascendingFirst(a) && ascending(b)) {
    // Sketches are stored sorted: the bottom of the union is a merge, without sets or sorting.
    let i = 0;
    let j = 0;
    let union = 0;
    let both = 0;
    while (union < SKETCH_SIZE && (i < a.length || j < b.length)) {
      const x = i < a.length ? a[i] : Infinity;
      const y = j < b.length ? b[j] : Infinity;
      if (x === y) {
        both++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
      union++;
    }
    return both / union;
  }
  const setA = new Set(a);
  const setB = new Set(b);
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, SKETCH_SIZE);
  let both = 0;
  for (const h of union) if (setA.has(h) && setB.has(h)) both++;
  return both / union.length;
}

function ascending(xs: number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1] < xs[i])) return false;
  return true;
}

/** The last first sketch found ascending: a page's sketch is the first of every candidate's resemblance to it. (Sketches are made once and never changed.) */
let lastAscending: number[] | null = null;

function ascendingFirst(xs: number[]): boolean {
  if (xs === lastAscending) return true;
  if (!ascending(xs)) return false;
  lastAscending = xs;
  return true;
}
