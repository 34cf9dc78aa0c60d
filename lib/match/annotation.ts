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
  /**
   * Version 2 addition: true when the outlet's report is too short to judge what it leaves out
   * (a brief against a long page). Its `omits` are then not shown as omissions but as "short report".
   */
  shortReport?: boolean;
}

export interface SentenceRelation {
  relation: 'agree' | 'omits';
  evidence?: Span[];
  adds?: Span[];
  conflicts?: Span[];
  /** Version 2 addition: the calibrated chance, in [0, 1], that `relation` is right. */
  confidence?: number;
  /**
   * Version 2 addition: true when the confidence is below the threshold the overlay uses, so the
   * sentence is shown as not compared with this outlet ("no outlet says this in words crossread
   * can match"): neither agree nor omits. `adds` and `conflicts` still stand on their own.
   */
  unclear?: boolean;
  /**
   * Version 2 addition, parallel to `adds`: for each cited sentence, the ranges (offsets into the
   * same article, inside that sentence's span) of the words the page states nowhere.
   */
  addsNew?: Span[][];
  /** Version 2 addition, parallel to `adds`: the calibrated chance that each detail is attached where it belongs. */
  addsConfidence?: number[];
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
