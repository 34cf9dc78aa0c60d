/**
 * npm run eval -- --gold FILE [--docs DIR] [--distractors DIR]... [--json] [--verbose] [--bounds]
 * npm run eval -- --calibrate
 *
 * Leave-one-out evaluation of the matching engine against a gold file (see
 * ../shared/eval/README.md), beside the bag-of-words baseline in the same run.
 * The engine is scored on what the overlay shows (its claims at the overlay's
 * confidence thresholds), and its precision and recall are tabled over
 * thresholds. --bounds adds the ceiling of adds for the engine's sentence
 * similarity (scripts/lib/adds-bound.ts). --calibrate recomputes the
 * calibration tables of lib/match/confidence.ts from the seeds and story2
 * gold files and checks them on story3's when it exists.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../lib/article/article';
import { annotate, type AnnotateOptions } from '../lib/match/annotate';
import { calibrate, isotonic, OVERLAY_THRESHOLDS, type ClaimKind } from '../lib/match/confidence';
import { baselineAnnotate } from '../lib/match/baseline';
import type { Annotation } from '../lib/match/types';
import { CliError, loadFolder, loadSeeds, toArticle } from './lib/articles';
import { addsBound, type AddsBound } from './lib/adds-bound';
import { loadGold, type Gold } from './lib/gold';
import { Scorer, type CurvePoint, type PRF, type Scores } from './lib/score';
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

/** The confidence thresholds the precision–recall table reads. */
export const CURVE_THRESHOLDS = [0, 0.25, 0.35, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

export interface EvalResult {
  gold: string;
  docs: string;
  distractors: string[];
  distractorDocs: number;
  /** The engine scored on what the overlay shows: claims at or above OVERLAY_THRESHOLDS. */
  engine: Scores;
  /** The overlay's thresholds the engine was scored at. */
  thresholds: Record<ClaimKind, number>;
  /** The engine's precision and recall from each confidence threshold on (every claim made, then cut at the threshold). */
  curve: CurvePoint[];
  baseline: Scores;
  /** The baseline keeping stopwords: plain word overlap in the strictest sense, for reference. */
  plainBaseline: Scores;
  unresolvedSpans: string[];
  ms: { engine: number; baseline: number };
  /** With `bounds`: the best adds score attaching gold-known details to page sentences by the engine's similarity. */
  addsBound?: AddsBound;
}

export function goldArticles(gold: Gold, docsDir: string): Article[] {
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
  const every = new Scorer(gold, distractorDocs);
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
    every.add(doc, annotate(page, corpus, allClaims(opts.engine)));
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
    thresholds: thresholdsOf(opts.engine),
    curve: every.curve(CURVE_THRESHOLDS),
    baseline: baseline.result(),
    plainBaseline: plain.result(),
    unresolvedSpans: gold.unresolved,
    ms: { engine: Math.round(ms.engine), baseline: Math.round(ms.baseline) },
    ...(opts.bounds ? { addsBound: addsBound(gold, articles) } : {}),
  };
}

/** The engine settings with every claim made, whatever its confidence: the curve cuts them at each threshold. */
function allClaims(engine: AnnotateOptions = {}, calibrated = true): AnnotateOptions {
  return { ...engine, relations: { ...engine.relations, showAgree: 0, showOmits: 0, showAdds: 0, calibrated } };
}

function thresholdsOf(engine: AnnotateOptions = {}): Record<ClaimKind, number> {
  const r = engine.relations ?? {};
  return { agree: r.showAgree ?? OVERLAY_THRESHOLDS.agree, omits: r.showOmits ?? OVERLAY_THRESHOLDS.omits, adds: r.showAdds ?? OVERLAY_THRESHOLDS.adds };
}

const f = (x: number) => x.toFixed(3);
const f2 = (x: number) => x.toFixed(2);

export function formatTable(r: EvalResult): string {
  const rows: string[] = [];
  rows.push(`gold ${r.gold} · docs ${r.docs} · ${r.distractorDocs} distractor documents`);
  rows.push('');
  const t = r.thresholds;
  rows.push(
    `Engine at the overlay's thresholds (confidence ≥ ${f2(t.agree)} agree, ≥ ${f2(t.omits)} omits, ≥ ${f2(t.adds)} adds): a relation below its threshold is shown as not compared and the scorer counts it as neither agree nor omits (it costs recall of both, precision of neither); so are a short report's omissions; an adds citation below its threshold is not made.`,
  );
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
  const so = r.engine.shortOmissions;
  rows.push(
    `short report ${r.engine.shortPairs} of ${r.engine.outletPairs} page–outlet pairs (their ${so.claims} omissions not shown${so.claims ? `; the gold finds ${so.right} right` : ''})`,
  );
  rows.push(`time (ms)    ${String(r.ms.engine).padEnd(22)}| ${r.ms.baseline}`);
  const p = r.plainBaseline;
  rows.push(
    `baseline keeping stopwords: agree ${f(p.agree.f1)}, omits ${f(p.omits.f1)}, missing ${f(p.missing.f1)}, violations ${p.violations} (engine agree ${(r.engine.agree.f1 - p.agree.f1 >= 0 ? '+' : '') + f(r.engine.agree.f1 - p.agree.f1)})`,
  );
  rows.push('');
  rows.push('Precision / recall from each confidence threshold on (engine), beside the baseline (no confidence: one point):');
  rows.push('threshold   agree P  R     | omits P  R     | adds P   R');
  const line = (label: string, a: PRF, o: PRF, d: PRF) =>
    `${label.padEnd(11)} ${f(a.precision)} ${f(a.recall)} | ${f(o.precision)} ${f(o.recall)} | ${f(d.precision)} ${f(d.recall)}`;
  for (const c of r.curve) {
    const at = (['agree', 'omits', 'adds'] as const).filter((k) => c.threshold === t[k]);
    const overlay = at.length ? ` ◂ overlay (${at.join(', ')})` : '';
    rows.push(line(`≥ ${f2(c.threshold)}`, c.agree, c.omits, c.adds) + overlay);
  }
  rows.push(line('baseline', r.baseline.agree, r.baseline.omits, r.baseline.adds));
  if (r.addsBound) {
    const b = r.addsBound;
    rows.push(
      `adds ceiling: knowing from the gold which outlet sentences state a detail the page lacks, and attaching each to the page sentences at least ${b.threshold} similar and within ${b.share} of its closest: P ${f(b.precision)} R ${f(b.recall)} F1 ${f(b.f1)}; the best precision of any such rule at recall ≥ 0.15: ${b.atRecall15 ? `${f(b.atRecall15.precision)} (R ${f(b.atRecall15.recall)})` : 'none reaches that recall'}`,
    );
  }
  if (r.unresolvedSpans.length) rows.push(`warning: ${r.unresolvedSpans.length} gold spans not found in their documents`);
  return rows.join('\n');
}

