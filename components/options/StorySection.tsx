import { Component } from 'preact';
import type { OptionsMessages } from '../../lib/i18n/options-messages';
import type { OutletProfile } from '../../lib/notes/outlet-profile';
import type { ArticleSummary } from '../../platform/protocol';
import { ArticleRow } from './ArticleRow';
import { StoryChart } from './StoryChart';
import { StoryTimeline } from './StoryTimeline';

export interface StorySectionProps {
  /** Its place in the list, from 1. */
  n: number;
  /** The story's articles the list shows (all, or those the filter keeps). */
  articles: ArticleSummary[];
  /** How each article compares with the rest of its story (article id → profile), once the background has worked it out. */
  profiles: Record<string, OutletProfile> | undefined;
  onOpen: (article: ArticleSummary) => void;
  onSave: (article: ArticleSummary, outlet: string, date: string | null) => Promise<string | null>;
  onDelete: (article: ArticleSummary) => void;
  t: OptionsMessages;
  /**
   * The rows shown, [from, to) of `articles` (default: all): the list cuts a long story into pieces (story-pieces.ts).
   * The piece from 0 is the story's section with its heading, timeline and chart; a later piece only its rows.
   */
  from?: number;
  to?: number;
}

/**
 * One story of the corpus: its headline, which outlet reported when, the outlets' chart, and a row per article.
 * Rendered again only when its props change (the page passes the same articles and actions while they are the same).
 * Not preact/compat's memo: importing compat puts its props rewriting into every element the page creates (tens of ms a
 * frame while the list scrolls, in the profile of the bench's filter and scroll).
 */
export class StorySection extends Component<StorySectionProps> {
  shouldComponentUpdate(next: StorySectionProps): boolean {
    const now = this.props as unknown as Record<string, unknown>;
    const then = next as unknown as Record<string, unknown>;
    for (const key in then) if (then[key] !== now[key]) return true;
    for (const key in now) if (!(key in then)) return true;
    return false;
  }

  render() {
    return <StoryBody {...this.props} />;
  }
}

function StoryBody({ n, articles, profiles, onOpen, onSave, onDelete, t, from = 0, to = articles.length }: StorySectionProps) {
  const rows = (
    <tbody>
      {articles.slice(from, to).map((article) => (
        <ArticleRow
          t={t}
          key={article.id}
          article={article}
          onOpen={() => onOpen(article)}
          onSave={(outlet, date) => onSave(article, outlet, date)}
          onDelete={() => onDelete(article)}
        />
      ))}
    </tbody>
  );
  // A piece that more of the story follows leaves its box open below; a later piece continues it from above.
  const more = to < articles.length ? ' cut-below' : '';
  if (from > 0) {
    return (
      <div class={`story cut-above${more}`}>
        <table aria-label={t.storyLabel(n)}>
          <Columns />
          {rows}
        </table>
      </div>
    );
  }
  const first = articles[0];
  const charted = articles.length > 1 && profiles && articles.every((a) => profiles[a.id]) ? profiles : null;
  return (
    <section class={`story${more}`} aria-label={t.storyLabel(n)}>
      <h2>
        {articles.length > 1 ? t.story(first.title) : first?.title} <span class="count">{t.count(articles.length)}</span>
      </h2>
      {articles.length > 1 && <StoryTimeline articles={articles} t={t} />}
      {charted && <StoryChart t={t} title={first.title} outlets={articles.map((a) => ({ label: a.outlet, profile: charted[a.id] }))} />}
      <table>
        <Columns />
        <thead>
          <tr>
            <th class="outlet">{t.columns.outlet}</th>
            <th class="title">{t.columns.title}</th>
            <th class="date">{t.columns.date}</th>
            <th class="url">{t.columns.source}</th>
            <th class="num">{t.columns.length}</th>
            <th class="actions">
              <span class="visually-hidden">{t.columns.actions}</span>
            </th>
          </tr>
        </thead>
        {rows}
      </table>
    </section>
  );
}

/** The columns' set widths (options.css), on columns so a piece's table without a header row has them too. */
function Columns() {
  return (
    <colgroup>
      <col class="outlet" />
      <col class="title" />
      <col class="date" />
      <col class="url" />
      <col class="num" />
      <col class="actions" />
    </colgroup>
  );
}
