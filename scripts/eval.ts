/**
 * npm run eval -- --gold FILE [--docs DIR] [--distractors DIR]... [--json] [--verbose] [--bounds]
 *
 * Leave-one-out evaluation of the matching engine against a gold file (see
 * ../shared/eval/README.md), beside the bag-of-words baseline in the same run.
 * --bounds adds the ceiling of adds for the engine's sentence similarity
 * (scripts/lib/adds-bound.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../lib/corpus/article';
import { annotate, type AnnotateOptions } from '../lib/match/annotate';
import { baselineAnnotate } from '../lib/match/baseline';
import type { Annotation } from '../lib/match/types';
import { CliError, loadFolder, loadSeeds, toArticle } from './lib/articles';
import { addsBound, type AddsBound } from './lib/adds-bound';
import { loadGold, type Gold } from './lib/gold';
import { Scorer, type PRF, type Scores } from './lib/score';
import { parseArgs, runCli } from './lib/cli';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface EvalOptions {
  gold: string;
  docs: string;
  distractors: string[];
  /** Engine settings to try (tuning); defaults otherwise. */
  engine?: AnnotateOptions;
  /** Also compute the adds ceiling of the engine's similarity. */
  bounds?: boolean;
}

export interface EvalResult {
  gold: string;
  docs: string;
  distractors: string[];
  distractorDocs: number;
  engine: Scores;
  baseline: Scores;
  /** The baseline keeping stopwords: plain word overlap in the strictest sense, for reference. */
  plainBaseline: Scores;
  unresolvedSpans: string[];
  ms: { engine: number; baseline: number };
  /** With `bounds`: the best adds score attaching gold-known details to page sentences by the engine's similarity. */
  addsBound?: AddsBound;
}

function goldArticles(gold: Gold, docsDir: string): Article[] {
  // Seed folders carry a manifest with outlet labels and dates; use it where present.
  const fromManifest = existsSync(join(docsDir, 'manifest.json')) ? loadSeeds(docsDir) : [];
  const byFile = new Map(fromManifest.map((a) => [a.file, a]));
  return gold.docs.map(
    (d) => byFile.get(d.file) ?? toArticle({ id: d.id, file: d.file, raw: d.text, source: 'user' }),
  );
}

function distractorArticles(dirs: string[], taken: Set<string>): Article[] {
  const out: Article[] = [];
  for (const dir of dirs)
    for (const a of loadFolder(dir)) {
      // Doc names must stay unique: a clash gets the folder name in front.
      const name = taken.has(a.file!) ? `${dir.replace(/[/\\]+$/, '').split(/[/\\]/).pop()}/${a.file}` : a.file!;
      taken.add(name);
      out.push({ ...a, file: name });
    }
  return out;
}

export function runEval(opts: EvalOptions): EvalResult {
  const gold = loadGold(opts.gold, opts.docs);
  const articles = goldArticles(gold, opts.docs);
  const taken = new Set(articles.map((a) => a.file!));
  const distractors = distractorArticles(opts.distractors, taken);
  const distractorDocs = new Set(distractors.map((a) => a.file!));
  const engine = new Scorer(gold, distractorDocs);
  const baseline = new Scorer(gold, distractorDocs);
  const plain = new Scorer(gold, distractorDocs);
  const ms = { engine: 0, baseline: 0 };
  gold.docs.forEach((doc, i) => {
    const corpus = [...articles.filter((_, j) => j !== i), ...distractors];
    const page = { text: doc.text };
    let t = performance.now();
    const ann: Annotation = annotate(page, corpus, opts.engine);
    ms.engine += performance.now() - t;
    engine.add(doc, ann);
    t = performance.now();
    baseline.add(doc, baselineAnnotate(page, corpus));
    ms.baseline += performance.now() - t;
    plain.add(doc, baselineAnnotate(page, corpus, { dropStopwords: false }));
  });
  return {
    gold: opts.gold,
    docs: opts.docs,
    distractors: opts.distractors,
    distractorDocs: distractors.length,
    engine: engine.result(),
    baseline: baseline.result(),
    plainBaseline: plain.result(),
    unresolvedSpans: gold.unresolved,
    ms: { engine: Math.round(ms.engine), baseline: Math.round(ms.baseline) },
    ...(opts.bounds ? { addsBound: addsBound(gold, articles) } : {}),
  };
}

