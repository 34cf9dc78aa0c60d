/**
 * Highlights the sentences a note speaks about while the note is hovered or
 * focused. The page's text is never touched: the CSS Custom Highlight API
 * paints ranges without changing the DOM; where it is missing, translucent
 * boxes are drawn in crossread's own layer over the text's line boxes.
 */
const NAME = 'crossread-note';

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

export interface Highlighter {
  show(ranges: Range[]): void;
  clear(): void;
  dispose(): void;
}

export function createHighlighter(boxLayer: HTMLElement, origin: () => DOMRect): Highlighter {
  const registry = (globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined)?.highlights;
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  let sheet: CSSStyleSheet | null = null;
  if (registry && HighlightCtor) {
    try {
      // A constructed sheet adds no element to the page; its one rule only
      // paints crossread's own highlight.
      sheet = new CSSStyleSheet();
      sheet.replaceSync(`::highlight(${NAME}) { background-color: rgb(255 200 0 / 40%); }`);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch {
      sheet = null;
    }
  }
  const native = sheet !== null;

  const clear = () => {
    if (native) registry!.delete(NAME);
    boxLayer.replaceChildren();
  };
  return {
    show(ranges) {
      clear();
      if (ranges.length === 0) return;
      if (native) {
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
      if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}
