import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGold } from '../../../scripts/lib/gold';
import { Scorer } from '../../../scripts/lib/score';
import type { Annotation } from '../../../lib/match/types';

/** Page a has two facts; b states the first and a detail of it, c states neither. */
function tinyGold() {
  const dir = mkdtempSync(path.join(tmpdir(), 'crossread-score-'));
  const a = 'Trump und Putin haben am Mittwoch telefoniert. Das Wetter in Berlin blieb kalt.';
  const b = 'Trump und Putin telefonierten. Das Telefonat dauerte eineinhalb Stunden.';
  const c = 'In Paris regnete es den ganzen Tag.';
  writeFileSync(path.join(dir, 'a.txt'), a);
  writeFileSync(path.join(dir, 'b.txt'), b);
  writeFileSync(path.join(dir, 'c.txt'), c);
  const gold = {
    version: 1,
    story: 'a call',
    docs: ['a', 'b', 'c'].map((id) => ({ id, file: `${id}.txt`, outlet: null, nonReporting: [] })),
    facts: [
      { id: 'F1', gloss: 'they spoke', elaborates: null, mentions: { a: ['Trump und Putin haben am Mittwoch telefoniert.'], b: ['Trump und Putin telefonierten.'] } },
      { id: 'F2', gloss: '90 minutes', elaborates: 'F1', mentions: { b: ['Das Telefonat dauerte eineinhalb Stunden.'] } },
      { id: 'F3', gloss: 'cold', elaborates: null, mentions: { a: ['Das Wetter in Berlin blieb kalt.'] } },
      { id: 'F4', gloss: 'rain', elaborates: null, mentions: { c: ['In Paris regnete es den ganzen Tag.'] } },
    ],
    conflicts: [],
  };
  writeFileSync(path.join(dir, 'gold.json'), JSON.stringify(gold));
  return loadGold(path.join(dir, 'gold.json'), dir);
}

describe('Scorer: what the overlay shows', () => {
  const gold = tinyGold();
  const [a] = gold.docs;
  const first: [number, number] = [0, 46];
  const second: [number, number] = [47, 79];
  const detail: [number, number] = [31, 72];
  const annotation = (over: Partial<Annotation> = {}): Annotation => ({
    story: { match: 'same' },
    outlets: [
      { doc: 'b.txt', label: 'B', sameStory: true },
      { doc: 'c.txt', label: 'C', sameStory: true },
    ],
    sentences: [
      { start: first[0], end: first[1], relations: { 'b.txt': { relation: 'agree', confidence: 0.95, adds: [detail], addsConfidence: [0.4] }, 'c.txt': { relation: 'omits', confidence: 0.92 } } },
      { start: second[0], end: second[1], relations: { 'b.txt': { relation: 'omits', confidence: 0.5, unclear: true }, 'c.txt': { relation: 'agree', confidence: 0.6, unclear: true } } },
    ],
    missing: [],
    ...over,
  });

  it('counts a relation marked unclear as neither agree nor omits: recall lost, precision untouched', () => {
    const scorer = new Scorer(gold, new Set());
    scorer.add(a, annotation());
    const r = scorer.result();
    expect([r.agree.tp, r.agree.fp, r.agree.fn]).toEqual([1, 0, 0]);
    // The second sentence: b omits (right) and c agrees (wrong), both unclear: two omissions not claimed.
    expect([r.omits.tp, r.omits.fp, r.omits.fn]).toEqual([1, 0, 2]);
  });

  it('counts a short report\'s omissions as neither', () => {
    const scorer = new Scorer(gold, new Set());
    const ann = annotation();
    ann.outlets[1].shortReport = true;
    scorer.add(a, ann);
    const r = scorer.result();
    expect([r.omits.tp, r.omits.fp, r.omits.fn]).toEqual([0, 0, 3]);
  });

  it('reads precision and recall at any confidence threshold from the same claims', () => {
    const scorer = new Scorer(gold, new Set());
    scorer.add(a, annotation());
    const [all, mid, high] = scorer.curve([0, 0.55, 0.93]);
    // Threshold 0: every claim, unclear ones included.
    expect([all.agree.tp, all.agree.fp, all.agree.fn]).toEqual([1, 1, 0]);
    expect([all.omits.tp, all.omits.fp, all.omits.fn]).toEqual([2, 0, 1]);
    expect([all.adds.tp, all.adds.fp]).toEqual([1, 0]);
    expect([mid.agree.tp, mid.agree.fp]).toEqual([1, 1]);
    expect([mid.omits.tp, mid.omits.fp]).toEqual([1, 0]);
    expect([mid.adds.tp, mid.adds.fp, mid.adds.fn]).toEqual([0, 0, 1]);
    expect([high.agree.tp, high.omits.tp]).toEqual([1, 0]);
  });
});