const f = (x: number) => x.toFixed(3);

export function formatTable(r: EvalResult): string {
  const rows: string[] = [];
  rows.push(`gold ${r.gold} · docs ${r.docs} · ${r.distractorDocs} distractor documents`);
  rows.push('');
  rows.push('relation     engine P  R      F1     | baseline P  R      F1     | ΔF1');
  for (const key of ['agree', 'omits', 'adds', 'missing', 'conflicts'] as const) {
    const e: PRF = r.engine[key];
    const b: PRF = r.baseline[key];
    rows.push(
      `${key.padEnd(12)} ${f(e.precision)} ${f(e.recall)} ${f(e.f1)}  | ${f(b.precision)} ${f(b.recall)} ${f(b.f1)}  | ${(e.f1 - b.f1 >= 0 ? '+' : '') + f(e.f1 - b.f1)}`,
    );
  }
  rows.push(`violations   ${String(r.engine.violations).padEnd(22)}| ${r.baseline.violations}`);
  rows.push(`fact cover   ${f(r.engine.factCoverage).padEnd(22)}| ${f(r.baseline.factCoverage)}`);
  rows.push(`evidence P   ${f(r.engine.evidencePrecision).padEnd(22)}| ${f(r.baseline.evidencePrecision)}`);
  rows.push(`story same   ${`${r.engine.storySame}/${r.engine.pages}`.padEnd(22)}| ${r.baseline.storySame}/${r.baseline.pages}`);
  rows.push(`time (ms)    ${String(r.ms.engine).padEnd(22)}| ${r.ms.baseline}`);
  const p = r.plainBaseline;
  rows.push(
    `baseline keeping stopwords: agree ${f(p.agree.f1)}, omits ${f(p.omits.f1)}, missing ${f(p.missing.f1)}, violations ${p.violations} (engine agree ${(r.engine.agree.f1 - p.agree.f1 >= 0 ? '+' : '') + f(r.engine.agree.f1 - p.agree.f1)})`,
  );
  if (r.addsBound) {
    const b = r.addsBound;
    rows.push(
      `adds ceiling: knowing from the gold which outlet sentences state a detail the page lacks, and attaching each to the page sentences at least ${b.threshold} similar and within ${b.share} of its closest: P ${f(b.precision)} R ${f(b.recall)} F1 ${f(b.f1)}`,
    );
  }
  if (r.unresolvedSpans.length) rows.push(`warning: ${r.unresolvedSpans.length} gold spans not found in their documents`);
  return rows.join('\n');
}

function main(argv: string[]): number {
  const args = parseArgs(argv, { repeatable: ['distractors'], flags: ['json', 'verbose', 'bounds'], values: ['gold', 'docs'] });
  if (!args.values.gold) throw new CliError('Usage: npm run eval -- --gold FILE [--docs DIR] [--distractors DIR]... [--json] [--bounds]');
  const gold = resolve(args.values.gold);
  const docs = resolve(args.values.docs ?? join(repoRoot, 'seeds'));
  const result = runEval({ gold, docs, distractors: (args.repeated.distractors ?? []).map((d) => resolve(d)), bounds: args.flags.bounds });
  console.log(formatTable(result));
  if (args.flags.verbose) for (const v of result.engine.violationDetails) console.log(`  violation: ${v}`);
  if (args.flags.json) {
    const strip = (s: Scores) => ({ ...s, violationDetails: s.violationDetails.slice(0, 50) });
    console.log(JSON.stringify({ ...result, engine: strip(result.engine), baseline: strip(result.baseline), plainBaseline: strip(result.plainBaseline) }));
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli(() => main(process.argv.slice(2)));
