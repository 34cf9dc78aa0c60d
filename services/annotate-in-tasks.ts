/**
 * `annotate` with the event loop let run between its steps: the page's
 * analysis, the first look at the candidates, the sentence comparison with
 * the closest, and the relations to the page's story. In Firefox the
 * background page shares the corpus manager's thread, where one article's
 * chart comparison in a single task held the page for 118–284 ms (the charts
 * the list asks for after an import and while it is filtered). Same result as
 * `annotate` over the same articles: the same steps, in the same order.
 */
import type { Article } from '../lib/article/article';
import { analysePage, annotateInSteps, type AnnotateOptions, type FullRecord } from '../lib/match/annotate';
import { articleFeatures } from '../lib/match/features';
import { glanceOf, type ArticleGlance } from '../lib/match/glance';
import type { EngineAnnotation, Page } from '../lib/match/types';
import { yieldByMessage } from '../platform/yield-by-message';

export async function annotateInTasks(page: Page, corpus: readonly Article[], opts: AnnotateOptions = {}, breathe: () => Promise<void> = yieldByMessage): Promise<EngineAnnotation> {
  const featuresOf = opts.featuresOf ?? articleFeatures;
  const articleOf = new Map<ArticleGlance, Article>();
  const glances = corpus.map((article) => {
    const glance = glanceOf(article, featuresOf(article));
    articleOf.set(glance, article);
    return glance;
  });
  // annotate's own analysis of the page, made here so the steps after it run in tasks of their own.
  const pageAnalysis = opts.pageAnalysis ?? analysePage(page, { attribution: !opts.storyOnly, tokens: opts.pageTokens, light: true });
  await breathe();
  const steps = annotateInSteps(page, glances, { ...opts, pageAnalysis });
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    const full = new Map<ArticleGlance, FullRecord>();
    for (const g of step.value.glances) {
      const article = articleOf.get(g)!;
      full.set(g, { features: featuresOf(article), article });
    }
    await breathe();
    step = steps.next(full);
  }
}
