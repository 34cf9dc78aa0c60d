/**
 * The annotate JSON: what the matching engine returns for a page, and what
 * `npm run annotate -- --json` prints (see ../shared/eval/README.md). Offsets
 * are UTF-16 offsets into the page's text and into each cited article's raw text.
 * This is a public contract: change it only with a version and a note.
 */
export type StoryMatch = 'same' | 'related' | 'none';

export type Span = [start: number, end: number];

export interface OutletRef {
  /** The corpus article: its file name where it has one, else its id. */
  doc: string;
  label: string;
  sameStory: boolean;
}

export interface SentenceRelation {
  relation: 'agree' | 'omits';
  evidence?: Span[];
  adds?: Span[];
  conflicts?: Span[];
}

export interface AnnotatedSentence {
  start: number;
  end: number;
  relations: Record<string, SentenceRelation>;
}

export interface MissingPoint {
  sources: Array<{ doc: string; start: number; end: number }>;
}

export interface Annotation {
  page?: string;
  text?: string;
  story: { match: StoryMatch };
  outlets: OutletRef[];
  sentences: AnnotatedSentence[];
  missing: MissingPoint[];
}
