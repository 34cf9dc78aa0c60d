import { franc, francAll } from 'franc-min';
import { baseLanguage } from './language-tag';
import { stopwordSet } from './stopwords';

export { baseLanguage };
export { isSupportedLanguage } from './language-tag';

/*
 * Language of a text, as a two-letter ISO 639-1 code where one exists
 * ('de', 'en', 'fr', …), otherwise franc's ISO 639-3 code, or 'und' when the
 * text is too short or unclear. franc-min covers the ~80 languages with the
 * most speakers, which includes every language news pages are likely to be in.
 *
 * languageOf is the one decision: a stored article, a page in the browser and
 * a file on the command line get their language from it, so the same text is
 * read (segmented, stemmed, cleaned) the same way wherever it comes from.
 */

/**
 * The language of a text: the first declared tag that names a language (the
 * caller's, a page's <html lang>, an article header's "lang:"/"language:"),
 * else what the text's words say (detectLanguage). A declaration wins because
 * it is the outlet's own word; one that names no language ('und', '') is no
 * declaration.
 */
export function languageOf(text: string, ...declared: ReadonlyArray<string | null | undefined>): string {
  for (const tag of declared) {
    const code = baseLanguage(tag);
    if (code !== 'und') return code;
  }
  return detectLanguage(text);
}

/** franc needs some text; below this many letters its guesses are noise. */
const MIN_LETTERS = 20;
/** More text only costs time: franc's trigram profile is stable well before this. */
const SAMPLE = 800;
/**
 * Headlines and teasers are too short for trigram statistics alone ("Trump
 * telefoniert mit Putin" scores as Hungarian). Below this length, function
 * words decide between German and English when franc also ranks that
 * language among its close candidates.
 */
const SHORT_TEXT = 400;
const CANDIDATE_MARGIN = 0.6;
const MIN_FUNCTION_SHARE = 0.15;
const PLAIN_SHARE = 0.25;
const STRAY_SHARE = 0.05;
const MIN_PLAIN_WORDS = 40;
const LETTER = /\p{L}/gu;
const WORD = /\p{L}{2,}/gu;

// German stopwords that are also everyday English words ("will", "war", "man") say nothing here.
const ENGLISH_LOOKALIKES = ['will', 'war', 'man', 'bin', 'mine', 'also', 'so', 'rest', 'gut', 'fast'];
const GERMAN_FUNCTION_WORDS = new Set(
  [...stopwordSet('de')].filter((w) => w.length > 1 && !stopwordSet('en').has(w) && !ENGLISH_LOOKALIKES.includes(w)),
);
// The English list of the stopword package lacks some of the commonest headline words.
const ENGLISH_FUNCTION_WORDS = new Set(
  [...stopwordSet('en'), 'will', 'not', 'says', 'amid', 'its', 'new', 'against'].filter(
    (w) => w.length > 1 && !GERMAN_FUNCTION_WORDS.has(w),
  ),
);
// Function words of Afrikaans and Dutch that German lacks: with "die" in common, a short Afrikaans
// text otherwise counts as German.
const DUTCH_AFRIKAANS_WORDS = new Set(['het', 'nie', 'van', 'vir', 'en', 'is', 'dat', 'sal', 'wat', 'om', 'te', 'op', 'met', 'een', 'de', 'niet', 'ook', 'maar', 'hulle', 'sy', 'ons', 'deur', 'word', 'nog', 'zijn', 'heeft']);
// Words of both lists ("in", "am", "so") say nothing of which of the two a text is in.
const ENGLISH_ONLY_WORDS = new Set([...ENGLISH_FUNCTION_WORDS].filter((w) => !stopwordSet('de').has(w)));

function countIn(words: readonly string[], set: ReadonlySet<string>): number {
  let n = 0;
  for (const w of words) if (set.has(w)) n++;
  return n;
}

/**
 * A quarter or more of a German text's words are German function words, and
 * almost none English ones (and the other way round); other languages reach
 * neither (Afrikaans, with its "die", about 15 %). Such a text needs no
 * trigram statistics, which cost most of the detection.
 */
function plainlyGermanOrEnglish(sample: string): 'de' | 'en' | null {
  const words = sample.toLowerCase().match(WORD);
  if (!words || words.length < MIN_PLAIN_WORDS) return null;
  const german = countIn(words, GERMAN_FUNCTION_WORDS);
  const english = countIn(words, ENGLISH_ONLY_WORDS);
  const share = (n: number) => n / words.length;
  if (share(german) >= PLAIN_SHARE && share(english) <= STRAY_SHARE) return 'de';
  if (share(english) >= PLAIN_SHARE && share(german) <= STRAY_SHARE) return 'en';
  return null;
}

/** Detected language of a text: 'de', 'en', another ISO 639-1 (or 639-3) code, or 'und'. */
function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const letters = sample.match(LETTER);
  if (!letters || letters.length < MIN_LETTERS) return 'und';
  if (sample.length > SHORT_TEXT) return plainlyGermanOrEnglish(sample) ?? baseLanguage(franc(sample, { minLength: MIN_LETTERS }));
  const ranked = francAll(sample, { minLength: MIN_LETTERS });
  const [best, bestScore] = ranked[0] ?? ['und', 0];
  if (best === 'und') return 'und';
  const words = sample.toLowerCase().match(WORD) ?? [];
  const german = countIn(words, GERMAN_FUNCTION_WORDS);
  const english = countIn(words, ENGLISH_FUNCTION_WORDS);
  // Function words are a large share of any German or English sentence; one
  // stray look-alike ("en" in Spanish) among many words is not evidence.
  const enough = (hits: number) => hits >= words.length * MIN_FUNCTION_SHARE;
  const kin = countIn(words, DUTCH_AFRIKAANS_WORDS);
  const favoured = german > english && german > kin && enough(german) ? 'de' : english > german && enough(english) ? 'en' : null;
  if (favoured && baseLanguage(best) !== favoured) {
    for (const [code, score] of ranked) {
      if (score < bestScore * CANDIDATE_MARGIN) break;
      if (baseLanguage(code) === favoured) return favoured;
    }
  }
  return baseLanguage(best);
}
