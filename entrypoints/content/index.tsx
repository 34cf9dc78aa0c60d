import browser from 'webextension-polyfill';
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { extractArticle, type ExtractedArticle } from '../../lib/extract/extract-article';
import { anchorBlocks } from '../../lib/extract/anchor';
import { paragraphNotes } from '../../lib/notes/paragraph-notes';
import type { PageNotes } from '../../lib/notes/page-notes';
import { Overlay, type PlacedNote } from '../../components/Overlay';
import type { AnnotateRequest, AnnotateResponse } from '../../platform/messages';
import { overlaysEnabled } from '../../platform/settings';
import styles from '../../components/overlay.css?inline';

const NOTE_WIDTH = 260;
const GAP = 16;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Styles go into the shadow root only; nothing is added to the page's own styles.
  cssInjectionMode: 'manual',
  async main(ctx) {
    let ui: ShadowRootContentScriptUi<() => void> | null = null;
    let generation = 0;

    const hide = () => {
      generation++;
      ui?.remove();
      ui = null;
    };

    const show = async () => {
      const mine = ++generation;
      const extraction = extractArticle(document, location.href);
      if (!extraction.ok) return;
      const notes = await requestNotes(extraction.article);
      if (!notes || mine !== generation || ctx.isInvalid) return;
      if (notes.story !== 'same') return;
      const paragraphs = paragraphNotes(notes, extraction.article.blocks);
      if (paragraphs.length === 0) return;
      ui?.remove();
      ui = await mountOverlay(ctx, extraction.article, paragraphs, notes.outlets.length);
    };

    if (await overlaysEnabled.getValue()) await show();
    overlaysEnabled.watch((enabled) => {
      if (enabled) void show();
      else hide();
    });
    ctx.onInvalidated(hide);
  },
});

async function requestNotes(article: ExtractedArticle): Promise<PageNotes | null> {
  const request: AnnotateRequest = {
    type: 'crossread:annotate',
    page: {
      text: article.text,
      url: article.url,
      title: article.title,
      language: article.language,
      publishedTime: article.publishedTime,
    },
  };
  try {
    const response = (await browser.runtime.sendMessage(request)) as AnnotateResponse | undefined;
    return response?.ok ? response.notes : null;
  } catch {
    // The background may be restarting (extension update); no notes this time.
    return null;
  }
}

async function mountOverlay(
  ctx: Parameters<typeof createShadowRootUi>[0],
  article: ExtractedArticle,
  paragraphs: ReturnType<typeof paragraphNotes>,
  outletCount: number,
): Promise<ShadowRootContentScriptUi<() => void>> {
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
    onMount(container, _shadow, host) {
      const elements = anchorBlocks(document, article.blocks, host);
      const draw = () => {
        const placed = place(host, paragraphs, elements);
        host.setAttribute('data-notes', String(placed.length));
        render(<Overlay notes={placed} />, container);
      };
      host.setAttribute('data-outlets', String(outletCount));
      draw();
      // Layout changes (resize, late images, fonts) move paragraphs; notes follow.
      const observer = new ResizeObserver(() => draw());
      observer.observe(document.documentElement);
      return () => {
        observer.disconnect();
        render(null, container);
      };
    },
    onRemove(cleanup) {
      cleanup?.();
    },
  });
  ui.mount();
  return ui;
}

/** Places each paragraph's note in the right margin beside it, or the left where the right has no room. */
function place(
  host: HTMLElement,
  paragraphs: ReturnType<typeof paragraphNotes>,
  elements: Array<Element | null>,
): PlacedNote[] {
  const origin = host.getBoundingClientRect();
  const viewport = document.documentElement.clientWidth;
  const placed: PlacedNote[] = [];
  let lowest = -Infinity;
  for (const note of paragraphs) {
    const element = elements[note.block];
    if (!element) continue;
    const rect = element.getBoundingClientRect();
    const roomRight = viewport - rect.right - GAP;
    const width = Math.min(NOTE_WIDTH, Math.max(roomRight, rect.left - GAP, 160));
    const left = roomRight >= 160 || rect.left - GAP < 160 ? rect.right + GAP : rect.left - GAP - width;
    // Notes never overlap: one that would starts below the previous.
    const top = Math.max(rect.top - origin.top, lowest);
    placed.push({ note, top, left: Math.min(left, viewport - width) - origin.left, width });
    lowest = top + 72;
  }
  return placed;
}
