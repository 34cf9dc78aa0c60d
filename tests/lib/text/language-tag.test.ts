import { describe, expect, it } from 'vitest';
import { baseLanguage } from '../../../lib/text/language-tag';

describe('baseLanguage', () => {
  it('reduces declared tags and ISO 639-3 codes to a two-letter code', () => {
    expect(baseLanguage('de-DE')).toBe('de');
    expect(baseLanguage('en_GB')).toBe('en');
    expect(baseLanguage(' EN ')).toBe('en');
    expect(baseLanguage('deu')).toBe('de');
    expect(baseLanguage('fra')).toBe('fr');
    expect(baseLanguage('Deutsch')).toBe('de');
    expect(baseLanguage('english')).toBe('en');
    expect(baseLanguage('')).toBe('und');
    expect(baseLanguage(null)).toBe('und');
    expect(baseLanguage('x-klingon')).toBe('und');
  });
});
