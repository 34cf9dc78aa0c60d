/**
 * npm run stories -- --labels FILE [--json]
 *
 * Reads every file a labels file names into one corpus, reads each in turn as
 * the page against all the others (leave one out), and scores the engine's
 * story decision against the labels: same-story pair precision, recall and F1,
 * pages of an event nothing else reports that were called `same`, pages given
 * outlets of another event, same-event pages not called `same`, the worst
 * confusions with the signal that decided them, and the same figures for a
 * plain bag-of-words baseline in the same run.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../lib/article/article';
import { annotate, docName, pageOfArticle } from '../lib/match/annotate';
import { baselineStory } from '../lib/match/baseline';
import { CliError } from './lib/articles';
import { parseArgs, runCli } from './lib/cli';
import { loadLabels, type LabelledArticle } from './lib/labels';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What a decider says of one page: the corpus articles it judges the same story, each with why. */
export interface StoryDecision {
  same: Array<{ doc: string; reason: string }>;
}

export type Decider = (page: Article, corpus: Article[]) => StoryDecision;

export const engineDecider: Decider = (page, corpus) => {
  const ann = annotate(pageOfArticle(page), corpus, { storyOnly: true });
  return {
    same: ann.outlets.filter((o) => o.sameStory).map((o) => ({ doc: o.doc, reason: ann.storyReasons?.[o.doc] ?? '' })),
  };
};

export const baselineDecider: Decider = (page, corpus) => ({
  same: baselineStory({ text: page.raw }, corpus).map((s) => ({ doc: s.doc, reason: `bag-of-words cosine ${s.similarity.toFixed(2)}` })),
});

export interface Confusion {
  page: string;
  other: string;
  kind: 'false-same' | 'missed';
  pageEvent: string;
  otherEvent: string;
  reason: string;
}

