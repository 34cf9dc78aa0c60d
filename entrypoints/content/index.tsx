import browser from 'webextension-polyfill';
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { extractArticle, extractArticleSteps, quickArticleText, type ExtractedArticle } from '../../page/extract-article';
import { publishedDate } from '../../page/published-date';
import { anchorArticle, textRange, titleRange, type PageAnchors } from '../../page/anchor';
import { notesSummary, paragraphNotes, type ParagraphNote } from '../../lib/notes/paragraph-notes';
import type { PageNotes } from '../../lib/notes/page-notes';
import { rankMissing, shortReports } from '../../lib/notes/missing-ranking';
import { localeFor, messages, type Locale } from '../../lib/i18n/messages';
import { matchesShortcut, parseShortcut } from '../../lib/i18n/shortcut';
import { Overlay } from '../../components/Overlay';
import { ask, type ExtractResponse, type PagePayload, type TabState } from '../../platform/protocol';
import { overlaysAllowedOn, watchOverlaysAllowedOn } from '../../platform/settings';
import { answerPopup } from '../../platform/popup-bridge';
import { defaultNoteShortcuts, noteShortcuts, type NoteShortcuts } from '../../platform/shortcuts';
import styles from '../../components/overlay.css?inline';
import { createHighlighter } from './highlight';
import { layoutNotes } from './layout';
import { mark, runSliced, timed, yieldToPage } from './tasks';
import { pageTheme } from './theme';
import { isSupportedLanguage } from '../../lib/text/language-tag';

/** Notes rendered per task while the overlay first fills. */
const NOTES_PER_TASK = 3;
/** After an in-page navigation, the new article is read once the page has stopped changing for this long… */
const SETTLE_MS = 400;
/** …or after this long at most. */
const SETTLE_MAX_MS = 4000;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Styles go into the shadow root only; nothing is added to the page's own styles.
  cssInjectionMode: 'manual',
  async main(ctx) {
    const locale = localeFor(uiLanguage());
    let ui: ShadowRootContentScriptUi<() => void> | null = null;
    let generation = 0;
    let enabled = await overlaysAllowedOn(location.hostname);
    const keys = { current: await readShortcuts() };
    // What the tab shows and why, for the popup.
    let state: TabState = { status: enabled ? 'pending' : 'off', outlets: [], counts: null };
    const setState = (status: TabState['status'], notes?: PageNotes) => {
      const s = notes ? notesSummary(notes) : null;
      const ranked = notes ? rankMissing(notes.missing) : null;
      state = {
        status,
        outlets: notes?.outlets ?? [],
        counts:
          s && ranked
            ? { agree: s.shared, adds: s.details, omits: s.onlyHere, missing: ranked.points.length, missingByMany: ranked.many }
            : null,
      };
    };

    const hide = () => {
      generation++;
      ui?.remove();
      ui = null;
    };

    const show = async () => {
      const mine = ++generation;
      ui?.remove();
      ui = null;
      setState('pending');
      await yieldToPage();
      if (mine !== generation) return;
      // A first look with the paragraphs alone: a page the corpus knows nothing
      // about is left alone without the cost of a full extraction.
      const quick = await runSliced('quick', quickArticleText(document));
      if (mine !== generation) return;
      if (!quick) return setState('not-article');
      const first = await requestNotes(
        { text: quick, url: location.href, title: document.title, language: document.documentElement.lang || null, publishedTime: publishedDate(document) },
        { storyOnly: true },
      );
      if (mine !== generation || ctx.isInvalid) return;
      if (!first) return setState('error');
      if (first.story === 'none') return setState(isOtherLanguage(first.language) ? 'other-language' : 'no-match');
      const extraction = await runSliced('extract', extractArticleSteps(document, location.href));
      if (mine !== generation) return;
      if (!extraction.ok) return setState('not-article');
      const article = extraction.article;
      const notes = await requestNotes(payloadOf(article));
      if (mine !== generation || ctx.isInvalid) return;
      if (!notes) return setState('error');
      if (notes.story === 'none') return setState(isOtherLanguage(notes.language) ? 'other-language' : 'no-match');
      const paragraphs = notes.story === 'same' ? timed('group', () => paragraphNotes(notes, article.blocks)) : [];
      await yieldToPage();
      if (notes.story === 'same' && paragraphs.length === 0) return setState('no-match', notes);
      const anchors = await runSliced('anchor', anchorArticle(document, article.blocks, null));
      if (mine !== generation || ctx.isInvalid) return;
      const headline = titleRange(anchors, article.title);
      const mounted = await mountOverlay(ctx, { locale, notes, paragraphs, anchors, headline, keys });
      if (mine !== generation || ctx.isInvalid) mounted.remove();
      else {
        ui = mounted;
        setState(notes.story === 'related' ? 'related' : 'notes', notes);
      }
    };

    const stopAnswering = answerPopup({
      state: () => state,
      extract: () => pagePayload(extractArticle(document, location.href)),
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
        setState('off');
      }
    });
    ctx.onInvalidated(stopWatching);
    noteShortcuts.watch((value) => {
      keys.current = value ?? defaultNoteShortcuts;
    });

    // Single-page sites change the article without a page load: drop the notes
    // at once, and read the new article when the page has settled.
    let page = withoutHash(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      queueMicrotask(() => {
        if (withoutHash(location.href) === page) return;
        page = withoutHash(location.href);
        hide();
        const mine = generation;
        void settled().then(() => {
          if (enabled && mine === generation && !ctx.isInvalid) void show();
        });
      });
    });
    ctx.onInvalidated(hide);
  },
});

