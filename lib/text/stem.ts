import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { normalise } from './normalise';

/**
 * Snowball stems for German and English; other languages get the normalised
 * word back (no stemmer is better than a wrong one). Results are cached per
 * language because news vocabulary repeats heavily across articles.
 */

const caches = new Map<string, Map<string, string>>();
const CACHE_LIMIT = 200_000;

function stemmerFor(language: string): ((w: string) => string) | null {
  const base = language.slice(0, 2).toLowerCase();
  if (base === 'de') return germanStemmer;
  if (base === 'en') return englishStemmer;
  return null;
}

/** Stem of `word` (normalised first, so any casing or typography may be passed). */
export function stem(word: string, language: string): string {
  const base = language.length > 2 ? language.slice(0, 2).toLowerCase() : language.toLowerCase();
  let cache = caches.get(base);
  if (!cache) {
    cache = new Map();
    caches.set(base, cache);
  }
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const norm = normalise(word);
  const fn = stemmerFor(base);
  const out = fn && norm.length > 2 && !/\d/.test(norm) ? fn(norm) : norm;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, out);
  return out;
}
