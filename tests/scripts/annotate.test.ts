import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatReport, runAnnotate } from '../../scripts/annotate';
import { haveShared, sharedPath } from '../helpers/shared';

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

  it.skipIf(!haveShared('data/story2', 'annotate on another story'))('says none for every page of another story (story2)', () => {
    const pages = files(sharedPath('data/story2'));
    expect(pages.length).toBeGreaterThan(0);
    for (const file of pages) expect(runAnnotate(file, []).annotation.story.match, file).toBe('none');
  });

  it.skipIf(!haveShared('data/near', 'annotate on look-alike events'))('never says same for look-alike events with the same people (near)', () => {
    const pages = files(sharedPath('data/near'));
    expect(pages.length).toBeGreaterThan(0);
    for (const file of pages) expect(runAnnotate(file, []).annotation.story.match, file).not.toBe('same');
  });

  it.skipIf(!haveShared('data/pages/heise.html', 'annotate on a real HTML page'))('reads HTML pages through Readability and carries the extracted text', () => {
    const run = runAnnotate(sharedPath('data/pages/heise.html'), []);
    expect(typeof run.json.text).toBe('string');
    expect(run.annotation.story.match).not.toBe('same');
  });

  it('reads an HTML page of a seed (fixture) through Readability, against the other seeds', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crossread-annotate-'));
    const corpus = path.join(dir, 'corpus');
    mkdirSync(corpus);
    const [page, ...others] = files(seeds);
    for (const file of others) copyFileSync(file, path.join(corpus, path.basename(file)));
    const paragraphs = readFileSync(page, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const html = path.join(dir, 'page.html');
    writeFileSync(
      html,
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escape(paragraphs[0])}</title></head><body>` +
        '<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>' +
        `<article><h1>${escape(paragraphs[0])}</h1>${paragraphs.slice(1).map((p) => `<p>${escape(p)}</p>`).join('')}</article>` +
        '<footer><a href="/impressum">Impressum</a></footer></body></html>',
    );
    const run = runAnnotate(html, [corpus]);
    expect(typeof run.json.text).toBe('string');
    expect(run.json.text as string).toContain(paragraphs[1].slice(0, 80));
    expect(run.json.text as string).not.toContain('Impressum');
    expect(run.annotation.story.match).toBe('same');
    expect(run.annotation.outlets.filter((o) => o.sameStory)).toHaveLength(others.length);
  });

  it('prints a readable report with relations and quoted evidence', () => {
    const file = path.join(seeds, '004_156c3776fb414eed.txt');
    const report = formatReport(runAnnotate(file, []), file);
    expect(report).toMatch(/^Story: same/m);
    expect(report).toMatch(/agrees {2}Outlet .* \(confidence \d\.\d\d\)/);
    // A claim below the overlay's threshold is reported as the overlay shows it: not compared.
    expect(report).toMatch(/not compared \((agrees|omits)\?\) {2}Outlet/);
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
