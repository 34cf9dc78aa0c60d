/**
 * Minutes of play, as sports reports write them: "in der 82. Minute",
 * "(66.)" after a scorer, "in the 82nd minute", "(82')". Outlets that date the
 * same goal to different minutes tell the same point with other figures.
 */

export interface MatchMinute {
  /** The minute, 1–130 (stoppage time "90.+3" counts as 90). */
  value: number;
  start: number;
  end: number;
}

const MAX_MINUTE = 130;
const PATTERNS: RegExp[] = [
  // "82. Minute", "82. Spielminute"
  /(?<![\d.,])(\d{1,3})\.\s*(?:Spiel)?[Mm]inute\b/gu,
  // "(66.)", "(90.+3)", "(45.+2, Foulelfmeter)"
  /\((\d{1,3})\.(?:\s*\+\s*\d{1,2}\.?)?(?=\s*[),])/gu,
  // "82nd minute", "the 9th minute"
  /(?<![\d.,])(\d{1,3})(?:st|nd|rd|th)\s+minute\b/giu,
  // "(82')", "(90+3')"
  /\((\d{1,3})(?:\s*\+\s*\d{1,2})?['’′](?=\s*[),])/gu,
];

export function extractMinutes(text: string): MatchMinute[] {
  const out: MatchMinute[] = [];
  for (let p = 0; p < PATTERNS.length; p++) {
    const re = PATTERNS[p];
    // exec, not matchAll (which copies the pattern and makes an iterator, per sentence); no pattern matches empty.
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const value = Number(m[1]);
      if (value < 1 || value > MAX_MINUTE) continue;
      const start = m.index;
      out.push({ value, start, end: start + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
