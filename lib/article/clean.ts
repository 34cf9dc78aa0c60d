/**
 * Finds the parts of a stored article that are not the outlet's reporting:
 * captions and photo credits, consent notices for embedded content, teasers,
 * reader comments and the comment form, author/social footers, scraper
 * metadata, and bare topic labels used as section headings.
 *
 * The raw text is never rewritten (every note cites offsets into it), so the
 * result is a list of ranges. Rules look at lines and at a line's neighbours;
 * they describe page furniture in general (German and English), not any one
 * outlet's wording.
 */
import { deu } from 'stopword';
import type { TextRange } from './article';

interface Line {
  start: number;
  /** End of the line's text, before the line break. */
  end: number;
  /** The line's text, trimmed. */
  text: string;
}

function splitLines(raw: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start <= raw.length) {
    const nl = raw.indexOf('\n', start);
    const end = nl === -1 ? raw.length : nl;
    lines.push({ start, end, text: raw.slice(start, end).trim() });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

// End-anchored patterns only ever look at a line's tail, so a huge single-line text stays linear.
const tail = (text: string, n = 300) => (text.length > n ? text.slice(-n) : text);

const SENTENCE_END = /[.!?:;,…"“”„»«')\]]$/;
const words = (text: string) => text.split(/\s+/).filter(Boolean);

// ---------------------------------------------------------------- captions and credits

const AGENCY =
  /\b(?:dpa|AFP|Reuters|AP|IMAGO|imago|Getty(?: Images)?|picture[- ]alliance|epa|EPA|Keystone|KEYSTONE|ZUMA|Sputnik|Xinhua|Anadolu|SIPA|Sipa|Shutterstock|iStock|Wikimedia(?: Commons)?|AAP|ANP|Belga|APA|ddp|Bloomberg|Pool)\b/;
const CREDIT_START =
  /^[([]?\s*(?:Fotos?|Bilder?|Bildquelle|Fotoquelle|Quellen?|Photos?|Images?|Pictures?|Credits?|Source|Grafik|Illustration|Video|Audio|Karte)\s*:/;
// English only: "Bilder von der Demonstration zeigen …" opens reporting in German.
const PHOTO_BY = /^(?:Photos?|Images?|Pictures?|Photograph)\s+(?:by|courtesy of)\s+\p{Lu}[^.!?]{0,140}$/u;
const CREDIT_PAREN_END =
  /\(\s*(?:Quelle|Fotos?|Bild(?:er)?|Bildquelle|Photos?|Source|Images?|Credits?|Archivbild|Symbolbild)\s*:[^()]{1,150}\)\s*$/;
const PAREN_END = /\(([^()]{1,150})\)\s*$/;
const AGENCY_CREDIT_LINE = new RegExp(`^[^.!?]{0,60}/\\s*${AGENCY.source}(?:\\s*/\\s*[\\w.-]+){0,3}$`);

/** A caption or a credit naming a photographer or agency. */
function isCaption(text: string): boolean {
  if (text === '') return false;
  // "© DPA Images | Name" credits someone; a bare "©" (a joke, a trademark flourish) does not.
  const copyright = text.lastIndexOf('©');
  if (copyright !== -1 && /^©\s*\S/.test(text.slice(copyright)) && (text.length <= 400 || text.length - copyright <= 150)) {
    return true;
  }
  if (/^(?:Credits?|Photograph|Bildnachweis|Fotonachweis)\b/.test(text) && text.length <= 200) return true;
  if (/^Copyright\b/i.test(text) && text.length <= 200) return true;
  if (text.length <= 300 && (CREDIT_START.test(text) || PHOTO_BY.test(text))) return true;
  const end = tail(text);
  if (CREDIT_PAREN_END.test(end)) return true;
  const paren = PAREN_END.exec(end);
  // "(dpa)" closing a paragraph is the agency tag of the reporting itself; a credit names photographer and agency.
  if (paren && AGENCY.test(paren[1]) && /[/|]/.test(paren[1])) return true;
  return AGENCY_CREDIT_LINE.test(text);
}

/** A media box's label line; what follows it up to the credit is the caption. */
const MEDIA_LABEL = /^(?:Photos?|Images?|Video|Audio|Fotos?|Bild(?:er)?|Grafik|Bildergalerie|Fotostrecke|Galerie|Gallery|Slideshow|Infografik)$/i;

/** The short title line a page shows above a caption. */
function isCaptionTitle(text: string): boolean {
  return text !== '' && text.length <= 80 && words(text).length <= 10 && !SENTENCE_END.test(text);
}

// ---------------------------------------------------------------- consent notices for embedded content

const CONSENT_LABEL =
  /^(?:(?:Empfohlener|Empfohlene)\s+)?(?:externe[rn]?|redaktionelle[rn]?)\s+Inhalte?$|^(?:Recommended\s+)?external\s+content$|^Inhalte?\s+von\s+Drittanbietern$|^third[- ]party\s+content$|^(?:externen?\s+)?Inhalte?\s+(?:laden|anzeigen|aktivieren)$|^(?:load|show)\s+(?:external\s+)?content$/i;
const CONSENT_STRONG =
  /^(?:Ich bin damit einverstanden|Ich stimme zu|I agree\b|I consent\b|Mehr dazu in unserer Datenschutzerklärung|More (?:on this|information) in our privacy policy)/i;
/** Wording of the consent widget itself; a reporting sentence rarely has two of these. */
const CONSENT_UI = [
  /externe[nrs]?\s+Inhalt/i,
  /einverstanden/i,
  /mit einem Klick/i,
  /von unserer Redaktion empfohlen/i,
  /ergänzt den Artikel|den Artikel ergänzt/i,
  /^An dieser Stelle (?:finden Sie|befindet sich|sehen Sie)/i,
  /Inhalte? (?:von|eines) Drittanbieter/i,
  /(?:angezeigt|ausgeblendet|eingeblendet)\s+(?:wird|werden)/i,
  /external content/i,
  /\bclick\b/i,
  /\bI agree\b/i,
];
/**
 * Whether any of CONSENT_UI may match, in one pattern: most lines name none, and
 * one scan of a line costs less than eleven (their tests were 7 of the 44 ms a
 * sampled Chromium profile gave a long page's analyses in the background). The
 * alternation matches wherever one of them does as long as each has the flag i
 * alone, as the alternation does (a line it lets through is counted below).
 */
const CONSENT_UI_ANY = new RegExp(CONSENT_UI.map((r) => `(?:${r.source})`).join('|'), 'i');
const CONSENT_TOPIC = [
  /Datenschutz/i,
  /personenbezogene\s+Daten/i,
  /Drittanbieter|Drittdienst/i,
  /Cookies?\b/i,
  /Zustimmung|zustimmen|Einwilligung/i,
  /third[- ]party/i,
  /privacy\s+(?:policy|statement|notice|settings)/i,
  /\bconsent\b/i,
  /personal data/i,
];

function isConsent(text: string): boolean {
  if (text === '') return false;
  if (CONSENT_LABEL.test(text) || CONSENT_STRONG.test(text)) return true;
  // Cheapest tests first: most lines are long or name no widget wording, and then the topics need no look.
  if (text.length > 600 || !CONSENT_UI_ANY.test(text)) return false;
  const ui = CONSENT_UI.filter((r) => r.test(text)).length;
  if (ui === 0) return false;
  const topic = CONSENT_TOPIC.filter((r) => r.test(text)).length;
  return ui + topic >= 2;
}

// ---------------------------------------------------------------- teasers and links to other articles

const TEASER =
  /^(?:Auch interessant|Ebenfalls interessant|Lesen Sie auch|Lesen Sie mehr|Lesetipps?|Mehr zum Thema|Mehr zu diesem Thema|Weitere Artikel|Weitere Nachrichten|Weitere Meldungen|Das könnte (?:Sie|dich) auch interessieren|Empfehlungen(?: der Redaktion)?|Unsere Empfehlungen?|Meistgelesen(?:e Artikel)?|Top[- ]Themen|Weiterlesen|Zum Thema|Continue reading(?: the main story)?|Verwandte Artikel|Related(?: articles| stories| coverage| content)?|Read more|Read also|Also read|See also|More on this(?: story| topic)?|Recommended(?: for you| stories)?|Most read|Most popular|You may also like|You might also like|Advertisement|Anzeige|Werbung|Sponsored(?: content)?)\s*(?:[:|–—-]\s*.{0,200})?$/i;

const NEWSLETTER =
  /^(?:(?:Sign up|Subscribe) (?:for|to) .{0,60}newsletter|(?:Abonnieren Sie|Bestellen Sie|Melden Sie sich).{0,60}Newsletter|Newsletter.{0,40}(?:abonnieren|bestellen|anmelden))\b.{0,120}$/i;

/** An agency attribution on its own line: "Mit Material von dpa und AFP.", "(dpa/AFP/jm)", "jm/dpa". */
function isAgencyFooter(text: string): boolean {
  if (text.length > 80 || !AGENCY.test(text)) return false;
  return /^\(?(?:Mit (?:Material|Informationen|Agenturmaterial) (?:von|der|aus)\b.*|[\p{L}.]+(?:\s*[/,]\s*[\p{L}.]+)+)\)?\.?$/u.test(text);
}

// ---------------------------------------------------------------- comments and the comment form

const COMMENT_MARKER =
  /^(?:Kommentare(?:\s+(?:anzeigen|einblenden|lesen|ansehen|laden))?(?:\s*\(\d+\))?|\d+\s+Kommentare?|Leser-?[Kk]ommentare|Kommentieren|Kommentar (?:schreiben|verfassen)|Schreiben Sie einen Kommentar|Diskutieren Sie mit!?|Hinterlasse(?:n Sie)? einen Kommentar|Antwort hinterlassen|Comments?(?:\s*\(\d+\))?|\d+\s+comments?|(?:Show|View|Load|Read)\s+(?:all\s+)?comments|Leave a (?:Reply|Comment)|Post a comment|Add a comment|Join the (?:conversation|discussion))\s*:?$/i;
const COMMENT_FORM =
  /^(?:Your email address will not be published\.?.*|Required fields are marked.*|(?:Ihre|Deine) E-Mail-Adresse wird nicht veröffentlicht\.?.*|Erforderliche Felder sind mit .{1,5} markiert\.?|Save my name, email, and website.*|Cancel reply|Antworten abbrechen|(?:Name|E-?Mail|Website|Kommentar|Comment)\s*\*)$/i;
/** "@Name …" answering another reader, bulleted or not. */
const COMMENT_REPLY = /^(?:[•·▪◦●]\s*)?@\s?\p{Lu}/u;
const COMMENT_LIKE = [
  /^[•·▪◦●]\s*\S/,
  /^@\s?\p{Lu}/u,
  /^(?:Antworten|Reply|Melden|Report|Gefällt mir|Like)$/i,
  /^\d+\s+(?:Antworten|replies|Likes?)$/i,
];

// ---------------------------------------------------------------- author and social footers

const FOOTER_LABEL =
  /^(?:Social(?: Media)?|Authors?|Autor(?:in|en|innen)?|Über (?:den Autor|die Autorin|die Autoren)|About the authors?|Share(?: this(?: article| story)?)?|Teilen|(?:Diesen )?Artikel teilen|Folgen Sie uns.{0,40}|Follow us.{0,40}|Tags|Schlagw(?:o|ö)rter?|Themen|Topics|Newsletter|Drucken|Print|Alle Rechte vorbehalten.{0,80}|All rights reserved.{0,80})\s*:?$/i;
const AUTHOR_LABEL = /^(?:Authors?|Autor(?:in|en|innen)?|Über (?:den Autor|die Autorin|die Autoren)|About the authors?)\s*:?$/i;
const NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:von|van|de|der|den|da|di|du|le|la|und|and|&)\s+)?\p{Lu}[\p{L}.'’-]*){0,4}$/u;

// ---------------------------------------------------------------- metadata

/** A scraper's date stamp put before the first words of the text. */
const DATE_PREFIX = /^\s?date\s+\d{4}(?:-\d{2}){0,2}(?=\s|$)/;
/**
 * An agency dateline before a report's first words: "Berlin (dpa) - ",
 * "Washington (AFP) – ", "Berlin (SID) ". The agency is written in capitals or
 * in lower case (dpa, epd), which tells it from a word in brackets.
 */
const DATELINE =
  /^(?:\p{Lu}[\p{L}.'’-]*(?:[ /]\p{Lu}[\p{L}.'’-]*){0,2}),?\s*\((?:\p{Lu}{2,8}|\p{Ll}{2,5}|Reuters|Bloomberg|dpa-AFX|dpa\/\p{L}{2,6})(?:\s*\/\s*(?:\p{Lu}{2,8}|\p{Ll}{2,5}))?\)\s*(?:[-–—:]\s*|(?=\p{Lu}))/u;
const STAMP =
  /\b(?:Stand:|Erstellt:|Aktualisiert(?: am)?|Veröffentlicht(?: am)?|Updated|Published|Last updated)\s*:?\s*\d{1,2}\.\d{1,2}\.\d{2,4}(?:,?\s*(?:-\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?/g;
const READING_TIME = /\b(?:Lesedauer|Lesezeit|Reading time)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:Minuten|Min\.?|minutes|min\.?)|\b\d+\s*min read\b/gi;
const STAMPS = [STAMP, READING_TIME];
const HAS_DIGIT = /\d/;
const MONTH =
  '(?:Jan(?:uar|uary)?|Jän(?:ner)?|Feb(?:ruar|ruary)?|Mär(?:z)?|Mar(?:ch)?|Apr(?:il)?|Mai|May|Mei|Jun(?:i|e)?|Jul(?:i|y)?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Okt(?:ober)?|Oct(?:ober)?|Nov(?:ember)?|Dez(?:ember)?|Dec(?:ember)?)\\.?';
const DATE_LINE = new RegExp(
  `^[·•|\\s]*(?:\\p{L}+,?\\s+)?(?:\\d{1,2}\\.?\\s+${MONTH}\\s+\\d{4}|${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\.\\d{1,2}\\.\\d{4}|\\d{4}-\\d{2}-\\d{2})(?:,?\\s*(?:-\\s*)?\\d{1,2}[:.]\\d{2}(?:\\s*Uhr)?)?$`,
  'u',
);
const BYLINE_META = /^(?:Von|By)\s.{0,80}\b(?:Aktualisiert|Updated|Lesedauer|Reading time|min read|Veröffentlicht|Published|Stand)\b/;
const BYLINE = /^(?:Von|By)\s+([^,]{2,60})(?:,\s*[^,.!?]{1,40})?$/;
/** A line that is only a site's domain: the source label of syndicated text. */
const DOMAIN_LINE = /^(?:https?:\/\/)?(?:[\w-]+\.)+(?:de|com|org|net|ch|at|uk|fr|it|es|eu|io|info|news|tv)\/?$/i;
const SPONSOR = /^(?:In partnership with|In Kooperation mit|In Zusammenarbeit mit|Sponsored by|Presented by|Präsentiert von|Unterstützt von)\b.{0,60}$/i;

function isByline(text: string): boolean {
  if (BYLINE_META.test(text)) return true;
  const m = BYLINE.exec(text);
  return m !== null && NAME.test(m[1].trim());
}

// ---------------------------------------------------------------- topic-label headings

const CONJUNCTION = /^(?:und|oder|sowie|&|[-–—+/]|vs\.?)$/;
const FUNCTION_WORDS = new Set((deu as string[]).filter((w: string) => !CONJUNCTION.test(w)));

/**
 * A German section heading made only of capitalised words (nouns, names,
 * adjectives opening the phrase) names a topic without stating anything:
 * "Internationale Reaktionen". Any lowercase word – a verb, a preposition, an
 * article – makes it a statement ("Putin lädt Trump nach Moskau ein"), which is
 * kept. English title case capitalises verbs too, so the rule is German only.
 */
function isTopicLabel(text: string): boolean {
  if (text.length > 40 || SENTENCE_END.test(text)) return false;
  const ws = words(text);
  if (ws.length === 0 || ws.length > 4 || !/^\p{Lu}/u.test(ws[0])) return false;
  // A capitalised article or preposition opens a sentence ("Die Gespräche …"), not a label;
  // a number states something ("Stuttgart 4:2 Bielefeld").
  return ws.every((w) => CONJUNCTION.test(w) || (/^\p{Lu}\D*$/u.test(w) && !FUNCTION_WORDS.has(w.toLowerCase())));
}

function guessLanguage(text: string): string {
  const sample = text.slice(0, 20_000);
  const de = (sample.match(/\b(?:der|die|das|und|nicht|mit|ist|eine?|den|dem|des|auf|für|sich)\b/gi) ?? []).length;
  const en = (sample.match(/\b(?:the|and|of|to|is|that|with|for|was|on|are|has)\b/gi) ?? []).length;
  return de >= en ? 'de' : 'en';
}

// ---------------------------------------------------------------- ranges

function normalise(raw: string, ranges: TextRange[], from: number): TextRange[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(r.start, from), end: Math.min(r.end, raw.length) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    // Ranges separated only by whitespace are one block: the gap carries no reporting either.
    if (last && (r.start <= last.end || raw.slice(last.end, r.start).trim() === '')) {
      last.end = Math.max(last.end, r.end);
    } else merged.push({ ...r });
  }
  return merged;
}

/**
 * Ranges of `raw` (from `bodyStart` on) that are not the outlet's reporting;
 * sorted, disjoint, and merged across whitespace. `language` (ISO code, e.g.
 * 'de', 'en') enables the German-only heading rule; guessed when omitted.
 */
export function findNonReporting(raw: string, bodyStart = 0, language?: string): TextRange[] {
  if (typeof raw !== 'string' || raw.length === 0) return [];
  const from = Math.min(Math.max(0, bodyStart), raw.length);
  const lines = splitLines(raw, from);
  const lang = (language ?? guessLanguage(raw.slice(from))).toLowerCase();
  const german = lang.startsWith('de') || lang === 'deu' || lang === 'ger';
  const out: TextRange[] = [];
  const whole = (l: Line) => out.push({ start: l.start, end: l.end });

  const nonBlank = lines.flatMap((l, i) => (l.text !== '' ? [i] : []));
  const firstLine = nonBlank[0] ?? -1;
  const nextNonBlank = (i: number, n: number): Line[] => {
    const found: Line[] = [];
    for (let j = i + 1; j < lines.length && found.length < n; j++) if (lines[j].text !== '') found.push(lines[j]);
    return found;
  };

  // A comment section runs from its marker to the end of the page. A marker
  // early in the text (a comment counter under the headline) only counts when
  // comments follow it.
  let tailAt = lines.length;
  const middle = from + (raw.length - from) / 2;
  for (const i of nonBlank) {
    const l = lines[i];
    const marker = COMMENT_MARKER.test(l.text) || COMMENT_FORM.test(l.text);
    const reply = !marker && COMMENT_REPLY.test(l.text);
    if (!marker && !reply) continue;
    const followedByComments = nextNonBlank(i, 5).some(
      (n) => COMMENT_LIKE.some((r) => r.test(n.text)) || COMMENT_FORM.test(n.text) || COMMENT_MARKER.test(n.text),
    );
    // Without a marker, replies only start a comment section late in the page and among other comments.
    if (reply && !(l.start >= middle && followedByComments)) continue;
    if (l.start >= middle || followedByComments) {
      tailAt = i;
      out.push({ start: l.start, end: raw.length });
      break;
    }
    whole(l);
  }

  const caption = lines.map((l, i) => i < tailAt && isCaption(l.text));
  for (let i = 0; i < tailAt; i++) {
    if (!MEDIA_LABEL.test(lines[i].text)) continue;
    caption[i] = true;
    // Caption text sits between the label and its credit: at most two short lines.
    let between = 0;
    for (let j = i + 1; j < tailAt; j++) {
      const t = lines[j].text;
      if (t === '') continue;
      if (caption[j]) {
        for (let k = i + 1; k < j; k++) caption[k] = lines[k].text !== '';
        break;
      }
      if (++between > 2 || t.length > 400) break;
    }
  }
  for (let i = 0; i < tailAt; i++) {
    const l = lines[i];
    const t = l.text;
    if (t === '') continue;
    if (caption[i]) {
      whole(l);
      continue;
    }
    const next = lines[i + 1];
    if (next && caption[i + 1] && isCaptionTitle(t)) {
      whole(l);
      continue;
    }
    if (
      isConsent(t) ||
      TEASER.test(t) ||
      NEWSLETTER.test(t) ||
      isAgencyFooter(t) ||
      COMMENT_FORM.test(t) ||
      FOOTER_LABEL.test(t) ||
      SPONSOR.test(t) ||
      DATE_LINE.test(t) ||
      DOMAIN_LINE.test(t) ||
      isByline(t)
    ) {
      whole(l);
      continue;
    }
    const prev = lines[i - 1];
    if (prev && AUTHOR_LABEL.test(prev.text) && t.length <= 60 && NAME.test(t)) {
      whole(l);
      continue;
    }
    // A heading sits between paragraphs: never the page's first line (its title), never a cut-off last line.
    if (german && i !== firstLine && nextNonBlank(i, 1).length > 0 && isTopicLabel(t)) {
      whole(l);
      continue;
    }

    const lineText = raw.slice(l.start, l.end);
    const prefix = DATE_PREFIX.exec(lineText);
    if (prefix) out.push({ start: l.start, end: l.start + prefix[0].length });
    const afterPrefix = prefix ? prefix[0].length + (/^\s*/.exec(lineText.slice(prefix[0].length))?.[0].length ?? 0) : 0;
    const dateline = DATELINE.exec(lineText.slice(afterPrefix));
    if (dateline) out.push({ start: l.start + afterPrefix, end: l.start + afterPrefix + dateline[0].length });
    // Both name a figure: a line without a digit has neither. exec, not matchAll (a copy of the pattern and an
    // iterator per line); neither pattern matches empty.
    if (HAS_DIGIT.test(lineText))
      for (let r = 0; r < STAMPS.length; r++) {
        const re = STAMPS[r];
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(lineText))) out.push({ start: l.start + m.index, end: l.start + m.index + m[0].length });
      }
  }
  return normalise(raw, out, from);
}

/** The complement of `nonReporting` within [bodyStart, raw.length): sorted, non-empty ranges. */
export function reportingRanges(raw: string, nonReporting: TextRange[], bodyStart = 0): TextRange[] {
  const out: TextRange[] = [];
  let at = Math.min(Math.max(0, bodyStart), raw.length);
  const sorted = [...nonReporting].sort((a, b) => a.start - b.start);
  for (const r of sorted) {
    if (r.end <= at) continue;
    if (r.start > at) out.push({ start: at, end: Math.min(r.start, raw.length) });
    at = Math.max(at, r.end);
    if (at >= raw.length) break;
  }
  if (at < raw.length) out.push({ start: at, end: raw.length });
  return out.filter((r) => r.end > r.start);
}
