/**
 * npm run annotate -- [--json] [--corpus DIR]... PAGE
 *
 * Annotates a page file (.txt with optional header lines, or .html) against a
 * corpus: the seeds by default, or every .txt/.html file of the --corpus folders.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../lib/article/article';
import { annotate, docName } from '../lib/match/annotate';
import type { EngineAnnotation } from '../lib/match/types';
import { CliError, loadFolder, loadSeeds, readTextFile } from './lib/articles';
import { parseArgs, runCli } from './lib/cli';
import { problemMessages } from '../lib/i18n/problem-messages';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface AnnotateRun {
  annotation: EngineAnnotation;
  /** The JSON object of ../shared/eval/README.md. */
  json: Record<string, unknown>;
  text: string;
  corpus: Article[];
  warnings: string[];
}

/** Same file as the page (by resolved path), for excluding the page from its own corpus. */
function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

export function runAnnotate(pagePath: string, corpusDirs: string[]): AnnotateRun {
  const loaded = readTextFile(pagePath);
  const warnings: string[] = [];
  let corpus: Article[];
  if (corpusDirs.length === 0) {
    const seedsDir = join(repoRoot, 'seeds');
    corpus = loadSeeds(seedsDir).filter((a) => !samePath(join(seedsDir, a.file!), pagePath));
  } else {
    corpus = [];
    for (const dir of corpusDirs) {
      const skipped: string[] = [];
      corpus.push(...loadFolder(dir).filter((a) => !samePath(join(dir, a.file!), pagePath)));
      for (const s of skipped) warnings.push(`corpus file skipped: ${s}`);
    }
  }
  const annotation = annotate({ text: loaded.text, title: loaded.title, url: loaded.url, date: loaded.date }, corpus);
  for (const w of annotation.warnings ?? []) {
    const text = problemMessages('en').warning(w);
    if (!warnings.includes(text)) warnings.push(text);
  }
  const json: Record<string, unknown> = {
    page: pagePath,
    ...(loaded.html ? { text: loaded.text } : {}),
    story: annotation.story,
    outlets: annotation.outlets,
    sentences: annotation.sentences,
    missing: annotation.missing,
    conflicts: annotation.conflicts,
  };
  return { annotation, json, text: loaded.text, corpus, warnings };
}

function quote(text: string, start: number, end: number, max = 160): string {
  const t = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

export function formatReport(run: AnnotateRun, pagePath: string): string {
  const { annotation: ann, text, corpus } = run;
  const byDoc = new Map(corpus.map((a) => [docName(a), a]));
  const label = (doc: string) => ann.outlets.find((o) => o.doc === doc)?.label ?? doc;
  const lines: string[] = [];
  lines.push(`Page: ${pagePath}`);
  for (const w of run.warnings) lines.push(`Note: ${w}`);
  lines.push(`Story: ${ann.story.match}${ann.story.score !== undefined ? ` (score ${ann.story.score})` : ''}`);
  if (ann.outlets.length) {
    lines.push('Outlets:');
    for (const o of ann.outlets) lines.push(`  ${o.sameStory ? 'same story' : 'related   '}  ${o.label} (${o.doc})${o.shortReport ? ' — short report: its omissions are not listed' : ''}`);
  } else lines.push('Outlets: none report this story.');
  if (ann.story.match !== 'same') return lines.join('\n');

  const short = new Set(ann.outlets.filter((o) => o.shortReport).map((o) => o.doc));
  const confidence = (c: number | undefined) => (c === undefined ? '' : ` (confidence ${c.toFixed(2)})`);
  lines.push('', 'Sentences (as the overlay shows them: a claim below its confidence threshold is "not compared"):');
  for (const s of ann.sentences) {
    lines.push(`[${s.start}–${s.end}] ${quote(text, s.start, s.end)}`);
    for (const [doc, rel] of Object.entries(s.relations)) {
      const other = byDoc.get(doc)?.raw ?? '';
      const shown =
        rel.relation === 'omits' && short.has(doc)
          ? 'short report'
          : rel.unclear
            ? `not compared (${rel.relation === 'agree' ? 'agrees' : 'omits'}?)`
            : rel.relation === 'agree'
              ? 'agrees'
              : 'omits';
      lines.push(`    ${shown}  ${label(doc)}${confidence(rel.confidence)}`);
      for (const [a, b] of rel.evidence ?? []) lines.push(`        evidence ${quote(other, a, b)}`);
      (rel.adds ?? []).forEach(([a, b], n) => {
        const marks = rel.addsNew?.[n] ?? [];
        const added = marks.length ? ` — new here: ${marks.map(([x, y]) => other.slice(x, y)).join(' … ')}` : '';
        lines.push(`        adds     ${quote(other, a, b)}${confidence(rel.addsConfidence?.[n])}${added}`);
      });
      for (const [a, b] of rel.conflicts ?? []) lines.push(`        conflict ${quote(other, a, b)}`);
    }
  }
  lines.push('', `Missing points (${ann.missing.length}):`);
  ann.missing.forEach((m, i) => {
    lines.push(`  ${i + 1}. reported by ${m.sources.map((s) => label(s.doc)).join(', ')}`);
    for (const s of m.sources) lines.push(`       ${label(s.doc)}: ${quote(byDoc.get(s.doc)?.raw ?? '', s.start, s.end)}`);
  });
  lines.push('', `Conflicts (${ann.conflicts.length}):`);
  for (const c of ann.conflicts)
    lines.push(`  ${quote(text, c.start, c.end, 100)} vs ${label(c.doc)} ${quote(byDoc.get(c.doc)?.raw ?? '', c.other[0], c.other[1], 100)} — ${c.detail}`);
  return lines.join('\n');
}

function main(argv: string[]): number {
  const args = parseArgs(argv, { repeatable: ['corpus'], flags: ['json'] });
  if (args.positional.length !== 1) throw new CliError('Usage: npm run annotate -- [--json] [--corpus DIR]... PAGE');
  const pagePath = args.positional[0];
  const run = runAnnotate(pagePath, (args.repeated.corpus ?? []).map((d) => resolve(d)));
  if (args.flags.json) {
    for (const w of run.warnings) console.log(`note: ${w}`);
    console.log(JSON.stringify(run.json));
  } else console.log(formatReport(run, pagePath));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli(() => main(process.argv.slice(2)));
