import type { Annotation, StoryMatch } from './annotation';
import type { HeaderWarning } from '../article/header';

export type {
  Annotation,
  AnnotatedSentence,
  MissingPoint,
  OutletRef,
  SentenceRelation,
  Span,
  StoryMatch,
} from './annotation';

/** The page being read, as the engine receives it. */
export interface Page {
  text: string;
  url?: string | null;
  title?: string | null;
  /** ISO date (YYYY-MM-DD or a prefix of it) when known. */
  date?: string | null;
  language?: string | null;
}

/** A conflict between a sentence of the page and one of another outlet over the same point (the margin's ConflictNote quotes both). */
export interface SentenceConflict {
  /** The page's sentence. */
  start: number;
  end: number;
  doc: string;
  /** The other outlet's sentence. */
  other: [number, number];
  /** What differs, e.g. "duration: 90 min vs 60 min". */
  detail: string;
}

/** What the engine noticed about a page, as a kind plus values: lib/i18n/problem-messages.ts words it (for the popup and the command line). */
export type EngineWarning =
  | HeaderWarning
  | { kind: 'empty-page' }
  | { kind: 'page-too-long'; limit: number }
  | { kind: 'unsupported-language'; language: string }
  | { kind: 'no-sentences' }
  | { kind: 'few-sentences'; count: number };

/** What the engine returns: the annotate JSON plus the story score and conflicts. */
export interface EngineAnnotation extends Annotation {
  story: { match: StoryMatch; score?: number };
  conflicts: SentenceConflict[];
  /** Why the page was not annotated, when it was not (empty page, unsupported language, …). */
  warnings?: EngineWarning[];
  /** Why each outlet was judged the same story or related: the signals that decided (for the command line; not in the annotate JSON). */
  storyReasons?: Record<string, string>;
}
