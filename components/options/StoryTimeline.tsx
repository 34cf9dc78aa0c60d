import type { SourcesMessages } from '../../lib/i18n/sources-messages';
import type { ArticleSummary } from '../../platform/protocol';

export interface StoryTimelineProps {
  /** The story's articles. */
  articles: ArticleSummary[];
  t: SourcesMessages;
}

/** An article's day: its publication date, else the day it came into the corpus. */
const dayOf = (a: ArticleSummary) => a.date ?? new Date(a.addedAt).toISOString().slice(0, 10);

/** Which outlet reported a story when: one line per outlet, earliest first (the date it gives, else when it was added). */
export function StoryTimeline({ articles, t }: StoryTimelineProps) {
  const firsts = new Map<string, { day: string; dated: boolean }>();
  for (const a of articles) {
    const day = dayOf(a);
    const seen = firsts.get(a.outlet);
    if (!seen || day < seen.day) firsts.set(a.outlet, { day, dated: a.date !== null });
  }
  const rows = [...firsts].sort((x, y) => x[1].day.localeCompare(y[1].day) || x[0].localeCompare(y[0]));
  return (
    <ol class="timeline" aria-label={t.timelineLabel}>
      {rows.map(([outlet, { day, dated }]) => (
        <li key={outlet}>
          <time dateTime={day} title={dated ? t.published : t.addedUndated}>
            {day}
            {dated ? '' : '*'}
          </time>{' '}
          <span class="outlet">{outlet}</span>
        </li>
      ))}
    </ol>
  );
}
