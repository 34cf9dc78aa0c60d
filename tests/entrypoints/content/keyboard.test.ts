import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isEditable, moveFocus, noteDirection, watchNoteKeys } from '../../../entrypoints/content/keyboard';
import { defaultNoteShortcuts } from '../../../platform/shortcuts';

/** A page with a shadow root holding three notes, as the overlay draws them. */
function notesPage() {
  const { window } = new JSDOM('<!doctype html><html><body><input id="field"><div id="host"></div></body></html>');
  const scrolled: string[] = [];
  window.HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
    scrolled.push(this.textContent ?? '');
  };
  const shadow = window.document.getElementById('host')!.attachShadow({ mode: 'open' });
  shadow.innerHTML = ['one', 'two', 'three'].map((n) => `<div class="note"><button class="summary">${n}</button></div>`).join('');
  const focused = () => (shadow.activeElement as HTMLElement | null)?.textContent ?? null;
  return { window, shadow, scrolled, focused };
}

const key = (window: JSDOM['window'], init: KeyboardEventInit) => new window.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });

describe('keyboard navigation between notes', () => {
  it('reads the reader’s shortcuts: next, previous, neither, or none when switched off', () => {
    const { window } = notesPage();
    expect(noteDirection(key(window, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true }), defaultNoteShortcuts)).toBe(1);
    expect(noteDirection(key(window, { key: 'P', code: 'KeyP', altKey: true, shiftKey: true }), defaultNoteShortcuts)).toBe(-1);
    expect(noteDirection(key(window, { key: 'n', code: 'KeyN' }), defaultNoteShortcuts)).toBe(0);
    expect(noteDirection(key(window, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true }), { ...defaultNoteShortcuts, enabled: false })).toBe(0);
    expect(noteDirection(key(window, { key: 'j', code: 'KeyJ' }), { enabled: true, next: 'J', previous: 'K' })).toBe(1);
  });

  it('leaves the keys alone while the reader types in a field', () => {
    const { window } = notesPage();
    expect(isEditable(window.document.getElementById('field'))).toBe(true);
    expect(isEditable(window.document.body)).toBe(false);
    expect(isEditable(null)).toBe(false);
  });

  it('moves the focus from note to note, staying at the ends', () => {
    const { window, shadow, scrolled, focused } = notesPage();
    moveFocus(shadow, 1, window as unknown as Window);
    expect(focused()).toBe('one');
    moveFocus(shadow, 1, window as unknown as Window);
    moveFocus(shadow, 1, window as unknown as Window);
    expect(focused()).toBe('three');
    moveFocus(shadow, 1, window as unknown as Window);
    expect(focused()).toBe('three');
    moveFocus(shadow, -1, window as unknown as Window);
    expect(focused()).toBe('two');
    expect(scrolled).toEqual(['one', 'two', 'three', 'three', 'two']);
  });

  it('ignores keys a page script makes up, and stops listening when told', () => {
    const { window, shadow, focused } = notesPage();
    const stop = watchNoteKeys(shadow, { current: defaultNoteShortcuts }, window as unknown as Window);
    const synthetic = key(window, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true });
    window.document.body.dispatchEvent(synthetic);
    expect(synthetic.defaultPrevented).toBe(false);
    expect(focused()).toBeNull();
    stop();
  });
});
