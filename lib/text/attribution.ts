import { normalise } from './normalise';
import { isStopword } from './stopwords';

/**
 * Who a sentence says its statement comes from: "laut Kreml", "sagte
 * Kremlsprecher Peskow", "according to the White House". Two reports of one
 * point that name different sources differ in attribution, which a critical
 * reader wants to see.
 *
 * Sources are reduced to the words that name someone: roles ("Sprecher",
 * "Präsident", "officials") and articles are dropped, because "the president"
 * and "Trump" may be the same person and nothing here can tell. A source that
 * is only a role therefore yields nothing, and is never compared.
 */

const UPPER = String.raw`\p{Lu}`;
const WORD = String.raw`${UPPER}[\p{L}\p{M}'’-]*`;
/** A source as written: up to four capitalised words, joined by spaces. */
const NAME = String.raw`(${WORD}(?:\s+${WORD}){0,3})`;
const DET_DE = String.raw`(?:(?:[Dd](?:es|er|em|en|ie|as)|[Ee]ine[srm]?)\s+)?`;
const DET_EN = String.raw`(?:[Tt]he\s+)?`;
const SPEECH_DE =
  '(?:sagte|sagten|sagt|erklärte|erklärten|erklärt|teilte|teilten|schrieb|schrieben|betonte|betonten|berichtete|bestätigte|bestätigten|meldete|kündigte|verkündete|ergänzte|fügte)';
const SPEECH_EN = '(?:said|says|told|wrote|announced|confirmed|stated|added|reported)';
const QUOTE_OR_COMMA = '[,“”"»«]';

/**
 * Each pattern with a plain test that every sentence it matches passes. The
 * patterns' Unicode classes make them slow until the engine has compiled them
 * (and every service-worker start begins anew), so a pattern runs only on
 * sentences holding its own cue word.
 */
interface Pattern {
  cue: RegExp;
  re: RegExp;
}

const SAYS_DE = new RegExp(SPEECH_DE);
const SAYS_EN = new RegExp(SPEECH_EN);

const PATTERNS: Record<string, Pattern[]> = {
  de: [
    { cue: /[Ll]aut/, re: new RegExp(String.raw`\b[Ll]aut\s+${DET_DE}${NAME}`, 'gu') },
    { cue: /Angaben/, re: new RegExp(String.raw`\b[Nn]ach\s+Angaben\s+${DET_DE}${NAME}`, 'gu') },
    { cue: /hieß/, re: new RegExp(String.raw`\b(?:[Aa]us|[Ii]m|[Vv]om)\s+${DET_DE}${NAME}\s+hieß\s+es`, 'gu') },
    { cue: /hieß/, re: new RegExp(String.raw`\bhieß\s+es\s+(?:aus|im|vom)\s+${DET_DE}${NAME}`, 'gu') },
    { cue: /zufolge/, re: new RegExp(String.raw`${DET_DE}${NAME}\s+zufolge\b`, 'gu') },
    { cue: SAYS_DE, re: new RegExp(String.raw`${QUOTE_OR_COMMA}\s*${SPEECH_DE}\s+${DET_DE}${NAME}`, 'gu') },
    { cue: /so\s/, re: new RegExp(String.raw`${QUOTE_OR_COMMA}\s*so\s+${DET_DE}${NAME}`, 'gu') },
    { cue: SAYS_DE, re: new RegExp(String.raw`^\s*${DET_DE}${NAME}\s+${SPEECH_DE}\b`, 'gu') },
  ],
  en: [
    { cue: /[Aa]ccording/, re: new RegExp(String.raw`\b[Aa]ccording\s+to\s+${DET_EN}${NAME}`, 'gu') },
    { cue: SAYS_EN, re: new RegExp(String.raw`${QUOTE_OR_COMMA}\s*${SPEECH_EN}\s+${DET_EN}${NAME}`, 'gu') },
    { cue: SAYS_EN, re: new RegExp(String.raw`${QUOTE_OR_COMMA}\s*${DET_EN}${NAME}\s+${SPEECH_EN}\b`, 'gu') },
    { cue: SAYS_EN, re: new RegExp(String.raw`^\s*${DET_EN}${NAME}\s+${SPEECH_EN}\b`, 'gu') },
  ],
};

/** Characters a case-insensitive Unicode pattern takes for a letter beside its two cases (the long s, the Kelvin sign, the capital sharp s). */
const OTHER_FOLDS: Record<string, string> = { s: '\u017F', k: '\u212A', ß: '\u1E9E' };

