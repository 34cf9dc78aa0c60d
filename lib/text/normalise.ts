/**
 * Folding of surface variation that carries no meaning for matching: case,
 * typography, German ß and umlauts.
 *
 * Umlauts fold to the bare vowel (ä→a, ö→o, ü→u), not to ae/oe/ue: the German
 * Snowball stemmer folds them the same way, so a normalised word and an
 * un-normalised one reach the same stem, and news text practically never spells
 * "ae" for "ä" (while "ae" does occur in ordinary words: "Israel", "Michael").
 * Other Latin diacritics (é, č, ñ) are stripped too, so that "Selenskyj" and a
 * transliteration with accents compare equal.
 */

const TYPOGRAPHY: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u00B4': "'", '\u0060': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"', '\u2039': "'", '\u203A': "'", '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00A0': ' ', '\u202F': ' ', '\u2007': ' ', '\u2009': ' ', '\u200A': ' ',
  '\u00AD': '', '\u200B': '', '\u200C': '', '\u200D': '', '\u2060': '', '\uFEFF': '',
  '\u00DF': 'ss', '\u1E9E': 'ss',
  '\u2026': '...',
};

const SPECIAL = /[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u201C-\u201F\u00AB\u00BB\u2039\u203A\u2033\u2010-\u2015\u2212\u00A0\u202F\u2007\u2009\u200A\u00AD\u200B-\u200D\u2060\uFEFF\u00DF\u1E9E\u2026]/g;
const COMBINING = /[\u0300-\u036f]/g;
// Only strings with a character outside printable ASCII (or a backtick, an apostrophe stand-in) need the slow path.
const NON_ASCII = /[^\x20-\x5f\x61-\x7e]/;

/**
 * !NON_ASCII.test(s) without a regex (this runs for every token of every text): 0 when it fails, 1 for a string
 * without capitals, which its lowercase is already (no copy made), 2 for one with.
 */
function plainAscii(s: string): 0 | 1 | 2 {
  let capitals = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x60) return 0;
    if (c >= 0x41 && c <= 0x5a) capitals = true;
  }
  return capitals ? 2 : 1;
}

/** One character as the slow path folds it. */
function folded(c: string): string {
  return c.normalize('NFD').replace(COMBINING, '').normalize('NFC');
}

/**
 * The slow path's folding of each character up to U+00FF, worked out by it. A
 * text of such characters folds character by character to the same string:
 * their decompositions add only marks the fold removes, and none of them
 * composes with a character beside it (tests/lib/text/normalise.test.ts
 * checks every pair). Most words that need folding are of this kind
 * (umlauts, accents), and a word met for the first time is spared the two
 * normalisations.
 */
const LATIN1_FOLDED: string[] = Array.from({ length: 0x100 }, (_, c) => folded(String.fromCharCode(c)));

/** The fold of a text of characters up to U+00FF, or null for any other. */
function latin1Folded(s: string): string | null {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return null;
    out += LATIN1_FOLDED[c];
  }
  return out;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * Lowercase; typographic quotes, apostrophes and dashes to ASCII; ß → ss;
 * umlauts and other diacritics folded; no-break and thin spaces to plain
 * spaces (they separate words like spaces do); soft hyphens and zero-width
 * characters removed.
 */
export function normalise(s: string): string {
  const ascii = plainAscii(s);
  if (ascii !== 0) return ascii === 1 ? s : s.toLowerCase();
  const short = s.length <= 40;
  if (short) {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
  }
  let out = s.replace(SPECIAL, (c) => TYPOGRAPHY[c] ?? c).toLowerCase();
  if (NON_ASCII.test(out)) out = latin1Folded(out) ?? out.normalize('NFD').replace(COMBINING, '').normalize('NFC');
  if (short) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(s, out);
  }
  return out;
}