/** The gold files the confidences are calibrated on, and the one they are checked on (see lib/match/confidence.ts). */
export const CALIBRATION_GOLD = {
  fit: [
    { gold: resolve(repoRoot, '../shared/eval/seeds.gold.json'), docs: join(repoRoot, 'seeds') },
    { gold: join(repoRoot, 'tests/gold/story2.gold.json'), docs: resolve(repoRoot, '../shared/data/story2') },
  ],
  check: [{ gold: join(repoRoot, 'tests/gold/story3.gold.json'), docs: resolve(repoRoot, '../shared/data/story3') }],
};

export interface Calibration {
  /** Per kind, the isotonic table over the raw scores of the fit files pooled. */
  tables: Record<ClaimKind, Array<[number, number]>>;
  /** Per kind and file (fit and check): per band of the table, its claims and their precision on that file. */
  bands: Array<{ gold: string; kind: ClaimKind; bands: Array<{ confidence: number; claims: number; precision: number }> }>;
}

/** Raw-score samples of every claim (agree, omits, adds) on a gold file, leave one out. */
function rawSamples(gold: string, docs: string): Scorer['samples'] {
  const g = loadGold(gold, docs);
  const articles = goldArticles(g, docs);
  const scorer = new Scorer(g, new Set());
  g.docs.forEach((doc, i) => scorer.add(doc, annotate({ text: doc.text }, articles.filter((_, j) => j !== i), allClaims({}, false))));
  return scorer.samples;
}

/**
 * Isotonic calibration of the raw scores on the fit files pooled, and the
 * precision of each band on every file, the check file apart: what
 * `npm run eval -- --calibrate` prints for CALIBRATION in lib/match/confidence.ts.
 */
export function runCalibration(files = CALIBRATION_GOLD): Calibration {
  const kinds: ClaimKind[] = ['agree', 'omits', 'adds'];
  const fit = files.fit.map((x) => ({ ...x, samples: rawSamples(x.gold, x.docs) }));
  const check = files.check.filter((x) => existsSync(x.gold) && existsSync(x.docs)).map((x) => ({ ...x, samples: rawSamples(x.gold, x.docs) }));
  const tables = Object.fromEntries(
    kinds.map((k) => [k, isotonic(fit.flatMap((x) => x.samples[k].map((s) => ({ score: s.confidence, right: s.right }))))]),
  ) as Calibration['tables'];
  const bands: Calibration['bands'] = [];
  for (const x of [...fit, ...check])
    for (const kind of kinds) {
      const by = new Map<number, { claims: number; right: number }>();
      for (const s of x.samples[kind]) {
        const c = calibrate(kind, s.confidence, tables[kind]);
        const b = by.get(c) ?? { claims: 0, right: 0 };
        b.claims++;
        if (s.right) b.right++;
        by.set(c, b);
      }
      bands.push({
        gold: x.gold,
        kind,
        bands: [...by].sort((a, b) => a[0] - b[0]).map(([confidence, b]) => ({ confidence, claims: b.claims, precision: b.right / b.claims })),
      });
    }
  return { tables, bands };
}

function formatCalibration(c: Calibration): string {
  const rows = ['export const CALIBRATION: Record<ClaimKind, ReadonlyArray<readonly [number, number]>> = {'];
  for (const [kind, table] of Object.entries(c.tables)) rows.push(`  ${kind}: ${JSON.stringify(table).replace(/,/g, ', ')},`);
  rows.push('};', '', 'Precision per band (confidence: claims, precision), per gold file:');
  for (const b of c.bands)
    rows.push(`${b.gold.split('/').pop()} ${b.kind}: ${b.bands.map((x) => `${f2(x.confidence)}: ${x.claims}, ${f2(x.precision)}`).join(' · ')}`);
  return rows.join('\n');
}

function main(argv: string[]): number {
  const args = parseArgs(argv, { repeatable: ['distractors'], flags: ['json', 'verbose', 'bounds', 'calibrate'], values: ['gold', 'docs'] });
  if (args.flags.calibrate) {
    console.log(formatCalibration(runCalibration()));
    return 0;
  }
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
