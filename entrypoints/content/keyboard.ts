import { matchesShortcut, parseShortcut } from '../../lib/i18n/shortcut';
import type { NoteShortcuts } from '../../platform/shortcuts';

/** Next note (1), previous (-1), or neither (0) by the reader's shortcuts. */
export function noteDirection(event: KeyboardEvent, keys: NoteShortcuts): 1 | -1 | 0 {
  if (!keys.enabled) return 0;
  if (matchesShortcut(parseShortcut(keys.next), event)) return 1;
  if (matchesShortcut(parseShortcut(keys.previous), event)) return -1;
  return 0;
}

export function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}

/** Moves the focus to the next (1) or previous (-1) note, from the focused one or from the reading position. */
export function moveFocus(shadow: ShadowRoot, direction: 1 | -1, view: Window = window): void {
  const buttons = Array.from(shadow.querySelectorAll<HTMLElement>('.note button.summary'));
  if (buttons.length === 0) return;
  const focused = shadow.activeElement?.closest('.note')?.querySelector<HTMLElement>('button.summary') ?? null;
  let index = focused ? buttons.indexOf(focused) + direction : -1;
  if (!focused || index < 0 || index >= buttons.length) {
    if (focused) index = Math.max(0, Math.min(buttons.length - 1, index));
    else {
      const tops = buttons.map((b) => b.getBoundingClientRect().top);
      index = direction === 1 ? tops.findIndex((top) => top >= 0) : tops.findLastIndex((top) => top < view.innerHeight);
      if (index < 0) index = direction === 1 ? 0 : buttons.length - 1;
    }
  }
  const target = buttons[index];
  target.focus({ preventScroll: true });
  const still = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
  target.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
}

/**
 * The reader's shortcuts move between the notes of `shadow`, wherever the
 * focus is on the page (but not while typing in a field). Returns a function
 * that stops listening.
 */
export function watchNoteKeys(shadow: ShadowRoot, keys: { current: NoteShortcuts }, view: Window = window): () => void {
  const onKey = (event: KeyboardEvent) => {
    // Only the reader's own keys: a page script's synthetic events are ignored.
    if (!event.isTrusted) return;
    const direction = noteDirection(event, keys.current);
    if (direction === 0 || isEditable(event.target)) return;
    event.preventDefault();
    event.stopPropagation();
    moveFocus(shadow, direction, view);
  };
  view.addEventListener('keydown', onKey, true);
  return () => view.removeEventListener('keydown', onKey, true);
}
