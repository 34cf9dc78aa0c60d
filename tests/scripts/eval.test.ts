import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { haveShared } from '../helpers/shared';
import { OVERLAY_THRESHOLDS } from '../../lib/match/confidence';
import { runEval, type EvalResult } from '../../scripts/eval';

const shared = path.resolve(process.cwd(), '../shared');
const gold = path.join(shared, 'eval/seeds.gold.json');
const docs = path.resolve(process.cwd(), 'seeds');

/** The curve read at the overlay's thresholds is what the overlay shows: the same agree and omits counts. */
function curveMatchesOverlay(r: EvalResult): void {
  const at = (t: number) => r.curve.find((c) => c.threshold === t)!;
  expect(r.thresholds).toEqual(OVERLAY_THRESHOLDS);
  for (const kind of ['agree', 'omits'] as const) {
    const c = at(r.thresholds[kind])[kind];
    expect([c.tp, c.fp, c.fn]).toEqual([r.engine[kind].tp, r.engine[kind].fp, r.engine[kind].fn]);
  }
  // Higher thresholds never show more claims.
  for (let k = 1; k < r.curve.length; k++) expect(r.curve[k].agree.tp + r.curve[k].agree.fp).toBeLessThanOrEqual(r.curve[k - 1].agree.tp + r.curve[k - 1].agree.fp);
}

/*
 * Regression guard for the matching engine on the seeds gold (leave one out),
 * scored on what the overlay shows (claims at its confidence thresholds).
 * Targets of issue #14 the engine meets are asserted as targets (agree
 * precision 0.90, missing points F1 0.86, no violations); for the ones it does
 * not meet (agree recall 0.75, omits precision 0.90, adds precision 0.60 at
 * recall 0.15) the floor is the level measured when this test was written, so
 * a change that makes them worse fails here.
 */
describe.skipIf(!haveShared(['eval/seeds.gold.json', 'data/story2', 'data/pages'], 'eval on the seeds gold'))('eval on the seeds gold', () => {
  let plain: EvalResult;
  let withDistractors: EvalResult;
  beforeAll(() => {
    plain = runEval({ gold, docs, distractors: [] });
    withDistractors = runEval({ gold, docs, distractors: [path.join(shared, 'data/story2'), path.join(shared, 'data/pages')] });
  }, 120_000);

  it('resolves every gold span', () => {
    expect(plain.unresolvedSpans).toEqual([]);
  });

  it('meets the targets for agree precision, missing points, violations and fact coverage', () => {
    const e = plain.engine;
    expect(e.agree.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.missing.f1).toBeGreaterThanOrEqual(0.86);
    expect(e.violations).toBe(0);
    expect(e.factCoverage).toBeGreaterThanOrEqual(0.95);
    expect(e.storySame).toBe(5);
  });

  it('stays at or above the measured floors where the targets are not met, and above the baseline in precision', () => {
    const e = plain.engine;
    expect(e.agree.recall).toBeGreaterThanOrEqual(0.41);
    expect(e.omits.precision).toBeGreaterThanOrEqual(0.89);
    expect(e.omits.recall).toBeGreaterThanOrEqual(0.29);
    expect(e.agree.precision).toBeGreaterThan(plain.baseline.agree.precision + 0.2);
    expect(e.omits.precision).toBeGreaterThan(plain.baseline.omits.precision + 0.15);
    expect(e.missing.f1).toBeGreaterThan(plain.baseline.missing.f1 + 0.15);
    // No detail reaches the overlay's confidence for adds: none is cited, so none is wrong.
    expect(e.adds.tp + e.adds.fp).toBe(0);
    // Every claim made, before the thresholds: the engine's relations as they were.
    const all = plain.curve[0];
    expect(all.threshold).toBe(0);
    expect(all.agree.f1).toBeGreaterThanOrEqual(0.829);
    expect(all.omits.f1).toBeGreaterThanOrEqual(0.852);
  });

  it('scores the overlay exactly as the curve at its thresholds', () => {
    curveMatchesOverlay(plain);
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
describe.skipIf(!haveShared(['data/story2', 'data/pages'], 'eval on the story2 gold'))('eval on the story2 gold', () => {
  let story2: EvalResult;
  let withDistractors: EvalResult;
  beforeAll(() => {
    story2 = runEval({ gold: path.resolve(process.cwd(), 'tests/gold/story2.gold.json'), docs: path.join(shared, 'data/story2'), distractors: [] });
    withDistractors = runEval({
      gold: path.resolve(process.cwd(), 'tests/gold/story2.gold.json'),
      docs: path.join(shared, 'data/story2'),
      distractors: [docs, path.join(shared, 'data/pages')],
    });
  }, 120_000);

  it('finds the story in every report and cites no non-reporting text', () => {
    const e = story2.engine;
    expect(story2.unresolvedSpans).toEqual([]);
    expect(e.storySame).toBe(8);
    expect(e.violations).toBe(0);
    expect(e.factCoverage).toBeGreaterThanOrEqual(0.9);
  });

  it('meets the precision targets for agree and omits, and stays at the measured floors', () => {
    const e = story2.engine;
    expect(e.agree.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.omits.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.agree.precision).toBeGreaterThan(story2.baseline.agree.precision);
    expect(e.agree.recall).toBeGreaterThanOrEqual(0.35);
    expect(e.omits.recall).toBeGreaterThanOrEqual(0.05);
    expect(e.missing.f1).toBeGreaterThanOrEqual(0.89);
    expect(e.adds.tp + e.adds.fp).toBe(0);
    curveMatchesOverlay(story2);
  });

  it('distractors (the seeds, real pages) change nothing', () => {
    const a = story2.engine;
    const b = withDistractors.engine;
    for (const k of ['agree', 'omits', 'adds', 'missing'] as const) expect(Math.abs(a[k].f1 - b[k].f1)).toBeLessThanOrEqual(0.02);
    expect(b.violations).toBe(0);
  });
});

/*
 * The third gold file (tests/gold/story3.gold.json: the election of Pope Leo
 * XIV told by twelve German outlets) was written apart from the engine and its
 * calibration: the confidences are checked on it, not fitted. The engine's story
 * decision finds few of its outlets to report one story (story same 0 of 12),
 * so it makes few claims there; those it shows must be as trustworthy.
 */
describe.skipIf(!haveShared('data/story3', 'eval on the story3 gold'))('eval on the story3 gold', () => {
  let story3: EvalResult;
  beforeAll(() => {
    story3 = runEval({ gold: path.resolve(process.cwd(), 'tests/gold/story3.gold.json'), docs: path.join(shared, 'data/story3'), distractors: [] });
  }, 120_000);

  it('cites no non-reporting text, and the agreements it shows are right as often as on the files it was calibrated on', () => {
    const e = story3.engine;
    expect(story3.unresolvedSpans).toEqual([]);
    expect(e.violations).toBe(0);
    expect(e.agree.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.agree.recall).toBeGreaterThanOrEqual(0.07);
    curveMatchesOverlay(story3);
  });
});
