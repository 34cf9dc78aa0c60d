import { describe, expect, it } from 'vitest';
import { normalise } from '../../../lib/text/normalise';
import { stem } from '../../../lib/text/stem';

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

describe('stem', () => {
  it('stems German and English and agrees with or without umlauts', () => {
    expect(stem('Verhandlungen', 'de')).toBe(stem('verhandlung', 'de'));
    expect(stem('Präsidenten', 'de')).toBe(stem('prasident', 'de'));
    expect(stem('talks', 'en')).toBe(stem('talk', 'en'));
    expect(stem('Talks', 'en-GB')).toBe('talk');
  });

  it('leaves numbers, short words and unsupported languages normalised only', () => {
    expect(stem('G20', 'de')).toBe('g20');
    expect(stem('US', 'en')).toBe('us');
    expect(stem('Négociations', 'fr')).toBe('negociations');
  });

  it('keeps cached stems apart per language', () => {
    expect(stem('running', 'en')).toBe('run');
    expect(stem('running', 'de')).not.toBe('run');
    expect(stem('running', 'en')).toBe('run');
  });
});
