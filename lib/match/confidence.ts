/**
 * How far to trust a relation: a score from the signals that decided it,
 * calibrated to the share of such claims the gold files find right.
 *
 * Two steps, both fixed here, neither fitted per sentence:
 *
 * 1. A raw score in [0, 1]: a logistic function of a few signals (similarity,
 *    terms shared within one clause, mutual best, coverage of the page
 *    sentence by the outlet's text, how many other outlets agree, the rule that
 *    found the agreement). The weights are rounded from a logistic regression
 *    over every relation of the seeds and story2 gold files pooled (one model
 *    per kind: agree, omits, adds), read as "which signals matter and how
 *    much"; no rule names a story's words.
 * 2. Calibration: the raw score is mapped to the precision that claims of that
 *    score had on the same two gold files, by isotonic regression (pool
 *    adjacent violators over the (raw score, right or wrong) pairs, so that a
 *    higher score never means a lower precision); `npm run eval -- --calibrate`
 *    recomputes the tables below from the gold files and prints them. The
 *    third gold file (story3, written apart from the engine) is the check:
 *    its precision per confidence band is printed by the same command.
 *
 * The overlay shows a claim only when its confidence reaches OVERLAY_THRESHOLDS;
 * below, the sentence is shown as not compared with that outlet.
 */
import type { AgreeBasis } from './relations';

export interface AgreeSignals {
  /** Similarity of the page sentence and its closest evidence sentence. */
  similarity: number;
  /** Terms the page sentence and the evidence share within one clause of each. */
  clauseTerms: number;
  /** Whether the evidence sentence is closer to this page sentence than to any other. */
  mutual: boolean;
  /** Share of the other outlets that agree with the page sentence too. */
  othersAgree: number;
  /** Share of the page sentence's term weight found anywhere in the outlet's text. */
  coverage: number;
  basis: AgreeBasis;
}

export interface OmitsSignals {
  /** The page sentence's highest similarity with any of the outlet's sentences. */
  best: number;
  /** Share of the page sentence's term weight found anywhere in the outlet's text. */
  coverage: number;
  /** Share of the other outlets that agree with the page sentence. */
  othersAgree: number;
  /** The page sentence's terms. */
  terms: number;
  /** The outlet's content sentences over the page's. */
  lengthRatio: number;
}

export interface AddsSignals {
  /** Similarity of the adding sentence and the page sentence it is attached to. */
  similarity: number;
  /** Terms they share within one clause of each. */
  clauseTerms: number;
  /** Similarity of the adding sentence with its second-closest page sentence, over `similarity`. */
  runnerUp: number;
  /** Terms of the adding sentence the page has nowhere. */
  novelTerms: number;
  /** Whether it gives a figure the page gives nowhere. */
  figure: boolean;
}

export type ClaimKind = 'agree' | 'omits' | 'adds';

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const clip = (x: number, hi: number) => Math.min(Math.max(x, 0), hi);

/** Raw agreement score (see the module comment for where the weights come from). */
const BASIS_WEIGHT: Record<AgreeBasis, number> = { similar: 0, coverage: -0.3, moment: 1.3, mutual: -0.6, lead: -0.1, chain: 0.3 };

export function agreeScore(s: AgreeSignals): number {
  // Agreement on the same moment of a match (a result, a minute) is the surest; a chain through a third outlet next;
  // the fallbacks that take less (coverage of the text, mutual closest below the bar, the lead) less sure.
  return logistic(
    -0.3 + 0.5 * clip(s.similarity, 1) + 0.5 * clip(s.clauseTerms, 6) + 0.25 * (s.mutual ? 1 : 0) + 0.6 * s.othersAgree + 0.7 * s.coverage + BASIS_WEIGHT[s.basis],
  );
}

/** Raw omission score: high when the outlet's text has little of the sentence's terms, the sentence says little, the outlet says much. */
export function omitsScore(s: OmitsSignals): number {
  return logistic(
    2.7 - 0.5 * clip(s.best, 1) - 2.2 * s.coverage + 0.3 * s.othersAgree - 0.7 * Math.log(1 + s.terms) - 0.75 * Math.log(Math.max(s.lengthRatio, 0.05)),
  );
}

