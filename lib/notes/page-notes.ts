import type { Article } from '../article/article';
import type { Annotation, Span, StoryMatch } from '../match/annotation';

/**
 * What one outlet says about one sentence of the page, with its own words quoted.
 * `relation`: 'agree' and 'omits' are claims shown above the overlay's confidence threshold;
 * 'unclear' is below it (not compared: "no outlet says this in words crossread can match"),
 * never shown as an omission; 'short' means the outlet's report is too short to judge what it
 * leaves out ("short report").
 */
export interface OutletNote {
  outlet: string;
  relation: 'agree' | 'omits' | 'unclear' | 'short';
  /** The calibrated chance, in [0, 1], that the engine's relation is right, when it gave one. */
  confidence?: number;
  evidence: string[];
  adds: string[];
  /** Parallel to `adds`: ranges, in each adds quote's own string, of the words the page lacks. */
  addsMarks?: Array<Array<[number, number]>>;
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
  /** How many outlets make the point (articles, so two reports of one outlet count twice). */
  sources?: number;
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
  const short = new Set(annotation.outlets.filter((o) => o.shortReport).map((o) => o.doc));
  // Ranges of an article, made relative to the trimmed quote of the span they lie in.
  const marks = (doc: string, spans: Span[] | undefined, ranges: Span[][] | undefined) => {
    const raw = corpus.get(doc)?.raw;
    if (!raw || !spans || !ranges) return undefined;
    const out: Array<Array<[number, number]>> = [];
    spans.forEach(([start, end], i) => {
      const text = raw.slice(start, end);
      if (!text.trim()) return;
      const from = start + (text.length - text.trimStart().length);
      const length = text.trim().length;
      out.push(
        (ranges[i] ?? [])
          .map(([a, b]): [number, number] => [Math.max(0, a - from), Math.min(length, b - from)])
          .filter(([a, b]) => b > a),
      );
    });
    return out;
  };
  const relationOf = (doc: string, r: Annotation['sentences'][number]['relations'][string]): OutletNote['relation'] =>
    r.relation === 'omits' && short.has(doc) ? 'short' : r.unclear ? 'unclear' : r.relation;
  const sentences = annotation.sentences
    .map((sentence) => ({
      start: sentence.start,
      end: sentence.end,
      outlets: Object.entries(sentence.relations).map(([doc, r]) => {
        const note: OutletNote = {
          outlet: label(doc),
          relation: relationOf(doc, r),
          evidence: quote(doc, r.evidence),
          adds: quote(doc, r.adds),
          conflicts: quote(doc, r.conflicts),
        };
        if (r.confidence !== undefined) note.confidence = r.confidence;
        const addsMarks = marks(doc, r.adds, r.addsNew);
        if (addsMarks) note.addsMarks = addsMarks;
        return note;
      }),
    }))
    .filter((s) => s.outlets.length > 0);
  // Says one thing once: a point quoted beside a sentence (agreeing, or as a detail) is not also
  // missing, and a point told in the same words by several outlets (wire copy) is listed once.
  // Added in loops, not lists flattened per outlet and sentence: the same set.
  const quoted = new Set<string>();
  for (const s of sentences)
    for (const o of s.outlets) {
      if (o.relation === 'agree') for (const q of o.evidence) quoted.add(q);
      for (const q of o.adds) quoted.add(q);
    }
  const missing: MissingNote[] = [];
  const byText = new Map<string, { note: MissingNote; docs: Set<string> }>();
  for (const point of annotation.missing) {
    const first = point.sources[0];
    const text = first ? (corpus.get(first.doc)?.raw.slice(first.start, first.end).trim() ?? '') : '';
    if (!text || quoted.has(text)) continue;
    const known = byText.get(text);
    const docs = known?.docs ?? new Set<string>();
    for (const s of point.sources) docs.add(s.doc);
    const outlets = [...new Set([...(known?.note.outlets ?? []), ...point.sources.map((s) => label(s.doc))])];
    if (known) {
      known.note.outlets = outlets;
      known.note.sources = docs.size;
      continue;
    }
    const note: MissingNote = { text, outlets, sources: docs.size };
    byText.set(text, { note, docs });
    missing.push(note);
  }
  return { story: annotation.story.match, outlets: sameStory.map((o) => o.label || label(o.doc)), sentences, missing };
}
