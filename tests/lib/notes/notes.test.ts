import { describe, expect, it } from 'vitest';
import { toPageNotes } from '../../../lib/notes/page-notes';
import { paragraphNotes } from '../../../lib/notes/paragraph-notes';
import type { Annotation } from '../../../lib/notes/annotation';
import type { Article } from '../../../lib/corpus/article';

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
    expect(notes.missing).toEqual([{ text: 'Putin lud Trump ein.', outlets: ['Outlet B'] }]);
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
