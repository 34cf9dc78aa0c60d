import type { Block } from '../extract/extract-article';
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
  conflicts: ConflictNote[];
  /** The paragraph's sentences the note speaks about (offsets into the page text): highlighted with the note. */
  sentences: Array<{ start: number; end: number }>;
}

/**
 * Gathers sentence notes into one note per paragraph. An outlet agrees with a
 * paragraph when it agrees with any of its sentences; it omits the paragraph
 * only when it omits all of them. Paragraphs no outlet agrees with, adds to or
 * contradicts get no note: a note that only says "everyone omits this" is noise.
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
        const merged = byOutlet.get(note.outlet) ?? {
          outlet: note.outlet,
          relation: 'omits' as const,
          evidence: [],
          adds: [],
          conflicts: [],
        };
        if (note.relation === 'agree') merged.relation = 'agree';
        merged.evidence = unique([...merged.evidence, ...note.evidence]);
        merged.adds = unique([...merged.adds, ...note.adds]);
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
    out.push({
      block: index,
      agree,
      adds,
      omits: all.filter((n) => n.relation === 'omits').map((n) => n.outlet),
      conflicts,
      sentences: spoken,
    });
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
  /** Sentences of the page no compared outlet reports. */
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

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
