import { useRef, useState } from 'preact/hooks';
import type { Messages } from '../lib/i18n/messages';
import type { NotesSummary } from '../lib/notes/paragraph-notes';
import { topCount, type RankedMissing, type RankedPoint } from '../lib/notes/missing-ranking';

export interface SummaryLineProps {
  summary: NotesSummary;
  /** The points missing here, ranked once by the content script (its popup counts read the same ranking). */
  missing: RankedMissing;
  t: Messages;
  /** A full-width line in the margin, or a compact marker on narrow pages. */
  compact: boolean;
  /** Outlets whose report is too short to judge what it leaves out: said here, once for the page. */
  short?: string[];
}

/** The one-line comparison at the top of the article; opens the points this article leaves out, most-reported first. */
export function SummaryLine({ summary, missing: ranked, t, compact, short = [] }: SummaryLineProps) {
  // The list is built only once opened: a long list of quotes would cost the page for nothing.
  const [open, setOpen] = useState(false);
  const shortLine = short.length > 0 ? t.shortReports(short.join(', '), short.length) : null;
  const line = [
    t.shared(summary.shared),
    t.details(summary.details),
    t.onlyHere(summary.onlyHere),
    t.missingSummary(ranked.many, ranked.single),
    ...(shortLine ? [shortLine] : []),
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
        {compact && <span aria-hidden="true">{t.compactSummary(summary.outlets, ranked.many, ranked.single)}</span>}
      </summary>
      {open && <MissingPanel ranked={ranked} t={t} shortLine={compact ? shortLine : null} />}
    </details>
  );
}

/**
 * The points other outlets make and this article leaves out: each once, with
 * every outlet that makes it, grouped by how many outlets make it, the most
 * reported first; the rest behind "show all". The panel's height is bounded
 * and it scrolls.
 */
export function MissingPanel({ ranked, t, shortLine = null }: { ranked: RankedMissing; t: Messages; shortLine?: string | null }) {
  const [all, setAll] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const shown = all ? ranked.points : ranked.points.slice(0, topCount(ranked));
  const groups: Array<{ n: number; points: RankedPoint[] }> = [];
  for (const point of shown) {
    const last = groups[groups.length - 1];
    if (last && last.n === point.outlets.length) last.points.push(point);
    else groups.push({ n: point.outlets.length, points: [point] });
  }
  return (
    // Focusable, so the reader can scroll it with the keyboard.
    <div class="missing" role="region" aria-label={t.missingTitle} tabIndex={0} ref={panel}>
      <h2>{t.missingTitle}</h2>
      <p class="missing-count">{t.missingSummary(ranked.many, ranked.single)}</p>
      {shortLine && <p class="short-reports">{shortLine}</p>}
      {groups.map((group) => (
        <section key={group.n} class="missing-group" data-outlets={group.n}>
          <h3>{t.madeBy(group.n)}</h3>
          <ul>
            {group.points.map((point, i) => (
              <li key={i}>
                <q>{point.text}</q>{' '}
                <span class="sources">
                  {t.reportedBy(point.outlets.join(', '))}
                  {point.sources > point.outlets.length ? ` ${t.reports(point.sources)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {!all && shown.length < ranked.points.length && (
        <button
          type="button"
          class="show-all"
          onClick={() => {
            setAll(true);
            panel.current?.focus({ preventScroll: true });
          }}
        >
          {t.showAll(ranked.points.length)}
        </button>
      )}
    </div>
  );
}
