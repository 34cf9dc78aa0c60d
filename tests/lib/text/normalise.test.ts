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
});
