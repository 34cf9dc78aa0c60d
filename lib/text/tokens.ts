import { normalise } from './normalise';
import { stem } from './stem';
import { baseLanguage } from './language-tag';
import { isStopword, stopwordSet } from './stopwords';

/** One word or number of a text; offsets are UTF-16 indices into the original text (plus the caller's offset). */
export interface Token {
  /** Surface form, exactly as in the text. */
  text: string;
  /** normalise(text): lowercase, folded typography/umlauts, soft hyphens removed. */
  norm: string;
  /**
   * Matching key. Words: Snowball stem of the word, hyphens removed first so
   * "Friedens-Verhandlungen" and "Friedensverhandlungen" share it. Names: the
   * stem of the name without its genitive/possessive ending ("Trumps",
   * "Trump's" → stem of "Trump"). Numbers: the normalised text.
   */
  stem: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'name';
}

/*
 * A token is a run of letters and digits, optionally joined by hyphens or
 * apostrophes ("US-Präsident", "G20-Gipfel", "Trump's"), a dotted acronym
 * ("U.S."), or a number with thousands/decimal/score separators ("1.000,5",
 * "4:2"). Soft hyphens count as word characters so a hyphenated line break
 * does not cut a word in two.
 *
 * The first alternative is a shortcut for the commonest token, a word of
 * Latin-1 letters (lowercase, or one capital and then lowercase), taken only
 * where the last alternative would end it too (neither a word character nor
 * a joined word follows). No other alternative can match where it does (they
 * start with a capital and a period, or with a digit), so the tokens are the
 * same; most characters are tested against a few ranges instead of the
 * Unicode property tables.
 */
const TOKEN =
  /[A-Z\u00C0-\u00D6\u00D8-\u00DE]?[a-z\u00DF-\u00F6\u00F8-\u00FF]+(?![\p{L}\p{M}\p{N}\u00AD]|[-\u2010\u2011'\u2019][\p{L}\p{M}\p{N}\u00AD])|(?:\p{Lu}\.){2,}|\p{N}+(?:[.,:/]\p{N}+)+(?:[-\u2010\u2011][\p{L}\p{M}\p{N}\u00AD]+)+|\p{N}+(?:[.,:/]\p{N}+)*(?![\p{L}\p{M}\p{N}\u00AD]|[-\u2010\u2011'\u2019][\p{L}\p{N}])|[\p{L}\p{M}\p{N}\u00AD]+(?:[-\u2010\u2011'\u2019][\p{L}\p{M}\p{N}\u00AD]+)*/gu;
const HYPHENS_ALL = /[-\u2010\u2011]/g;
const POSSESSIVE = /['\u2019]s?$/;
// Acronyms (USA, DFB, U.S.) and internal capitals (VfB, McDonald) mark names in any language.
const ACRONYM_OR_CAMEL = /^(?:\p{Lu}[\p{Lu}\d.]+|\p{Lu}?[\p{Ll}]+\p{Lu}[\p{L}]*)$/u;
// Letters after which the German Snowball stemmer does not strip a final -s (e.g. "Trumps", "Obamas").
const KEEPS_S = /[^bdfghklmnrts]s$/;

export { isStopword } from './stopwords';

/** Sentence-initial: only opening punctuation between the token and a sentence end, colon, line break or text start. */
function atSentenceStart(text: string, start: number): boolean {
  // Char codes, not characters: text[k] makes a new string for every character beyond Latin-1 („ “ – …).
  let k = start - 1;
  while (k >= 0) {
    const c = text.charCodeAt(k);
    // space, tab, no-break space, CR, ( [ „ " “ « » ‚ ‘ ' - – —
    if (c === 32 || c === 9 || c === 0xa0 || c === 13 || c === 40 || c === 91 || c === 0x201e || c === 34 || c === 0x201c || c === 0xab || c === 0xbb || c === 0x201a || c === 0x2018 || c === 39 || c === 45 || c === 0x2013 || c === 0x2014) {
      k--;
      continue;
    }
    // . ! ? : LF …
    return c === 46 || c === 33 || c === 63 || c === 58 || c === 10 || c === 0x2026;
  }
  return true;
}

/** Whether a token has a letter; tokens are mostly ASCII, so char codes decide without a regex. */
function hasLetter(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0) return true;
  }
  return false;
}

function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  const first = s[0];
  return first !== first.toLowerCase();
}

/**
 * Cheap pre-check for ACRONYM_OR_CAMEL: an uppercase letter after the first (or a character it cannot tell apart
 * so cheaply). Latin-1's lowercase letters (ß, ä, ö, ü, é: 0xDF-0xFF but ÷) are none: a German word with an umlaut
 * is spared the pattern, which needs an uppercase letter after the first, or nothing but uppercase, digits and dots.
 */
