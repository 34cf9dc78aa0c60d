import { useState } from 'preact/hooks';
import type { ParagraphNote } from '../lib/notes/paragraph-notes';

export interface NoteCardProps {
  note: ParagraphNote;
  top: number;
  left: number;
  width: number;
}

/**
 * One paragraph's margin note: a compact summary that opens to show each
 * outlet's own words. All corpus text is rendered as text, never as HTML.
 */
export function NoteCard({ note, top, left, width }: NoteCardProps) {
  const [open, setOpen] = useState(false);
  const summary = [
    note.agree.length ? `✓ ${note.agree.length} agree` : null,
    note.adds.length ? `+ ${note.adds.length} add detail` : null,
    note.omits.length ? `– ${note.omits.length} omit` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <aside class={open ? "note open" : "note"} data-block={note.block} style={{ top: `${top}px`, left: `${left}px`, width: `${width}px` }}>
      <button type="button" class="summary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {summary}
      </button>
      {open && (
        <div class="details">
          {note.agree.map((o) => (
            <p class="outlet agree" key={`a-${o.outlet}`}>
              <strong>{o.outlet}</strong> agrees: <q>{o.evidence[0] ?? ''}</q>
            </p>
          ))}
          {note.adds.map((o) => (
            <p class="outlet adds" key={`d-${o.outlet}`}>
              <strong>{o.outlet}</strong> adds: <q>{o.adds[0] ?? ''}</q>
            </p>
          ))}
          {note.omits.length > 0 && <p class="outlet omits">Not reported by {note.omits.join(', ')}</p>}
        </div>
      )}
    </aside>
  );
}
