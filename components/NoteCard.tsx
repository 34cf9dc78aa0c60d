import type { ComponentChildren } from 'preact';
import type { Messages } from '../lib/i18n/messages';
import type { ParagraphNote } from '../lib/notes/paragraph-notes';
import type { OutletNote } from '../lib/notes/page-notes';

/** Where a note sits: a card in the margin, or a marker at the paragraph's end on narrow pages. */
export type NotePlacement =
  | { mode: 'margin'; top: number; left: number; width: number }
  | { mode: 'marker'; top: number; left: number; popoverLeft: number; popoverWidth: number };

export interface NoteCardProps {
  note: ParagraphNote;
  /** The start of the annotated paragraph, naming the note for screen readers. */
  excerpt: string;
  placement: NotePlacement;
  open: boolean;
  t: Messages;
  onToggle(open: boolean): void;
  onHighlight(on: boolean): void;
}

/** Below this confidence an agreement reads "probably agrees". */
export const LIKELY = 0.75;

/**
 * The relations of a note as a list of symbol-led parts, e.g. "✓ 3 agree", "+ 2 add detail".
 * Outlets crossread could not compare are "not compared", never "omit"; outlets
 * whose report is short are said once for the page, not here.
 */
export function summaryParts(note: ParagraphNote, t: Messages): string[] {
  const unclear = note.unclear ?? [];
  return [
    note.agree.length ? t.agree(note.agree.length) : null,
    note.adds.length ? t.addDetail(note.adds.length) : null,
    note.conflicts.length ? t.conflict(new Set(note.conflicts.map((c) => c.outlet)).size) : null,
    note.omits.length ? t.omit(note.omits.length) : null,
    unclear.length ? t.unclear(unclear.length) : null,
  ].filter((part): part is string => part !== null);
}

/**
 * One paragraph's note: a compact summary that opens to show each outlet's
 * own words. All corpus text is rendered as text, never as HTML.
 */
export function NoteCard({ note, excerpt, placement, open, t, onToggle, onHighlight }: NoteCardProps) {
  const parts = summaryParts(note, t);
  const id = `crossread-note-${note.block}`;
  const marker = placement.mode === 'marker';
  // Margin notes are placed by their slot in the overlay's stack; markers sit where the paragraph ends.
  const style = marker ? { top: `${placement.top}px`, left: `${placement.left}px` } : undefined;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    onToggle(false);
    ((event.currentTarget as HTMLElement).querySelector('button.summary') as HTMLButtonElement | null)?.focus();
  };
  return (
    <div
      class={`note ${marker ? 'marker-note' : 'margin-note'}${open ? ' open' : ''}`}
      role="group"
      aria-label={t.noteOn(excerpt)}
      data-block={note.block}
      style={style}
      onKeyDown={onKeyDown}
      onMouseEnter={() => onHighlight(true)}
      onMouseLeave={() => onHighlight(false)}
      onFocusIn={() => onHighlight(true)}
      onFocusOut={(e: FocusEvent) => {
        if (!(e.currentTarget as Element).contains(e.relatedTarget as Node | null)) onHighlight(false);
      }}
    >
      <button type="button" class="summary" aria-expanded={open} aria-controls={id} onClick={() => onToggle(!open)}>
        {marker ? (
          <>
            <span aria-hidden="true" class="compact">
              {parts.map((p) => p.split(' ').slice(0, 2).join('')).join(' ')}
            </span>
            <span class="sr-only">{parts.join(' · ')}</span>
          </>
        ) : (
          parts.map((part, i) => (
            <span key={part} class={`part ${kindOf(part)}`}>
              {i > 0 ? ' · ' : ''}
              {part}
            </span>
          ))
        )}
      </button>
      <div
        id={id}
        class="details"
        hidden={!open}
        style={marker ? { left: `${placement.popoverLeft - placement.left}px`, width: `${placement.popoverWidth}px` } : undefined}
      >
        {open && <NoteDetails note={note} t={t} />}
      </div>
    </div>
  );
}

