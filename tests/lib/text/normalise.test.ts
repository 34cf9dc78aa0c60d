import { describe, expect, it } from 'vitest';
import { normalise } from '../../../lib/text/normalise';

describe('normalise', () => {
  it('lowercases and folds ß and umlauts to the bare vowel, like the German stemmer', () => {
    expect(normalise('Straße')).toBe('strasse');
    expect(normalise('ÄÖÜ äöü')).toBe('aou aou');
    expect(normalise('Präsident')).toBe('prasident');
  });

  it('folds typographic quotes, apostrophes and dashes to ASCII', () => {
    expect(normalise('„Zitat“ «x» ‚y‘')).toBe('"zitat" "x" \'y\'');
    expect(normalise('Trump’s – plan — 1‑2')).toBe("trump's - plan - 1-2");
    expect(normalise('Trump`s')).toBe("trump's");
  });

  it('removes soft hyphens and turns no-break spaces into spaces', () => {
    expect(normalise('Friedens\u00ADverhandlungen')).toBe('friedensverhandlungen');
    expect(normalise('5\u00A0Mio.')).toBe('5 mio.');
    expect(normalise('10\u202F%')).toBe('10 %');
  });

  it('strips other diacritics', () => {
    expect(normalise('Zelenskyy Zélenský Čapek')).toBe('zelenskyy zelensky capek');
  });

  it('leaves plain ASCII as lowercase', () => {
    expect(normalise('Putin')).toBe('putin');
  });

  it('folds every pair of characters up to U+00FF as the full Unicode folding does', () => {
    // What normalise does to a text with characters beyond Latin-1 (decompose, drop the marks, compose), for comparison.
    const unicodeFold = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
    // Characters normalise maps itself first (typography, ß, soft hyphen, no-break space) are left to the tests above.
    const special = new Set(['\u00AB', '\u00BB', '\u00B4', '\u0060', '\u00A0', '\u00AD', '\u00DF']);
    const chars: string[] = [];
    for (let c = 0x20; c <= 0xff; c++) if ((c < 0x7f || c >= 0xa0) && !special.has(String.fromCharCode(c))) chars.push(String.fromCharCode(c));
    const wrong: string[] = [];
    for (const a of chars) for (const b of chars) if (normalise(a + b + 'é') !== unicodeFold(a + b + 'é')) wrong.push(a + b);
    expect(wrong).toEqual([]);
    expect(normalise('ÀÉÎÕÜÝÿçñ')).toBe('aeiouyycn');
    expect(normalise('Ærø Þór')).toBe('ærø þor');
  });
});
