import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Messages } from '../lib/i18n/messages';
import type { NotesSummary, ParagraphNote } from '../lib/notes/paragraph-notes';
import type { RankedMissing } from '../lib/notes/missing-ranking';
import { SummaryLine } from './SummaryLine';
import { NoteCard, type NotePlacement } from './NoteCard';

export interface PlacedNote {
  note: ParagraphNote;
  excerpt: string;
  placement: NotePlacement;
}

/**
 * Where the article-level line (or the related-event hint) goes: in the margin
 * at the article's top, or as a marker by the headline. A marker sits above
 * the headline where the page has room for it, else just below it, and never
 * above the page's top edge; its opened panel of missing points goes below the
 * headline, so neither covers it.
 */
export type TopPlacement = {
  mode: 'margin' | 'marker';
  top: number;
  left: number;
  width: number;
  /**
   * Marker mode, in the host's coordinates: the headline's (or first
   * paragraph's) top and bottom, the page's top edge, and the free room around
   * the headline (the bottom of the page's content above it, the top of its
   * content below; ±Infinity where none).
   */
  head?: { top: number; bottom: number; pageTop: number; above?: number; below?: number };
  /** Marker mode: the width the opened panel may take. */
  panelWidth?: number;
};

export interface OverlayProps {
  t: Messages;
  theme: 'light' | 'dark';
  notes: PlacedNote[];
  top: TopPlacement | null;
  summary: NotesSummary | null;
  /** The points missing here, most-reported first. */
  missing: RankedMissing;
  /** Set when the other coverage is of the same people but another event: a quiet hint replaces the notes. */
  related: number | null;
  /** Outlets whose report is too short to judge what it leaves out: said once, in the article-level line. */
  short?: string[];
  onHighlight(block: number | null): void;
}

/** Space kept between stacked margin notes. */
const STACK_GAP = 8;
/** Space between a marker by the headline and the headline. */
const HEAD_GAP = 6;

/**
 * Places the markers by the headline (the article-level line, the related
 * hint) now that their heights are known, never over the headline: above it
 * where the page leaves room there, else below it where it leaves room there,
 * else above it over the page's own content above (never past the page's top
 * edge), else below it. The opened panel of the article-level line is told
 * where the headline ends (`--panel-top`).
 */
export function headlineSpot(height: number, head: { top: number; bottom: number; pageTop: number; above?: number; below?: number }): number {
  const above = head.top - HEAD_GAP - height;
  const below = head.bottom + HEAD_GAP;
  if (above >= Math.max(head.pageTop + 2, (head.above ?? -Infinity) + 2)) return above;
  if (below + height <= (head.below ?? Infinity) - 2) return below;
  return above >= head.pageTop + 2 ? above : below;
}

function placeByHeadline(root: HTMLElement): void {
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-head-top]'))) {
    const headBottom = Number(el.dataset.headBottom);
    // The opened panel is positioned on its own (absolute), so this is the marker's height alone.
    const height = el.offsetHeight;
    const top = headlineSpot(height, {
      top: Number(el.dataset.headTop),
      bottom: headBottom,
      pageTop: Number(el.dataset.pageTop),
      above: num(el.dataset.roomAbove),
      below: num(el.dataset.roomBelow),
    });
    el.style.top = `${top}px`;
    el.style.setProperty('--panel-top', `${Math.max(height + 4, headBottom + HEAD_GAP - top)}px`);
  }
}

/**
 * The layer holding every note of the page. Positions come from the content
 * script; margin notes are stacked here, with their rendered heights, so no
 * two ever overlap – an opened note pushes the ones below it down.
 */
export function Overlay({ t, theme, notes, top, summary, missing, related, short, onHighlight }: OverlayProps) {
  const [open, setOpen] = useState<number | null>(null);
  const [announced, setAnnounced] = useState('');
  const layer = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const root = layer.current;
    if (!root) return;
    const stack = () => {
      placeByHeadline(root);
      let lowest = -Infinity;
      for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-stack]'))) {
        const wanted = Number(el.dataset.top);
        const placed = Math.max(wanted, lowest + STACK_GAP);
        el.style.top = `${placed}px`;
        lowest = placed + el.offsetHeight;
      }
    };
    stack();
    // A note's own height changes too (fonts arriving, the reader's zoom).
    const observer = new ResizeObserver(stack);
    for (const el of Array.from(root.querySelectorAll('[data-stack], [data-head-top]'))) observer.observe(el);
    return () => observer.disconnect();
  });

  useEffect(() => {
    // Said once, a moment after the notes appear, so screen readers announce it.
    const timer = setTimeout(() => {
      setAnnounced(related !== null ? t.relatedHint(related) : t.announce(notes.length, summary?.outlets ?? 0));
    }, 500);
    return () => clearTimeout(timer);
  }, [notes.length > 0, related]);

  // Some notes may be markers (beside a part of the page in the margin): the top line stacks with those in the margin.
  const margin = notes.some((n) => n.placement.mode === 'margin');
  // Markers by the headline are placed once their heights are known (placeByHeadline).
  const head = top?.mode === 'marker' && top.head
    ? {
        'data-head-top': top.head.top,
        'data-head-bottom': top.head.bottom,
        'data-page-top': top.head.pageTop,
        'data-room-above': Number.isFinite(top.head.above) ? top.head.above : undefined,
        'data-room-below': Number.isFinite(top.head.below) ? top.head.below : undefined,
      }
    : {};
  return (
    <div class="layer" data-theme={theme} role="complementary" aria-label={t.notesLabel} ref={layer}>
      {top && related !== null && (
        <p
          class={`related-hint ${top.mode}`}
          data-stack={top.mode === 'margin' ? '' : undefined}
          data-top={top.top}
          {...head}
          style={{ top: `${top.top}px`, left: `${top.left}px`, width: `${top.width}px` }}
        >
          {t.relatedHint(related)}
        </p>
      )}
      {top && related === null && summary && (
        <div
          class={`top ${top.mode}`}
          data-stack={top.mode === 'margin' && margin ? '' : undefined}
          data-top={top.top}
          {...head}
          style={{
            top: `${top.top}px`,
            left: `${top.left}px`,
            width: top.mode === 'margin' ? `${top.width}px` : undefined,
            ...(top.panelWidth ? { '--panel-width': `${top.panelWidth}px` } : {}),
          }}
        >
          <SummaryLine summary={summary} missing={missing} t={t} compact={top.mode === 'marker'} short={short} />
        </div>
      )}
      {notes.map((placed) => (
        <div
          key={placed.note.block}
          class="slot"
          data-stack={placed.placement.mode === 'margin' ? '' : undefined}
          data-top={placed.placement.top}
          style={
            placed.placement.mode === 'margin'
              ? { top: `${placed.placement.top}px`, left: `${placed.placement.left}px`, width: `${placed.placement.width}px` }
              : undefined
          }
        >
          <NoteCard
            {...placed}
            open={open === placed.note.block}
            t={t}
            onToggle={(next) => setOpen(next ? placed.note.block : null)}
            onHighlight={(on) => onHighlight(on ? placed.note.block : null)}
          />
        </div>
      ))}
      <p class="sr-only" role="status">
        {announced}
      </p>
    </div>
  );
}
