import type { Article } from '../corpus/article';
import type { Annotation, AnnotatedSentence, OutletRef } from '../notes/annotation';
import { segmentSentences, type Sentence } from '../text/segment';
import { contentTerms } from '../text/tokens';

/**
 * The first, deliberately plain matcher: stemmed term overlap between
 * sentences. It exists so the extension works end to end; the matching
 * engine (lib/match/annotate.ts) replaces it.
 */
export interface PageInput {
  text: string;
  url?: string | null;
  language?: string | null;
}

const SELF_SIMILARITY = 0.8;
/** Below this document overlap an article is not even considered. */
const CANDIDATE_SIMILARITY = 0.05;
/** An outlet reports the same story when it agrees with this many of the page's sentences… */
const STORY_MIN_AGREEING = 3;
/** …and with this share of them. */
const STORY_MIN_SHARE = 0.1;
const SENTENCE_SIMILARITY = 0.3;
const MIN_SHARED_TERMS = 2;
const MIN_SENTENCE_TERMS = 3;

interface AnalysedSentence extends Sentence {
  terms: Set<string>;
}

export function annotateSimple(page: PageInput, corpus: readonly Article[]): Annotation {
  const language = page.language || 'de';
  const pageSentences = analyse(page.text, language, 0, page.text.length).filter(
    (s) => s.terms.size >= MIN_SENTENCE_TERMS,
  );
  const pageTerms = union(pageSentences);
  const compared: Array<{ doc: string; label: string; sentences: AnalysedSentence[] }> = [];

  for (const article of corpus) {
    const sentences = analyse(article.raw, article.language, article.bodyStart, article.raw.length).filter(
      (s) => s.terms.size >= MIN_SENTENCE_TERMS && !overlapsNonReporting(article, s),
    );
    const theirTerms = union(sentences);
    // The page being read may itself be in the corpus (possibly with more or
    // less around it): never compare it with itself.
    if ((page.url && article.url === page.url) || containment(pageTerms, theirTerms) >= SELF_SIMILARITY) continue;
    if (jaccard(pageTerms, theirTerms) < CANDIDATE_SIMILARITY) continue;
    compared.push({ doc: article.file ?? article.id, label: article.outlet, sentences });
  }

  const all: AnnotatedSentence[] = pageSentences.map((sentence) => {
    const relations: AnnotatedSentence['relations'] = {};
    for (const { doc, sentences: theirs } of compared) {
      const evidence = theirs.filter((other) => {
        const shared = intersectionSize(sentence.terms, other.terms);
        return shared >= MIN_SHARED_TERMS && shared / Math.sqrt(sentence.terms.size * other.terms.size) >= SENTENCE_SIMILARITY;
      });
      relations[doc] = evidence.length
        ? { relation: 'agree', evidence: evidence.map((e) => [e.start, e.end]) }
        : { relation: 'omits' };
    }
    return { start: sentence.start, end: sentence.end, relations };
  });

  const outlets: OutletRef[] = compared
    .filter(({ doc }) => {
      const agreeing = all.filter((s) => s.relations[doc].relation === 'agree').length;
      return agreeing >= STORY_MIN_AGREEING && agreeing >= STORY_MIN_SHARE * all.length;
    })
    .map(({ doc, label }) => ({ doc, label, sameStory: true }));
  const kept = new Set(outlets.map((o) => o.doc));
  const sentences = all.map((s) => ({
    ...s,
    relations: Object.fromEntries(Object.entries(s.relations).filter(([doc]) => kept.has(doc))),
  }));
  const match = outlets.length > 0 ? 'same' : 'none';
  return {
    story: { match },
    outlets: match === 'same' ? outlets : [],
    sentences: match === 'same' ? sentences : [],
    missing: [],
  };
}

function analyse(text: string, language: string, from: number, to: number): AnalysedSentence[] {
  return segmentSentences(text, language, from, to).map((s) => ({
    ...s,
    terms: new Set(contentTerms(s.text, language)),
  }));
}

function overlapsNonReporting(article: Article, s: Sentence): boolean {
  return article.nonReporting.some((r) => r.start < s.end && r.end > s.start);
}

function union(sentences: AnalysedSentence[]): Set<string> {
  const all = new Set<string>();
  for (const s of sentences) for (const t of s.terms) all.add(t);
  return all;
}

function intersectionSize(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const t of a) if (b.has(t)) n++;
  return n;
}

/** Share of the smaller set found in the larger one. */
function containment(a: Set<string>, b: Set<string>): number {
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : intersectionSize(a, b) / smaller;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const shared = intersectionSize(a, b);
  const total = a.size + b.size - shared;
  return total === 0 ? 0 : shared / total;
}
