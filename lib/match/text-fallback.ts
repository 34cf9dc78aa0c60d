/**
 * Temporary stand-ins for lib/text and lib/corpus helpers that are being written
 * concurrently. The matching engine imports its text pipeline only through
 * ./pipeline, so switching to the shared modules is a one-file change.
 */
import { stemmer as stemDe } from '@orama/stemmers/german';
import { stemmer as stemEn } from '@orama/stemmers/english';
import { deu, eng } from 'stopword';
import type { Range } from '../corpus/article';

export interface Sentence {
  start: number;
  end: number;
  text: string;
  paragraph: number;
}

export interface Token {
  text: string;
  norm: string;
  stem: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'name';
}

export interface Quantity {
  kind: 'duration' | 'count' | 'money' | 'percent' | 'date' | 'year';
  value: number;
  unit?: string;
  approx: boolean;
  start: number;
  end: number;
  text: string;
}

export function normalise(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[–—‑]/g, '-');
}

export function stem(word: string, language: string): string {
  const w = normalise(word);
  return language === 'en' ? stemEn(w) : stemDe(w);
}

const STOP = {
  de: new Set(deu.map((w: string) => normalise(w))),
  en: new Set(eng.map((w: string) => normalise(w))),
};

export function isStopword(norm: string, language: string): boolean {
  return (language === 'en' ? STOP.en : STOP.de).has(norm);
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string, language: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = offset + (m.index ?? 0);
    const isNumber = /^[\p{N}.,']+$/u.test(raw);
    const norm = normalise(raw);
    const capital = /^\p{Lu}/u.test(raw);
    // In German every noun is capitalised, so only a capital not at a sentence start hints at a name.
    const kind: Token['kind'] = isNumber ? 'number' : capital ? 'name' : 'word';
    out.push({ text: raw, norm, stem: isNumber ? norm : stem(norm, language), start, end: start + raw.length, kind });
  }
  return out;
}

const ABBREVIATION = /(?:\b(?:dr|prof|nr|st|bzw|ca|vgl|z|b|u|a|d|h|s|etc|usw|mr|mrs|ms|jr|sr|vs|inc|co|j)\.\s*)$/i;
const MONTHS_DE = 'januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez';

export function segmentSentences(text: string, language: string, from = 0, to = text.length): Sentence[] {
  const out: Sentence[] = [];
  const slice = text.slice(from, to);
  let paragraph = 0;
  // Lines are hard boundaries: headings and captions seldom end with punctuation.
  const lineRe = /[^\n]+/g;
  let prevEnd = 0;
  const seg = new Intl.Segmenter(language === 'und' ? 'de' : language, { granularity: 'sentence' });
  for (const line of slice.matchAll(lineRe)) {
    const lineStart = line.index ?? 0;
    if (/\n\s*\n/.test(slice.slice(prevEnd, lineStart)) || out.length === 0) paragraph++;
    prevEnd = lineStart + line[0].length;
    const pieces: Array<[number, number]> = [];
    for (const s of seg.segment(line[0])) {
      const st = lineStart + s.index;
      const en = st + s.segment.length;
      const prev = pieces[pieces.length - 1];
      if (prev) {
        const before = slice.slice(prev[0], prev[1]);
        const after = slice.slice(st, en);
        const ordinal = /\b\d{1,2}\.\s*$/.test(before) && new RegExp(`^(?:${MONTHS_DE})\\b`, 'i').test(after);
        const abbr = ABBREVIATION.test(before);
        const lowerStart = /^\s*[\p{Ll}]/u.test(after);
        if (ordinal || abbr || lowerStart) {
          prev[1] = en;
          continue;
        }
      }
      pieces.push([st, en]);
    }
    for (const [st, en] of pieces) {
      let a = st;
      let b = en;
      while (a < b && /\s/.test(slice[a])) a++;
      while (b > a && /\s/.test(slice[b - 1])) b--;
      if (b > a) out.push({ start: from + a, end: from + b, text: slice.slice(a, b), paragraph });
    }
  }
  return out;
}

const MONTH_NUM: Record<string, number> = {
  januar: 1, jan: 1, january: 1, februar: 2, feb: 2, february: 2, märz: 3, maerz: 3, mär: 3, march: 3, mar: 3,
  april: 4, apr: 4, mai: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7, july: 7, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, october: 10, oct: 10, november: 11, nov: 11,
  dezember: 12, dez: 12, december: 12, dec: 12,
};

const NUMBER_WORDS: Record<string, number> = {
  ein: 1, eine: 1, einen: 1, einer: 1, einem: 1, one: 1, a: 1, an: 1, zwei: 2, two: 2, drei: 3, three: 3,
  vier: 4, four: 4, fünf: 5, five: 5, sechs: 6, six: 6, sieben: 7, seven: 7, acht: 8, eight: 8, neun: 9,
  nine: 9, zehn: 10, ten: 10, zwölf: 12, twelve: 12, zwanzig: 20, twenty: 20, dreißig: 30, thirty: 30,
  eineinhalb: 1.5, anderthalb: 1.5, halb: 0.5, halbe: 0.5, half: 0.5, vierundzwanzig: 24,
};
const UNIT_MINUTES: Record<string, number> = {
  minute: 1, minuten: 1, minutes: 1, min: 1, stunde: 60, stunden: 60, hour: 60, hours: 60, std: 60,
  tag: 1440, tage: 1440, tagen: 1440, tages: 1440, day: 1440, days: 1440, woche: 10080, wochen: 10080,
  week: 10080, weeks: 10080, monat: 43200, monate: 43200, monaten: 43200, month: 43200, months: 43200,
  jahr: 525600, jahre: 525600, jahren: 525600, year: 525600, years: 525600,
};
const monthAlt = Object.keys(MONTH_NUM).sort((a, b) => b.length - a.length).join('|');
const dateRe = new RegExp(`\\b(\\d{1,2})\\.?\\s*(${monthAlt})\\.?(?:\\s+(\\d{4}))?`, 'giu');
const enDateRe = new RegExp(`\\b(${monthAlt})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?`, 'giu');
const numAlt = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|');
const unitAlt = Object.keys(UNIT_MINUTES).sort((a, b) => b.length - a.length).join('|');
const durRe = new RegExp(`\\b(\\d+(?:[.,]\\d+)?|${numAlt})\\s+(?:(halbe?n?)\\s+)?(${unitAlt})\\b`, 'giu');
const APPROX = /(?:etwa|rund|knapp|fast|gut|ungefähr|circa|ca\.|mehr als|über|about|around|nearly|almost|roughly|more than|over)\s+$/i;