function hasInnerCapital(s: string): boolean {
  for (let k = 1; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if ((c >= 65 && c <= 90) || (c >= 0xc0 && (c < 0xdf || c > 0xff || c === 0xf7))) return true;
  }
  return false;
}

/** Same as POSSESSIVE.test on a normalised word (apostrophes are ASCII after normalise). */
function endsPossessive(norm: string): boolean {
  const n = norm.length;
  const last = norm.charCodeAt(n - 1);
  return last === 39 || (last === 115 && n > 1 && norm.charCodeAt(n - 2) === 39);
}

/** Whether s has a hyphen (-, U+2010, U+2011), by char codes: asked of nearly every token, most of which have none. */
function hasHyphen(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 45 || c === 0x2010 || c === 0x2011) return true;
  }
  return false;
}

function wordStem(norm: string, language: string): string {
  return stem(hasHyphen(norm) ? norm.replace(HYPHENS_ALL, '') : norm, language);
}

/** German determiners and possessives: a noun follows them, a name's genitive does not. */
const DETERMINER = /^(?:der|die|das|des|dem|den|ein|eine|einen|einem|einer|eines|kein\w*|mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*|eure?\w*|dies\w*|jene?\w*|jede?\w*|manch\w*|welch\w*|solch\w*|alle?\w*)$/;
const ADJECTIVE_ENDING = /(?:e|en|er|es|em)$/;
/** Genitive -s after a consonant no German noun ends in before -s ("Trumps", "Selenskyjs"). */
const NAME_GENITIVE_AFTER_CONSONANT = /[pj]s$/;
/**
 * Other genitive -s ("Putins", "Bidens"): a name only right after a first
 * name or title. Endings of common nouns (-ss, -us, -is, -es), of first names
 * ("Jonas", "Andreas" before their surname) and of English plurals ("Fox
 * News") are left alone.
 */
const NAME_GENITIVE_AFTER_NAME = /[^suieaw]s$/;

/** /^[A-ZÄÖÜ]{2,6}$/.test(s) by char codes: asked of every capitalised stopword ("Der", "Sie"), which the second letter decides. */
function isAllCaps(s: string): boolean {
  if (s.length < 2 || s.length > 6) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || c === 0xc4 || c === 0xd6 || c === 0xdc)) return false;
  }
  return true;
}

function allCaps(t: Token | undefined): boolean {
  return t !== undefined && t.kind !== 'number' && isAllCaps(t.text);
}

/**
 * An all-caps word that is not part of an all-caps headline is an acronym,
 * even where it spells a stopword: "US", "IT", "WHO".
 */
function standaloneAcronym(tokens: Token[], i: number): boolean {
  return allCaps(tokens[i]) && !allCaps(tokens[i - 1]) && !allCaps(tokens[i + 1]);
}

function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 0xa0 && c !== 9) return false;
  }
  return from <= to;
}

/**
 * A German name in the genitive that is not also named bare in the text:
 * "Trumps Zölle", "Barack Obamas Frau", "Selenskyjs engster Berater". The
 * genitive stands without article and right before the noun (or its
 * adjective) it governs.
 */
function germanGenitiveName(text: string, tokens: Token[], i: number, offset: number): boolean {
  const t = tokens[i];
  const norm = t.norm;
  if (norm.length < 4 || hasHyphen(norm)) return false;
  const prev = tokens[i - 1];
  const prevAdjacent = prev !== undefined && onlySpaceBetween(text, prev.end - offset, t.start - offset);
  if (prevAdjacent && (DETERMINER.test(prev.norm) || (!startsUpper(prev.text) && ADJECTIVE_ENDING.test(prev.norm)))) return false;
  if (!NAME_GENITIVE_AFTER_CONSONANT.test(norm)) {
    const afterName =
      NAME_GENITIVE_AFTER_NAME.test(norm) &&
      prevAdjacent &&
      prev.kind !== 'number' &&
      startsUpper(prev.text) &&
      !ACRONYM_OR_CAMEL.test(prev.text) &&
      !ADJECTIVE_ENDING.test(prev.norm);
    if (!afterName) return false;
  }
  const next = tokens[i + 1];
  if (!next || next.kind !== 'word' || !onlySpaceBetween(text, t.end - offset, next.start - offset)) return false;
  if (startsUpper(next.text)) return !isStopword(next.norm, 'de');
  const after = tokens[i + 2];
  return ADJECTIVE_ENDING.test(next.norm) && after !== undefined && startsUpper(after.text) && !isStopword(next.norm, 'de');
}

