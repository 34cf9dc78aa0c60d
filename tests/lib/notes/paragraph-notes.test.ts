import { describe, expect, it } from 'vitest';
import { notesSummary, paragraphNotes } from '../../../lib/notes/paragraph-notes';
import type { OutletNote, PageNotes } from '../../../lib/notes/page-notes';

const text = 'Sie sprachen knapp eine Stunde. Danach reisten sie ab.\n\nEin Satz nur hier. Noch einer.';
const blocks = [
  { start: 0, end: 54, text: text.slice(0, 54) },
  { start: 56, end: text.length, text: text.slice(56) },
];
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
const note = (outlet: string, relation: OutletNote['relation'], more: Partial<OutletNote> = {}): OutletNote => ({
  outlet, relation, evidence: [], adds: [], conflicts: [], ...more,
});

const notes: PageNotes = {
  story: 'same',
  outlets: ['B', 'C', 'D'],
  sentences: [
    {
      ...at('Sie sprachen knapp eine Stunde.'),
      outlets: [
        note('B', 'agree', { evidence: ['Das Gespräch dauerte eineinhalb Stunden im Kreml.'], adds: ['im Kreml'], conflicts: ['eineinhalb Stunden'] }),
        note('C', 'agree', { evidence: ['Sie redeten.'] }),
        note('D', 'omits'),
      ],
    },
    { ...at('Danach reisten sie ab.'), outlets: [note('B', 'omits'), note('C', 'omits'), note('D', 'omits')] },
    { ...at('Ein Satz nur hier.'), outlets: [note('B', 'omits'), note('C', 'omits'), note('D', 'omits')] },
  ],
  missing: [{ text: 'Es regnete.', outlets: ['B', 'C'] }],
};

describe('paragraphNotes', () => {
  it('puts a conflicting figure beside the page sentence it contradicts, and names the sentences spoken about', () => {
    const [first, ...rest] = paragraphNotes(notes, blocks);
    expect(rest).toEqual([]);
    expect(first.block).toBe(0);
    expect(first.conflicts).toEqual([{ outlet: 'B', page: 'Sie sprachen knapp eine Stunde.', theirs: 'eineinhalb Stunden' }]);
    expect(first.sentences).toEqual([at('Sie sprachen knapp eine Stunde.')]);
    expect(first.agree.map((o) => o.outlet)).toEqual(['B', 'C']);
    expect(first.omits).toEqual(['D']);
  });

  it('gives a paragraph with only a conflict a note', () => {
    const conflictOnly: PageNotes = {
      ...notes,
      sentences: [{ ...at('Ein Satz nur hier.'), outlets: [note('B', 'omits', { conflicts: ['zwei Sätze'] })] }],
    };
    expect(paragraphNotes(conflictOnly, blocks).map((p) => p.block)).toEqual([1]);
  });
});

describe('paragraphNotes, one thing once', () => {
  it('never lists an outlet that adds detail as also omitting the paragraph, and keeps short and unclear apart from omits', () => {
    const mixed: PageNotes = {
      ...notes,
      sentences: [
        {
          ...at('Sie sprachen knapp eine Stunde.'),
          outlets: [
            note('B', 'omits', { adds: ['Es war im Kreml.'], addsMarks: [[[10, 15]]] }),
            note('C', 'agree', { evidence: ['Sie redeten.'], confidence: 0.97 }),
            note('D', 'short'),
          ],
        },
        { ...at('Danach reisten sie ab.'), outlets: [note('B', 'omits'), note('C', 'unclear'), note('D', 'short')] },
      ],
    };
    const [first] = paragraphNotes(mixed, blocks);
    expect(first.adds.map((o) => o.outlet)).toEqual(['B']);
    expect(first.adds[0].addsMarks).toEqual([[[10, 15]]]);
    expect(first.omits).toEqual([]);
    expect(first.short).toEqual(['D']);
    expect(first.agree).toEqual([expect.objectContaining({ outlet: 'C', confidence: 0.97 })]);
    expect(first.unclear).toBeUndefined();
  });

  it('calls an outlet that omits one sentence and cannot be compared on another not compared, not omitting', () => {
    const mixed: PageNotes = {
      ...notes,
      sentences: [
        { ...at('Sie sprachen knapp eine Stunde.'), outlets: [note('B', 'agree'), note('C', 'omits')] },
        { ...at('Danach reisten sie ab.'), outlets: [note('B', 'omits'), note('C', 'unclear')] },
      ],
    };
    const [first] = paragraphNotes(mixed, blocks);
    expect(first.omits).toEqual([]);
    expect(first.unclear).toEqual(['C']);
  });
});

describe('notesSummary', () => {
  it('counts shared points, added details, points only here and missing points', () => {
    expect(notesSummary(notes)).toEqual({ outlets: 3, shared: 1, details: 1, onlyHere: 2, missing: 1 });
  });

  it('does not count sentences that were not compared or whose outlets report too briefly as only here', () => {
    const quiet: PageNotes = {
      ...notes,
      sentences: [
        { ...at('Danach reisten sie ab.'), outlets: [note('B', 'omits'), note('C', 'unclear')] },
        { ...at('Ein Satz nur hier.'), outlets: [note('B', 'short'), note('C', 'omits')] },
        { ...at('Noch einer.'), outlets: [note('B', 'omits'), note('C', 'omits')] },
      ],
    };
    expect(notesSummary(quiet)).toEqual({ outlets: 3, shared: 0, details: 0, onlyHere: 1, missing: 1 });
  });
});
