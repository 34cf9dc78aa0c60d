import type { Block } from '../article/block';
import type { OutletNote, PageNotes } from './page-notes';

/** A figure or claim of the page that an outlet reports differently: both sides in their own words. */
export interface ConflictNote {
  outlet: string;
  /** The page's sentence that the outlet contradicts. */
  page: string;
  /** The outlet's words for the same point. */
  theirs: string;
}

/** The margin note of one paragraph: its sentences' relations, gathered per outlet. */
export interface ParagraphNote {
  block: number;
  agree: OutletNote[];
  adds: OutletNote[];
  omits: string[];
  /** Outlets whose report is too short to judge what it leaves out of this paragraph ("short report"). */
  short?: string[];
  /** Outlets crossread could not compare with this paragraph (below the overlay's threshold; not an omission). */
  unclear?: string[];
  conflicts: ConflictNote[];
  /** The paragraph's sentences the note speaks about (offsets into the page text): highlighted with the note. */
  sentences: Array<{ start: number; end: number }>;
}

/**
 * Gathers sentence notes into one note per paragraph. An outlet agrees with a
 * paragraph when it agrees with any of its sentences; it omits the paragraph
 * only when it omits all of them; otherwise its report is short ('short') when
 * any sentence says so, else not compared ('unclear'). An outlet that adds
 * detail to the paragraph is never also listed as omitting it (a note says one
 * thing once). Paragraphs no outlet agrees with, adds to or contradicts get no
 * note: a note that only says "everyone omits this" is noise.
 */
export function paragraphNotes(notes: PageNotes, blocks: readonly Block[]): ParagraphNote[] {
  const out: ParagraphNote[] = [];
  blocks.forEach((block, index) => {
    const inside = notes.sentences.filter((s) => s.start < block.end && s.end > block.start);
    if (inside.length === 0) return;
    const byOutlet = new Map<string, OutletNote>();
    const conflicts: ConflictNote[] = [];
    const spoken: Array<{ start: number; end: number }> = [];
    for (const sentence of inside) {
      const pageWords = block.text.slice(Math.max(0, sentence.start - block.start), sentence.end - block.start).trim();
      let said = false;
      for (const note of sentence.outlets) {
        const seen = byOutlet.get(note.outlet);
        const merged: OutletNote = seen ?? {
          outlet: note.outlet,
          relation: note.relation,
          evidence: [],
          adds: [],
          conflicts: [],
        };
        if (seen) {
          const relation = mergeRelation(seen.relation, note.relation);
          if (relation !== seen.relation) delete merged.confidence;
          merged.relation = relation;
        }
        if (note.confidence !== undefined && note.relation === merged.relation) {
          merged.confidence = Math.max(merged.confidence ?? 0, note.confidence);
        }
        merged.evidence = unique([...merged.evidence, ...note.evidence]);
        const before = merged.adds.length;
        merged.adds = unique([...merged.adds, ...note.adds]);
        if (note.addsMarks || merged.addsMarks) {
          const marks = merged.addsMarks ?? merged.adds.slice(0, before).map(() => []);
          note.adds.forEach((quote, i) => {
            if (merged.adds.indexOf(quote) >= marks.length) marks.push(note.addsMarks?.[i] ?? []);
          });
          merged.addsMarks = marks;
        }
        merged.conflicts = unique([...merged.conflicts, ...note.conflicts]);
        byOutlet.set(note.outlet, merged);
        for (const theirs of note.conflicts) {
          if (!conflicts.some((c) => c.outlet === note.outlet && c.theirs === theirs)) conflicts.push({ outlet: note.outlet, page: pageWords, theirs });
        }
        if (note.relation === 'agree' || note.adds.length > 0 || note.conflicts.length > 0) said = true;
      }
      if (said) spoken.push({ start: Math.max(sentence.start, block.start), end: Math.min(sentence.end, block.end) });
    }
    const all = [...byOutlet.values()];
    const agree = all.filter((n) => n.relation === 'agree');
    const adds = all.filter((n) => n.adds.length > 0);
    if (agree.length === 0 && adds.length === 0 && conflicts.length === 0) return;
    const quiet = (relation: OutletNote['relation']) =>
      all.filter((n) => n.relation === relation && n.adds.length === 0).map((n) => n.outlet);
    const note: ParagraphNote = { block: index, agree, adds, omits: quiet('omits'), conflicts, sentences: spoken };
    const short = quiet('short');
    const unclear = quiet('unclear');
    if (short.length) note.short = short;
    if (unclear.length) note.unclear = unclear;
    out.push(note);
  });
  return out;
}

/** The article-level figures of the one-line summary at the top of the article. */
export interface NotesSummary {
  outlets: number;
  /** Sentences of the page at least one outlet also reports. */
  shared: number;
  /** Distinct details other outlets add to the page's sentences. */
  details: number;
  /**
   * Sentences of the page no compared outlet reports: every outlet omits them (above the overlay's
   * threshold). Sentences an outlet could not be compared on ('unclear') or whose outlets' reports
   * are too short ('short') are not counted.
   */
  onlyHere: number;
  /** Points other outlets make that the page leaves out. */
  missing: number;
}

export function notesSummary(notes: PageNotes): NotesSummary {
  const details = new Set<string>();
  let shared = 0;
  let onlyHere = 0;
  for (const sentence of notes.sentences) {
    if (sentence.outlets.some((o) => o.relation === 'agree')) shared++;
    else if (sentence.outlets.length > 0 && sentence.outlets.every((o) => o.relation === 'omits' && o.adds.length === 0)) onlyHere++;
    for (const o of sentence.outlets) for (const a of o.adds) details.add(`${o.outlet}\u0000${a}`);
  }
  return { outlets: notes.outlets.length, shared, details: details.size, onlyHere, missing: notes.missing.length };
}

/** An outlet's relation to a paragraph from its relations to two of its sentences. */
function mergeRelation(a: OutletNote['relation'], b: OutletNote['relation']): OutletNote['relation'] {
  if (a === 'agree' || b === 'agree') return 'agree';
  if (a === b) return a;
  if (a === 'short' || b === 'short') return 'short';
  return 'unclear';
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