/** Endings of German common nouns (abstract suffixes, plurals); names rarely end so. */
const NOUN_ENDING =
  /(?:ung|heit|keit|schaft|tion|tat|ismus|nis|nisse|chen|lein|ment|ium|ik|ur|ei|ling|en|ern|million|milliarde)$/;
const DETERMINER_OR_CONTRACTION = /^(?:im|am|zum|zur|vom|beim|ins|ans|aufs|ums|durchs|furs)$/;

/**
 * German capitalises every noun, so a name shows itself only in how it is
 * used across a text: it recurs (at least twice, once mid-sentence) in one
 * form, and never after an article, determiner, adjective or number
 * ("Putin", "Hegseth", "Millot" – but not "der Krieg", "im Weißen Haus",
 * "zwölf Minuten"). Returns the stems of such words; the stem of each word
 * it looks at is kept in `normStems`, by token.
 */
function germanNameStems(text: string, tokens: Token[], initial: boolean[], offset: number, normStems: Array<string | undefined>): Set<string> {
  const stats = new Map<string, { n: number; mid: number; modified: boolean; form: string; forms: number }>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || !startsUpper(t.text) || hasHyphen(t.norm) || isStopword(t.norm, 'de')) continue;
    const key = wordStem(t.norm, 'de');
    normStems[i] = key;
    const form = t.norm.endsWith('s') ? t.norm.slice(0, -1) : t.norm;
    let st = stats.get(key);
    if (!st) {
      st = { n: 0, mid: 0, modified: false, form, forms: 1 };
      stats.set(key, st);
    } else if (st.form !== form) st.forms++;
    st.n++;
    if (!initial[i]) st.mid++;
    if (!st.modified && isModified(text, tokens, i, offset)) st.modified = true;
  }
  const out = new Set<string>();
  // forEach, not a destructuring for-of: an iterator per entry until the JIT optimises it, and a text is tokenized once.
  stats.forEach((st, key) => {
    if (st.n >= 2 && st.mid >= 1 && !st.modified && st.forms === 1 && !NOUN_ENDING.test(st.form)) out.add(key);
  });
  return out;
}

/** Whether a German noun-candidate follows an article, determiner, adjective or number. */
function isModified(text: string, tokens: Token[], i: number, offset: number): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  if (!prev) return false;
  const gap = text.slice(prev.end - offset, t.start - offset);
  if (prev.kind === 'number') return gap.length <= 2 && (gap === '' || gap.trim() === '' || gap.trim() === '.');
  if (gap.trim() !== '') return false;
  if (DETERMINER.test(prev.norm) || DETERMINER_OR_CONTRACTION.test(prev.norm)) return true;
  if (!ADJECTIVE_ENDING.test(prev.norm)) return false;
  // "neuen Plan", and "im Weißen Haus" where the adjective is capitalised in a name-like phrase.
  if (!startsUpper(prev.text)) return !isStopword(prev.norm, 'de');
  const before = tokens[i - 2];
  return before !== undefined && (DETERMINER.test(before.norm) || DETERMINER_OR_CONTRACTION.test(before.norm));
}

/**
 * Words and numbers of `text` with offsets (+ `offset`, for callers that pass
 * a slice). Names are recognised per text:
 * - any language: acronyms and internally capitalised words (USA, VfB);
 *   possessives ("Trump's"); a capitalised word whose genitive in -s also
 *   occurs ("Putin" … "Putins");
 * - English: capitalised words that are not sentence-initial (or are
 *   capitalised mid-sentence elsewhere in the text);
 * - German: recurring capitalised words never used after an article,
 *   determiner, adjective or number (germanNameStems), and genitives that
 *   stand before their noun without article ("Trumps Zölle").
 * German names mentioned once, bare, stay 'word'; their stem is the same
 * either way.
 */
