import { describe, expect, it } from 'vitest';
import { stem } from '../../../lib/text/stem';

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
