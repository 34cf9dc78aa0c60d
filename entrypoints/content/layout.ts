import type { PageAnchors } from '../../page/anchor';
import type { ParagraphNote } from '../../lib/notes/paragraph-notes';
import type { PlacedNote, TopPlacement } from '../../components/Overlay';

/** Below this viewport width notes become markers at the paragraph's end. */
export const NARROW_VIEWPORT = 900;
const NOTE_MAX = 300;
const NOTE_MIN = 200;
const GAP = 16;
const MARKER_WIDTH = 96;
const POPOVER_MAX = 360;
/** The widest a related-event hint by the headline gets. */
const HINT_MAX = 640;
/** The widest the opened panel of missing points gets. */
const PANEL_MAX = 460;
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
  let firstElement: Element | null = null;
  if (title && title.height > 0 && title.top < articleTop) {
    first = title;
    firstElement = headline ? blockOf(headline) : null;
  } else firstElement = anchors.blocks.find((a) => a?.element && a.range.getBoundingClientRect().top === articleTop)?.element ?? null;
  if (!first) return { notes: [], top: null };
  const firstBox: DOMRect = first;
  // No notes (a related-event page): the column is the article's text, not the headline's words alone.
  if (!Number.isFinite(columnLeft)) {
    for (const boxes of rects.values()) {
      for (const r of boxes) {
        columnLeft = Math.min(columnLeft, r.left);
        columnRight = Math.max(columnRight, r.right);
      }
    }
  }
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
  // Only the height the notes take is looked at: a long page's comment section below them holds thousands of parts.
  let bandTop = firstBox.top;
  let bandBottom = firstBox.top;
  for (const note of paragraphs) {
    const top = rects.get(note.block)?.[0].top;
    if (top === undefined) continue;
    bandTop = Math.min(bandTop, top);
    bandBottom = Math.max(bandBottom, top);
  }
  const obstacles = side ? marginObstacles(articleElement(anchors), marginLeft, marginLeft + width, host, viewport, [bandTop, bandBottom + NOTE_HEIGHT]) : [];
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
  // A marker by the headline: the overlay puts it where the page leaves room above or below the headline (see Overlay).
  const markerLeft = Math.max(4, firstBox.left);
  const markerWidth = Math.max(120, Math.min(HINT_MAX, Math.max(POPOVER_MAX, firstBox.width), viewport - markerLeft - 8));
  let top: TopPlacement;
  if (side && !blocked(firstBox.top)) top = { mode: 'margin', top: firstBox.top - origin.top, left: marginLeft - origin.left, width };
  else {
    // The headline's own box (its line height included), not only its glyphs.
    const box = firstElement ? union(firstBox, firstElement.getBoundingClientRect()) : firstBox;
    const band: [number, number] = [markerLeft, markerLeft + markerWidth];
    const room = firstElement ? roomAround(firstElement, box, band) : { above: -Infinity, below: Infinity };
    const y = (v: number) => (Number.isFinite(v) ? v - origin.top : v);
    top = {
      mode: 'marker',
      top: box.top - origin.top - 26,
      left: markerLeft - origin.left,
      // As wide as the headline (within bounds), so a hint takes few lines.
      width: markerWidth,
      head: { top: box.top - origin.top, bottom: box.bottom - origin.top, pageTop: -window.scrollY - origin.top, above: y(room.above), below: y(room.below) },
      panelWidth: Math.max(200, Math.min(PANEL_MAX, viewport - markerLeft - 12)),
    };
  }
  return { notes, top };
}

/** The block the headline's text sits in (its heading element). */
function blockOf(range: Range): Element | null {
  const node = range.commonAncestorContainer;
  let el: Element | null = node instanceof Element ? node : node.parentElement;
  while (el && el !== document.body && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
  return el && el !== document.body ? el : null;
}

function union(a: DOMRect, b: DOMRect): DOMRect {
  // A wrapper far taller than the headline's text is not its box.
  if (b.height === 0 || b.height > a.height * 2 + 40) return a;
  const top = Math.min(a.top, b.top);
  const bottom = Math.max(a.bottom, b.bottom);
  const left = Math.min(a.left, b.left);
  const right = Math.max(a.right, b.right);
  return new DOMRect(left, top, right - left, bottom - top);
}

/**
 * The free room around the headline, in viewport coordinates: the bottom of
 * the page's nearest content above it and the top of the nearest below it
 * (siblings of the headline and of its ancestors, within the horizontal band
 * a marker would take). Fixed and sticky parts move with scrolling and are
 * left out. Reads layout and styles only.
 */
export function roomAround(heading: Element, box: DOMRect, [left, right]: [number, number]): { above: number; below: number } {
  let above = -Infinity;
  let below = Infinity;
  const visible = (el: Element, r: DOMRect) => {
    if (r.width === 0 || r.height === 0 || r.right <= left || r.left >= right) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.position !== 'fixed' && style.position !== 'sticky';
  };
  for (let node: Element | null = heading; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) {
      const r = s.getBoundingClientRect();
      if (r.bottom <= box.top + 1 && visible(s, r)) above = Math.max(above, r.bottom);
    }
    for (let s = node.nextElementSibling; s; s = s.nextElementSibling) {
      const r = s.getBoundingClientRect();
      if (r.top >= box.bottom - 1 && visible(s, r)) below = Math.min(below, r.top);
    }
  }
  return { above, below };
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
 * out. Only parts within the vertical `band` are looked at (and into). Reads
 * layout and styles only.
 */
export function marginObstacles(
  article: Element | null,
  left: number,
  right: number,
  host: Element,
  viewport: number,
  [top, bottom]: [number, number] = [-Infinity, Infinity],
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const visit = (el: Element, depth: number) => {
    if (el === host || el.contains(host)) return;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= left || r.left >= right || r.bottom <= top || r.top >= bottom) return;
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
