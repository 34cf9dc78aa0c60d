import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHighlighter, highlightRule } from '../../../entrypoints/content/highlight';

// A page whose article lies in <article>, and a comment section outside it (as on the bench's 2 MB page).
const { window } = new JSDOM(
  '<!doctype html><html><body><main><article><p id="a">Erster Absatz des Artikels.</p></article></main><section><p id="c">Ein Kommentar.</p></section><div id="layer"></div></body></html>',
);
const doc = window.document;
// jsdom lays nothing out: a range has one box.
window.Range.prototype.getClientRects = function () {
  return [{ top: 10, left: 20, width: 300, height: 18 }] as unknown as DOMRectList;
};
const rangeOf = (id: string) => {
  const range = doc.createRange();
  range.selectNodeContents(doc.getElementById(id)!.firstChild!);
  return range;
};

/** The page's CSS.highlights, Highlight and constructed sheets, as far as the highlighter uses them; the sheets the page has adopted. */
class FakeSheet {
  rules: string[] = [];
  replaceSync(text: string) {
    this.rules.push(text);
  }
}
let adopted: FakeSheet[];
let registry: Map<string, unknown>;
let refuseSheets: boolean;
const saved: Record<string, unknown> = {};
beforeEach(() => {
  adopted = [];
  registry = new Map();
  refuseSheets = false;
  Object.defineProperty(doc, 'adoptedStyleSheets', {
    configurable: true,
    get: () => adopted,
    set: (sheets: FakeSheet[]) => {
      if (refuseSheets) throw new Error('refused');
      adopted = sheets;
    },
  });
  const globals = { CSS: { highlights: registry }, Highlight: class { constructor(...ranges: Range[]) { return new Set(ranges); } }, CSSStyleSheet: FakeSheet, document: doc };
  for (const [key, value] of Object.entries(globals)) {
    saved[key] = (globalThis as Record<string, unknown>)[key];
    (globalThis as Record<string, unknown>)[key] = value;
  }
});
afterEach(() => Object.assign(globalThis, saved));

const layer = () => doc.getElementById('layer') as unknown as HTMLElement;
const origin = () => ({ top: 0, left: 0 }) as DOMRect;

describe('the note highlighter', () => {
  it('adopts no sheet until a highlight is shown: adopting one restyles the page', () => {
    const h = createHighlighter(layer(), origin);
    expect(adopted).toHaveLength(0);
    h.show([]);
    h.clear();
    expect(adopted).toHaveLength(0);
    h.show([rangeOf('a')]);
    expect(adopted).toHaveLength(1);
    expect(registry.has('crossread-note')).toBe(true);
  });

  it("paints a highlight inside the article's possible roots with the rule scoped to them, adopted once, dropped on dispose", () => {
    const h = createHighlighter(layer(), origin);
    h.show([rangeOf('a')]);
    h.clear();
    expect(registry.has('crossread-note')).toBe(false);
    h.show([rangeOf('a')]);
    expect(adopted).toHaveLength(1);
    expect(adopted[0].rules).toEqual([highlightRule(true)]);
    h.dispose();
    expect(adopted).toHaveLength(0);
    expect(registry.has('crossread-note')).toBe(false);
  });

  it('turns to the rule for every element, once, when a highlight lies outside those roots', () => {
    const h = createHighlighter(layer(), origin);
    h.show([rangeOf('a')]);
    h.show([rangeOf('c')]);
    h.show([rangeOf('a')]);
    expect(adopted).toHaveLength(1);
    expect(adopted[0].rules).toEqual([highlightRule(true), highlightRule(false)]);
    const fresh = createHighlighter(layer(), origin);
    fresh.show([rangeOf('a'), rangeOf('c')]);
    expect(adopted[1].rules).toEqual([highlightRule(false)]);
  });

  it('draws boxes in its own layer where the page will not take the sheet', () => {
    refuseSheets = true;
    const h = createHighlighter(layer(), origin);
    h.show([rangeOf('a')]);
    expect(registry.has('crossread-note')).toBe(false);
    expect(layer().querySelectorAll('.highlight-box').length).toBeGreaterThan(0);
    h.dispose();
  });

  it("scopes the rule to the extraction's article roots, on each element and its descendants", () => {
    expect(highlightRule(false)).toBe('::highlight(crossread-note) { background-color: rgb(255 200 0 / 40%); }');
    const scoped = highlightRule(true);
    expect(scoped).toContain(':is(article, [itemprop="articleBody"], main, [role="main"])::highlight(crossread-note), ');
    expect(scoped).toContain(':is(article, [itemprop="articleBody"], main, [role="main"]) ::highlight(crossread-note) {');
  });
});
