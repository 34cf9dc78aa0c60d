import { describe, expect, it } from 'vitest';
import { uiMessages } from '../../../lib/i18n/ui-messages';

describe('uiMessages', () => {
  it('speaks English and German with the same set of messages', () => {
    const en = uiMessages('en');
    const de = uiMessages('de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(de.reasons).sort()).toEqual(Object.keys(en.reasons).sort());
    expect(de.addPage).not.toBe(en.addPage);
    expect(de.comparedWith(4, 'A, B')).toBe('Verglichen mit 4 Medien: A, B');
    expect(en.comparedWith(1, 'A')).toBe('Compared with 1 outlet: A');
    // The popup's feed words: the e2e tests find "Follow ‹host›" and "Keep what I read on ‹host›" by these names.
    expect(en.followSite('example.org', null)).toBe('Follow example.org');
    expect(de.followSite('example.org', 'Politik')).toBe('example.org folgen (Politik)');
    expect(en.keepOn('example.org')).toBe('Keep what I read on example.org');
    expect(de.followed('Outlet RSS', 1)).toBe('Sie folgen Outlet RSS: 1 Artikel hinzugefügt.');
  });
});
