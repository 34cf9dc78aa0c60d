/*
 * Language tags as pages declare them (<html lang="de-DE">, "en_GB"), as
 * article headers name them ("Deutsch") and as franc reports them (ISO 639-3
 * "deu"), reduced to one comparable code: the two-letter ISO 639-1 code where
 * one exists.
 */

const ISO_639_3_TO_1: Record<string, string> = {
  deu: 'de', ger: 'de', eng: 'en', fra: 'fr', fre: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', dut: 'nl',
  pol: 'pl', ces: 'cs', cze: 'cs', slk: 'sk', hun: 'hu', ron: 'ro', rum: 'ro', bul: 'bg', rus: 'ru', ukr: 'uk',
  bel: 'be', srp: 'sr', hrv: 'hr', bos: 'bs', slv: 'sl', swe: 'sv', dan: 'da', nob: 'nb', nno: 'nn', nor: 'no',
  fin: 'fi', ell: 'el', gre: 'el', tur: 'tr', arb: 'ar', ara: 'ar', heb: 'he', pes: 'fa', fas: 'fa', urd: 'ur',
  hin: 'hi', ben: 'bn', mar: 'mr', tam: 'ta', tel: 'te', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', npi: 'ne',
  cmn: 'zh', zho: 'zh', jpn: 'ja', kor: 'ko', vie: 'vi', tha: 'th', ind: 'id', zlm: 'ms', msa: 'ms', tgl: 'tl',
  swh: 'sw', swa: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', zul: 'zu', amh: 'am', som: 'so', uzn: 'uz', uzb: 'uz',
  kaz: 'kk', azj: 'az', aze: 'az', kin: 'rw', mya: 'my', sin: 'si', jav: 'jv', sun: 'su', ceb: 'ceb', lit: 'lt',
  lav: 'lv', est: 'et', cat: 'ca', glg: 'gl', eus: 'eu', isl: 'is', gle: 'ga', cym: 'cy', afr: 'af', mlt: 'mt',
  // Article headers sometimes name the language instead of coding it ("language: Deutsch").
  german: 'de', deutsch: 'de', english: 'en', englisch: 'en',
};

/** Primary language of a BCP 47 tag, ISO code or language name: "de-DE" → "de", "en_GB" → "en", "deu" → "de", "Deutsch" → "de", "" → "und". */
export function baseLanguage(tag: string | null | undefined): string {
  if (!tag) return 'und';
  // Called once per token by the stemmer; the handful of distinct tags is memoised.
  const known = memo.get(tag);
  if (known !== undefined) return known;
  const base = computeBase(tag);
  if (memo.size < 1000) memo.set(tag, base);
  return base;
}

const memo = new Map<string, string>();

function computeBase(tag: string): string {
  const trimmed = tag.trim().toLowerCase();
  let end = 0;
  while (end < trimmed.length && trimmed[end] !== '-' && trimmed[end] !== '_') end++;
  const primary = trimmed.slice(0, end);
  if (!primary || primary === 'und' || primary === 'x' || primary === 'i') return 'und';
  return ISO_639_3_TO_1[primary] ?? primary;
}

const SUPPORTED = new Set(['de', 'en']);

/** Whether crossread's text pipeline (stemmer, stopwords, segmentation repairs) supports the language. */
export function isSupportedLanguage(lang: string | null | undefined): boolean {
  return SUPPORTED.has(baseLanguage(lang));
}
