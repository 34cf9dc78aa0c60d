import { storage } from 'wxt/utils/storage';

/**
 * The reader's switch for all overlays. Kept in the extension's storage.local,
 * so it persists and every tab's content script hears a change at once.
 */
export const overlaysEnabled = storage.defineItem<boolean>('local:overlaysEnabled', { fallback: true });
