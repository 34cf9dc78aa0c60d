import type { MissingNote, PageNotes } from './page-notes';

/** A point other outlets make that the page leaves out, once, with every outlet that makes it. */
export interface RankedPoint {
  text: string;
  /** Every outlet that makes the point, each once. */
  outlets: string[];
  /** How many reports make it (an outlet with two reports counts twice); at least `outlets.length`. */
  sources: number;
}

export interface RankedMissing {
  /** Most-reported first; points made by as many outlets keep the engine's order. */
  points: RankedPoint[];
  /** Points two or more outlets make. */
  many: number;
  /** Points one outlet makes. */
  single: number;
}

/** Text compared to tell one point from another: case, spacing and punctuation at the ends folded. */
function pointKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s"„“”'‚‘’«»(–-]+|[\s"„“”'‚‘’«».,;:!?)–-]+$/g, '')
    .trim();
}

/**
 * The missing points ranked by how many outlets make them, each point once
 * with all its outlets (points the engine lists twice in the same words are
 * merged), and how many are made by two or more outlets and by one.
 */
export function rankMissing(missing: readonly MissingNote[]): RankedMissing {
  const byKey = new Map<string, RankedPoint & { order: number }>();
  missing.forEach((point, order) => {
    const key = pointKey(point.text);
    if (!key) return;
    const outlets = [...new Set(point.outlets)];
    const sources = Math.max(outlets.length, point.sources ?? 0);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { text: point.text, outlets, sources, order });
      return;
    }
    const merged = [...new Set([...seen.outlets, ...outlets])];
    seen.sources = Math.max(merged.length, seen.sources, sources);
    seen.outlets = merged;
  });
  const points = [...byKey.values()]
    .sort((a, b) => b.outlets.length - a.outlets.length || b.sources - a.sources || a.order - b.order)
    .map(({ text, outlets, sources }) => ({ text, outlets, sources }));
  const many = points.filter((p) => p.outlets.length >= 2).length;
  return { points, many, single: points.length - many };
}

/** How many points the panel shows before "show all": those two or more outlets make, at most this many… */
export const TOP_POINTS = 8;
/** …and at least this many, where the page misses as many. */
export const MIN_POINTS = 5;

/** The number of ranked points the missing-points panel shows at first. */
export function topCount(ranked: RankedMissing): number {
  return Math.min(ranked.points.length, Math.max(MIN_POINTS, Math.min(ranked.many, TOP_POINTS)));
}

/**
 * Outlets whose report is too short to judge what it leaves out: said once
 * for the page ("short report") instead of "omits" under every paragraph.
 */
export function shortReports(notes: Pick<PageNotes, 'sentences'>): string[] {
  const out = new Set<string>();
  for (const sentence of notes.sentences) for (const o of sentence.outlets) if (o.relation === 'short') out.add(o.outlet);
  return [...out];
}
