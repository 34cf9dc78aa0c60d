import { baseLanguage } from './language-tag';
import { normalise } from './normalise';
import { de } from './vocabulary/de';
import { en } from './vocabulary/en';
import { table } from './vocabulary/vocabulary';

/**
 * A number a text states, with what it counts. Outlets that report the same
 * event agree on quantities ("eineinhalb Stunden" = "90 Minuten") while
 * wording them differently, so quantities are compared by value.
 *
 * - duration: value in minutes; unit names the unit as written
 *   ('second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year' | 'decade').
 *   A month counts 30.44 days and a year 365.25 days.
 * - count: a plain number of things; unit is unset.
 * - money: value in the currency's units; unit is an ISO 4217 code ('EUR', 'USD', …).
 * - percent: value in percent; unit 'point' for percentage points.
 * - date: unit 'ymd' (value YYYYMMDD), 'md' (MMDD, year not stated), 'ym'
 *   (YYYYMM), 'month' (1–12), 'weekday' (0–6, Sunday = 0), 'relative-day'
 *   (days from the day of writing: yesterday −1), 'time' (minutes after midnight).
 * - year: a calendar year on its own.
 *
 * approx is set for hedged values ("knapp", "rund", "more than", "Tausende").
 * start/end (UTF-16 offsets into the text) span the hedge, number and unit.
 */
export interface Quantity {
  kind: 'duration' | 'count' | 'money' | 'percent' | 'date' | 'year';
  value: number;
  unit?: string;
  approx: boolean;
  start: number;
  end: number;
  text: string;
}

interface Lexeme {
  /** Surface text. */
  s: string;
  /** Normalised (lowercase, umlauts folded). */
  n: string;
  start: number;
  end: number;
  type: 'num' | 'word' | 'sym';
  /** Whitespace precedes this lexeme. */
  spaced: boolean;
  /** Starts with an uppercase letter. */
  upper: boolean;
}

