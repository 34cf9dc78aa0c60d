import type { Block } from './extract-article';
import { buildTextMap, locate, rangeOf, subSpan, type MapSpan, type TextMap } from './text-map';

/**
 * Anchoring extracted blocks back to the live page (works on the DOM).
 * Readability read a clone, so its elements are not the page's: blocks are
 * found again by their characters in a text map of the page, in document
 * order, which holds whatever element, inline markup or whitespace the page
 * used for them.
 */
export interface BlockAnchor {
  block: Block;
  span: MapSpan;
  /** The page's text of the block; its boxes are where the block is on screen. */
  range: Range;
  /** The innermost element holding the whole block: observed for layout changes. */
  element: Element;
}

export interface PageAnchors {
  map: TextMap;
  blocks: Array<BlockAnchor | null>;
}

/**
 * Anchors every block, as a generator that yields between batches of work so
 * a caller can keep each task of the page's main thread short. `within`: the
 * element the blocks were extracted from, where known; the page is mapped up
 * to its end only (its headline may stand before it), not through a long
 * comment section after it.
 */
export function* anchorArticle(doc: Document, blocks: readonly Block[], skip?: Node | null, within?: Element | null): Generator<void, PageAnchors, void> {
  const root = doc.body ?? doc.documentElement;
  const map = yield* buildTextMap(root, skip, undefined, within);
  const anchors: Array<BlockAnchor | null> = [];
  let cursor = 0;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    // In order first; a block the page shows elsewhere (a pulled quote moved by
    // the extraction) is looked for from the top.
    const span = locate(map, block.text, cursor) ?? locate(map, block.text, 0);
    if (!span) {
      anchors.push(null);
      continue;
    }
    cursor = span.end;
    const range = rangeOf(map, span);
    anchors.push({ block, span, range, element: elementOf(range) });
    if (i % 5 === 4) yield;
  }
  return { map, blocks: anchors };
}


/**
 * The DOM range of the article text [start, end) (offsets into the extracted
 * article's text), clipped to the block that holds `start`. Null where the
 * block was not found on the page.
 */
export function textRange(anchors: PageAnchors, start: number, end: number): Range | null {
  const anchor = anchors.blocks.find((a) => a && a.block.start <= start && start < a.block.end);
  if (!anchor) return null;
  const { block } = anchor;
  const span = subSpan(block.text, anchor.span, start - block.start, Math.min(end, block.end) - block.start);
  return span ? rangeOf(anchors.map, span) : null;
}

/**
 * The page's headline: the article title found in the page before the first
 * anchored block (the title Readability reports is usually not a block).
 */
export function titleRange(anchors: PageAnchors, title: string): Range | null {
  const first = anchors.blocks.find((a) => a !== null);
  if (!title.trim()) return null;
  const span = locate(anchors.map, title, 0);
  if (!span || (first && span.start >= first.span.start)) return null;
  return rangeOf(anchors.map, span);
}

function elementOf(range: Range): Element {
  const node = range.commonAncestorContainer;
  return node.nodeType === 1 ? (node as Element) : (node.parentElement ?? (node.ownerDocument as Document).documentElement);
}

