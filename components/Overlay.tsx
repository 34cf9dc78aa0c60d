import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Messages } from '../lib/i18n/messages';
import type { NotesSummary, ParagraphNote } from '../lib/notes/paragraph-notes';
import type { MissingNote } from '../lib/notes/page-notes';
import { ArticleSummary } from './ArticleSummary';
import { NoteCard, type NotePlacement } from './NoteCard';

export interface PlacedNote {
  note: ParagraphNote;
  excerpt: string;
  placement: NotePlacement;
}

/** Where the article-level line goes: in the margin at the article's top, or as a marker at the title's end. */
export type TopPlacement = { mode: 'margin' | 'marker'; top: number; left: number; width: number };

export interface OverlayProps {
  t: Messages;
  theme: 'light' | 'dark';
  notes: PlacedNote[];
  top: TopPlacement | null;
  summary: NotesSummary | null;
  missing: MissingNote[];
  /** Set when the other coverage is of the same people but another event: a quiet hint replaces the notes. */
  related: number | null;
  onHighlight(block: number | null): void;
}

/** Space kept between stacked margin notes. */
const STACK_GAP = 8;

/**
 * The layer holding every note of the page. Positions come from the content
 * script; margin notes are stacked here, with their rendered heights, so no
 * two ever overlap – an opened note pushes the ones below it down.
 */
export function Overlay({ t, theme, notes, top, summary, missing, related, onHighlight }: OverlayProps) {
  const [open, setOpen] = useState<number | null>(null);
  const [announced, setAnnounced] = useState('');
  const layer = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const root = layer.current;
    if (!root) return;
    const stack = () => {
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
    for (const el of Array.from(root.querySelectorAll('[data-stack]'))) observer.observe(el);
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
  return (
    <div class="layer" data-theme={theme} role="complementary" aria-label={t.notesLabel} ref={layer}>
      {top && related !== null && (
        <p class="related-hint" data-stack data-top={top.top} style={{ left: `${top.left}px`, width: `${top.width}px` }}>
          {t.relatedHint(related)}
        </p>
      )}
      {top && related === null && summary && (
        <div
          class={`top ${top.mode}`}
          data-stack={top.mode === 'margin' && margin ? '' : undefined}
          data-top={top.top}
          style={{ top: `${top.top}px`, left: `${top.left}px`, width: top.mode === 'margin' ? `${top.width}px` : undefined }}
        >
          <ArticleSummary summary={summary} missing={missing} t={t} compact={top.mode === 'marker'} />
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
