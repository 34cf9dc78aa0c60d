import { describe, expect, it } from 'vitest';
import { toPageNotes } from '../../../lib/notes/page-notes';
import { paragraphNotes } from '../../../lib/notes/paragraph-notes';
import type { Annotation } from '../../../lib/match/annotation';
import type { Article } from '../../../lib/article/article';

const article = (id: string, outlet: string, raw: string): Article => ({
  id, file: `${id}.txt`, outlet, title: '', language: 'de', date: null, url: null, raw, bodyStart: 0, nonReporting: [], source: 'user', addedAt: 0,
});
const b = article('b', 'Outlet B', 'Sie sprachen 90 Minuten. <script>alert(1)</script> Putin lud Trump ein.');
const c = article('c', 'Outlet C', 'Das Gespräch war lang.');
const corpus = new Map([['b.txt', b], ['c.txt', c]]);

const annotation: Annotation = {
  story: { match: 'same' },
  outlets: [
    { doc: 'b.txt', label: 'Outlet B', sameStory: true },
    { doc: 'c.txt', label: 'Outlet C', sameStory: true },
  ],
  sentences: [
    { start: 0, end: 20, relations: { 'b.txt': { relation: 'agree', evidence: [[0, 24]], adds: [[25, 50]] }, 'c.txt': { relation: 'omits' } } },
    { start: 21, end: 40, relations: { 'b.txt': { relation: 'omits' }, 'c.txt': { relation: 'omits' } } },
    { start: 41, end: 60, relations: { 'b.txt': { relation: 'omits' }, 'c.txt': { relation: 'agree', evidence: [[0, 22]] } } },
  ],
  missing: [{ sources: [{ doc: 'b.txt', start: 51, end: 71 }] }],
};

describe('toPageNotes', () => {
  it('resolves citations to the outlets own words, as plain text', () => {
    const notes = toPageNotes(annotation, corpus);
    expect(notes.outlets).toEqual(['Outlet B', 'Outlet C']);
    expect(notes.sentences[0].outlets[0]).toEqual({
      outlet: 'Outlet B', relation: 'agree', evidence: ['Sie sprachen 90 Minuten.'], adds: ['<script>alert(1)</script>'], conflicts: [],
    });
    expect(notes.missing).toEqual([{ text: 'Putin lud Trump ein.', outlets: ['Outlet B'], sources: 1 }]);
  });

  it('shows a relation below the threshold as not compared, an omission of a short report as short, and marks new words in each quote', () => {
    const v2: Annotation = {
      ...annotation,
      outlets: [
        { doc: 'b.txt', label: 'Outlet B', sameStory: true },
        { doc: 'c.txt', label: 'Outlet C', sameStory: true, shortReport: true },
      ],
      sentences: [
        {
          start: 0,
          end: 20,
          relations: {
            // ' Putin lud Trump ein.' starts at 50 (with its space): the quote is trimmed, so are the marks.
            'b.txt': { relation: 'agree', confidence: 0.95, evidence: [[0, 24]], adds: [[50, 71]], addsNew: [[[51, 56], [61, 66]]] },
            'c.txt': { relation: 'omits', confidence: 0.9 },
          },
        },
        { start: 21, end: 40, relations: { 'b.txt': { relation: 'omits', confidence: 0.4, unclear: true }, 'c.txt': { relation: 'agree', unclear: true } } },
      ],
    };
    const notes = toPageNotes(v2, corpus);
    expect(notes.sentences[0].outlets).toEqual([
      { outlet: 'Outlet B', relation: 'agree', confidence: 0.95, evidence: ['Sie sprachen 90 Minuten.'], adds: ['Putin lud Trump ein.'], addsMarks: [[[0, 5], [10, 15]]], conflicts: [] },
      { outlet: 'Outlet C', relation: 'short', confidence: 0.9, evidence: [], adds: [], conflicts: [] },
    ]);
    expect(notes.sentences[1].outlets.map((o) => o.relation)).toEqual(['unclear', 'unclear']);
  });
});

describe('toPageNotes: one thing once', () => {
  const wire = 'Die Brücke ist 240 Meter lang.';
  const d = article('d', 'Outlet D', `Eröffnung am Montag. ${wire}`);
  const e = article('e', 'Outlet E', `Neue Brücke offen. ${wire}`);
  const f = article('f', 'Outlet F', 'Sie sprachen 90 Minuten. Das Wetter war gut.');
  const all = new Map([...corpus, ['d.txt', d], ['e.txt', e], ['f.txt', f]]);
  const at = (a: Article, text: string): { doc: string; start: number; end: number } => ({ doc: `${a.id}.txt`, start: a.raw.indexOf(text), end: a.raw.indexOf(text) + text.length });

  it('lists a point told in the same words by two outlets (wire copy) once, with both outlets', () => {
    const notes = toPageNotes({ ...annotation, missing: [{ sources: [at(d, wire)] }, { sources: [at(e, wire)] }] }, all);
    expect(notes.missing).toEqual([{ text: wire, outlets: ['Outlet D', 'Outlet E'], sources: 2 }]);
  });

  it('does not list as missing a sentence quoted beside the page as agreeing', () => {
    const notes = toPageNotes(
      {
        ...annotation,
        sentences: [{ start: 0, end: 20, relations: { 'f.txt': { relation: 'agree', evidence: [[0, 24]] } } }],
        missing: [{ sources: [at(f, 'Sie sprachen 90 Minuten.')] }, { sources: [at(f, 'Das Wetter war gut.')] }],
      },
      all,
    );
    expect(notes.missing.map((m) => m.text)).toEqual(['Das Wetter war gut.']);
  });
});

describe('paragraphNotes', () => {
  it('gathers sentences per paragraph and drops paragraphs no outlet supports', () => {
    const notes = toPageNotes(annotation, corpus);
    const blocks = [
      { start: 0, end: 40, text: '' },
      { start: 41, end: 60, text: '' },
      { start: 61, end: 80, text: '' },
    ];
    const result = paragraphNotes(notes, blocks);
    expect(result.map((p) => p.block)).toEqual([0, 1]);
    expect(result[0].agree.map((o) => o.outlet)).toEqual(['Outlet B']);
    expect(result[0].adds.map((o) => o.outlet)).toEqual(['Outlet B']);
    expect(result[0].omits).toEqual(['Outlet C']);
    expect(result[1].agree.map((o) => o.outlet)).toEqual(['Outlet C']);
  });
});