function payloadOf(article: ExtractedArticle): PagePayload {
  return {
    text: article.text,
    url: article.url,
    title: article.title,
    language: article.language,
    // The metadata's day, else Readability's (extractArticle), as the command line reads it.
    publishedTime: article.date,
    siteName: article.siteName,
  };
}

function pagePayload(extraction: ReturnType<typeof extractArticle>): ExtractResponse {
  return extraction.ok ? { ok: true, page: payloadOf(extraction.article) } : { ok: false, error: extraction.reason };
}

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

function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** Resolves once the page's DOM has not changed for SETTLE_MS (or after SETTLE_MAX_MS). */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    let quiet = setTimeout(done, SETTLE_MS);
    const cap = setTimeout(done, SETTLE_MAX_MS);
    const observer = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, SETTLE_MS);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    function done() {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(cap);
      resolve();
    }
  });
}

/** A language crossread cannot read, as opposed to one it could not tell ('und'). */
function isOtherLanguage(language: string | undefined): boolean {
  return language !== undefined && language !== 'und' && !isSupportedLanguage(language);
}

async function requestNotes(page: PagePayload, opts: { storyOnly?: boolean } = {}): Promise<PageNotes | null> {
  // A background that is restarting (extension update) answers with a failure: no notes this time.
  const response = await ask('crossread:annotate', { page, ...opts });
  return response.ok ? response.notes : null;
}

interface OverlayInput {
  locale: Locale;
  notes: PageNotes;
  paragraphs: ParagraphNote[];
  anchors: PageAnchors;
  headline: Range | null;
  keys: { current: NoteShortcuts };
}

