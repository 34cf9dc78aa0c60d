/**
 * Metadata header of a `.txt` page or article: leading `key: value` lines
 * (url, title, date, …) followed by a blank line. They describe the text but
 * are not part of it, so the body starts after them.
 */

export interface Header {
  /** Header values by lowercase key; `date` normalised to YYYY-MM-DD when it parses. */
  meta: Record<string, string>;
  /** Offset of the first body line (after the header and the blank lines that follow it); 0 without a header. */
  bodyStart: number;
  /** Problems found on the way; parsing never throws. */
  warnings: HeaderWarning[];
}

/** A header problem as a kind plus values: lib/i18n/problem-messages.ts words it in the reader's language (and the command line's English). */
export type HeaderWarning =
  | { kind: 'header-bad-lines'; count: number; first: string }
  | { kind: 'header-no-blank' }
  | { kind: 'header-repeated'; key: string; line: number }
  | { kind: 'header-bad-date'; date: string };

const HEADER_LINE = /^([a-z][a-z0-9_-]*):\s?(.*)$/;

/** Keys that mark a block as a header rather than a body paragraph that happens to contain a colon. */
const KNOWN_KEYS = new Set(['url', 'title', 'date', 'outlet', 'lang', 'language']);

interface Line {
  text: string;
  start: number;
  /** Offset just past the line break (or the end of the text). */
  next: number;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const body = text.slice(start, end);
    yield { text: body.endsWith('\r') ? body.slice(0, -1) : body, start, next: nl === -1 ? text.length : nl + 1 };
    start = nl === -1 ? text.length : nl + 1;
  }
}

const isBlank = (s: string) => s.trim() === '';

/**
 * Reads the header of `text`, if it has one. A leading block counts as a header
 * only if every line in it is `key: value` with a lowercase key and at least one
 * key is known (url, title, date, outlet, lang, language); the block must end
 * with a blank line. Anything else means no header (bodyStart 0); a block that
 * looks like a header but has malformed lines adds a warning.
 */
export function parseHeader(text: string): Header {
  const warnings: HeaderWarning[] = [];
  const none = (): Header => ({ meta: {}, bodyStart: 0, warnings });
  if (typeof text !== 'string' || text.length === 0) return none();

  const block: Line[] = [];
  let blankAfter: Line | null = null;
  for (const line of lines(text)) {
    if (isBlank(line.text)) {
      blankAfter = line;
      break;
    }
    block.push(line);
  }
  if (block.length === 0) return none();

  const parsed = block.map((l) => HEADER_LINE.exec(l.text));
  const known = parsed.some((m) => m !== null && KNOWN_KEYS.has(m[1]));
  if (!known) return none();

  const bad = block.filter((_, i) => parsed[i] === null);
  if (bad.length > 0) {
    const shown = bad[0].text.length > 60 ? `${bad[0].text.slice(0, 60)}…` : bad[0].text;
    warnings.push({ kind: 'header-bad-lines', count: bad.length, first: shown });
    return none();
  }
  if (blankAfter === null) {
    warnings.push({ kind: 'header-no-blank' });
    return none();
  }

  const meta: Record<string, string> = {};
  parsed.forEach((m, i) => {
    const key = m![1];
    const value = m![2].trim();
    if (key in meta) warnings.push({ kind: 'header-repeated', key, line: i + 1 });
    else meta[key] = value;
  });

  if (meta.date) {
    const iso = normaliseDate(meta.date);
    if (iso) meta.date = iso;
    else warnings.push({ kind: 'header-bad-date', date: meta.date });
  }

  // The body starts at the first non-blank line, so leading blank lines never count as text.
  let bodyStart = blankAfter.next;
  for (const line of lines(text.slice(bodyStart))) {
    if (!isBlank(line.text)) break;
    bodyStart += line.next - line.start;
  }
  return { meta, bodyStart, warnings };
}

/**
 * YYYY-MM-DD for a date written as YYYY-MM-DD, DD.MM.YYYY or an ISO timestamp
 * (whose calendar date is taken as written, without shifting time zones), or
 * null when the value is none of these or names no real day.
 */
export function normaliseDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (m) return validDay(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (m) return validDay(+m[3], +m[2], +m[1]);
  return null;
}

function validDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
