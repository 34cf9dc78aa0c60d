import { describe, expect, it } from 'vitest';
import { normalise } from '../../../lib/text/normalise';
import { isStopword, stopwordSet } from '../../../lib/text/stopwords';

describe('isStopword', () => {
  it('looks up normalised words in the language list', () => {
    expect(isStopword('der', 'de')).toBe(true);
    expect(isStopword(normalise('über'), 'de')).toBe(true);
    expect(isStopword('the', 'en-US')).toBe(true);
    expect(isStopword('frieden', 'de')).toBe(false);
    expect(isStopword('the', 'de')).toBe(false);
  });

  it('treats contractions of stopwords as stopwords', () => {
    expect(isStopword("it's", 'en')).toBe(true);
    expect(isStopword("don't", 'en')).toBe(true);
    expect(isStopword("trump's", 'en')).toBe(false);
  });

  it('uses both lists for other languages', () => {
    expect(isStopword('der', 'fr')).toBe(true);
    expect(isStopword('the', 'und')).toBe(true);
  });
});

describe('stopwordSet', () => {
  it('holds only normalised words', () => {
    for (const w of stopwordSet('de')) expect(normalise(w)).toBe(w);
  });
});
