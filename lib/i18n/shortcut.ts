/**
 * Keyboard shortcuts written as "Alt+Shift+N": modifiers, then one key. The
 * key is compared with the physical key (KeyboardEvent.code) for letters and
 * digits, so Alt+Shift+N works on layouts where Alt changes the character.
 */
export interface Shortcut {
  alt: boolean;
  ctrl: boolean;
  shift: boolean;
  meta: boolean;
  key: string;
}

export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export function parseShortcut(text: string): Shortcut | null {
  const parts = text.split('+').map((p) => p.trim()).filter(Boolean);
  const key = parts.pop();
  if (!key) return null;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  for (const m of mods) if (!['alt', 'ctrl', 'control', 'shift', 'meta', 'cmd'].includes(m)) return null;
  return {
    alt: mods.has('alt'),
    ctrl: mods.has('ctrl') || mods.has('control'),
    shift: mods.has('shift'),
    meta: mods.has('meta') || mods.has('cmd'),
    key: key.length === 1 ? key.toUpperCase() : key,
  };
}

export function matchesShortcut(shortcut: Shortcut | null, event: KeyLike): boolean {
  if (!shortcut) return false;
  if (event.altKey !== shortcut.alt || event.ctrlKey !== shortcut.ctrl || event.shiftKey !== shortcut.shift || event.metaKey !== shortcut.meta) {
    return false;
  }
  if (/^[A-Z]$/.test(shortcut.key)) return event.code === `Key${shortcut.key}` || event.key.toUpperCase() === shortcut.key;
  if (/^[0-9]$/.test(shortcut.key)) return event.code === `Digit${shortcut.key}` || event.key === shortcut.key;
  return event.key.toLowerCase() === shortcut.key.toLowerCase() || event.code.toLowerCase() === shortcut.key.toLowerCase();
}
