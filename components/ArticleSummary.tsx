import { useState } from 'preact/hooks';
import type { Messages } from '../lib/i18n/messages';
import type { NotesSummary } from '../lib/notes/paragraph-notes';
import type { MissingNote } from '../lib/notes/page-notes';

export interface ArticleSummaryProps {
  summary: NotesSummary;
  missing: MissingNote[];
  t: Messages;
  /** A full-width line in the margin, or a compact marker on narrow pages. */
  compact: boolean;
}

/** The one-line comparison at the top of the article; opens the points this article leaves out. */
export function ArticleSummary({ summary, missing, t, compact }: ArticleSummaryProps) {
  // The list is built only once opened: a long list of quotes would cost the page for nothing.
  const [open, setOpen] = useState(false);
  const line = [
    t.shared(summary.shared),
    t.details(summary.details),
    t.onlyHere(summary.onlyHere),
    t.missingHere(summary.missing),
  ].join(' · ');
  return (
    <details
      onToggle={(event: Event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
      class={`article-summary${compact ? ' compact' : ''}`}
      onKeyDown={(event: KeyboardEvent) => {
        const details = event.currentTarget as HTMLDetailsElement;
        if (event.key !== 'Escape' || !details.open) return;
        event.stopPropagation();
        details.open = false;
        details.querySelector('summary')?.focus();
      }}
    >
      <summary>
        <span class={compact ? 'sr-only' : undefined}>
          {t.comparedWith(summary.outlets)}: {line}
        </span>
        {compact && (
          <span aria-hidden="true">{t.compactSummary(summary.outlets, summary.missing)}</span>
        )}
      </summary>
      {open && (
      <div class="missing">
        <h2>{t.missingTitle}</h2>
        {missing.length > 0 ? (
          <ul>
            {missing.map((point, i) => (
              <li key={i}>
                <q>{point.text}</q> <span class="sources">{t.reportedBy(point.outlets.join(', '))}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.missingHere(0)}</p>
        )}
      </div>
      )}
    </details>
  );
}
