import { describe, expect, it } from 'vitest';
import { optionsMessages } from '../../../lib/i18n/options-messages';

describe('optionsMessages', () => {
  it('speaks English and German with the same set of messages', () => {
    const en = optionsMessages('en');
    const de = optionsMessages('de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(de.columns).sort()).toEqual(Object.keys(en.columns).sort());
    expect(de.reset).not.toBe(en.reset);
    expect(en.imported(1)).toBe('Imported 1 article.');
    expect(de.imported(3)).toBe('3 Artikel importiert.');
  });
});
