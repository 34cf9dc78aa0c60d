import { normalise } from './normalise';
import { de } from './vocabulary/de';
import { en } from './vocabulary/en';
import { stopwordSet } from './stopwords';
import { baseLanguage } from './language-tag';

/** One sentence of a text; offsets are UTF-16 indices into the whole text. */
export interface Sentence {
  /** First non-space character. */
  start: number;
  /** One past the last non-space character. */
  end: number;
  text: string;
  /** Index of the non-empty line (paragraph) within the segmented range, from 0. */
  paragraph: number;
}

/*
 * Intl.Segmenter implements Unicode sentence boundaries (UAX #29) without the
 * abbreviation suppressions that full ICU break iterators can load, so it
 * splits after every "Dr.", "12." or "U.S." that is followed by a capital
 * letter. The merge step below repairs those splits with rules about the word
 * before the period and the word after it. The guiding test for ambiguous
 * cases: a new sentence almost always starts with a function word ("Die",
 * "Er", "The", "He") or a capitalised word after a complete clause, whereas
 * the word after an abbreviation is a name, a noun or a number. Independent
 * of the word before: a part that starts lowercase or with closing
 * punctuation continues the sentence (also inside and after quotations:
 * „Was nun?“ fragte er.), and so does a part that closes a parenthesis the
 * previous part opened ("(15. Minute)").
 */

const segmenters = new Map<string, Intl.Segmenter>();

/** Every browser the manifest allows (Chrome, Firefox ≥ 140) and Node have Intl.Segmenter. */
function segmenterFor(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    try {
      s = new Intl.Segmenter(language || 'und', { granularity: 'sentence' });
    } catch {
      // A tag Intl does not take ("x-…"): the language-neutral rules.
      s = new Intl.Segmenter('und', { granularity: 'sentence' });
    }
    segmenters.set(language, s);
  }
  return s;
}


/** Abbreviations that precede a name, title or noun and practically never end a sentence. */
const PREFIX_ABBREVIATIONS = new Set([
  // German
  'dr', 'prof', 'nr', 'st', 'hr', 'hrn', 'bzw', 'vgl', 'ca', 'sog', 'ggf', 'inkl', 'exkl', 'evtl', 'zzgl', 'abzgl',
  'bspw', 'geb', 'gest', 'verh', 'str', 'dipl', 'ing', 'med', 'jur', 'phil', 'rer', 'nat', 'dent', 'univ',
  'bzgl', 'gem', 'lt', 'gen', 'max', 'mind', 'insb', 'allg', 'urspr', 'sen',
  // English
  'mr', 'mrs', 'ms', 'messrs', 'mme', 'mlle', 'rep', 'gov', 'col', 'capt', 'cpl', 'sgt', 'rev', 'mt', 'ft', 'vs', 'approx',
  'pres', 'supt', 'hon', 'adm', 'gens', 'sens', 'reps', 'dept', 'est', 'fig', 'figs', 'atty', 'maj', 'brig', 'cmdr',
  'pvt', 'lieut', 'ehem', 'hl', 'vors', 'kath', 'evang', 'stellv', 'stv',
]);

/**
 * Abbreviations that can also end a sentence ("… und Birnen etc."): joined
 * only when the next word does not look like a sentence start.
 */
const AMBIGUOUS_ABBREVIATIONS = new Set([
  'etc', 'usw', 'usf', 'mio', 'mrd', 'tsd', 'mill', 'bn', 'mn', 'jr', 'sr', 'inc', 'corp', 'ltd', 'co', 'bros',
  'no', 'nos', 'abb', 'kap', 'std', 'jh', 'jhd', 'jahrh', 'ff', 'abs', 'art', 'bd', 'hrsg', 'tel', 'ref', 'vol', 'ed',
  ...de.monthAbbreviations, ...en.monthAbbreviations, ...de.weekdayAbbreviations, ...en.weekdayAbbreviations,
  'min', 'sek', 'km', 'kg', 'mg', 'ml', 'ua', 'ev', 'gmbh', 'ag', 'dt', 'engl', 'franz', 'lat', 'griech',
  'gegr', 'einschl', 'entspr', 'jg', 'tagl', 'zzt', 'bsp', 'anm', 'aufl', 'ziff', 'pkt', 'hbf', 'bhf', 'nachf',
  // US state abbreviations in AP style ("Sacramento, Calif.")
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md', 'mass',
  'mich', 'minn', 'miss', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo',
  'ave', 'blvd', 'rd',
]);

/** Month words after a German ordinal ("am 12. Februar", "am 3. Mär. 2025"). */
const GERMAN_MONTHS = new Set([...Object.keys(de.months), ...de.monthAbbreviations]);

