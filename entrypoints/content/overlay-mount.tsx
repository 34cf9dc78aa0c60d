import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { textRange, type PageAnchors } from '../../page/anchor';
import type { ParagraphNote } from '../../lib/notes/paragraph-notes';
import type { PageNotes } from '../../lib/notes/page-notes';
import { messages, type Locale } from '../../lib/i18n/messages';
import { Overlay } from '../../components/Overlay';
import type { NoteShortcuts } from '../../platform/shortcuts';
import styles from '../../components/overlay.css?inline';
import { createHighlighter } from './highlight';
import { watchNoteKeys } from './keyboard';
import { layoutNotes } from './layout';
import type { PageSummary } from './page-summary';
import { markStep, timed } from './tasks';
import { pageTheme } from './theme';

/** Notes rendered per task while the overlay first fills. */
const NOTES_PER_TASK = 3;

export interface OverlayInput {
  locale: Locale;
  notes: PageNotes;
  summary: PageSummary;
  paragraphs: ParagraphNote[];
  anchors: PageAnchors;
  headline: Range | null;
  keys: { current: NoteShortcuts };
}

export type MountedOverlay = ShadowRootContentScriptUi<() => void>;

/**
 * The notes in the page: a `<crossread-overlay>` host at the end of the body
 * (data-outlets, data-story and data-notes say what it shows) whose shadow
 * root holds the notes and their styles, closed to the page's scripts except
 * in the e2e build.
 */
export async function mountOverlay(ctx: ContentScriptContext, input: OverlayInput): Promise<MountedOverlay> {
  const { locale, notes } = input;
  const t = messages(locale);
  const related = notes.story === 'related' ? notes.outlets.length : null;
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
      return fillOverlay({ container, shadow, host }, { ...input, t, related });
    },
    onRemove(cleanup) {
      cleanup?.();
    },
  });
  // Timed (e2e build: `crossread:mount`): the host's insertion and the notes' setup run in the task that finished
  // anchoring, and any style work they force (the theme's getComputedStyle) is crossread's, which neither Long
  // Animation Frames' script attribution (a content script's promise continuation is not named) nor the other steps show.
  timed('mount', () => ui.mount());
  return ui;
}

/**
 * Renders the notes into a mounted host and keeps them beside their
 * paragraphs; returns the function that undoes it all.
 */
export function fillOverlay(
  { container, shadow, host }: { container: HTMLElement; shadow: ShadowRoot; host: HTMLElement },
  input: OverlayInput & { t: ReturnType<typeof messages>; related: number | null },
): () => void {
  const { locale, notes, summary, paragraphs, anchors, headline, keys, t, related } = input;
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
    const ranges = (note?.sentences ?? []).map((s) => textRange(anchors, s.start, s.end)).filter((r): r is Range => r !== null);
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
          summary={related === null ? summary.counts : null}
          missing={summary.missing}
          related={related}
          short={summary.short}
          onHighlight={highlight}
        />,
        notesRoot,
      ),
    );
    if (!drawn) {
      drawn = true;
      markStep('first-note');
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
  const stopKeys = watchNoteKeys(shadow, keys);

  return () => {
    clearTimeout(frame);
    clearTimeout(growing);
    resize.disconnect();
    fonts?.removeEventListener?.('loadingdone', schedule);
    scheme.removeEventListener('change', onScheme);
    stopKeys();
    highlighter.dispose();
    render(null, notesRoot);
  };
}