export interface StoryScores {
  pages: number;
  events: number;
  /** Ordered (page, other) pairs: each page's decision about each other article. */
  pairs: { truePositive: number; falsePositive: number; falseNegative: number; precision: number; recall: number; f1: number };
  /** Pages of an event no other labelled file reports, called `same` anyway. */
  singletonsCalledSame: { count: number; of: number; pages: string[] };
  /** Look-alike pages (labelled nearOf) given any outlet of another event. */
  lookAlikesGivenOtherEvent: { count: number; of: number };
  /** Pages given any outlet of another event. */
  pagesGivenOtherEvent: { count: number; of: number };
  /** Pages whose event other files report, with none of them judged the same story. */
  sameEventNotSame: { count: number; of: number; pages: string[] };
  /** The pairs between articles of different languages, scored apart. */
  crossLanguage: { pairs: number; truePositive: number; falsePositive: number; falseNegative: number };
  confusions: Confusion[];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function scoreStories(labelled: LabelledArticle[], decide: Decider): StoryScores {
  const byDoc = new Map(labelled.map((l) => [docName(l.article), l]));
  const eventSize = new Map<string, number>();
  for (const l of labelled) eventSize.set(l.event, (eventSize.get(l.event) ?? 0) + 1);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const cross = { pairs: 0, truePositive: 0, falsePositive: 0, falseNegative: 0 };
  const singletons: string[] = [];
  const notSame: string[] = [];
  let lookAlikeWrong = 0;
  let pagesWrong = 0;
  const confusions: Confusion[] = [];
  for (const page of labelled) {
    const corpus = labelled.filter((l) => l !== page).map((l) => l.article);
    const decision = decide(page.article, corpus);
    const said = new Map(decision.same.map((s) => [s.doc, s.reason]));
    let wrong = false;
    let foundOwn = false;
    for (const other of labelled) {
      if (other === page) continue;
      const doc = docName(other.article);
      const truth = other.event === page.event;
      const claimed = said.has(doc);
      const crossLang = other.article.language !== page.article.language;
      if (crossLang) cross.pairs++;
      if (truth && claimed) {
        tp++;
        foundOwn = true;
        if (crossLang) cross.truePositive++;
      } else if (!truth && claimed) {
        fp++;
        wrong = true;
        if (crossLang) cross.falsePositive++;
        confusions.push({ page: page.name, other: other.name, kind: 'false-same', pageEvent: page.event, otherEvent: other.event, reason: said.get(doc) ?? '' });
      } else if (truth && !claimed) {
        fn++;
        if (crossLang) cross.falseNegative++;
        confusions.push({ page: page.name, other: other.name, kind: 'missed', pageEvent: page.event, otherEvent: other.event, reason: '' });
      }
    }
    for (const doc of said.keys()) if (!byDoc.has(doc)) throw new CliError(`decider named an article outside the corpus: ${doc}`);
    const alone = eventSize.get(page.event) === 1;
    if (alone && decision.same.length > 0) singletons.push(page.name);
    if (!alone && !foundOwn) notSame.push(page.name);
    if (wrong) {
      pagesWrong++;
      if (page.nearOf) lookAlikeWrong++;
    }
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    pages: labelled.length,
    events: eventSize.size,
    pairs: { truePositive: tp, falsePositive: fp, falseNegative: fn, precision, recall, f1: ratio(2 * precision * recall, precision + recall) },
    singletonsCalledSame: { count: singletons.length, of: [...eventSize.values()].filter((n) => n === 1).length, pages: singletons },
    lookAlikesGivenOtherEvent: { count: lookAlikeWrong, of: labelled.filter((l) => l.nearOf).length },
    pagesGivenOtherEvent: { count: pagesWrong, of: labelled.length },
    sameEventNotSame: { count: notSame.length, of: labelled.filter((l) => eventSize.get(l.event)! > 1).length, pages: notSame },
    crossLanguage: cross,
    confusions,
  };
}

const f3 = (x: number) => x.toFixed(3);

export function formatStories(engine: StoryScores, baseline: StoryScores, worst = 15): string {
  const row = (name: string, e: string, b: string) => `| ${name} | ${e} | ${b} |`;
  const lines = [
    `${engine.pages} labelled articles, ${engine.events} events; each read as the page against all the others.`,
    '',
    row('', 'engine', 'baseline'),
    row('---', '---', '---'),
    row('same-story pairs: precision', f3(engine.pairs.precision), f3(baseline.pairs.precision)),
    row('same-story pairs: recall', f3(engine.pairs.recall), f3(baseline.pairs.recall)),
    row('same-story pairs: F1', f3(engine.pairs.f1), f3(baseline.pairs.f1)),
    row('pairs right / claimed wrongly / missed', `${engine.pairs.truePositive} / ${engine.pairs.falsePositive} / ${engine.pairs.falseNegative}`, `${baseline.pairs.truePositive} / ${baseline.pairs.falsePositive} / ${baseline.pairs.falseNegative}`),
    row(`pages of an event reported once, called same (of ${engine.singletonsCalledSame.of})`, `${engine.singletonsCalledSame.count}`, `${baseline.singletonsCalledSame.count}`),
    row(`look-alike pages given outlets of another event (of ${engine.lookAlikesGivenOtherEvent.of})`, `${engine.lookAlikesGivenOtherEvent.count}`, `${baseline.lookAlikesGivenOtherEvent.count}`),
    row(`pages given outlets of another event (of ${engine.pagesGivenOtherEvent.of})`, `${engine.pagesGivenOtherEvent.count}`, `${baseline.pagesGivenOtherEvent.count}`),
    row(`same-event pages not called same (of ${engine.sameEventNotSame.of})`, `${engine.sameEventNotSame.count}`, `${baseline.sameEventNotSame.count}`),
    row(
      `cross-language pairs: right / wrong / missed (of ${engine.crossLanguage.pairs})`,
      `${engine.crossLanguage.truePositive} / ${engine.crossLanguage.falsePositive} / ${engine.crossLanguage.falseNegative}`,
      `${baseline.crossLanguage.truePositive} / ${baseline.crossLanguage.falsePositive} / ${baseline.crossLanguage.falseNegative}`,
    ),
  ];
  if (engine.singletonsCalledSame.pages.length) lines.push('', `Called same though nothing else reports their event: ${engine.singletonsCalledSame.pages.join(', ')}`);
  if (engine.sameEventNotSame.pages.length) lines.push('', `Not called same though others report their event: ${engine.sameEventNotSame.pages.join(', ')}`);
  const wrong = engine.confusions.filter((c) => c.kind === 'false-same');
  const missed = engine.confusions.filter((c) => c.kind === 'missed');
  if (wrong.length) {
    lines.push('', `Judged the same story wrongly (${wrong.length}; first ${Math.min(worst, wrong.length)}):`);
    for (const c of wrong.slice(0, worst)) lines.push(`  ${c.page} [${c.pageEvent}] ~ ${c.other} [${c.otherEvent}]${c.reason ? ` — ${c.reason}` : ''}`);
  }
  if (missed.length) {
    // Misses by event pair: which events lose the most links.
    const byEvent = new Map<string, number>();
    for (const c of missed) byEvent.set(c.pageEvent, (byEvent.get(c.pageEvent) ?? 0) + 1);
    lines.push('', `Same-story pairs missed (${missed.length}), by event: ${[...byEvent].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ${n}`).join(', ')}`);
  }
  return lines.join('\n');
}

function main(argv: string[]): number {
  const args = parseArgs(argv, { values: ['labels', 'worst'], flags: ['json'] });
  const labels = args.values.labels;
  if (!labels || args.positional.length) throw new CliError('Usage: npm run stories -- --labels FILE [--json] [--worst N]');
  const labelled = loadLabels(resolve(labels), join(repoRoot, 'seeds'));
  if (labelled.length < 2) throw new CliError(`${labels} names ${labelled.length} file(s): at least two are needed to compare.`);
  const engine = scoreStories(labelled, engineDecider);
  const baseline = scoreStories(labelled, baselineDecider);
  console.log(formatStories(engine, baseline, Number(args.values.worst ?? 15)));
  if (args.flags.json) console.log(JSON.stringify({ labels, engine, baseline }));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli(() => main(process.argv.slice(2)));
