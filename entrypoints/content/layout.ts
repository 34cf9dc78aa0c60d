import type { PageAnchors } from '../../lib/extract/anchor';
import type { ParagraphNote } from '../../lib/notes/paragraph-notes';
import type { PlacedNote, TopPlacement } from '../../components/Overlay';

/** Below this viewport width notes become markers at the paragraph's end. */
export const NARROW_VIEWPORT = 900;
const NOTE_MAX = 300;
const NOTE_MIN = 200;
const GAP = 16;
const MARKER_WIDTH = 96;
const POPOVER_MAX = 360;
/** The height of a closed note, to test it against the page's own parts in the margin. */
const NOTE_HEIGHT = 56;
/** A part of the page wider than this share of the viewport is a wrapper: its children are tested instead. */
const WIDE = 0.8;
const MAX_DEPTH = 4;

export interface Layout {
  notes: PlacedNote[];
  top: TopPlacement | null;
}

/**
 * Where each note goes, in the host's coordinates: beside its paragraph in the
 * right margin, the left where the right has no room, and as a marker at the
 * paragraph's end where neither has room or the viewport is narrow. Reads
 * layout only (client rects); writes nothing to the page.
 */
export function layoutNotes(host: Element, anchors: PageAnchors, paragraphs: readonly ParagraphNote[], headline: Range | null = null): Layout {
  const origin = host.getBoundingClientRect();
  const viewport = document.documentElement.clientWidth;
  const rects = new Map<number, DOMRect[]>();
  let columnLeft = Infinity;
  let columnRight = -Infinity;
  let articleTop = Infinity;
  let first: DOMRect | null = null;
  anchors.blocks.forEach((anchor, index) => {
    if (!anchor) return;
    const boxes = Array.from(anchor.range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    if (boxes.length === 0) return; // hidden or gone
    rects.set(index, boxes);
    const box = anchor.range.getBoundingClientRect();
    if (box.top < articleTop) {
      articleTop = box.top;
      first = box;
    }
  });
  for (const note of paragraphs) {
    const box = rects.get(note.block);
    if (!box) continue;
    for (const r of box) {
      columnLeft = Math.min(columnLeft, r.left);
      columnRight = Math.max(columnRight, r.right);
    }
  }
  const title = headline?.getBoundingClientRect();
  if (title && title.height > 0 && title.top < articleTop) first = title;
  if (!first) return { notes: [], top: null };
  const firstBox: DOMRect = first;
  if (!Number.isFinite(columnLeft)) {
    columnLeft = firstBox.left;
    columnRight = firstBox.right;
  }
  const roomRight = viewport - columnRight - 2 * GAP;
  const roomLeft = columnLeft - 2 * GAP;
  let side: 'right' | 'left' | null = null;
  if (viewport >= NARROW_VIEWPORT) side = roomRight >= NOTE_MIN ? 'right' : roomLeft >= NOTE_MIN ? 'left' : null;
  const width = Math.min(NOTE_MAX, side === 'right' ? roomRight : roomLeft);
  const marginLeft = side === 'right' ? columnRight + GAP : columnLeft - GAP - width;

  // The page may use that margin itself (a sidebar, a teaser box): notes beside such parts become markers.
  const obstacles = side ? marginObstacles(articleElement(anchors), marginLeft, marginLeft + width, host, viewport) : [];
  const blocked = (top: number) => obstacles.some(([a, b]) => top < b && a < top + NOTE_HEIGHT);

  const notes: PlacedNote[] = [];
  for (const note of paragraphs) {
    const boxes = rects.get(note.block);
    const anchor = anchors.blocks[note.block];
    if (!boxes || !anchor) continue;
    const excerpt = excerptOf(anchor.block.text);
    if (side && !blocked(boxes[0].top)) {
      notes.push({ note, excerpt, placement: { mode: 'margin', top: boxes[0].top - origin.top, left: marginLeft - origin.left, width } });
      continue;
    }
    const last = boxes[boxes.length - 1];
    const x = Math.max(4, Math.min(last.right + 4, viewport - MARKER_WIDTH - 4));
    const popoverWidth = Math.min(POPOVER_MAX, viewport - 16);
    const popoverLeft = Math.max(8, Math.min(x - 40, viewport - popoverWidth - 8));
    notes.push({
      note,
      excerpt,
      placement: {
        mode: 'marker',
        top: last.top - origin.top + Math.max(0, (last.height - 20) / 2),
        left: x - origin.left,
        popoverLeft: popoverLeft - origin.left,
        popoverWidth,
      },
    });
  }
  const top: TopPlacement = side && !blocked(firstBox.top)
    ? { mode: 'margin', top: firstBox.top - origin.top, left: marginLeft - origin.left, width }
    : {
        mode: 'marker',
        top: firstBox.top - origin.top - 26,
        left: Math.max(4, firstBox.left) - origin.left,
        width: Math.min(POPOVER_MAX, viewport - 16),
      };
  return { notes, top };
}

/** The element holding the article's paragraphs: the deepest one containing the first and the last. */
function articleElement(anchors: PageAnchors): Element | null {
  const present = anchors.blocks.filter((a) => a !== null && a !== undefined);
  if (present.length === 0) return null;
  const range = document.createRange();
  range.setStart(present[0]!.range.startContainer, present[0]!.range.startOffset);
  range.setEnd(present[present.length - 1]!.range.endContainer, present[present.length - 1]!.range.endOffset);
  const common = range.commonAncestorContainer;
  return common instanceof Element ? common : common.parentElement;
}

/**
 * Vertical ranges (viewport coordinates) where the page shows something of its
 * own in the horizontal band [left, right]: the parts of the page beside the
 * article (siblings along its ancestors), a wide wrapper looked into rather
 * than counted whole. Fixed and sticky parts move with scrolling and are left
 * out. Reads layout and styles only.
 */
export function marginObstacles(article: Element | null, left: number, right: number, host: Element, viewport: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const visit = (el: Element, depth: number) => {
    if (el === host || el.contains(host)) return;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= left || r.left >= right) return;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed' || style.position === 'sticky') return;
    if (r.width > WIDE * viewport && depth < MAX_DEPTH) {
      for (const child of Array.from(el.children)) visit(child, depth + 1);
      return;
    }
    out.push([r.top, r.bottom]);
  };
  for (let el = article; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
    const parent = el.parentElement;
    if (!parent) break;
    for (const sibling of Array.from(parent.children)) if (sibling !== el) visit(sibling, 0);
  }
  return out;
}

/** The first words of a paragraph, to name its note. */
export function excerptOf(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > 20 ? cut : max)} …`;
}
