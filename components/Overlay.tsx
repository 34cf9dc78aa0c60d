import type { ParagraphNote } from '../lib/notes/paragraph-notes';
import { NoteCard } from './NoteCard';

export interface PlacedNote {
  note: ParagraphNote;
  top: number;
  left: number;
  width: number;
}

export interface OverlayProps {
  notes: PlacedNote[];
}

/** The layer that holds every margin note of the page, positioned by the content script. */
export function Overlay({ notes }: OverlayProps) {
  return (
    <div class="layer" role="complementary" aria-label="crossread notes">
      {notes.map((placed) => (
        <NoteCard key={placed.note.block} {...placed} />
      ))}
    </div>
  );
}
