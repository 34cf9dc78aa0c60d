import type { Block } from '../extract/extract-article';
import type { OutletNote, PageNotes } from './page-notes';

/** The margin note of one paragraph: its sentences' relations, gathered per outlet. */
export interface ParagraphNote {
  block: number;
  agree: OutletNote[];
  adds: OutletNote[];
  omits: string[];
  conflicts: OutletNote[];
}

/**
 * Gathers sentence notes into one note per paragraph. An outlet agrees with a
 * paragraph when it agrees with any of its sentences; it omits the paragraph
 * only when it omits all of them. Paragraphs no outlet agrees with or adds to
 * get no note: a note that only says "everyone omits this" is noise.
 */
export function paragraphNotes(notes: PageNotes, blocks: readonly Block[]): ParagraphNote[] {
  const out: ParagraphNote[] = [];
  blocks.forEach((block, index) => {
    const inside = notes.sentences.filter((s) => s.start < block.end && s.end > block.start);
    if (inside.length === 0) return;
    const byOutlet = new Map<string, OutletNote>();
    for (const sentence of inside) {
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
      }
    }
    const all = [...byOutlet.values()];
    const agree = all.filter((n) => n.relation === 'agree');
    const adds = all.filter((n) => n.adds.length > 0);
    if (agree.length === 0 && adds.length === 0) return;
    out.push({
      block: index,
      agree,
      adds,
      omits: all.filter((n) => n.relation === 'omits').map((n) => n.outlet),
      conflicts: all.filter((n) => n.conflicts.length > 0),
    });
  });
  return out;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
