import type { OptionsMessages } from '../../lib/i18n/options-messages';
import type { ArticleSummary } from '../../platform/protocol';

export interface StoryTimelineProps {
  /** The story's articles. */
  articles: readonly ArticleSummary[];
  t: Pick<OptionsMessages, 'timeline' | 'timelineLabel' | 'timelineUndated'>;
}

export interface TimelineDay {
  /** The article's date as it gives it (YYYY, YYYY-MM or YYYY-MM-DD), else the day it came into the corpus. */
  day: string;
  /** False where no article of the day gives a date: the day is when they were added, not when they were published. */
  dated: boolean;
  /** The outlets that reported that day, each once, by name. */
  outlets: string[];
}

/** localeCompare's order with one collator for the page: localeCompare builds one per call. */
const compare = new Intl.Collator().compare;

/**
 * Which outlet reported when, by day, earliest first. An undated article is
 * placed on the day it was added and kept apart from dated ones of the same
 * day, so an added-day is never read as a publication day.
 */
export function timelineDays(articles: readonly ArticleSummary[]): TimelineDay[] {
  const days = new Map<string, TimelineDay>();
  for (const a of articles) {
    const dated = a.date !== null;
    const day = a.date ?? new Date(a.addedAt).toISOString().slice(0, 10);
    const key = `${day}\n${dated}`;
    const entry = days.get(key) ?? days.set(key, { day, dated, outlets: [] }).get(key)!;
    if (!entry.outlets.includes(a.outlet)) entry.outlets.push(a.outlet);
  }
  for (const d of days.values()) d.outlets.sort(compare);
  // Dated days before undated ones of the same day: the undated were added later than they appeared.
  return [...days.values()].sort((x, y) => compare(x.day, y.day) || Number(y.dated) - Number(x.dated));
}

/** A story's small timeline: a text list of days and the outlets that reported on each, quiet under the headline. */
export function StoryTimeline({ articles, t }: StoryTimelineProps) {
  const days = timelineDays(articles);
  return (
    <div class="story-timeline">
      <span class="timeline-caption" aria-hidden="true">
        {t.timeline}
      </span>
      <ol class="timeline-days" aria-label={t.timelineLabel}>
        {days.map((d) => (
          <li key={`${d.day}-${d.dated}`}>
            <time dateTime={d.day}>{d.day}</time>
            {!d.dated && <span class="undated"> {t.timelineUndated}</span>} <span class="outlets">{d.outlets.join(', ')}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
