import { describe, expect, it } from 'vitest';
import { localeFor, messages } from '../../../lib/i18n/messages';

describe('overlay messages', () => {
  it('follows the browser language: German for German tags, English otherwise', () => {
    expect(localeFor('de')).toBe('de');
    expect(localeFor('de-AT')).toBe('de');
    expect(localeFor('en-US')).toBe('en');
    expect(localeFor('dea')).toBe('en');
    expect(localeFor(null)).toBe('en');
  });

  it('marks every relation with a symbol, so colour is never the only signal', () => {
    for (const locale of ['en', 'de'] as const) {
      const m = messages(locale);
      expect(m.agree(3)).toMatch(/^✓ 3 /);
      expect(m.addDetail(2)).toMatch(/^\+ 2 /);
      expect(m.omit(1)).toMatch(/^– 1 /);
      expect(m.conflict(1)).toMatch(/^≠ 1 /);
    }
  });

  it('agrees in number', () => {
    const m = messages('en');
    expect(m.agree(1)).toBe('✓ 1 agrees');
    expect(m.agree(3)).toBe('✓ 3 agree');
    expect(m.comparedWith(4)).toBe('Compared with 4 outlets');
    expect(messages('de').missingHere(1)).toBe('1 Punkt fehlt hier');
    expect(messages('de').missingHere(7)).toBe('7 Punkte fehlen hier');
  });
});
