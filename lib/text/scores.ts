/**
 * Results written as two numbers with a colon: "4:2", "2:4 nach einem
 * Eigentor", "mit 52:48 Stimmen", "(3:0)". Outlets tell a result from either
 * side ("4:2 gegen Bielefeld", "2:4 aus Bielefelder Sicht"), so a score is the
 * unordered pair. Clock times ("14:30 Uhr", "um 9:15") are not scores.
 */

export interface Score {
  /** Higher number × 1000 + lower number: the same for both sides' telling. */
  value: number;
  start: number;
  end: number;
}

const SCORE = /(?<![\d:.,/])(\d{1,3}):(\d{1,3})(?![\d:/]|[.,]\d)/gu;
/** Words that make "n:m" a time of day or a running time rather than a result. */
const CLOCK_AFTER = /^\s*(?:uhr|h\b|min|std|am\b|pm\b|a\.m\.|p\.m\.|o'clock|stunden|minuten)/i;
const CLOCK_BEFORE = /(?:\bum|\bgegen|\bab|\bbis|\bseit|\bat|\bby|\buntil|\bfrom)\s*$/i;

export function extractScores(text: string): Score[] {
  const out: Score[] = [];
  // exec, not matchAll (which copies the pattern and makes an iterator, per sentence); the pattern never matches empty.
  SCORE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SCORE.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    const a = Number(m[1]);
    const b = Number(m[2]);
    // "9:05", "14:30": a second part written with two digits from 00 is a clock.
    if (m[2].length === 2 && m[2].startsWith('0')) continue;
    if (CLOCK_AFTER.test(text.slice(end, end + 12)) || CLOCK_BEFORE.test(text.slice(Math.max(0, start - 8), start))) continue;
    out.push({ value: Math.max(a, b) * 1000 + Math.min(a, b), start, end });
  }
  return out;
}
