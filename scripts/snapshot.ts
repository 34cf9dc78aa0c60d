/**
 * npm run snapshot -- OUT_DIR [--against DIR]
 *
 * Writes the annotate JSON of every seed page (against the other seeds) and of
 * every page of ../shared/data (against the seeds and all of ../shared/data as
 * one corpus, itself left out), one file per page. With --against, compares
 * with an earlier snapshot and lists every page whose JSON differs: the check
 * that a restructuring left the engine's behaviour as it was.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './lib/articles';
import { parseArgs, runCli } from './lib/cli';
import { runAnnotate } from './annotate';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function pageFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

function main(argv: string[]): number {
  const args = parseArgs(argv, { values: ['against'] });
  if (args.positional.length !== 1) throw new CliError('Usage: npm run snapshot -- OUT_DIR [--against DIR]');
  const out = resolve(args.positional[0]);
  mkdirSync(out, { recursive: true });
  const data = resolve(repoRoot, '../shared/data');
  const folders = existsSync(data) ? readdirSync(data).filter((d) => /^(story|near)\d*$/.test(d)).sort() : [];
  const corpusDirs = [join(repoRoot, 'seeds'), ...folders.map((d) => join(data, d))];
  const jobs: Array<[string, string, string[]]> = pageFiles(join(repoRoot, 'seeds')).map((p) => [`seeds-${p.split('/').pop()}`, p, []]);
  for (const d of folders) for (const p of pageFiles(join(data, d))) jobs.push([`${d}-${p.split('/').pop()}`, p, corpusDirs]);
  const differing: string[] = [];
  for (const [name, page, corpus] of jobs) {
    const json = JSON.stringify(runAnnotate(page, corpus).json, null, 1);
    writeFileSync(join(out, `${name}.json`), json);
    const against = args.values.against;
    if (against !== undefined) {
      const before = join(resolve(against), `${name}.json`);
      if (!existsSync(before) || readFileSync(before, 'utf8') !== json) differing.push(name);
    }
  }
  console.log(`${jobs.length} pages written to ${out}${folders.length ? '' : ' (../shared/data absent: seeds only)'}`);
  if (args.values.against !== undefined) {
    console.log(differing.length ? `${differing.length} differ from ${args.values.against}: ${differing.join(', ')}` : `all ${jobs.length} identical to ${args.values.against}`);
    return differing.length ? 1 : 0;
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli(() => main(process.argv.slice(2)));