export function tokenize(text: string, language: string, offset = 0): Token[] {
  const lang = baseLanguage(language || 'und');
  const tokens: Token[] = [];
  const initial: boolean[] = [];
  // All matches in one call (no match object per token, which exec makes). Every letter, mark, digit or soft hyphen
  // starts a match (the last alternative takes any run of them) and every token starts with one, so each token starts
  // at the first place it occurs from the end of the one before: only other characters lie between them.
  const all = text.match(TOKEN);
  let end = 0;
  for (let k = 0; all !== null && k < all.length; k++) {
    const surface = all[k];
    const start = text.indexOf(surface, end);
    end = start + surface.length;
    const norm = normalise(surface);
    if (!norm) continue;
    const kind: Token['kind'] = hasLetter(surface) ? 'word' : 'number';
    tokens.push({ text: surface, norm, stem: '', start: start + offset, end: start + surface.length + offset, kind });
    initial.push(kind === 'word' && atSentenceStart(text, start));
  }

  // Capitalised forms seen mid-sentence, for the name rules.
  const midCapitalised = new Set<string>();
  const capitalised = new Set<string>();
  // The capitalised forms ending in -s, without it: whether a word's genitive occurs is asked of most capitalised
  // words, and a lookup here spares a string made for each.
  const capitalisedGenitiveBases = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || !startsUpper(t.text)) continue;
    const bare = endsPossessive(t.norm) ? t.norm.replace(POSSESSIVE, '') : t.norm;
    capitalised.add(bare);
    if (bare.endsWith('s')) capitalisedGenitiveBases.add(bare.slice(0, -1));
    if (!initial[i]) midCapitalised.add(bare);
  }

  // The stems of the words as written that the German name rules work out, by token: the last pass asks them again.
  const normStems: Array<string | undefined> = [];
  const germanNames = lang === 'de' ? germanNameStems(text, tokens, initial, offset, normStems) : null;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'number') {
      t.stem = t.norm;
      continue;
    }
    if (!startsUpper(t.text) || (isStopword(t.norm, lang) && !standaloneAcronym(tokens, i))) {
      t.stem = wordStem(t.norm, lang);
      continue;
    }
    let base = t.norm;
    let name = hasInnerCapital(t.text) && ACRONYM_OR_CAMEL.test(t.text);
    if (endsPossessive(base) && base.length > 2) {
      // "Trump's", "Obama’s" – an apostrophe ending on a capitalised word is a possessive.
      const bare = base.replace(POSSESSIVE, '');
      if (!isStopword(bare, lang)) {
        base = bare;
        name = true;
      }
    } else if (base.endsWith('s') && base.length > 3 && capitalised.has(base.slice(0, -1))) {
      // Genitive of a word that also occurs bare in the same text. In German only
      // names take a bare -s after letters the stemmer keeps ("Trumps", "Obamas");
      // after other letters ("Putins", "Kriegs") the stemmer strips it anyway.
      base = base.slice(0, -1);
      if (lang !== 'de' || KEEPS_S.test(t.norm)) name = true;
    } else if (lang === 'de' && !name && germanGenitiveName(text, tokens, i, offset)) {
      base = base.slice(0, -1);
      name = true;
    }
    if (!name && lang === 'en' && (!initial[i] || midCapitalised.has(t.norm))) name = true;
    // The stem of the word as written, asked at most once here (most German nouns come this way).
    let normStem: string | undefined;
    if (!name && germanNames !== null && germanNames.has((normStem = normStems[i] ?? wordStem(t.norm, lang)))) name = true;
    if (!name && capitalisedGenitiveBases.has(t.norm) && (lang !== 'de' || KEEPS_S.test(t.norm + 's'))) name = true;
    t.kind = name ? 'name' : 'word';
    t.stem = normStem !== undefined && base === t.norm ? normStem : wordStem(base, lang);
  }
  return tokens;
}

/**
 * Matching keys of the content words of a text, in text order with
 * repetitions: stems of tokens that are not stopwords. A hyphenated compound
 * yields its whole stem and then the stems of its non-stopword parts
 * ("US-Präsident" → usprasident, us, prasident).
 */
export function contentTerms(text: string, language: string): string[] {
  return contentTermsOf(tokenize(text, language), language);
}

/** contentTerms of a text already tokenized (`tokenize(text, language)`), for a caller that needs the tokens too. */
export function contentTermsOf(tokens: readonly Token[], language: string): string[] {
  const lang = baseLanguage(language || 'und');
  const out: string[] = [];
  // isStopword's own first test, made here on the language's set: most tokens are decided by it, without a call.
  const stopwords = stopwordSet(lang);
  // Indexed, not for-of: an iterator result per token until the JIT optimises this, and a page is looked up once.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'name' && (stopwords.has(t.norm) || (t.norm.indexOf("'") > 0 && isStopword(t.norm, lang)))) continue;
    if (t.kind === 'word' && t.norm.length < 2) continue;
    out.push(t.stem);
    if (t.kind !== 'number' && hasHyphen(t.norm)) {
      const parts = t.norm.split(HYPHENS_ALL);
      const surfaces = t.text.split(HYPHENS_ALL);
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p];
        if (part.length < 2 || (isStopword(part, lang) && !isAllCaps(surfaces[p] ?? ''))) continue;
        // The last part carries the genitive, so it gets the whole token's ending treatment.
        const partStem = p === parts.length - 1 && t.kind === 'name' ? wordStem(part.replace(POSSESSIVE, ''), lang) : stem(part, lang);
        out.push(partStem);
      }
    }
  }
  return out;
}
