import { normalise } from './normalise';
import { stem } from './stem';
import { isStopword } from './stopwords';
import { baseLanguage } from './language-tag';

/*
 * German writes compounds closed ("Friedensverhandlungen") where English and
 * other German outlets write a phrase ("Verhandlungen über einen Frieden").
 * Splitting against a vocabulary of stems the engine has seen lets both
 * share terms. A part must be a known stem and not a function word, so
 * "Beitrag" is not read as "bei" + "Trag" and "Verhandlungen" is not
 * "ver" + "Handlungen" unless "ver" is a word in the vocabulary.
 */

/** Predicate over stems (as stem() returns them): is this stem a word of the vocabulary? */
export type KnownStem = (stem: string) => boolean;

/** Shortest final part ("Amt" in "Kanzleramt", "Tag" in "Bundestag"). */
const MIN_PART = 3;
/**
 * Shortest modifier. Three-letter modifiers are mostly fragments of prefixes
 * or prepositions ("unt|erstützung", "geg|enseite") rather than words.
 */
const MIN_MODIFIER = 4;
/** Shortest head noun the vocabulary-free variant accepts. */
const MIN_HEAD = 4;
/** Longest word worth splitting; beyond it the search only costs time. */
const MAX_WORD = 60;
/** Linking elements (Fugenelemente) between German compound parts, longest first. */
const LINKERS = ['es', 's', 'ens', 'en', 'er', 'n', 'e'];
/**
 * The genitive-like linkers are tried before the bare modifier, the others
 * after it, so the modifier comes out as the word itself: "Friedens" →
 * "frieden", "Landes" → "land", but "Ukraine" stays "ukraine".
 */
const LINKERS_BEFORE_BARE = 2;
const HYPHENS = /[-\u2010\u2011]+/;
const UPPER_START = /^\p{Lu}/u;
const LAST_HYPHEN = /[-\u2010\u2011][^-\u2010\u2011]*$/;

/**
 * Parts of a compound as normalised words, the linking element dropped from
 * the non-final parts ("Friedensverhandlungen" → ["frieden", "verhandlungen"]
 * when "fried"/"frieden" and "verhandl" are known stems), or null when the
 * word cannot be split completely into known parts. Hyphenated words are split
 * at their hyphens and the pieces split further. The longest known final part
 * wins, then the fewest parts.
 *
 * Pass the surface form: in German only capitalised words (nouns) are split,
 * because lowercase verbs and adjectives start with particles ("zusammen",
 * "unter") and end with inflections ("-enden") that look like parts.
 */
export function splitCompound(word: string, known: KnownStem, language = 'de'): string[] | null {
  const norm = normalise(word);
  if (norm.length > MAX_WORD) return null;
  if (isStopword(norm, language)) return null;
  if (HYPHENS.test(norm)) {
    const out: string[] = [];
    const pieces = word.split(HYPHENS).filter((p) => p.length > 0);
    for (let k = 0; k < pieces.length; k++) {
      const parts = splitCompound(pieces[k], known, language);
      const piece = normalise(pieces[k]);
      if (parts) out.push(...parts);
      else if (k < pieces.length - 1) out.push(knownModifier(piece, known, language) ?? piece);
      else out.push(piece);
    }
    return out.length > 1 ? out : null;
  }
  if (baseLanguage(language) === 'de' && !UPPER_START.test(word)) return null;
  const memo = new Map<string, string[] | null>();
  return splitRest(norm, known, language, memo, MIN_PART);
}

/** Best split of `s` into at least two known parts. */
function splitRest(
  s: string,
  known: KnownStem,
  language: string,
  memo: Map<string, string[] | null>,
  minTail: number,
): string[] | null {
  const key = minTail === MIN_PART ? s : `${s}|`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  let best: string[] | null = null;
  for (let i = MIN_MODIFIER; i <= s.length - minTail; i++) {
    // Inside a modifier the last part is itself a modifier and may carry a linking element.
    const tail = minTail === MIN_PART ? s.slice(i) : knownModifier(s.slice(i), known, language);
    if (!tail || !isPart(tail, known, language)) continue;
    const head = s.slice(0, i);
    const headPart = knownModifier(head, known, language);
    if (headPart) {
      best = [headPart, tail];
      break;
    }
    const headParts = splitModifier(head, known, language, memo);
    if (headParts) {
      best = [...headParts, tail];
      break;
    }
  }
  memo.set(key, best);
  return best;
}

/** A modifier that splits into parts itself ("Bundesverfassungs" in "Bundesverfassungsgericht"). */
function splitModifier(head: string, known: KnownStem, language: string, memo: Map<string, string[] | null>): string[] | null {
  const direct = splitRest(head, known, language, memo, MIN_MODIFIER);
  if (direct) return direct;
  for (const linker of LINKERS) {
    if (head.length - linker.length < MIN_MODIFIER + MIN_PART || !head.endsWith(linker)) continue;
    const parts = splitRest(head.slice(0, -linker.length), known, language, memo, MIN_MODIFIER);
    if (parts) return parts;
  }
  return null;
}

/** The modifier as a known word, with its linking element removed where that gives a known word. */
function knownModifier(head: string, known: KnownStem, language: string): string | null {
  if (isStopword(head, language)) return null;
  for (let k = 0; k < LINKERS.length; k++) {
    if (k === LINKERS_BEFORE_BARE && isPart(head, known, language)) return head;
    const linker = LINKERS[k];
    if (head.length - linker.length < MIN_MODIFIER || !head.endsWith(linker)) continue;
    const bare = head.slice(0, -linker.length);
    if (isPart(bare, known, language)) return bare;
  }
  return null;
}

function isPart(s: string, known: KnownStem, language: string): boolean {
  return s.length >= MIN_PART && !isStopword(s, language) && known(stem(s, language));
}

/**
 * Head noun of a compound without needing the modifier to be known: the
 * longest proper suffix of at least four letters whose stem is in the
 * vocabulary ("Kremlchef" → "chef", "Friedensverhandlungen" →
 * "verhandlungen"), or null. German compounds take meaning and gender from
 * their last part, so the head is what a phrase elsewhere names.
 */
export function compoundHead(word: string, known: KnownStem, language = 'de'): string | null {
  const norm = normalise(word);
  const hyphen = norm.search(LAST_HYPHEN);
  if (hyphen > 0) {
    // The last hyphenated piece is the head, or contains it.
    const last = norm.slice(hyphen + 1);
    return compoundHead(last, known, language) ?? (last.length >= MIN_HEAD ? last : null);
  }
  for (let i = 1; i <= norm.length - MIN_HEAD; i++) {
    const tail = norm.slice(i);
    if (!isStopword(tail, language) && known(stem(tail, language))) return tail;
  }
  return null;
}

/** Stems of a compound's parts (empty when it does not split), for adding to a text's terms. */
export function compoundStems(word: string, known: KnownStem, language = 'de'): string[] {
  const parts = splitCompound(word, known, language);
  return parts ? parts.map((p) => stem(p, language)) : [];
}
