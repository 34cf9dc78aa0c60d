import { describe, expect, it } from 'vitest';
import { outletProfile } from '../../../lib/notes/outlet-profile';

describe('outletProfile', () => {
  it('counts shared points, points only this outlet makes, and the points it omits', () => {
    const profile = outletProfile({
      story: { match: 'same' },
      outlets: [],
      sentences: [
        { start: 0, end: 1, relations: { b: { relation: 'agree' }, c: { relation: 'omits' } } },
        { start: 2, end: 3, relations: { b: { relation: 'omits' }, c: { relation: 'omits' } } },
        { start: 4, end: 5, relations: {} },
        { start: 6, end: 7, relations: { b: { relation: 'omits' }, c: { relation: 'agree' } } },
      ],
      missing: [{ sources: [] }, { sources: [] }, { sources: [] }],
    });
    expect(profile).toEqual({ shared: 2, only: 1, omits: 3 });
  });

  it('counts neither a sentence whose agreement or omission is below the overlay threshold', () => {
    const profile = outletProfile({
      story: { match: 'same' },
      outlets: [{ doc: 'b', label: 'B', sameStory: true }, { doc: 'c', label: 'C', sameStory: true, shortReport: true }],
      sentences: [
        { start: 0, end: 1, relations: { b: { relation: 'agree', unclear: true }, c: { relation: 'omits' } } },
        { start: 2, end: 3, relations: { b: { relation: 'omits', unclear: true }, c: { relation: 'omits' } } },
        { start: 4, end: 5, relations: { b: { relation: 'omits' }, c: { relation: 'omits', unclear: true } } },
        { start: 6, end: 7, relations: { b: { relation: 'agree', confidence: 0.95 }, c: { relation: 'omits' } } },
      ],
      missing: [],
    });
    expect(profile).toEqual({ shared: 1, only: 1, omits: 0 });
  });
});