/** Raw score of an added detail's attachment: terms shared in one clause, few runners-up, more that is new. */
export function addsScore(s: AddsSignals): number {
  return logistic(-8.4 + 0.8 * clip(s.clauseTerms, 6) - 1.7 * clip(s.runnerUp, 1) + 0.4 * clip(s.novelTerms, 10) + 0.25 * (s.figure ? 1 : 0));
}

/**
 * Isotonic calibration per kind: [lowest raw score of a band, precision of the band's
 * claims on the seeds and story2 gold files], ascending. Printed by `npm run eval -- --calibrate`.
 */
export const CALIBRATION: Record<ClaimKind, ReadonlyArray<readonly [number, number]>> = {
  agree: [[0, 0.673], [0.793, 0.856], [0.892, 0.871], [0.913, 0.96], [0.942, 0.974], [0.986, 1]],
  omits: [[0, 0.469], [0.529, 0.531], [0.614, 0.603], [0.674, 0.683], [0.7, 0.732], [0.72, 0.746], [0.757, 0.778], [0.775, 0.861], [0.837, 0.906], [0.871, 0.926]],
  adds: [[0, 0.024], [0.014, 0.256], [0.031, 0.385]],
};

/** The calibrated confidence of a raw score. */
export function calibrate(kind: ClaimKind, raw: number, table = CALIBRATION[kind]): number {
  let p = table.length ? table[0][1] : raw;
  // Indexed, not a destructuring for-of: until the JIT optimises it, each entry's destructuring makes an iterator, and a page's relations ask this hundreds of times.
  for (let k = 0; k < table.length; k++) if (raw >= table[k][0]) p = table[k][1];
  return p;
}

/**
 * The overlay shows a claim only from this confidence on: the precision the
 * issue asks of each kind of claim (#14: agree and omits 0.90, adds 0.60).
 * Below it the sentence is shown as not compared with that outlet, never as
 * an omission; an unsure added detail stays a missing point of the page.
 */
export const OVERLAY_THRESHOLDS: Record<ClaimKind, number> = { agree: 0.9, omits: 0.9, adds: 0.6 };

/**
 * Pool adjacent violators: for (score, right) pairs, the bands of scores with
 * non-decreasing precision, as a calibration table; bands of fewer than
 * `minBand` claims are joined to a neighbour. Exported for the eval.
 */
export function isotonic(samples: ReadonlyArray<{ score: number; right: boolean }>, minBand = 20, digits = 3): Array<[number, number]> {
  const sorted = [...samples].sort((a, b) => a.score - b.score);
  // Equal scores form one block: a score cannot be both above and below a band's edge.
  const blocks: Array<{ from: number; n: number; right: number }> = [];
  for (const s of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.from === s.score) {
      last.n++;
      last.right += s.right ? 1 : 0;
    } else blocks.push({ from: s.score, n: 1, right: s.right ? 1 : 0 });
  }
  const stack: typeof blocks = [];
  for (const b of blocks) {
    stack.push({ ...b });
    while (stack.length > 1) {
      const top = stack[stack.length - 1];
      const below = stack[stack.length - 2];
      if (below.right / below.n < top.right / top.n) break;
      stack.pop();
      below.n += top.n;
      below.right += top.right;
    }
  }
  // A band of a handful of claims says little: it joins the neighbour whose precision is closest (joining neighbours keeps the order).
  for (;;) {
    let small = -1;
    for (let k = 0; k < stack.length; k++) if (stack[k].n < minBand && (small < 0 || stack[k].n < stack[small].n)) small = k;
    if (small < 0 || stack.length < 2) break;
    const p = (b: (typeof stack)[number]) => b.right / b.n;
    const left = small > 0 ? stack[small - 1] : null;
    const right = small < stack.length - 1 ? stack[small + 1] : null;
    const into = !right || (left && Math.abs(p(left) - p(stack[small])) <= Math.abs(p(right) - p(stack[small]))) ? small - 1 : small + 1;
    const [a, b] = into < small ? [into, small] : [small, into];
    stack[a] = { from: stack[a].from, n: stack[a].n + stack[b].n, right: stack[a].right + stack[b].right };
    stack.splice(b, 1);
  }
  const scale = 10 ** digits;
  // A band's lower edge is rounded down, so that every score of the band stays in it.
  return stack.map((b, k) => [k === 0 ? 0 : Math.floor(b.from * scale) / scale, Math.round((b.right / b.n) * scale) / scale]);
}
