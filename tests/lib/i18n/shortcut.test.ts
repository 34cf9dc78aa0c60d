import { describe, expect, it } from 'vitest';
import { matchesShortcut, parseShortcut } from '../../../lib/i18n/shortcut';

const key = (code: string, key: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  code, key, altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, ...mods,
});

describe('shortcuts', () => {
  it('parses modifiers and a key, and refuses unknown modifiers', () => {
    expect(parseShortcut('Alt+Shift+N')).toEqual({ alt: true, ctrl: false, shift: true, meta: false, key: 'N' });
    expect(parseShortcut('Hyper+N')).toBeNull();
    expect(parseShortcut('')).toBeNull();
  });

  it('matches the physical key even when Alt changes the character, and needs exactly the modifiers', () => {
    const s = parseShortcut('Alt+Shift+N');
    expect(matchesShortcut(s, key('KeyN', '˜', { altKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut(s, key('KeyN', 'N', { shiftKey: true }))).toBe(false);
    expect(matchesShortcut(s, key('KeyN', 'N', { altKey: true, shiftKey: true, ctrlKey: true }))).toBe(false);
    expect(matchesShortcut(parseShortcut('Alt+ArrowDown'), key('ArrowDown', 'ArrowDown', { altKey: true }))).toBe(true);
  });
});
