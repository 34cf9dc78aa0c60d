import { describe, expect, it } from 'vitest';
import { compoundHead, compoundStems, splitCompound } from '../../../lib/text/compound';
import { contentTerms } from '../../../lib/text/tokens';

/** A vocabulary of the stems of the given texts' content words. */
const vocabulary = (...texts: string[]) => {
  const stems = new Set(texts.flatMap((t) => contentTerms(t, 'de')));
  return (s: string) => stems.has(s);
};

describe('splitCompound', () => {
  it('splits a compound into known parts, dropping the linking -s-', () => {
    const known = vocabulary('Verhandlungen über einen Frieden');
    expect(splitCompound('Friedensverhandlungen', known)).toEqual(['frieden', 'verhandlungen']);
  });

  it('lets a closed compound share stems with the phrase it abbreviates', () => {
    const phrase = 'Verhandlungen über einen Frieden';
    const known = vocabulary(phrase);
    expect(new Set(compoundStems('Friedensverhandlungen', known))).toEqual(new Set(contentTerms(phrase, 'de')));
  });

  it('handles the linking elements -es-, -n- and -en-', () => {
    expect(splitCompound('Bundesregierung', vocabulary('Bund Regierung'))).toEqual(['bund', 'regierung']);
    expect(compoundStems('Sonnenschein', vocabulary('Sonne Schein'))).toEqual(contentTerms('Sonne Schein', 'de'));
    expect(splitCompound('Kriegsparteien', vocabulary('Krieg Parteien'))).toEqual(['krieg', 'parteien']);
  });

  it('splits into more than two parts', () => {
    expect(splitCompound('Bundesverfassungsgericht', vocabulary('Bund Verfassung Gericht'))).toEqual([
      'bund', 'verfassung', 'gericht',
    ]);
  });

  it('prefers the longest known final part', () => {
    const known = vocabulary('Staat Anwaltschaft Anwalt Schaft');
    expect(splitCompound('Staatsanwaltschaft', known)).toEqual(['staat', 'anwaltschaft']);
  });

  it('returns null when a part is unknown', () => {
    expect(splitCompound('Friedensverhandlungen', vocabulary('Verhandlungen'))).toBeNull();
    expect(splitCompound('Haus', vocabulary('Haus'))).toBeNull();
  });

  it('does not split off prepositions or split lowercase verbs and adjectives', () => {
    const known = vocabulary('Trag Teil Stützung Enden Kommen Seite');
    expect(splitCompound('Beitrag', known)).toBeNull();
    expect(splitCompound('Vorteil', known)).toBeNull();
    expect(splitCompound('Gegenseite', known)).toBeNull();
    expect(splitCompound('kommenden', known)).toBeNull();
  });

  it('splits hyphenated words at the hyphens and the pieces further', () => {
    const known = vocabulary('Pokal Finale');
    expect(splitCompound('DFB-Pokalfinale', known)).toEqual(['dfb', 'pokal', 'finale']);
    expect(splitCompound('Friedens-Verhandlungen', vocabulary('Frieden Verhandlungen'))).toEqual(['frieden', 'verhandlungen']);
  });
});

describe('compoundHead', () => {
  it('returns the longest known suffix of at least four letters', () => {
    const known = vocabulary('Der Chef sprach über Verhandlungen und Handlungen.');
    expect(compoundHead('Kremlchef', known)).toBe('chef');
    expect(compoundHead('Friedensverhandlungen', known)).toBe('verhandlungen');
  });

  it('returns null without a known suffix, and the last piece of a hyphenated word', () => {
    expect(compoundHead('Kremlchef', vocabulary('Kreml'))).toBeNull();
    expect(compoundHead('US-Präsident', vocabulary('Haus'))).toBe('prasident');
  });
});
