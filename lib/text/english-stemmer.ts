/**
 * The English stemmer: @orama/stemmers' English stemmer (Copyright 2023
 * OramaSearch Inc., Apache License 2.0), a JavaScript Porter stemmer, with
 * the same patterns and steps, quirks included (step 4 drops "sion" and
 * "tion" whole where it strips them). Changed: each pattern is made once,
 * where the original makes six of them again on every call and runs each
 * suffix pattern twice (test, then exec). A started worker stems every
 * spelling of its first pages with cold code: 1,008 spellings of three
 * English pages cost ~3 ms of CPU so, ~6 with the original; 457,610
 * spellings stem the same (tests/lib/text/english-stemmer.test.ts).
 */

const STEP2: Readonly<Record<string, string>> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};
const STEP3: Readonly<Record<string, string>> = { icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' };

// Consonant sequence, vowel, vowel sequence (a leading "y" is written "Y" while stemming: a consonant).
const C = '[^aeiou][^aeiouy]*';
const VOWEL = '[aeiouy]';
const V = VOWEL + '[aeiou]*';
/** Measure > 0. */
const MGR0 = new RegExp('^(' + C + ')?' + V + C);
/** Measure = 1. */
const MEQ1 = new RegExp('^(' + C + ')?' + V + C + '(' + V + ')?$');
/** Measure > 1. */
const MGR1 = new RegExp('^(' + C + ')?' + V + C + V + C);
/** Has a vowel. */
const HAS_VOWEL = new RegExp('^(' + C + ')?' + VOWEL);
/** Consonant, vowel, consonant not w, x or y: the short syllable that takes an "e" back. */
const CVC = new RegExp('^' + C + VOWEL + '[^aeiouwxy]$');
const DOUBLE_CONSONANT = /([^aeiouylsz])\1$/;

const STEP1A_ES = /^(.+?)(ss|i)es$/;
const STEP1A_S = /^(.+?)([^s])s$/;
const STEP1B_EED = /^(.+?)eed$/;
const STEP1B = /^(.+?)(ed|ing)$/;
const STEP1B_E = /(at|bl|iz)$/;
const STEP1C = /^(.+?)y$/;
const STEP2_SUFFIX = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_SUFFIX = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_SUFFIX = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)(s|t)(ion)$/;
const STEP5 = /^(.+?)e$/;

/** The Porter stem of a lowercase English word, as @orama/stemmers/english gives it. */
export function stemEnglish(word: string): string {
  if (word.length < 3) return word;
  const yFirst = word.charCodeAt(0) === 121;
  let w = yFirst ? 'Y' + word.substring(1) : word;
  let m = STEP1A_ES.exec(w);
  if (m) w = m[1] + m[2];
  else if ((m = STEP1A_S.exec(w))) w = m[1] + m[2];
  if ((m = STEP1B_EED.exec(w))) {
    if (MGR0.test(m[1])) w = w.slice(0, -1);
  } else if ((m = STEP1B.exec(w)) && HAS_VOWEL.test(m[1])) {
    w = m[1];
    if (STEP1B_E.test(w)) w += 'e';
    else if (DOUBLE_CONSONANT.test(w)) w = w.slice(0, -1);
    else if (CVC.test(w)) w += 'e';
  }
  if ((m = STEP1C.exec(w)) && HAS_VOWEL.test(m[1])) w = m[1] + 'i';
  if ((m = STEP2_SUFFIX.exec(w)) && MGR0.test(m[1])) w = m[1] + STEP2[m[2]];
  if ((m = STEP3_SUFFIX.exec(w)) && MGR0.test(m[1])) w = m[1] + STEP3[m[2]];
  if ((m = STEP4_SUFFIX.exec(w))) {
    if (MGR1.test(m[1])) w = m[1];
  } else if ((m = STEP4_ION.exec(w)) && MGR1.test(m[1])) w = m[1];
  if ((m = STEP5.exec(w)) && (MGR1.test(m[1]) || (MEQ1.test(m[1]) && !CVC.test(m[1])))) w = m[1];
  if (w.endsWith('ll') && MGR1.test(w)) w = w.slice(0, -1);
  return yFirst ? 'y' + w.substring(1) : w;
}
