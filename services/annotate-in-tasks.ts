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
import { analysePage, annotateInSteps, articlesInHand, type AnnotateOptions } from '../lib/match/annotate';
import { articleFeatures } from '../lib/match/features';
import type { EngineAnnotation, Page } from '../lib/match/types';
import { yieldByMessage } from '../platform/yield-by-message';

export async function annotateInTasks(page: Page, corpus: readonly Article[], opts: AnnotateOptions = {}, breathe: () => Promise<void> = yieldByMessage): Promise<EngineAnnotation> {
  const { glances, supply } = articlesInHand(corpus, opts.featuresOf ?? articleFeatures);
  // annotate's own analysis of the page, made here so the steps after it run in tasks of their own.
  const pageAnalysis = opts.pageAnalysis ?? analysePage(page, { attribution: !opts.storyOnly, tokens: opts.pageTokens, light: true });
  await breathe();
  const steps = annotateInSteps(page, glances, { ...opts, pageAnalysis });
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    const full = supply(step.value.glances);
    await breathe();
    step = steps.next(full);
  }
}
