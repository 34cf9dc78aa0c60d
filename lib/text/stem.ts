import { normalise } from './normalise';
import { baseLanguage } from './language-tag';
import { stemEnglish } from './english-stemmer';
import { stemGerman } from './german-stemmer';

/**
 * Snowball stems for German, Porter stems for English (the stems of
 * @orama/stemmers, written out here: german-stemmer.ts, english-stemmer.ts);
 * other languages get the normalised word back (no stemmer is better than a
 * wrong one). Results are cached per language because news vocabulary
 * repeats heavily across articles.
 */

const caches = new Map<string, Map<string, string>>();
const CACHE_LIMIT = 200_000;
const HAS_DIGIT = /\d/;

function stemmerFor(base: string): ((w: string) => string) | null {
  if (base === 'de') return stemGerman;
  if (base === 'en') return stemEnglish;
  return null;
}

let lastLanguage = '';
let lastCache: Map<string, string> = new Map();
let lastStemmer: ((w: string) => string) | null = null;

/** Stem of `word` (normalised first, so any casing or typography may be passed). */
export function stem(word: string, language: string): string {
  // Callers stem a whole text in one language; skip the tag lookup when it repeats.
  if (language !== lastLanguage) {
    const base = baseLanguage(language);
    let cache = caches.get(base);
    if (!cache) {
      cache = new Map();
      caches.set(base, cache);
    }
    lastLanguage = language;
    lastCache = cache;
    lastStemmer = stemmerFor(base);
  }
  const cache = lastCache;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const norm = normalise(word);
  const fn = lastStemmer;
  const out = fn && norm.length > 2 && !HAS_DIGIT.test(norm) ? fn(norm) : norm;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, out);
  return out;
}
