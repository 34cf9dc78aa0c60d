import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatReport, runAnnotate } from '../../scripts/annotate';

const shared = path.resolve(process.cwd(), '../shared');
const seeds = path.resolve(process.cwd(), 'seeds');
const files = (dir: string, ext = '.txt') =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(dir, f));

describe('annotate against the seeds', () => {
  it('finds each seed the same story as the four other seeds', () => {
    for (const file of files(seeds)) {
      const run = runAnnotate(file, []);
      expect(run.annotation.story.match, file).toBe('same');
      expect(run.annotation.outlets.filter((o) => o.sameStory)).toHaveLength(4);
      expect(run.annotation.outlets.some((o) => file.endsWith(o.doc))).toBe(false);
    }
  });

  it('says none for every page of another story (story2)', () => {
    for (const file of files(path.join(shared, 'data/story2'))) expect(runAnnotate(file, []).annotation.story.match, file).toBe('none');
  });

  it('never says same for look-alike events with the same people (near)', () => {
    for (const file of files(path.join(shared, 'data/near'))) expect(runAnnotate(file, []).annotation.story.match, file).not.toBe('same');
  });

  it('reads HTML pages through Readability and carries the extracted text', () => {
    const run = runAnnotate(path.join(shared, 'data/pages/heise.html'), []);
    expect(typeof run.json.text).toBe('string');
    expect(run.annotation.story.match).not.toBe('same');
  });

  it('prints a readable report with relations and quoted evidence', () => {
    const file = path.join(seeds, '004_156c3776fb414eed.txt');
    const report = formatReport(runAnnotate(file, []), file);
    expect(report).toMatch(/^Story: same/m);
    expect(report).toMatch(/agrees {2}Outlet/);
    expect(report).toMatch(/evidence “/);
    expect(report).toMatch(/Missing points \(\d+\)/);
  });
});

describe('annotate CLI', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) => run('npx', ['tsx', 'scripts/annotate.ts', ...args], { cwd: process.cwd() });

  it('prints the JSON object on the last line with --json', async () => {
    const { stdout } = await cli('--json', path.join(seeds, '002_5908dc6cc7697daf.txt'));
    const last = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(last.story.match).toBe('same');
    expect(last.sentences.length).toBeGreaterThan(5);
    expect(Array.isArray(last.missing)).toBe(true);
  }, 30_000);

  it('fails with a clear message and no stack trace for a missing file', async () => {
    const err = await cli('--json', '/no/such/page.txt').catch((e) => e);
    expect(err.code).not.toBe(0);
    expect(err.stderr).toMatch(/No such file/);
    expect(err.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  }, 30_000);
});