const CLOSER_FOLLOWERS = /[.,;:!?)]/;
const ORDINAL = /^\d{1,3}$/;
const DOTTED_ACRONYM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
const SINGLE_LETTER = /^\p{L}$/u;
const WORD_AT_START = /^[\p{L}\p{N}]+/u;
const LEADING_PUNCT = /^[(\[{„“"'‚‘«»‹›]+/;
const CONTINUATION_START = ')]}/,;:%';

/** Quote characters that open a quotation, and the characters that may close each. */
const QUOTE_CLOSERS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '\u201E': '\u201C\u201D', // „ … “ (German) or „ … ” (Polish, sloppy German)
  '\u201C': '\u201D', // “ … ” (English)
  '\u00AB': '\u00BB', // « … »
  '\u00BB': '\u00AB', // » … « (German books, Spiegel)
  '\u2039': '\u203A',
  '\u203A': '\u2039',
  '"': '"',
});

function isSpace(code: number): boolean {
  return (
    code <= 32 ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff ||
    code === 0x85
  );
}

function isTerminal(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x2026 || code === 0x203c || (code >= 0x2047 && code <= 0x2049);
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x85 || code === 0x2028 || code === 0x2029 || code === 0x0b || code === 0x0c;
}

function startsUppercase(s: string): boolean {
  const ch = s[0];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLowercaseLetter(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function stopwordsFor(language: string): (w: string) => boolean {
  const set = stopwordSet(language);
  return (w) => set.has(w);
}

/**
 * Sentences of text[from, to). A line break always ends a sentence, so
 * headings, captions and list items (lines without final punctuation) stay
 * separate.
 */
export function segmentSentences(text: string, language: string, from = 0, to = text.length): Sentence[] {
  return segmentWith(segmenterFor(language || 'und'), text, language, from, to);
}


function segmentWith(segmenter: Intl.Segmenter, text: string, language: string, from: number, to: number): Sentence[] {
  const out: Sentence[] = [];
  const lang = language || 'und';
  let paragraph = 0;
  let i = Math.max(0, from);
  const stop = Math.min(text.length, to);
  while (i < stop) {
    let lineEnd = i;
    while (lineEnd < stop && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    let s = i;
    let e = lineEnd;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (s < e) {
      segmentLine(segmenter, text, lang, s, e, paragraph, out);
      paragraph++;
    }
    i = lineEnd + 1;
  }
  return out;
}

function segmentLine(segmenter: Intl.Segmenter, text: string, language: string, s: number, e: number, paragraph: number, out: Sentence[]): void {
  // Most headings and short lines have no terminal punctuation before their last character.
  let hasInnerTerminal = false;
  for (let k = s; k < e - 1; k++) {
    if (isTerminal(text.charCodeAt(k))) {
      hasInnerTerminal = true;
      break;
    }
  }
  if (!hasInnerTerminal) {
    out.push({ start: s, end: e, text: text.slice(s, e), paragraph });
    return;
  }
  const line = text.slice(s, e);
  const spans: [number, number][] = [];
  for (const seg of segmenter.segment(line)) {
    let a = s + seg.index;
    let b = a + seg.segment.length;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a < b) spans.push([a, b]);
  }
  const isStopword = stopwordsFor(language);
  const german = baseLanguage(language) === 'de';
  let cur = spans[0];
  for (let k = 1; k < spans.length; k++) {
    const next = spans[k];
    moveLeadingClosers(text, cur, next);
    if (next[0] >= next[1]) continue;
    if (shouldJoin(text, cur, next, isStopword, german)) {
      cur = [cur[0], next[1]];
    } else {
      out.push({ start: cur[0], end: cur[1], text: text.slice(cur[0], cur[1]), paragraph });
      cur = next;
    }
  }
  out.push({ start: cur[0], end: cur[1], text: text.slice(cur[0], cur[1]), paragraph });
}

/** Open quotations at the end of text[a, b), as a stack of opening characters. */
function openQuotes(text: string, a: number, b: number, stack: string[] = []): string[] {
  for (let k = a; k < b; k++) {
    const ch = text[k];
    const top = stack.length ? stack[stack.length - 1] : '';
    if (top && QUOTE_CLOSERS[top].includes(ch)) stack.pop();
    else if (ch in QUOTE_CLOSERS) stack.push(ch);
  }
  return stack;
}

/** A closing quote that starts the next span belongs to the sentence it closes. */
function moveLeadingClosers(text: string, cur: [number, number], next: [number, number]): void {
  const first = text[next[0]];
  if (!'“”»«›‹"'.includes(first)) return;
  const stack = openQuotes(text, cur[0], cur[1]);
  if (!stack.length || !QUOTE_CLOSERS[stack[stack.length - 1]].includes(first)) return;
  const after = next[0] + 1;
  if (after < next[1] && !isSpace(text.charCodeAt(after)) && !CLOSER_FOLLOWERS.test(text[after])) return;
  cur[1] = after;
  next[0] = after;
  while (next[0] < next[1] && isSpace(text.charCodeAt(next[0]))) next[0]++;
}

function shouldJoin(
  text: string,
  cur: [number, number],
  next: [number, number],
  isStopword: (w: string) => boolean,
  german: boolean,
): boolean {
  // The first real character of the next part, after opening quotes or brackets.
  let n = next[0];
  while (n < next[1] && LEADING_PUNCT.test(text[n])) n++;
  if (n >= next[1]) return true;
  const firstChar = text[n];
  if (isLowercaseLetter(firstChar)) return true;

  // No sentence starts with closing or joining punctuation ("(22./67.)").
  if (CONTINUATION_START.includes(text[next[0]])) return true;
  // Parentheses hold minutes, ordinals and asides, not sentence ends: "(15. Minute)".
  if (parenthesisContinues(text, cur, next)) return true;

  const last = text[cur[1] - 1];
  if (last !== '.') return false;
  const wordStart = lastWordStart(text, cur[0], cur[1] - 1);
  const word = text.slice(wordStart, cur[1] - 1).replace(LEADING_PUNCT, '');
  if (!word) return false;
  const key = normalise(word);

  const nextWordMatch = WORD_AT_START.exec(text.slice(n, Math.min(next[1], n + 40)));
  const nextWord = nextWordMatch ? nextWordMatch[0] : '';
  const nextKey = normalise(nextWord);
  const nextIsDigit = firstChar >= '0' && firstChar <= '9';
  // "z. | B." – the next part starts with the second half of a spaced abbreviation.
  const nextIsSpacedAbbreviation =
    nextWord.length === 1 && text[n + 1] === '.' && (n + 2 >= next[1] || isSpace(text.charCodeAt(n + 2)));
  const looksLikeSentenceStart = !nextWord || isStopword(nextKey);

  const knownAbbreviation =
    PREFIX_ABBREVIATIONS.has(key) || AMBIGUOUS_ABBREVIATIONS.has(key) || SINGLE_LETTER.test(word) || DOTTED_ACRONYM.test(word);

  if (knownAbbreviation && (nextIsDigit || nextIsSpacedAbbreviation)) return true;
  if (PREFIX_ABBREVIATIONS.has(key)) return true;
  if (SINGLE_LETTER.test(word) && !AMBIGUOUS_ABBREVIATIONS.has(key) && word !== key) {
    // An uppercase initial follows a name or another initial ("John F. Kennedy",
    // "J. K. Rowling", "z. B."); after a lowercase word it is a name itself ("auf X.").
    const prevStart = lastWordStart(text, cur[0], wordStart - 1);
    const prev = text.slice(prevStart, Math.max(prevStart, wordStart - 1)).replace(LEADING_PUNCT, '');
    const afterName = prev === '' || startsUppercase(prev) || prev.endsWith('.');
    return afterName && !looksLikeSentenceStart;
  }
  if (AMBIGUOUS_ABBREVIATIONS.has(key) || SINGLE_LETTER.test(word) || DOTTED_ACRONYM.test(word)) {
    return !looksLikeSentenceStart;
  }
  if (german && ORDINAL.test(word)) {
    // German ordinals: "am 12. Februar", "der 3. Platz", "zum 2. Mal".
    if (GERMAN_MONTHS.has(nextKey)) return true;
    if (nextIsDigit || looksLikeSentenceStart) return false;
    const prevStart = lastWordStart(text, cur[0], wordStart - 1);
    const prev = normalise(text.slice(prevStart, Math.max(prevStart, wordStart - 1)).replace(LEADING_PUNCT, ''));
    return prevStart >= wordStart - 1 || isStopword(prev);
  }
  return false;
}

/** Start of the whitespace-delimited word that ends just before `end`. */
function lastWordStart(text: string, floor: number, end: number): number {
  let k = end;
  while (k > floor && !isSpace(text.charCodeAt(k - 1))) k--;
  return k;
}

/** Whether a parenthesis open at the end of `cur` closes in `next`. */
function parenthesisContinues(text: string, cur: [number, number], next: [number, number]): boolean {
  // Char codes ( 40, [ 91, ) 41, ] 93: text[k] would make a string of every character beyond Latin-1.
  let depth = 0;
  for (let k = cur[0]; k < cur[1]; k++) {
    const c = text.charCodeAt(k);
    if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
  }
  if (depth === 0) return false;
  for (let k = next[0]; k < next[1]; k++) {
    const c = text.charCodeAt(k);
    if (c === 41 || c === 93) return true;
    if (c === 40 || c === 91) return false;
  }
  return false;
}
