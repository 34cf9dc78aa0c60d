import type { Article } from '../../lib/article/article';
import { align } from '../../lib/match/align';
import { analysePage } from '../../lib/match/annotate';
import { articleFeatures } from '../../lib/match/features';
import type { Annotation, AnnotatedSentence } from '../../lib/match/types';
import type { Gold } from './gold';
import { halfOverlap, Scorer, type PRF } from './score';

/** The similarity thresholds tried, from "anything shared" to "plainly the same point". */
const THRESHOLDS = [0, 0.02, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];
/** Shares of a detail's closest page sentence's similarity that other page sentences must reach (1: the closest only). */
const SHARES = [1, 0.8, 0.6, 0.4, 0];

export interface AddsBound extends PRF {
  /** The rule at the best F1: similarity from which a detail is attached to a page sentence… */
  threshold: number;
  /** …and the share of the similarity of the detail's closest page sentence it must reach. */
  share: number;
  /** The best precision of any of the rules whose recall reaches 0.15 (issue #14's bar for adds), with its recall. */
  atRecall15: { precision: number; recall: number } | null;
}

/**
 * How well added detail could score if the engine knew exactly which of an
 * outlet's sentences state a detail the page lacks (read from the gold) and had
 * only its own sentence similarity to tell which of the page's sentences that
 * detail elaborates: for each rule (a similarity threshold, and a share of the
 * similarity of the detail's closest page sentence), every such sentence is
 * cited as adding to each page sentence the rule admits, scored by the
 * evaluator's own Scorer; the best F1 over the rules is returned.
 *
 * A ceiling for any adds rule built on the engine's similarity, not a result of
 * the engine: it uses the gold's answer to half the question.
 */
export function addsBound(gold: Gold, articles: Article[]): AddsBound {
  // Per page: its content sentences, and per other doc the sentences stating a detail the page lacks, with their similarities.
  const pages = gold.docs.map((a, i) => {
    const page = analysePage({ text: a.text }).features;
    const others = gold.docs.filter((_, j) => j !== i);
    const al = align(page, others.map((b) => articleFeatures(articles.find((x) => x.file === b.file)!)));
    const perOutlet = others.map((b, o) => {
      const details = al.outlets[o].sentences.flatMap((m, k) => {
        if (!m.content) return [];
        const range = { start: m.start, end: m.end };
        for (const [g, parent] of gold.elaborates)
          if (parent && !a.mentions.has(g) && (b.mentions.get(g) ?? []).some((r) => halfOverlap(r, range))) return [k];
        return [];
      });
      // Per detail, its similarity to its closest page sentence.
      const closest = new Map(details.map((k) => [k, Math.max(0, ...al.sims[o].map((row) => row[k]))]));
      return { doc: b.file, o, details, closest };
    });
    return { doc: a, page, al, perOutlet };
  });

  let best: AddsBound | null = null;
  let atRecall15: AddsBound['atRecall15'] = null;
  for (const t of THRESHOLDS)
  for (const share of SHARES) {
    const scorer = new Scorer(gold, new Set());
    for (const { doc, page, al, perOutlet } of pages) {
      const sentences: AnnotatedSentence[] = [];
      page.sentences.forEach((s, i) => {
        if (!s.content) return;
        const relations: AnnotatedSentence['relations'] = {};
        for (const { doc: file, o, details, closest } of perOutlet) {
          const admits = (k: number) => al.sims[o][i][k] > 0 && al.sims[o][i][k] >= t && al.sims[o][i][k] >= share * closest.get(k)!;
          const adds = details.filter(admits).map((k): [number, number] => {
            const m = al.outlets[o].sentences[k];
            return [m.start, m.end];
          });
          relations[file] = adds.length ? { relation: 'omits', adds } : { relation: 'omits' };
        }
        sentences.push({ start: s.start, end: s.end, relations });
      });
      const annotation: Annotation = { story: { match: 'same' }, outlets: [], sentences, missing: [] };
      scorer.add(doc, annotation);
    }
    const adds = scorer.result().adds;
    if (!best || adds.f1 > best.f1) best = { ...adds, threshold: t, share, atRecall15: null };
    if (adds.recall >= 0.15 && (!atRecall15 || adds.precision > atRecall15.precision)) atRecall15 = { precision: adds.precision, recall: adds.recall };
  }
  return { ...best!, atRecall15 };
}