// Swiss outlets group thousands with an apostrophe ("74'036"). Numbers, then words, then single symbols; without
// capturing groups (each would be a string per lexeme): lex tells which matched by the first character.
// The first alternative is a shortcut for the commonest lexeme, a word of Latin-1 letters, taken only where the
// word alternative would end it too (no letter or mark follows): the same lexemes, but most characters are tested
// against a few ranges instead of the Unicode property tables.
const LEX = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]+(?![\p{L}\p{M}])|\d{1,3}(?:['\u2019]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*|[\p{L}\p{M}]+|[^\s\p{L}\p{M}\d]/gu;
const WORD_START = /^[\p{L}\p{M}]/u;
const ORDINAL_FOLLOWERS = new Set([')', ',', '/', ';', ']', '-', '\u2013']);
const SWISS_GROUPS = /['\u2019]/g;
const ISO_DATE = /(?<![\d.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const ISO_MONTH = /(?<![\d.-])(\d{4})-(\d{2})(?![\d-])/g;
/** Numbers in links are ids and slugs, not quantities. */
const HAS_DIGIT = /\d/;
const URL = /\b(?:https?:\/\/|www\.)[^\s"'<>„“”«»]+/g;
const FOUR_DIGITS = /^\d{4}$/;
const ONE_OR_TWO_DIGITS = /^\d{1,2}$/;
const ORDINAL_SUFFIX = /^(?:st|nd|rd|th)$/;
const CLOCK = /^(\d{1,2})(?:[.:](\d{2}))?$/;
const SEPARATORS = /([.,])/;
const NUMERIC_DATE = /(?<![\d.,])(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4}|\d{2})(?![\d.,]))?/g;

const MINUTES: Record<string, number> = table({
  second: 1 / 60,
  minute: 1,
  hour: 60,
  day: 1440,
  week: 10080,
  month: 43830,
  year: 525960,
  decade: 5259600,
});

/** Normalised duration unit words → unit. */
const DURATION_UNITS: Record<string, string> = table({});
function addUnits(unit: string, words: string[]) {
  for (const w of words) DURATION_UNITS[w] = unit;
}
addUnits('second', ['sekunde', 'sekunden', 'sek', 'second', 'seconds', 'sec', 'secs']);
addUnits('minute', ['minute', 'minuten', 'min', 'minutes', 'mins']);
addUnits('hour', ['stunde', 'stunden', 'std', 'hour', 'hours', 'hr', 'hrs']);
addUnits('day', ['tag', 'tage', 'tagen', 'tages', 'tags', 'day', 'days']);
addUnits('week', ['woche', 'wochen', 'week', 'weeks']);
addUnits('month', ['monat', 'monate', 'monaten', 'monats', 'month', 'months']);
addUnits('year', ['jahr', 'jahre', 'jahren', 'jahres', 'jahrs', 'year', 'years']);
addUnits('decade', ['jahrzehnt', 'jahrzehnte', 'jahrzehnten', 'decade', 'decades']);

/** Single words that are a duration by themselves: value in minutes. */
const DURATION_WORDS: Record<string, [number, string]> = table({
  viertelstunde: [15, 'hour'],
  dreiviertelstunde: [45, 'hour'],
  halbstunde: [30, 'hour'],
});

/** Adjectives of duration: "zweistündigen", "90-minütige", "dreitägiger". */
/** Duration adjectives and the nouns made of them ("die 120-jährige Geschichte", "der 78-Jährige"). */
const DURATION_ADJECTIVE = /^(.*?)(sekundig|minutig|stundig|tagig|wochig|monatig|jahrig)(?:e|en|er|es|em)?$/;
const ADJECTIVE_UNIT: Record<string, string> = table({
  sekundig: 'second',
  minutig: 'minute',
  stundig: 'hour',
  tagig: 'day',
  wochig: 'week',
  monatig: 'month',
  jahrig: 'year',
});

const CURRENCIES: Record<string, string> = table({
  euro: 'EUR', euros: 'EUR', eur: 'EUR', '€': 'EUR',
  dollar: 'USD', dollars: 'USD', usd: 'USD', '$': 'USD', 'us-dollar': 'USD',
  pfund: 'GBP', pound: 'GBP', pounds: 'GBP', gbp: 'GBP', '£': 'GBP',
  franken: 'CHF', chf: 'CHF', rubel: 'RUB', rubles: 'RUB', roubles: 'RUB', rub: 'RUB',
  yen: 'JPY', jpy: 'JPY', '¥': 'JPY', yuan: 'CNY', renminbi: 'CNY', cny: 'CNY',
  hrywnja: 'UAH', hryvnia: 'UAH', hryvnias: 'UAH', uah: 'UAH', griwna: 'UAH',
});
const CURRENCY_SYMBOLS = new Set(['€', '$', '£', '¥']);

const MULTIPLIERS: Record<string, number> = table({
  tausend: 1e3, tsd: 1e3, thousand: 1e3, k: 1e3,
  million: 1e6, millionen: 1e6, mio: 1e6, mill: 1e6, millions: 1e6, mn: 1e6, m: 1e6,
  milliarde: 1e9, milliarden: 1e9, mrd: 1e9, billion: 1e9, billions: 1e9, bn: 1e9, b: 1e9,
  billionen: 1e12, trillion: 1e12, trillions: 1e12, dutzend: 12, dozen: 12,
});
/** German "Billion" is 10¹², English "billion" 10⁹. */
const GERMAN_BILLION = 1e12;

/** Vague plural counts: "Hunderte Menschen", "thousands of people". */
const VAGUE_COUNTS: Record<string, number> = table({
  dutzende: 12, dutzenden: 12, hunderte: 100, hunderten: 100, tausende: 1000, tausenden: 1000,
  zehntausende: 10000, zehntausenden: 10000, hunderttausende: 100000, hunderttausenden: 100000,
  dozens: 12, hundreds: 100, thousands: 1000, millions: 1e6,
});

const LABELS = new Set(['nr', 'no', 'nummer', 'number', 'nos', 'bd', 'vol', 'art', 'abs', 'kapitel', 'chapter', 'seite', 'page', 's', 'p']);
const PERCENT_WORDS = new Set(['%', 'prozent', 'percent', 'pct']);
const POINT_WORDS = new Set(['prozentpunkte', 'prozentpunkten', 'prozentpunkt']);

/** Hedges before a number, normalised, as word sequences. */
const HEDGE_LIST: string[][] = [
  'knapp', 'fast', 'rund', 'etwa', 'ungefahr', 'circa', 'ca', 'zirka', 'gut', 'uber', 'nahezu', 'beinahe', 'annahernd',
  'mindestens', 'hochstens', 'maximal', 'minimal', 'gegen', 'zirka', 'schatzungsweise', 'rd',
  'about', 'around', 'nearly', 'almost', 'roughly', 'approximately', 'some', 'over', 'under', 'approx', 'estimated',
].map((w) => [w]).concat(
  ['mehr als', 'weniger als', 'bis zu', 'an die', 'more than', 'less than', 'fewer than', 'up to', 'at least', 'at most', 'just over', 'just under', 'well over', 'upwards of']
    .map((p) => p.split(' ')),
);
/** Hedges by their last word, longest first, so a number's hedge is found with one lookup. */
const HEDGES = new Map<string, string[][]>();
for (const h of HEDGE_LIST.sort((a, b) => b.length - a.length)) {
  const key = h[h.length - 1];
  const list = HEDGES.get(key) ?? [];
  list.push(h);
  HEDGES.set(key, list);
}

/** Abbreviated month names, which take their period with them ("Feb."); "Juni." ends a sentence. */
const MONTH_ABBREVIATIONS = new Set([...de.monthAbbreviations, ...en.monthAbbreviations]);
/** Words before a bare month name that make it a date ("im Februar", "since May"). */
const MONTH_CONTEXT = new Set([
  'im', 'in', 'seit', 'bis', 'ab', 'anfang', 'ende', 'mitte', 'vom', 'zum', 'des', 'letzten', 'kommenden', 'nachsten',
  'vergangenen', 'since', 'until', 'by', 'from', 'early', 'late', 'mid', 'last', 'next', 'this', 'of', 'during',
]);

// Weekdays and relative days are read in either language: "Montag" in an English text is still Monday.
const WEEKDAYS: Record<string, number> = table({ ...de.weekdays, ...en.weekdays });
/** "Mittwochabend", "Freitagmorgen": weekday plus part of day. */
const WEEKDAY_COMPOUND = new RegExp(`^(${Object.keys(de.weekdays).join('|')})(${de.partsOfDay.join('|')})s?$`);

const RELATIVE_DAYS: Record<string, number> = table({ ...de.relativeDays, ...en.relativeDays });

// --- spelled-out numbers -------------------------------------------------

/** German compounds join units to tens ("einundzwanzig"), so the two are told apart. */
const GERMAN_UNITS: Record<string, number> = table(Object.fromEntries(Object.entries(de.numbers).filter(([, v]) => v < 20)));
const GERMAN_TENS: Record<string, number> = table(Object.fromEntries(Object.entries(de.numbers).filter(([, v]) => v >= 20)));
/** Inflected articles/numerals that mean "one" only before a unit ("eine Stunde"). */
const GERMAN_ONE = new Set(de.one);
const ENGLISH_ONE = new Set(en.one);

const germanWordCache = new Map<string, number | null>();

/**
 * Value of a German number word, compounds included ("einundzwanzig",
 * "zweihundertfünfzig", "eineinhalb", "anderthalb", "zweieinhalb"), or null.
 */
export function germanNumberWord(word: string): number | null {
  const hit = germanWordCache.get(word);
  if (hit !== undefined) return hit;
  const value = parseGerman(word);
  if (germanWordCache.size > 10_000) germanWordCache.clear();
  germanWordCache.set(word, value);
  return value;
}

function parseGerman(w: string): number | null {
  if (!w) return null;
  if (w === 'anderthalb') return 1.5;
  if (w === 'einhalb' || w === 'halb' || w === 'halbe' || w === 'halben') return 0.5;
  if (w.endsWith('einhalb') && w.length > 7) {
    const whole = parseGerman(w.slice(0, -7));
    return whole === null ? null : whole + 0.5;
  }
  if (w.endsWith('dreiviertel') && w.length > 11) {
    const whole = parseGerman(w.slice(0, -11));
    return whole === null ? null : whole + 0.75;
  }
  const thousand = w.indexOf('tausend');
  if (thousand >= 0) {
    const left = thousand === 0 ? 1 : parseGerman(w.slice(0, thousand));
    const rest = w.slice(thousand + 7);
    const right = rest ? parseGerman(rest.startsWith('und') ? rest.slice(3) : rest) : 0;
    return left === null || right === null ? null : left * 1000 + right;
  }
  const hundred = w.indexOf('hundert');
  if (hundred >= 0) {
    const left = hundred === 0 ? 1 : parseGerman(w.slice(0, hundred));
    const rest = w.slice(hundred + 7);
    const right = rest ? parseGerman(rest.startsWith('und') ? rest.slice(3) : rest) : 0;
    return left === null || right === null ? null : left * 100 + right;
  }
  if (w in GERMAN_UNITS) return GERMAN_UNITS[w];
  if (w in GERMAN_TENS) return GERMAN_TENS[w];
  const und = w.indexOf('und');
  if (und > 0) {
    const unit = GERMAN_UNITS[w.slice(0, und) === 'ein' ? 'eins' : w.slice(0, und)];
    const tens = GERMAN_TENS[w.slice(und + 3)];
    if (unit !== undefined && unit > 0 && unit < 10 && tens !== undefined) return tens + unit;
  }
  return null;
}

// --- parsing ---------------------------------------------------------------

interface NumberPhrase {
  value: number;
  /** Index of the last lexeme of the number. */
  last: number;
  /** Only an article/"one" ("eine", "an"): a quantity only before a unit. */
  articleOnly: boolean;
  spelled: boolean;
  approx: boolean;
}

function lex(text: string): Lexeme[] {
  const out: Lexeme[] = [];
  // All matches in one call (no match object per lexeme, which exec makes). Every character but white space starts
  // a match (the last alternative takes any other single one), so each lexeme starts at the first place it occurs
  // from the end of the one before: only white space lies between them.
  const all = text.match(LEX);
  if (all === null) return out;
  let prevEnd = 0;
  for (let k = 0; k < all.length; k++) {
    const s = all[k];
    const start = text.indexOf(s, prevEnd);
    // A number is the only match that starts with a digit (\d is ASCII under /u); a word starts with a letter or mark.
    const c = s.charCodeAt(0);
    const type = c >= 48 && c <= 57 ? 'num' : (c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : WORD_START.test(s)) ? 'word' : 'sym';
    out.push({
      s,
      n: type === 'word' ? normalise(s) : s,
      start,
      end: start + s.length,
      type,
      spaced: start > prevEnd || start === 0,
      upper: type === 'word' && startsUpper(s),
    });
    prevEnd = start + s.length;
  }
  return out;
}

function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  const first = s[0];
  return first !== first.toLowerCase();
}

/** Value of a digit string in the language's number format: "1.000,5" (de), "1,000.5" (en). */
function parseDigits(s: string, german: boolean): number {
  if (s.indexOf("'") >= 0 || s.indexOf('\u2019') >= 0) s = s.replace(SWISS_GROUPS, '').replace(',', '.');
  if (s.indexOf('.') < 0 && s.indexOf(',') < 0) return Number(s);
  const thousands = german ? '.' : ',';
  const decimal = german ? ',' : '.';
  let out = '';
  const parts = s.split(SEPARATORS);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p === thousands) {
      // A thousands separator before anything but three digits makes a version
      // number ("iOS 8.3", "OS X 10.10"), not a quantity.
      if (parts[k + 1]?.length !== 3) return NaN;
    } else if (p === decimal) out += '.';
    else out += p;
  }
  const v = Number(out);
  return Number.isFinite(v) ? v : NaN;
}

/** Per vocabulary (German, English, both), whether a quantity can start at a word: see Parser.mayStart. */
const STARTS_GERMAN = new Map<string, boolean>();
const STARTS_ENGLISH = new Map<string, boolean>();
const STARTS_EITHER = new Map<string, boolean>();
const MAX_CACHED_WORDS = 50_000;

/** Which lexemes a quantity has taken, for the parser at work (see Parser.used). */
let usedScratch = new Uint8Array(256);

class Parser {
  private readonly german: boolean;
  private readonly english: boolean;
  private readonly out: Quantity[] = [];
  private readonly used: Uint8Array;

  constructor(
    private readonly text: string,
    private readonly lx: Lexeme[],
    language: string,
  ) {
    const base = baseLanguage(language);
    this.german = base === 'de';
    this.english = base === 'en';
    if (!this.german && !this.english) {
      // Unknown language: accept both vocabularies.
      this.german = true;
      this.english = true;
    }
    // One buffer for every sentence (a parser runs to its end before the next is made): a typed array per sentence
    // costs more to allocate and collect than the parsing it serves.
    if (usedScratch.length < lx.length) usedScratch = new Uint8Array(Math.max(lx.length, usedScratch.length * 2));
    else usedScratch.fill(0, 0, lx.length);
    this.used = usedScratch;
  }

  run(): Quantity[] {
    // Most sentences hold no address and many no digit: plain tests spare them the patterns that need one.
    if (this.text.includes('http') || this.text.includes('www.')) this.skipUrls();
    if (HAS_DIGIT.test(this.text)) this.numericDates();
    const lx = this.lx;
    const starts = this.german ? (this.english ? STARTS_EITHER : STARTS_GERMAN) : STARTS_ENGLISH;
    for (let i = 0; i < lx.length; i++) {
      if (this.used[i]) continue;
      // The test `at` begins with, made here without two calls for the many lexemes no quantity starts at
      // (a word known not to start one, a symbol that is no currency): calls are dear until the JIT optimises them.
      const t = lx[i];
      if (t.type === 'word' ? starts.get(t.n) === false : t.type === 'sym' && !CURRENCY_SYMBOLS.has(t.s)) continue;
      const next = this.at(i);
      if (next > i) i = next - 1;
    }
    this.out.sort((a, b) => a.start - b.start);
    return this.out;
  }

  /** Tries to read a quantity starting at lexeme i; returns the index after it, or i when none. */
  private at(i: number): number {
    const t = this.lx[i];
    // Most lexemes are words no reading below starts at: one cached test instead of every reading's lookups.
    if (t.type === 'word' ? !this.mayStart(t.n) : t.type === 'sym' && !CURRENCY_SYMBOLS.has(t.s)) return i;
    if (t.type === 'word' && (t.upper || t.n in RELATIVE_DAYS || t.n === 'morgen')) {
      const d = this.wordDate(i);
      if (d > i) return d;
    }
    const hedge = this.hedgeEndingBefore(i);
    if (t.type === 'num') {
      const c = this.clockTime(i, hedge);
      if (c > i) return c;
    }
    const phrase = this.numberPhrase(i);
    if (phrase) return this.quantityFrom(i, phrase, hedge);
    if (t.type === 'sym' && CURRENCY_SYMBOLS.has(t.s)) {
      // "€5", "$2.5 billion"
      const p = this.numberPhrase(i + 1);
      if (p && !p.articleOnly && this.lx[i + 1].start === t.end) {
        const last = this.multiplier(p);
        this.emit('money', p.value, CURRENCIES[t.s], p.approx || hedge !== null, hedge ?? i, last);
        return last + 1;
      }
    }
    if (t.type === 'word' && t.n in DURATION_WORDS) {
      const [minutes, unit] = DURATION_WORDS[t.n];
      const one = i > 0 && (GERMAN_ONE.has(this.lx[i - 1].n) || this.lx[i - 1].n === 'einer') ? i - 1 : i;
      const h = this.hedgeEndingBefore(one);
      this.emit('duration', minutes, unit, h !== null, h ?? one, i);
      return i + 1;
    }
    if (t.type === 'word') {
      const adj = this.durationAdjective(t.n);
      if (adj) {
        this.emit('duration', adj[0], adj[1], hedge !== null, hedge ?? i, i);
        return i + 1;
      }
      if (t.n in VAGUE_COUNTS && (this.german ? t.upper : true)) {
        // "Hunderte Millionen", "tens of thousands" read as one order of magnitude.
        let value = VAGUE_COUNTS[t.n];
        let last = i;
        const next = this.lx[i + 1]?.n === 'of' ? i + 2 : i + 1;
        const factor = this.lx[next] ? MULTIPLIERS[this.lx[next].n] ?? VAGUE_COUNTS[this.lx[next].n] : undefined;
        if (factor !== undefined && factor > 1 && this.lx[next].n.length > 2) {
          value *= factor;
          last = next;
        }
        this.emit('count', value, undefined, true, hedge ?? i, last);
        return last + 1;
      }
    }
    return i;
  }

  /**
   * Whether a quantity can start at a word with this normalised form: a date
   * word, a number word, a duration word or adjective, a vague count. Depends
   * on the word and the vocabularies only (context decides later), so it is
   * cached per vocabulary.
   */
  mayStart(n: string): boolean {
    const cache = this.german ? (this.english ? STARTS_EITHER : STARTS_GERMAN) : STARTS_ENGLISH;
    let may = cache.get(n);
    if (may === undefined) {
      may =
        n in WEEKDAYS ||
        n in RELATIVE_DAYS ||
        n === 'morgen' ||
        n in DURATION_WORDS ||
        n in VAGUE_COUNTS ||
        (this.german && (n in de.months || GERMAN_ONE.has(n) || parseGerman(n) !== null || this.durationAdjective(n) !== null || (n.length >= 10 && WEEKDAY_COMPOUND.test(n)))) ||
        (this.english && (n in en.months || n === 'half' || ENGLISH_ONE.has(n) || n in en.numbers));
      if (cache.size >= MAX_CACHED_WORDS) cache.clear();
      cache.set(n, may);
    }
    return may;
  }

  private durationAdjective(n: string): [number, string] | null {
    if (!this.german || n.length < 7 || n.lastIndexOf('ig') < n.length - 4) return null;
    const m = DURATION_ADJECTIVE.exec(n);
    if (!m || !m[1]) return null;
    const v = germanNumberWord(m[1]);
    return v === null ? null : [v * MINUTES[ADJECTIVE_UNIT[m[2]]], ADJECTIVE_UNIT[m[2]]];
  }

  /** Reads a number (digits or words) starting at i. */
  private numberPhrase(i: number): NumberPhrase | null {
    const lx = this.lx;
    const t = lx[i];
    if (!t) return null;
    if (t.type === 'num') {
      // Digits glued to letters are names or codes ("G20", "A4"), not quantities.
      const before = lx[i - 1];
      const after = lx[i + 1];
      if (before && !t.spaced && before.type === 'word') return null;
      if (after && !after.spaced && after.type === 'word' && !(after.n in MULTIPLIERS) && !(after.n in DURATION_UNITS)) return null;
      // Scores and clock times ("4:2", "20:45") are not counts.
      if (after && !after.spaced && after.s === ':' && lx[i + 2]?.type === 'num' && !lx[i + 2].spaced) return null;
      if (before && !t.spaced && before.s === ':' && lx[i - 2]?.type === 'num') return null;
      let value = parseDigits(t.s, this.german && !(this.english && t.s.includes(',') && !t.s.includes('.')));
      if (Number.isNaN(value)) return null;
      let last = i;
      // "2 1/2", "1½"
      if (lx[i + 1]?.s === '½' || (lx[i + 1]?.n === 'einhalb' && !lx[i + 1].spaced)) {
        value += 0.5;
        last = i + 1;
      }
      return { value, last, articleOnly: false, spelled: false, approx: false };
    }
    if (t.type !== 'word') return null;
    const n = t.n;
    if (this.german) {
      if (GERMAN_ONE.has(n)) {
        // "eine halbe Stunde", "ein bis zwei Tage"
        const next = lx[i + 1];
        if (next && (next.n === 'halbe' || next.n === 'halben' || next.n === 'halber')) {
          return { value: 0.5, last: i + 1, articleOnly: true, spelled: true, approx: false };
        }
        return { value: 1, last: i, articleOnly: true, spelled: true, approx: false };
      }
      const v = germanNumberWord(n);
      if (v !== null && !(n === 'halb' || n === 'halbe' || n === 'halben')) {
        // German writes numbers lowercase; a capitalised one mid-sentence is a noun ("die Elf" = the team).
        if (t.upper && !this.sentenceInitial(i)) return null;
        return { value: v, last: i, articleOnly: false, spelled: true, approx: false };
      }
    }
    if (this.english) {
      if (n === 'half') {
        // "half an hour"
        const art = lx[i + 1];
        if (art && (art.n === 'an' || art.n === 'a')) return { value: 0.5, last: i + 1, articleOnly: true, spelled: true, approx: false };
        return null;
      }
      if (ENGLISH_ONE.has(n) || n in en.numbers) {
        // "Formula One", "Air Force One": capitalised mid-sentence, a name.
        if (t.upper && !this.sentenceInitial(i)) return null;
        let value = ENGLISH_ONE.has(n) ? 1 : en.numbers[n];
        let last = i;
        // "twenty-one", "one hundred and five"
        if (value >= 20 && value % 10 === 0 && lx[i + 1]?.s === '-' && lx[i + 2]?.n in en.numbers && en.numbers[lx[i + 2].n] < 10) {
          value += en.numbers[lx[i + 2].n];
          last = i + 2;
        }
        if (lx[last + 1]?.n === 'hundred') {
          value *= 100;
          last += 1;
          if (lx[last + 1]?.n === 'and' && lx[last + 2]?.n in en.numbers) {
            value += en.numbers[lx[last + 2].n];
            last += 2;
          }
        }
        const half = this.andAHalf(last);
        if (half > last) {
          value += 0.5;
          last = half;
        }
        const articleOnly = ENGLISH_ONE.has(n) && last === i;
        return { value, last, articleOnly, spelled: true, approx: false };
      }
    }
    return null;
  }

  /** "and a half" after lexeme i: index of "half", or i. */
  private andAHalf(i: number): number {
    const lx = this.lx;
    if ((lx[i + 1]?.n === 'and' || lx[i + 1]?.n === 'und') && (lx[i + 2]?.n === 'a' || lx[i + 2]?.n === 'ein' || lx[i + 2]?.n === 'eine') && (lx[i + 3]?.n === 'half' || lx[i + 3]?.n === 'halb' || lx[i + 3]?.n === 'halbe')) {
      return i + 3;
    }
    return i;
  }

  /** Extends a number over a following multiplier ("2,5 Millionen", "3 Mrd.", "$5bn"); returns the last index. */
  private multiplier(p: NumberPhrase): number {
    const next = this.lx[p.last + 1];
    if (!next || next.type !== 'word') return p.last;
    let factor = MULTIPLIERS[next.n];
    if (factor === undefined) return p.last;
    // Single letters ("m", "k", "b") count only glued to the digits ("5m", "$2bn").
    if (next.n.length === 1 && next.spaced) return p.last;
    if (this.german && !this.english && next.n === 'billion') factor = GERMAN_BILLION;
    p.value *= factor;
    let last = p.last + 1;
    if (this.lx[last + 1]?.s === '.' && !this.lx[last + 1].spaced && (next.n === 'mio' || next.n === 'mrd' || next.n === 'tsd' || next.n === 'mill')) last += 1;
    p.last = last;
    return last;
  }

  private quantityFrom(i: number, p: NumberPhrase, hedge: number | null): number {
    const lx = this.lx;
    const t = lx[i];
    // Dates with month names: "12. Februar 2025", "12 February", "February 12, 2025" (the last is read at the month).
    if (t.type === 'num' && !p.spelled) {
      const d = this.dayMonth(i);
      if (d > i) return d;
    }
    // German ordinals ("der 3. Platz", goal minutes "(15.)", "(22./67.)") are not quantities.
    if (this.german && t.type === 'num' && t.s.length <= 3 && !t.s.includes(',') && lx[i + 1]?.s === '.' && !lx[i + 1].spaced) {
      const after = lx[i + 2];
      if (after && ((after.type === 'word' && after.spaced) || ORDINAL_FOLLOWERS.has(after.s))) return i + 2;
    }
    let last = this.multiplier(p);
    // "eine Million", "a dozen": the article counts once a multiplier follows.
    if (last > p.last - (last - i) && last > i && p.articleOnly && this.lx[i].type === 'word' && this.lx[last].n in MULTIPLIERS) p.articleOnly = false;
    let approx = p.approx || hedge !== null;
    const start = hedge ?? i;
    let next = lx[last + 1];
    // "90-minütigen": a hyphen joins the number and the duration adjective.
    if (next?.s === '-' && !next.spaced && lx[last + 2] && !lx[last + 2].spaced) {
      const adj = this.durationAdjective(`ein${lx[last + 2].n}`);
      if (adj) {
        this.emit('duration', p.value * MINUTES[adj[1]], adj[1], approx, start, last + 2);
        return last + 3;
      }
      // "a six-month review", "the 90-minute call"; in German only inside a compound ("das 90-Minuten-Gespräch"),
      // since "10-15 Minuten" is a range.
      const unit = DURATION_UNITS[lx[last + 2].n];
      const compound = lx[last + 3]?.s === '-' && !lx[last + 3].spaced;
      if (unit && (this.english || compound)) {
        this.emit('duration', p.value * MINUTES[unit], unit, approx, start, last + 2);
        return last + 3;
      }
    }
    // Ranges "zwei bis drei Stunden", "10-15 Minuten": one approximate quantity at the middle.
    if ((next?.n === 'bis' || next?.n === 'to' || (next?.s === '-' && !p.spelled)) && !p.articleOnly) {
      const q = this.numberPhrase(last + 2);
      if (q && !q.articleOnly && this.unitAfter(q.last) !== null) {
        p.value = (p.value + q.value) / 2;
        last = q.last;
        approx = true;
        next = lx[last + 1];
      }
    }
    const unit = this.unitAfter(last);
    if (unit) {
      let value = p.value;
      let end = unit.last;
      if (unit.kind === 'duration') {
        const halfAfter = this.andAHalf(end);
        if (halfAfter > end) {
          value += 0.5;
          end = halfAfter;
        }
        value *= MINUTES[unit.unit];
        // "zwei Stunden und 15 Minuten"
        const and = lx[end + 1];
        if (and && (and.n === 'und' || and.n === 'and')) {
          const q = this.numberPhrase(end + 2);
          const u = q ? this.unitAfter(q.last) : null;
          if (q && u && u.kind === 'duration' && MINUTES[u.unit] < MINUTES[unit.unit]) {
            value += q.value * MINUTES[u.unit];
            end = u.last;
          }
        }
      } else if (unit.kind === 'money' && unit.multiplier) {
        value *= unit.multiplier;
      }
      this.emit(unit.kind, value, unit.unit, approx, start, end);
      return end + 1;
    }
    if (p.articleOnly) return i + 1;
    // A currency symbol after the number: "5 €", "5 Mio. €".
    if (next && next.type === 'sym' && CURRENCY_SYMBOLS.has(next.s)) {
      this.emit('money', p.value, CURRENCIES[next.s], approx, start, last + 1);
      return last + 2;
    }
    if (!p.spelled && last === i && FOUR_DIGITS.test(t.s) && p.value >= 1000 && p.value <= 2199) {
      this.emit('year', p.value, undefined, approx, start, i);
      return i + 1;
    }
    // Labels ("Nr. 5", "No. 7", "#3") name a thing rather than count it.
    const label = lx[i - 1]?.s === '.' ? lx[i - 2] : lx[i - 1];
    if (label && (LABELS.has(label.n) || label.s === '#')) return last + 1;
    // Spelled-out "one"/"eins" alone is almost always an article or pronoun.
    if (p.spelled && p.value < 2) return last + 1;
    this.emit('count', p.value, undefined, approx, start, last);
    return last + 1;
  }

  /** Clock times: "um 20 Uhr", "20.45 Uhr", "20:45 Uhr", "8:30 a.m.", "8 pm". */
  private clockTime(i: number, hedge: number | null): number {
    const lx = this.lx;
    let s = lx[i].s;
    let j = i + 1;
    if (lx[j]?.s === ':' && !lx[j].spaced && lx[j + 1]?.type === 'num' && !lx[j + 1].spaced && lx[j + 1].s.length === 2) {
      s = `${s}:${lx[j + 1].s}`;
      j += 2;
    }
    const marker = lx[j];
    if (!marker) return i;
    let minutes: number | null = null;
    let last = j;
    if (marker.n === 'uhr') minutes = this.clockMinutes(s);
    else if (this.english && (marker.n === 'am' || marker.n === 'pm' || ((marker.n === 'a' || marker.n === 'p') && lx[j + 1]?.s === '.' && lx[j + 2]?.n === 'm'))) {
      minutes = this.clockMinutes(s);
      const pm = marker.n[0] === 'p';
      if (marker.n.length === 1) last = lx[j + 3]?.s === '.' && !lx[j + 3].spaced ? j + 3 : j + 2;
      if (minutes !== null && minutes < 13 * 60) minutes = (minutes % 720) + (pm ? 720 : 0);
    } else return i;
    if (minutes === null) return i;
    this.emit('date', minutes, 'time', hedge !== null, hedge ?? i, last);
    return last + 1;
  }

  private clockMinutes(s: string): number | null {
    const m = CLOCK.exec(s);
    if (!m) return null;
    const h = Number(m[1]);
    const min = m[2] ? Number(m[2]) : 0;
    return h < 25 && min < 60 ? h * 60 + min : null;
  }

  /** The unit right after lexeme `last`: duration, money or percent. */
  private unitAfter(last: number): { kind: 'duration' | 'money' | 'percent'; unit: string; last: number; multiplier?: number } | null {
    const lx = this.lx;
    let j = last + 1;
    let u = lx[j];
    if (!u) return null;
    if (u.s === '%' || u.s === '‰') return { kind: 'percent', unit: u.s === '%' ? 'percent' : 'permille', last: j };
    if (u.type === 'sym') return null;
    if (PERCENT_WORDS.has(u.n)) return { kind: 'percent', unit: 'percent', last: j };
    if (u.n === 'per' && lx[j + 1]?.n === 'cent') return { kind: 'percent', unit: 'percent', last: j + 1 };
    if (POINT_WORDS.has(u.n)) return { kind: 'percent', unit: 'point', last: j };
    if (u.n === 'percentage' && (lx[j + 1]?.n === 'points' || lx[j + 1]?.n === 'point')) return { kind: 'percent', unit: 'point', last: j + 1 };
    if (u.n in DURATION_UNITS) {
      // Abbreviations take their period with them.
      const end = (u.n === 'min' || u.n === 'std' || u.n === 'sek') && lx[j + 1]?.s === '.' && !lx[j + 1].spaced ? j + 1 : j;
      return { kind: 'duration', unit: DURATION_UNITS[u.n], last: end };
    }
    // "Euro", "US-Dollar", "Millionen Euro" handled by the multiplier before; "Mio. Dollar" too.
    if (u.n === 'us' && lx[j + 1]?.s === '-' && lx[j + 2]?.n === 'dollar') return { kind: 'money', unit: 'USD', last: j + 2 };
    if (u.n in CURRENCIES && (u.n !== 'm' || !u.spaced)) return { kind: 'money', unit: CURRENCIES[u.n], last: j };
    return null;
  }

  /** "12. Februar [2025]", "12 February [2025]" starting at the day number i. */
  private dayMonth(i: number): number {
    const lx = this.lx;
    const day = Number(lx[i].s);
    if (!ONE_OR_TWO_DIGITS.test(lx[i].s) || day < 1 || day > 31) return i;
    let j = i + 1;
    if (lx[j]?.s === '.') j++;
    else if (this.english && ORDINAL_SUFFIX.test(lx[j]?.n ?? '') && !lx[j].spaced) j++;
    if (this.english && lx[j]?.n === 'of') j++;
    const monthWord = lx[j];
    if (!monthWord || monthWord.type !== 'word') return i;
    const month = this.monthOf(monthWord);
    if (!month) return i;
    let end = j;
    if (lx[end + 1]?.s === '.' && !lx[end + 1].spaced && MONTH_ABBREVIATIONS.has(monthWord.n)) end++;
    const hedge = this.hedgeEndingBefore(i);
    const yearTok = lx[end + 1];
    if (yearTok?.type === 'num' && FOUR_DIGITS.test(yearTok.s)) {
      this.emit('date', Number(yearTok.s) * 10000 + month * 100 + day, 'ymd', hedge !== null, hedge ?? i, end + 1);
      return end + 2;
    }
    this.emit('date', month * 100 + day, 'md', hedge !== null, hedge ?? i, end);
    return end + 1;
  }

  private monthOf(t: Lexeme): number {
    // Month names are capitalised in both languages; "mai"/"may" lowercase are other words.
    if (!t.upper) return 0;
    return (this.german ? de.months[t.n] : 0) || (this.english ? en.months[t.n] : 0) || 0;
  }

  /** Dates read at a word: weekday, relative day, "February 12, 2025", "im Februar [2025]". */
  private wordDate(i: number): number {
    const lx = this.lx;
    const t = lx[i];
    const n = t.n;
    if (n in WEEKDAYS && t.upper) {
      let end = i;
      if (this.english && lx[i + 1]?.s === "'" && lx[i + 2]?.n === 's') end = i + 2;
      this.emit('date', WEEKDAYS[n], 'weekday', false, i, end);
      return end + 1;
    }
    const compound = this.german && n.length >= 10 ? WEEKDAY_COMPOUND.exec(n) : null;
    if (compound && t.upper) {
      this.emit('date', WEEKDAYS[compound[1]], 'weekday', false, i, i);
      return i + 1;
    }
    if (n in RELATIVE_DAYS && !startsUpper(t.s.slice(1) || 'a')) {
      // German "morgen" is "tomorrow" only lowercase; "heute Morgen" is this morning.
      this.emit('date', RELATIVE_DAYS[n], 'relative-day', false, i, i);
      return i + 1;
    }
    if (this.german && n === 'morgen' && t.s === 'morgen') {
      this.emit('date', 1, 'relative-day', false, i, i);
      return i + 1;
    }
    const month = this.monthOf(t);
    if (!month) return i;
    let j = i;
    if (lx[j + 1]?.s === '.' && !lx[j + 1].spaced && MONTH_ABBREVIATIONS.has(n)) j++;
    // "February 12, 2025", "Feb. 12"
    if (this.english && lx[j + 1]?.type === 'num' && ONE_OR_TWO_DIGITS.test(lx[j + 1].s)) {
      const day = Number(lx[j + 1].s);
      if (day >= 1 && day <= 31) {
        let end = j + 1;
        if (ORDINAL_SUFFIX.test(lx[end + 1]?.n ?? '') && !lx[end + 1].spaced) end++;
        const comma = lx[end + 1]?.s === ',' ? 1 : 0;
        const y = lx[end + 1 + comma];
        if (y?.type === 'num' && FOUR_DIGITS.test(y.s)) {
          this.emit('date', Number(y.s) * 10000 + month * 100 + day, 'ymd', false, i, end + 1 + comma);
          return end + 2 + comma;
        }
        this.emit('date', month * 100 + day, 'md', false, i, end);
        return end + 1;
      }
    }
    const y = lx[j + 1];
    if (y?.type === 'num' && FOUR_DIGITS.test(y.s)) {
      this.emit('date', Number(y.s) * 100 + month, 'ym', false, i, j + 1);
      return j + 2;
    }
    const prev = lx[i - 1];
    if (prev && MONTH_CONTEXT.has(prev.n)) {
      this.emit('date', month, 'month', false, i, j);
      return j + 1;
    }
    return i;
  }

  /** Numeric dates matched on the raw text: ISO "2025-02-12", German "12.02.2025", "12.2.". */
  /** Lexemes inside links are not read. */
  private skipUrls(): void {
    URL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = URL.exec(this.text))) {
      const end = m.index + m[0].length;
      for (let k = Math.max(0, this.lexemeAt(m.index)); k < this.lx.length && this.lx[k].start < end; k++) {
        if (this.lx[k].start >= m.index) this.used[k] = 1;
      }
    }
  }

  private numericDates(): void {
    const text = this.text;
    ISO_MONTH.lastIndex = 0;
    let ym: RegExpExecArray | null;
    while ((ym = ISO_MONTH.exec(text))) {
      const month = Number(ym[2]);
      const first = this.lexemeAt(ym.index);
      if (month < 1 || month > 12 || first < 0 || this.used[first]) continue;
      this.emit('date', Number(ym[1]) * 100 + month, 'ym', false, first, first + 2);
    }
    for (const re of [ISO_DATE, NUMERIC_DATE]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        let year: number | null;
        let month: number;
        let day: number;
        if (re === ISO_DATE) {
          year = Number(m[1]);
          month = Number(m[2]);
          day = Number(m[3]);
        } else {
          if (!this.german) continue;
          day = Number(m[1]);
          month = Number(m[2]);
          year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : null;
          // "12.2." needs its closing period to be a date rather than a decimal or a list.
          if (!m[3] && !m[0].endsWith('.')) continue;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31) continue;
        const start = m.index;
        const end = m.index + m[0].length;
        const first = this.lexemeAt(start);
        const last = this.lexemeBefore(end);
        if (first < 0 || last < first || this.used.subarray(first, last + 1).some((u) => u)) continue;
        this.emit('date', year === null ? month * 100 + day : year * 10000 + month * 100 + day, year === null ? 'md' : 'ymd', false, first, last);
      }
    }
  }

  private lexemeAt(offset: number): number {
    let lo = 0;
    let hi = this.lx.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.lx[mid].start < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return lo < this.lx.length && this.lx[lo].start === offset ? lo : -1;
  }

  private lexemeBefore(offset: number): number {
    let k = this.lexemeAt(offset);
    if (k < 0) {
      k = this.lx.length - 1;
      while (k >= 0 && this.lx[k].end > offset) k--;
      return k;
    }
    return k - 1;
  }

  private sentenceInitial(i: number): boolean {
    const prev = this.lx[i - 1];
    if (!prev) return true;
    if (prev.type === 'sym' && (prev.s === '.' || prev.s === '!' || prev.s === '?' || prev.s === ':' || prev.s === '„' || prev.s === '"' || prev.s === '“')) return true;
    return this.text.lastIndexOf('\n', this.lx[i].start) > prev.start;
  }

  /** Index of the first lexeme of a hedge ending right before i, or null. */
  private hedgeEndingBefore(i: number): number | null {
    const lx = this.lx;
    if (i < 1) return null;
    for (const h of HEDGES.get(lx[i - 1].n) ?? []) {
      const first = i - h.length;
      if (first < 0) continue;
      let ok = true;
      for (let k = 0; k < h.length; k++) {
        if (lx[first + k].n !== h[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      return first;
    }
    // Abbreviated hedges with their period: "ca. 300", "rd. 5 Mio.".
    if (i >= 2 && lx[i - 1].s === '.' && (lx[i - 2].n === 'ca' || lx[i - 2].n === 'rd' || lx[i - 2].n === 'approx')) return i - 2;
    return null;
  }

  private emit(kind: Quantity['kind'], value: number, unit: string | undefined, approx: boolean, first: number, last: number): void {
    const start = this.lx[first].start;
    const end = this.lx[last].end;
    for (let k = first; k <= last; k++) this.used[k] = 1;
    const q: Quantity = { kind, value, approx, start, end, text: this.text.slice(start, end) };
    if (unit !== undefined) q.unit = unit;
    this.out.push(q);
  }
}

/** Quantities stated in a text, in text order. */
export function extractQuantities(text: string, language: string): Quantity[] {
  return new Parser(text, lex(text), language).run();
}

/** A parser of no text per language, to ask mayStart of. */
const probes = new Map<string, Parser>();

/**
 * Whether a quantity can start at a word (normalised) in a text of this
 * language. A text without a digit, a currency sign or such a word holds no
 * quantity: extractQuantities finds none there.
 */
export function mayStartQuantity(word: string, language: string): boolean {
  let p = probes.get(language);
  if (p === undefined) probes.set(language, (p = new Parser('', [], language)));
  return p.mayStart(word);
}
