import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEval } from '../../scripts/eval';

const shared = path.resolve(process.cwd(), '../shared');
const gold = path.join(shared, 'eval/seeds.gold.json');
const docs = path.resolve(process.cwd(), 'seeds');

/*
 * Regression guard for the matching engine on the seeds gold (leave one out).
 * Targets of issue #3 that the engine meets are asserted as targets; for the
 * ones it does not meet yet (omits 0.88, adds 0.50, agree 0.15 above the
 * baseline) the floor is the level measured when this test was written, so a
 * change that makes them worse fails here.
 */
describe('eval on the seeds gold', () => {
  const plain = runEval({ gold, docs, distractors: [] });
  const withDistractors = runEval({ gold, docs, distractors: [path.join(shared, 'data/story2'), path.join(shared, 'data/pages')] });

  it('resolves every gold span', () => {
    expect(plain.unresolvedSpans).toEqual([]);
  });

  it('meets the targets for agree, missing points, violations and fact coverage', () => {
    const e = plain.engine;
    expect(e.agree.f1).toBeGreaterThanOrEqual(0.8);
    expect(e.missing.f1).toBeGreaterThanOrEqual(0.65);
    expect(e.violations).toBe(0);
    expect(e.factCoverage).toBeGreaterThanOrEqual(0.95);
    expect(e.storySame).toBe(5);
  });

  it('stays at or above the measured floors for omits and adds, and above the baseline', () => {
    const e = plain.engine;
    expect(e.omits.f1).toBeGreaterThanOrEqual(0.852);
    expect(e.adds.f1).toBeGreaterThanOrEqual(0.15);
    expect(e.agree.f1).toBeGreaterThan(plain.baseline.agree.f1);
    expect(e.omits.f1).toBeGreaterThan(plain.baseline.omits.f1);
    expect(e.missing.f1).toBeGreaterThan(plain.baseline.missing.f1 + 0.15);
  });

  it('the baseline shows what cleaning prevents: it cites captions and comments', () => {
    expect(plain.baseline.violations).toBeGreaterThan(10);
  });

  it('distractors change nothing: scores within 0.02, no violations', () => {
    const a = plain.engine;
    const b = withDistractors.engine;
    expect(withDistractors.distractorDocs).toBeGreaterThan(10);
    for (const k of ['agree', 'omits', 'adds', 'missing'] as const) expect(Math.abs(a[k].f1 - b[k].f1)).toBeLessThanOrEqual(0.02);
    expect(b.violations).toBe(0);
    expect(b.factCoverage).toBeGreaterThanOrEqual(0.95);
  });
});

/*
 * The second gold file (tests/gold/story2.gold.json: a football cup final told
 * by eight outlets) guards against fitting the seeds: another topic, other
 * outlets, short reports of different moments of one event. Floors are the
 * levels measured when it was added.
 */
describe('eval on the story2 gold', () => {
  const story2 = runEval({ gold: path.resolve(process.cwd(), 'tests/gold/story2.gold.json'), docs: path.join(shared, 'data/story2'), distractors: [] });
  const withDistractors = runEval({
    gold: path.resolve(process.cwd(), 'tests/gold/story2.gold.json'),
    docs: path.join(shared, 'data/story2'),
    distractors: [docs, path.join(shared, 'data/pages')],
  });

  it('finds the story in every report and cites no non-reporting text', () => {
    const e = story2.engine;
    expect(story2.unresolvedSpans).toEqual([]);
    expect(e.storySame).toBe(8);
    expect(e.violations).toBe(0);
    expect(e.factCoverage).toBeGreaterThanOrEqual(0.9);
  });

  it('stays above the baseline on agree, and at the measured floors', () => {
    const e = story2.engine;
    expect(e.agree.f1).toBeGreaterThan(story2.baseline.agree.f1);
    expect(e.agree.f1).toBeGreaterThanOrEqual(0.79);
    expect(e.omits.f1).toBeGreaterThanOrEqual(0.76);
    expect(e.missing.f1).toBeGreaterThanOrEqual(0.88);
  });

  it('distractors (the seeds, real pages) change nothing', () => {
    const a = story2.engine;
    const b = withDistractors.engine;
    for (const k of ['agree', 'omits', 'adds', 'missing'] as const) expect(Math.abs(a[k].f1 - b[k].f1)).toBeLessThanOrEqual(0.02);
    expect(b.violations).toBe(0);
  });
});
