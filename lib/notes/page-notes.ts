import type { Article } from '../corpus/article';
import type { Annotation, Span, StoryMatch } from './annotation';

/** What one outlet says about one sentence of the page, with its own words quoted. */
export interface OutletNote {
  outlet: string;
  relation: 'agree' | 'omits';
  evidence: string[];
  adds: string[];
  conflicts: string[];
}

export interface SentenceNote {
  start: number;
  end: number;
  outlets: OutletNote[];
}

/** A point other outlets make that the page leaves out. */
export interface MissingNote {
  text: string;
  outlets: string[];
}

/**
 * The notes for a page, self-contained: the quotes are resolved to text so
 * the content script never needs the corpus (it must not open the database).
 */
export interface PageNotes {
  story: StoryMatch;
  /** The language the page was read in (declared or detected), when the engine was told it. */
  language?: string;
  outlets: string[];
  sentences: SentenceNote[];
  missing: MissingNote[];
}

/** Resolves an annotation's citations (offsets into articles) to the articles' own words. */
export function toPageNotes(annotation: Annotation, corpus: ReadonlyMap<string, Article>): PageNotes {
  const label = (doc: string) => corpus.get(doc)?.outlet ?? doc;
  const quote = (doc: string, spans: Span[] | undefined) => {
    const raw = corpus.get(doc)?.raw;
    if (!raw || !spans) return [];
    return spans.map(([start, end]) => raw.slice(start, end).trim()).filter(Boolean);
  };
  const sameStory = annotation.outlets.filter((o) => o.sameStory);
  return {
    story: annotation.story.match,
    outlets: sameStory.map((o) => o.label || label(o.doc)),
    sentences: annotation.sentences
      .map((sentence) => ({
        start: sentence.start,
        end: sentence.end,
        outlets: Object.entries(sentence.relations).map(([doc, r]) => ({
          outlet: label(doc),
          relation: r.relation,
          evidence: quote(doc, r.evidence),
          adds: quote(doc, r.adds),
          conflicts: quote(doc, r.conflicts),
        })),
      }))
      .filter((s) => s.outlets.length > 0),
    missing: annotation.missing.map((point) => {
      const first = point.sources[0];
      const text = first ? (corpus.get(first.doc)?.raw.slice(first.start, first.end).trim() ?? '') : '';
      return { text, outlets: [...new Set(point.sources.map((s) => label(s.doc)))] };
    }),
  };
}
