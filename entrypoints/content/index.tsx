import browser from 'webextension-polyfill';
import { localeFor } from '../../lib/i18n/messages';
import { overlaysAllowedOn, watchOverlaysAllowedOn } from '../../platform/settings';
import { answerPopup } from '../../platform/popup-bridge';
import { defaultNoteShortcuts, noteShortcuts, type NoteShortcuts } from '../../platform/shortcuts';
import { pageForPopup } from './extraction';
import { mountOverlay, type MountedOverlay } from './overlay-mount';
import { popupState, tabState } from './popup-state';
import { readPage } from './read-page';
import { watchArticleChanges } from './spa-navigation';
import { keepWhatIRead } from './keep-what-i-read';
import { markStep } from './tasks';

/** Wires the content script's parts: reading the page, the notes, the popup's questions, the settings and in-page navigation. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Styles go into the shadow root only; nothing is added to the page's own styles.
  cssInjectionMode: 'manual',
  async main(ctx) {
    // When the content script began (e2e build: `crossread:start`), for where a first note's time goes.
    markStep('start');
    // Off unless the reader switched it on for this site; the background checks again before keeping anything.
    // Asked first, before the settings are read: its question to the background (on every page) starts a
    // stopped worker, whose start (~60–100 ms in Chromium, then its script) the page's first request waits for.
    ctx.onInvalidated(keepWhatIRead(() => pageForPopup(document, location.href)));
    const locale = localeFor(uiLanguage());
    let ui: MountedOverlay | null = null;
    let generation = 0;
    // Both settings read at once: the page's first request waits for them.
    const shortcuts = readShortcuts();
    let enabled = await overlaysAllowedOn(location.hostname);
    const keys = { current: await shortcuts };
    const state = popupState(tabState(enabled ? 'pending' : 'off'));

    const hide = () => {
      generation++;
      ui?.remove();
      ui = null;
    };

    const show = async () => {
      hide();
      const mine = generation;
      const mounted = await readPage(document, location.href, {
        current: () => mine === generation && !ctx.isInvalid,
        setState: state.set,
        mount: (input) => mountOverlay(ctx, { ...input, locale, keys }),
      });
      // Only a reading that still counts returns notes; a stale one must not clear a newer reading's.
      if (mounted) ui = mounted;
    };

    const stopAnswering = answerPopup({
      state: state.get,
      extract: () => pageForPopup(document, location.href),
      corpusChanged: () => {
        if (enabled) void show();
      },
    });
    ctx.onInvalidated(stopAnswering);

    if (enabled) await show();
    const stopWatching = watchOverlaysAllowedOn(location.hostname, (allowed) => {
      enabled = allowed;
      if (allowed) void show();
      else {
        hide();
        state.set(tabState('off'));
      }
    });
    ctx.onInvalidated(stopWatching);
    noteShortcuts.watch((value) => {
      keys.current = value ?? defaultNoteShortcuts;
    });

    // Drop the notes at once when a single-page site moves to another article; read it when the page has settled.
    watchArticleChanges(ctx, () => {
      hide();
      const mine = generation;
      return () => {
        if (enabled && mine === generation && !ctx.isInvalid) void show();
      };
    });
    ctx.onInvalidated(hide);
  },
});

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return navigator.language;
  }
}

async function readShortcuts(): Promise<NoteShortcuts> {
  try {
    return (await noteShortcuts.getValue()) ?? defaultNoteShortcuts;
  } catch {
    return defaultNoteShortcuts;
  }
}