function kindOf(part: string): string {
  return part.startsWith('✓')
    ? 'agree'
    : part.startsWith('+')
      ? 'adds'
      : part.startsWith('≠')
        ? 'conflict'
        : part.startsWith('?')
          ? 'unclear'
          : 'omits';
}

function NoteDetails({ note, t }: { note: ParagraphNote; t: Messages }) {
  const addsOnly = note.adds.filter((o) => o.relation !== 'agree');
  const unclear = note.unclear ?? [];
  return (
    <ul class="outlets">
      {note.agree.map((o) => {
        const likely = o.confidence !== undefined && o.confidence < LIKELY;
        const loose = looseAdds(o);
        return (
          <li
            class="outlet agree"
            key={`a-${o.outlet}`}
            title={o.confidence !== undefined ? t.confidence(Math.round(o.confidence * 100)) : undefined}
          >
            <span class="symbol" aria-hidden="true">✓</span> <strong>{o.outlet}</strong> {likely ? t.agreesLikely : t.agrees}{' '}
            <Quote note={o} />
            {loose.length > 0 && (
              <span class="detail-line">
                <span class="symbol" aria-hidden="true">+</span> {t.adds} <Marked {...loose[0]} />
              </span>
            )}
          </li>
        );
      })}
      {addsOnly.map((o) => (
        <li class="outlet adds" key={`d-${o.outlet}`}>
          <span class="symbol" aria-hidden="true">+</span> <strong>{o.outlet}</strong> {t.adds} <Quote note={o} />
        </li>
      ))}
      {note.conflicts.map((c) => (
        <li class="outlet conflict" key={`c-${c.outlet}-${c.theirs}`}>
          <span class="symbol" aria-hidden="true">≠</span> <strong>{c.outlet}</strong> {t.contradicts}{' '}
          <span class="side-by-side">
            {t.thisArticle}: <q>{c.page}</q> · {c.outlet}: <q><em class="theirs">{c.theirs}</em></q>
          </span>
        </li>
      ))}
      {note.omits.length > 0 && (
        <li class="outlet omits">
          <span class="symbol" aria-hidden="true">–</span> {t.notReportedBy(note.omits.join(', '))}
        </li>
      )}
      {unclear.length > 0 && (
        <li class="outlet unclear">
          <span class="symbol" aria-hidden="true">?</span> {t.notCompared(unclear.join(', '))}
        </li>
      )}
    </ul>
  );
}

/** An added detail quoted on its own, quietly, its new words marked. */
function Marked({ text, marks }: { text: string; marks: Array<[number, number]> }) {
  return (
    <q class="detail">
      <MarkedInline text={text} marks={marks} />
    </q>
  );
}

/**
 * The outlet's own sentence. Where it holds the detail the outlet adds, the
 * detail's new words are marked quietly; agreement evidence stays the plainest
 * and clearest part of the note.
 */
function Quote({ note }: { note: OutletNote }) {
  const sentence = note.evidence[0] ?? note.adds[0] ?? '';
  const index = note.adds.findIndex((a) => sentence.includes(a));
  if (index < 0) return note.evidence.length ? <q>{sentence}</q> : <Marked text={sentence} marks={[]} />;
  const detail = note.adds[index];
  const at = sentence.indexOf(detail);
  const marks = note.addsMarks?.[index] ?? [];
  return (
    <q>
      {sentence.slice(0, at)}
      <span class={`detail${note.evidence.length ? ' within' : ''}`}>
        <MarkedInline text={detail} marks={marks} />
      </span>
      {sentence.slice(at + detail.length)}
    </q>
  );
}

/** A text with ranges of it (its new words) marked; ranges that overlap or fall outside it are left out. */
function MarkedInline({ text, marks }: { text: string; marks: Array<[number, number]> }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark class="new" key={start}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Details an agreeing outlet adds that are not inside the sentence already quoted, with their new words. */
function looseAdds(o: OutletNote): Array<{ text: string; marks: Array<[number, number]> }> {
  const quoted = o.evidence[0] ?? '';
  return o.adds.flatMap((text, i) => (quoted.includes(text) ? [] : [{ text, marks: o.addsMarks?.[i] ?? [] }]));
}