async function mountOverlay(ctx: ContentScriptContext, input: OverlayInput): Promise<ShadowRootContentScriptUi<() => void>> {
  const { locale, notes, paragraphs, anchors, headline, keys } = input;
  const t = messages(locale);
  const related = notes.story === 'related' ? notes.outlets.length : null;
  const summary = notesSummary(notes);
  const short = shortReports(notes);
  const ui = await createShadowRootUi<() => void>(ctx, {
    name: 'crossread-overlay',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    // The shipped build keeps the notes out of reach of the page's scripts; the
    // e2e build opens the root so tests can read them.
    mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
    css: styles,
    isolateEvents: true,
    onMount(container, shadow, host) {
      shadow.querySelector('html')?.setAttribute('lang', locale);
      const notesRoot = document.createElement('div');
      const boxes = document.createElement('div');
      container.append(boxes, notesRoot);
      const highlighter = createHighlighter(boxes, () => host.getBoundingClientRect());
      const firstElement = anchors.blocks.find((a) => a)?.element ?? null;
      let theme = pageTheme(firstElement);
      let drawn = false;
      // Notes are added a few at a time, top first, each batch in its own task:
      // one render of every note of a long article could block the page.
      let shown = 0;
      let growing = 0;

      const highlight = (block: number | null) => {
        if (block === null) return highlighter.clear();
        const note = paragraphs.find((p) => p.block === block);
        const ranges = (note?.sentences ?? [])
          .map((s) => textRange(anchors, s.start, s.end))
          .filter((r): r is Range => r !== null);
        const whole = anchors.blocks[block]?.range;
        highlighter.show(ranges.length ? ranges : whole ? [whole] : []);
      };

      const draw = () => {
        shown = Math.min(paragraphs.length, shown + NOTES_PER_TASK);
        const layout = timed('layout', () => layoutNotes(host, anchors, paragraphs.slice(0, shown), headline));
        host.setAttribute('data-notes', String(related === null ? layout.notes.length : 0));
        timed('render', () =>
          render(
            <Overlay
              t={t}
              theme={theme}
              notes={related === null ? layout.notes : []}
              top={layout.top}
              summary={related === null ? summary : null}
              missing={notes.missing}
              related={related}
              short={short}
              onHighlight={highlight}
            />,
            notesRoot,
          ),
        );
        if (!drawn) {
          drawn = true;
          mark('first-note');
        }
        if (shown < paragraphs.length && !growing) {
          growing = window.setTimeout(() => {
            growing = 0;
            draw();
          }, 0);
        }
      };
      // Layout work runs in a task of its own, never inside the page's
      // rendering step (where ResizeObserver calls back), so it cannot add to
      // a long frame of the page's.
      let frame = 0;
      const schedule = () => {
        if (frame) return;
        frame = window.setTimeout(() => {
          frame = 0;
          draw();
        }, 0);
      };

      host.setAttribute('data-outlets', String(notes.outlets.length));
      host.setAttribute('data-story', notes.story);
      // The host and its styles are added in this task; the notes in the next.
      schedule();

      // Layout changes (resize, zoom, late images, web fonts) move paragraphs; notes follow.
      const resize = new ResizeObserver(schedule);
      resize.observe(document.documentElement);
      for (const p of paragraphs) {
        const element = anchors.blocks[p.block]?.element;
        if (element) resize.observe(element);
      }
      const fonts = document.fonts;
      fonts?.addEventListener?.('loadingdone', schedule);
      const scheme = matchMedia('(prefers-color-scheme: dark)');
      const onScheme = () => {
        theme = pageTheme(firstElement);
        schedule();
      };
      scheme.addEventListener('change', onScheme);

      const onKey = (event: KeyboardEvent) => {
        // Only the reader's own keys: a page script's synthetic events are ignored.
        if (!event.isTrusted || !keys.current.enabled) return;
        const direction = matchesShortcut(parseShortcut(keys.current.next), event)
          ? 1
          : matchesShortcut(parseShortcut(keys.current.previous), event)
            ? -1
            : 0;
        if (direction === 0 || isEditable(event.target)) return;
        event.preventDefault();
        event.stopPropagation();
        moveFocus(shadow, direction);
      };
      window.addEventListener('keydown', onKey, true);

      return () => {
        clearTimeout(frame);
        clearTimeout(growing);
        resize.disconnect();
        fonts?.removeEventListener?.('loadingdone', schedule);
        scheme.removeEventListener('change', onScheme);
        window.removeEventListener('keydown', onKey, true);
        highlighter.dispose();
        render(null, notesRoot);
      };
    },
    onRemove(cleanup) {
      cleanup?.();
    },
  });
  ui.mount();
  return ui;
}

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}

/** Moves the focus to the next (1) or previous (-1) note, from the focused one or from the reading position. */
function moveFocus(shadow: ShadowRoot, direction: 1 | -1): void {
  const buttons = Array.from(shadow.querySelectorAll<HTMLElement>('.note button.summary'));
  if (buttons.length === 0) return;
  const focused = shadow.activeElement?.closest('.note')?.querySelector<HTMLElement>('button.summary') ?? null;
  let index = focused ? buttons.indexOf(focused) + direction : -1;
  if (!focused || index < 0 || index >= buttons.length) {
    if (focused) index = Math.max(0, Math.min(buttons.length - 1, index));
    else {
      const tops = buttons.map((b) => b.getBoundingClientRect().top);
      index = direction === 1 ? tops.findIndex((top) => top >= 0) : tops.findLastIndex((top) => top < innerHeight);
      if (index < 0) index = direction === 1 ? 0 : buttons.length - 1;
    }
  }
  const target = buttons[index];
  target.focus({ preventScroll: true });
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
}