export function extractQuantities(text: string, _language: string): Quantity[] {
  const out: Quantity[] = [];
  const taken: Array<[number, number]> = [];
  const add = (q: Quantity) => {
    if (taken.some(([a, b]) => q.start < b && a < q.end)) return;
    taken.push([q.start, q.end]);
    out.push(q);
  };
  const approxBefore = (i: number) => APPROX.test(text.slice(Math.max(0, i - 16), i));
  for (const m of text.matchAll(dateRe)) {
    const day = Number(m[1]);
    const month = MONTH_NUM[m[2].toLowerCase()];
    if (!month || day < 1 || day > 31) continue;
    const year = m[3] ? Number(m[3]) : 0;
    add({ kind: 'date', value: year * 10000 + month * 100 + day, approx: false, start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(enDateRe)) {
    const month = MONTH_NUM[m[1].toLowerCase()];
    const day = Number(m[2]);
    if (!month || day < 1 || day > 31) continue;
    const year = m[3] ? Number(m[3]) : 0;
    add({ kind: 'date', value: year * 10000 + month * 100 + day, approx: false, start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(durRe)) {
    const n = /\d/.test(m[1]) ? Number(m[1].replace(',', '.')) : NUMBER_WORDS[m[1].toLowerCase()];
    if (n === undefined) continue;
    const value = (m[2] ? n * 0.5 : n) * UNIT_MINUTES[m[3].toLowerCase()];
    add({ kind: 'duration', value, unit: 'min', approx: approxBefore(m.index!), start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(/(\d+(?:[.,]\d+)?)\s*(?:%|prozent|percent)/giu)) {
    add({ kind: 'percent', value: Number(m[1].replace(',', '.')), approx: approxBefore(m.index!), start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)) {
    add({ kind: 'year', value: Number(m[1]), approx: false, start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(/\b\d+(?:[.,']\d{3})*(?:[.,]\d+)?\b/g)) {
    const v = Number(m[0].replace(/[.,'](?=\d{3}\b)/g, '').replace(',', '.'));
    if (Number.isFinite(v)) add({ kind: 'count', value: v, approx: approxBefore(m.index!), start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}


/** Line-level heuristics for text that is not the outlet's reporting. */
export function findNonReporting(raw: string, bodyStart = 0, _language?: string): Range[] {
  const out: Range[] = [];
  const lines = [...raw.slice(bodyStart).matchAll(/[^\n]+/g)].map((m) => ({
    start: bodyStart + (m.index ?? 0),
    end: bodyStart + (m.index ?? 0) + m[0].length,
    text: m[0],
  }));
  let inComments = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = l.text.trim();
    const next = lines[i + 1]?.text.trim() ?? '';
    if (/^(kommentare?( anzeigen)?|comments?|leave a reply|leserkommentare)\b/i.test(t)) inComments = true;
    const credit = /(©|\bfoto:|\bphoto:|\bbild:|\bquelle:|via wikimedia)/i.test(t);
    const consent = /(externer inhalt|einverstanden|datenschutz|cookie|consent|email address will not be published)/i.test(t);
    const teaser = /^(auch interessant|mehr zum thema|lesen sie auch|read more|related|social|author)$/i.test(t);
    const metaPrefix = /^\s*(date|datum|von|by)\s+[\d-]+\s*$/i.test(t) || /^\s*date\s+\d{4}-\d{2}(-\d{2})?\s/i.test(l.text);
    const captionHead = !/[.!?:“"»]$/.test(t) && /©/.test(next);
    if (inComments || credit || consent || teaser || captionHead) out.push({ start: l.start, end: l.end });
    else if (metaPrefix) {
      const m = /^\s*date\s+\d{4}-\d{2}(?:-\d{2})?/i.exec(l.text)!;
      out.push({ start: l.start, end: l.start + m[0].length });
    }
  }
  return out;
}

export function isReporting(nonReporting: Range[], start: number, end: number): boolean {
  return !nonReporting.some((r) => r.start < end && start < r.end);
}

import { franc } from 'franc-min';

const FRANC_TO_ISO: Record<string, string> = { deu: 'de', eng: 'en', fra: 'fr', ces: 'cs', spa: 'es', ita: 'it', nld: 'nl', pol: 'pl', por: 'pt', rus: 'ru' };

export function detectLanguage(text: string): string {
  const code = franc(text.slice(0, 4000), { minLength: 20 });
  return FRANC_TO_ISO[code] ?? 'und';
}
