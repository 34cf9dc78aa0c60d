import { storage } from 'wxt/utils/storage';

/**
 * The keys that move the focus to the next and previous margin note, e.g.
 * "Alt+Shift+N". The reader can change them or turn them off; kept in the
 * extension's storage.local like the overlay switch.
 */
export interface NoteShortcuts {
  enabled: boolean;
  next: string;
  previous: string;
}

export const defaultNoteShortcuts: NoteShortcuts = { enabled: true, next: 'Alt+Shift+N', previous: 'Alt+Shift+P' };

export const noteShortcuts = storage.defineItem<NoteShortcuts>('local:noteShortcuts', { fallback: defaultNoteShortcuts });
