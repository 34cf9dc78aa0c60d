import { deu, eng } from 'stopword';
import { baseLanguage } from './language-tag';
import { normalise } from './normalise';

/*
 * Stopword lists of the `stopword` package, normalised like tokens are
 * (ß→ss, umlauts folded) so they can be looked up by Token.norm. Languages
 * without a list use both, since German and English are what news pages
 * quote most.
 */

const foldSet = (words: string[]) => new Set(words.map((w) => normalise(w)));
const GERMAN = foldSet(deu);
const ENGLISH = foldSet(eng);
const BOTH = new Set([...GERMAN, ...ENGLISH]);

/** The normalised stopwords of a language. */
export function stopwordSet(language: string): ReadonlySet<string> {
  // Asked once per token, nearly always with the tag of the call before.
  if (language === lastTag) return lastSet;
  const base = baseLanguage(language);
  lastSet = base === 'de' ? GERMAN : base === 'en' ? ENGLISH : BOTH;
  lastTag = language;
  return lastSet;
}

let lastTag: string | undefined;
let lastSet: ReadonlySet<string> = BOTH;

/** Whether a normalised word is a stopword of the language. */
export function isStopword(norm: string, language: string): boolean {
  const list = stopwordSet(language);
  if (list.has(norm)) return true;
  // Contractions and clitics ("it's", "don't", "we'll") are stopwords when their host is.
  const apostrophe = norm.indexOf("'");
  if (apostrophe <= 0) return false;
  const host = norm.endsWith("n't") ? norm.slice(0, -3) : norm.slice(0, apostrophe);
  return list.has(host) || list.has(norm.slice(0, apostrophe));
}
