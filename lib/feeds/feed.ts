/** A feed as crossread reads it, whatever its format: its name, its site and its items in plain text. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json' | 'rdf';
  /** The feed's own name, markup dropped; '' when it gives none. */
  title: string;
  /** The site the feed belongs to, when it says. */
  siteUrl: string | null;
  items: FeedItem[];
}

export interface FeedItem {
  /** What tells this item from the feed's others over time: its guid/id, else its link, else its title and date. */
  key: string;
  /** The item's page (absolute), or null when the item has no usable link. */
  url: string | null;
  /** Plain text; '' when the item has none. */
  title: string;
  /** The publication day, YYYY-MM-DD, when the item gives a readable date. */
  date: string | null;
  /** The item's longest text (full content, else summary), plain, paragraphs separated by blank lines; '' when none. */
  text: string;
  /** Whether `text` is the item's content (content:encoded, Atom content, JSON Feed content), not a summary. */
  full: boolean;
}
