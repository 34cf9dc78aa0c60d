import { describe, expect, it } from 'vitest';
import { noStoryStatus, popupState, tabState } from '../../../entrypoints/content/popup-state';
import { summarise } from '../../../entrypoints/content/page-summary';
import { notesOn } from './fixtures';

const page = 'Der Rat tagte am Montag. Er beschloss den Haushalt.';
const notes = notesOn(page, 'Der Rat tagte am Montag.');

describe('the page summary', () => {
  it('counts once what the overlay line and the popup both show', () => {
    const summary = summarise(notes);
    expect(summary.counts).toEqual({ outlets: 2, shared: 1, details: 1, onlyHere: 0, missing: 2 });
    expect(summary.missing.points.map((p) => p.text)).toEqual(['Es regnete.', 'Es war kalt.']);
    expect([summary.missing.many, summary.missing.single]).toEqual([1, 1]);
    expect(summary.short).toEqual(['C']);
  });
});

describe('the tab state for the popup', () => {
  it('carries the counts of the summary and the engine’s warnings untouched', () => {
    const warnings = [{ kind: 'few-sentences' as const, count: 2 }];
    expect(tabState('notes', { notes, summary: summarise(notes), warnings })).toEqual({
      status: 'notes',
      outlets: ['B', 'C'],
      counts: { agree: 1, adds: 1, omits: 0, missing: 2, missingByMany: 1 },
      warnings,
    });
    expect(tabState('pending')).toEqual({ status: 'pending', outlets: [], counts: null, warnings: [] });
    expect(tabState('no-match', { warnings }).warnings).toBe(warnings);
  });

  it('tells a language crossread cannot read from one it could not tell', () => {
    expect(noStoryStatus({ ...notes, story: 'none', language: 'fr' })).toBe('other-language');
    expect(noStoryStatus({ ...notes, story: 'none', language: 'und' })).toBe('no-match');
    expect(noStoryStatus({ ...notes, story: 'none', language: 'en' })).toBe('no-match');
    expect(noStoryStatus({ ...notes, story: 'none', language: undefined })).toBe('no-match');
  });

  it('announces every change, so an open popup asks again', () => {
    let announced = 0;
    const state = popupState(tabState('pending'), () => announced++);
    expect(state.get().status).toBe('pending');
    expect(announced).toBe(0);
    state.set(tabState('not-article'));
    expect(state.get().status).toBe('not-article');
    expect(announced).toBe(1);
  });
});
