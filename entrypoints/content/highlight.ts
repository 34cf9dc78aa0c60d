/**
 * Highlights the sentences a note speaks about while the note is hovered or
 * focused. The page's text is never touched: the CSS Custom Highlight API
 * paints ranges without changing the DOM; where it is missing, translucent
 * boxes are drawn in crossread's own layer over the text's line boxes.
 */
import { ROOT_SELECTOR } from '../../page/extract-article';

const NAME = 'crossread-note';
const STYLE = 'background-color: rgb(255 200 0 / 40%);';

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

export interface Highlighter {
  show(ranges: Range[]): void;
  clear(): void;
  dispose(): void;
}

/**
 * The rule that paints crossread's highlight. A rule for every element
 * (`::highlight(name)`) makes the browser restyle the whole page when it is
 * adopted (Chromium: 104-277 ms on the bench's 2 MB page, its 13,770
 * elements); one for the elements that may hold the article (ROOT_SELECTOR)
 * and their descendants restyles only those (10-20 ms there) and paints the
 * same. Firefox ESR does not pass a highlight's style on from an ancestor,
 * hence the descendant rule beside the element's own.
 */
export function highlightRule(scoped: boolean): string {
  if (!scoped) return `::highlight(${NAME}) { ${STYLE} }`;
  const roots = `:is(${ROOT_SELECTOR})`;
  return `${roots}::highlight(${NAME}), ${roots} ::highlight(${NAME}) { ${STYLE} }`;
}

/** Whether a range lies inside an element that may hold the article (the article's root is one, where it was found). */
function inArticleRoot(range: Range): boolean {
  const node = range.commonAncestorContainer;
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(ROOT_SELECTOR) != null;
}

export function createHighlighter(boxLayer: HTMLElement, origin: () => DOMRect): Highlighter {
  const registry = (globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined)?.highlights;
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  let native = Boolean(registry && HighlightCtor);
  let sheet: CSSStyleSheet | null = null;
  /** Whether the adopted rule is highlightRule(true). */
  let scoped = false;
  // The sheet is adopted by the first highlight shown, not when the notes are
  // mounted: what adopting it restyles (highlightRule) is then never paid by a
  // reader who does not hover a note, and, in the mount's task, was forced at
  // once by the theme's getComputedStyle (the whole 2 MB page, 147-264 ms of
  // style recalculation in a Chromium trace, with the rule for every element).
  // Where the page will not take the sheet, the boxes are drawn instead.
  const adopt = (ranges: Range[]): boolean => {
    // Every element's rule already: where the ranges lie no longer matters.
    if (sheet && !scoped) return true;
    const inRoots = ranges.every(inArticleRoot);
    try {
      if (sheet) {
        // A highlight outside the article's possible roots (a page read whole): every element's rule, once.
        if (!inRoots) {
          sheet.replaceSync(highlightRule(false));
          scoped = false;
        }
        return true;
      }
      // A constructed sheet adds no element to the page; its rule only
      // paints crossread's own highlight.
      const made = new CSSStyleSheet();
      made.replaceSync(highlightRule(inRoots));
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, made];
      sheet = made;
      scoped = inRoots;
      return true;
    } catch {
      native = false;
      return false;
    }
  };

  const clear = () => {
    if (native) registry!.delete(NAME);
    boxLayer.replaceChildren();
  };
  return {
    show(ranges) {
      clear();
      if (ranges.length === 0) return;
      if (native && adopt(ranges)) {
        registry!.set(NAME, new HighlightCtor!(...ranges));
        return;
      }
      const o = origin();
      for (const range of ranges) {
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width === 0 || rect.height === 0) continue;
          const box = document.createElement('div');
          box.className = 'highlight-box';
          box.style.cssText = `top:${rect.top - o.top}px;left:${rect.left - o.left}px;width:${rect.width}px;height:${rect.height}px`;
          boxLayer.append(box);
        }
      }
    },
    clear,
    dispose() {
      clear();
      const adopted = sheet;
      if (adopted) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== adopted);
      sheet = null;
    },
  };
}