/** A word as the flags `iu` would match it, spelled out: such a pattern runs about twice as fast as one with the flag. */
function anyCase(word: string): string {
  let out = '';
  for (const c of word) {
    const upper = c.toUpperCase();
    out += `[${c}${upper.length === 1 && upper !== c ? upper : ''}${OTHER_FOLDS[c] ?? ''}]`;
  }
  return out;
}

/**
 * A word every pattern above contains; a sentence without one names no source. Asked of every sentence:
 * `\b(?:laut|…)` with the flags `iu`, spelled out (before a word character, `\b` under `iu` is a position
 * after none of these).
 */
const CUE = new RegExp(
  `(?<![A-Za-z0-9_\u017F\u212A])(?:${['laut', 'zufolge', 'angaben', 'hieß', 'so', 'according', ...SPEECH_DE.slice(3, -1).split('|'), ...SPEECH_EN.slice(3, -1).split('|')].map(anyCase).join('|')})`,
  'u',
);

/** Words for a role or an institution's voice rather than a name; also as the end of a compound ("Kremlsprecher"). */
const ROLES = [
  // German
  'präsidentin', 'präsident', 'präsidenten', 'sprecherin', 'sprecher', 'ministerin', 'minister', 'ministerium', 'kanzlerin',
  'kanzler', 'chefin', 'chef', 'regierung', 'behörde', 'beamte', 'beamter', 'beraterin', 'berater', 'gesandte', 'gesandter',
  'botschafter', 'vertreter', 'kreise', 'kreisen', 'quellen', 'angaben', 'medien', 'agentur', 'zeitung', 'seite', 'staatschef',
  // English
  'president', 'spokesman', 'spokeswoman', 'spokesperson', 'ministry', 'chancellor', 'chief', 'government', 'official',
  'officials', 'adviser', 'advisor', 'envoy', 'ambassador', 'sources', 'source', 'office', 'secretary', 'agency', 'media',
];
const DROP = new Set(['us', 'usa', 'eu', 'un', 'uk', 'ex', 'vize', 'vice', 'mr', 'mrs', 'ms', 'dr']);
const MIN_NAME = 3;

const FOLDED_ROLES = ROLES.map((r) => normalise(r)).sort((a, b) => b.length - a.length);

/** The naming words of a source as written: normalised, roles, articles and other stopwords dropped. */
export function sourceNames(source: string, language: string): string[] {
  const out: string[] = [];
  for (const raw of source.split(/[\s-]+/)) {
    let w = normalise(raw).replace(/'s?$/, '');
    if (DROP.has(w) || isStopword(w, language)) continue;
    const role = FOLDED_ROLES.find((r) => w.endsWith(r));
    if (role) w = w.slice(0, -role.length).replace(/s$/, '');
    if (w.length >= MIN_NAME) out.push(w);
  }
  return out;
}

/**
 * The names of the sources a sentence attributes its statement to (empty when
 * it names none, or only roles). Sentences of unsupported languages name none.
 */
export function attributionSources(sentence: string, language: string): string[] {
  // Most sentences name no source: one cheap test spares them the patterns.
  if (!CUE.test(sentence)) return [];
  const out = new Set<string>();
  const patterns = PATTERNS[language] ?? [];
  for (let p = 0; p < patterns.length; p++) {
    const { cue, re } = patterns[p];
    if (!cue.test(sentence)) continue;
    // exec, not matchAll (which copies the pattern and makes an iterator); no pattern matches empty.
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence))) {
      const names = sourceNames(m[1], language);
      for (let n = 0; n < names.length; n++) out.add(names[n]);
    }
  }
  return [...out];
}

/** One name stands for the other when either contains the other ("Kreml" and "Kremls"). */
function sameName(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a);
}

/**
 * Whether two reports of a point attribute it differently: each names a source,
 * they share none, and neither report mentions the other's source at all (a
 * sentence that names both, "Trump said so and the Kremlin confirmed it", does
 * not contradict one naming either). `terms` are the sentences' stems.
 */
export function attributionsDiffer(
  a: { sources: readonly string[]; terms: readonly string[] },
  b: { sources: readonly string[]; terms: readonly string[] },
): boolean {
  if (a.sources.length === 0 || b.sources.length === 0) return false;
  if (a.sources.some((x) => b.sources.some((y) => sameName(x, y)))) return false;
  const mentions = (names: readonly string[], terms: readonly string[]) =>
    names.some((n) => terms.some((t) => t.length >= MIN_NAME && (t.startsWith(n) || n.startsWith(t))));
  return !mentions(a.sources, b.terms) && !mentions(b.sources, a.terms);
}
