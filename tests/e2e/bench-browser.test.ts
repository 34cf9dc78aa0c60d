import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './chromium-setup';

/**
 * npm run bench:browser on a tiny corpus in Chromium: the run goes through
 * (import through the corpus manager, story and no-story pages, the 2 MB
 * page, a stopped worker) and `--json` prints, last, one object with the keys
 * the README's table is made from.
 */
/** Runs the bench on the built extension with `--json`; it must succeed, and its last line is the result. */
function benchRun(args: string[], timeout: number) {
  const run = spawnSync('npx', ['tsx', path.join(repoRoot, 'scripts/bench-browser.ts'), ...args, '--json', '--no-build'], { cwd: repoRoot, encoding: 'utf8', timeout });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.trim().split('\n');
  return { run, result: JSON.parse(lines[lines.length - 1]) };
}

describe('npm run bench:browser', () => {
  it('prints one JSON object last, with every figure of a Chromium run', () => {
    // --bg-cpu: each no-story page traced for the worker's CPU too (the wall figures as without it).
    const { run, result } = benchRun(['--articles', '60', '--runs', '2', '--bg-cpu'], 240_000);
    expect(result.browser).toBe('chromium');
    expect(result.articles).toBe(60);
    expect(result.importPerSecond).toBeGreaterThan(0);
    for (const kind of ['warm', 'stoppedWorker'] as const) {
      expect(result.firstNote[kind].median).toBeGreaterThan(0);
      expect(result.firstNote[kind].p95).toBeGreaterThanOrEqual(result.firstNote[kind].median);
    }
    expect(result.firstNote.afterInstall).toBeGreaterThan(0);
    expect(result.noStoryBackground.median).toBeGreaterThan(0);
    expect(result.noStoryBackground.p95).toBeGreaterThanOrEqual(result.noStoryBackground.median);
    // The worker's CPU for every no-story page, found in its trace, none more than the page's wall time (a thread cannot run longer than it took).
    expect(result.noStoryBackgroundCpu.runs).toBe(result.noStoryBackground.runs);
    expect(result.noStoryBackgroundCpu.median).toBeGreaterThan(0);
    const pages = [...run.stderr.matchAll(/^ {2}no-story [\w-]+ (\d+) \(CPU (\d+)\):/gm)];
    expect(pages).toHaveLength(2);
    for (const [, wall, cpu] of pages) expect(Number(cpu)).toBeLessThanOrEqual(Number(wall));
    for (const page of ['story', 'noStory', 'bigPage'] as const) expect(typeof result.longestTask[page]).toBe('number');
    // Story pages run the content script's steps: some crossread work is seen there.
    expect(result.longestTask.story).toBeGreaterThan(0);
    expect(result.workerHeapMB).toBeGreaterThan(0);
  }, 300_000);

  // Firefox's background is a page in the extension's process (MV2): its measures are read through an extension page,
  // and the saved real pages with remote frames (cnn, nytimes-1) load, though Firefox's driver rejects their navigation.
  it('in Firefox, reads the background for every no-story page, the real pages with failing frames too', () => {
    const { run, result } = benchRun(['--browser', 'firefox', '--articles', '60', '--runs', '5'], 420_000);
    expect(result.browser).toBe('firefox');
    // Five runs open each of the five no-story pages once (made-up, heise, cnn, nytimes-1, wikipedia): each was measured.
    expect(run.stderr).toMatch(/each page in turn, ms: made-up \d+, heise \d+, cnn \d+, nytimes-1 \d+, wikipedia \d+\)/);
    expect(result.noStoryBackground.runs).toBe(5);
    expect(result.noStoryBackground.median).toBeGreaterThan(0);
    expect(result.noStoryBackgroundSteps.terms).toBeGreaterThan(0);
    expect(result.firstNote.warm.median).toBeGreaterThan(0);
    // Its persistent background never stops: the bench restarts the extension instead, and the page then opened gets its notes.
    expect(result.firstNote.stoppedWorker.runs).toBe(3);
    expect(result.notes.join(' ')).toContain('restarts (runtime.reload)');
    expect(result.importSteps['background-import-write']).toBeGreaterThan(0);
    expect(result.notes.join(' ')).not.toMatch(/Address rejected|cannot be read/);
  }, 480_000);

  it('refuses a browser it does not know, with a message', () => {
    const run = spawnSync('npx', ['tsx', path.join(repoRoot, 'scripts/bench-browser.ts'), '--browser', 'safari', '--no-build'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--browser is chromium or firefox, not "safari"');
  });
});
