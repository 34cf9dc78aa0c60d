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
const STORY_SIMILARITY = 0.12;
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
  const outlets: OutletRef[] = [];
  const compared: Array<{ doc: string; sentences: AnalysedSentence[] }> = [];

  for (const article of corpus) {
    const sentences = analyse(article.raw, article.language, article.bodyStart, article.raw.length).filter(
      (s) => s.terms.size >= MIN_SENTENCE_TERMS && !overlapsNonReporting(article, s),
    );
    const similarity = jaccard(pageTerms, union(sentences));
    // The page being read may itself be in the corpus: never compare it with itself.
    if ((page.url && article.url === page.url) || similarity >= SELF_SIMILARITY) continue;
    if (similarity < STORY_SIMILARITY) continue;
    const doc = article.file ?? article.id;
    outlets.push({ doc, label: article.outlet, sameStory: true });
    compared.push({ doc, sentences });
  }

  const sentences: AnnotatedSentence[] = pageSentences.map((sentence) => {
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

  const agreeing = sentences.filter((s) => Object.values(s.relations).some((r) => r.relation === 'agree')).length;
  const match = outlets.length > 0 && agreeing >= 2 ? 'same' : 'none';
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

function jaccard(a: Set<string>, b: Set<string>): number {
  const shared = intersectionSize(a, b);
  const total = a.size + b.size - shared;
  return total === 0 ? 0 : shared / total;
}
