import { describe, expect, it } from 'vitest';
import { Lexicon } from '../../../lib/match/lexicon';

describe('Lexicon', () => {
  it('gives each spelling one dense id, and spells it back', () => {
    const lex = new Lexicon();
    expect([lex.id('frieden'), lex.id('verhandl'), lex.id('frieden')]).toEqual([0, 1, 0]);
    expect(lex.size).toBe(2);
    expect(lex.spelling(1)).toBe('verhandl');
    expect(lex.known('verhandl')).toBe(1);
    // Asking whether a spelling has an id gives it none.
    expect(lex.known('kreml')).toBeUndefined();
    expect(lex.size).toBe(2);
  });

  it("turns a list's terms into ids once per list", () => {
    const lex = new Lexicon();
    const terms = ['kreml', 'telefonat', 'kreml'];
    const ids = lex.idsOf(terms);
    expect([...ids]).toEqual([0, 1, 0]);
    expect(lex.idsOf(terms)).toBe(ids);
    // Another list of the same terms gets the same ids, in an array of its own.
    const again = lex.idsOf(['kreml', 'telefonat', 'kreml']);
    expect(again).not.toBe(ids);
    expect([...again]).toEqual([...ids]);
  });

  it('works out the ids of a list met once without keeping them', () => {
    const lex = new Lexicon();
    const terms = ['kreml', 'telefonat', 'kreml'];
    const once = lex.idsOf(terms, false);
    expect([...once]).toEqual([0, 1, 0]);
    // Not kept: asked again, the list's ids are worked out anew, and kept only when asked to.
    const kept = lex.idsOf(terms);
    expect(kept).not.toBe(once);
    expect([...kept]).toEqual([...once]);
    expect(lex.idsOf(terms)).toBe(kept);
  });
});
