import type { TextRange } from '../../lib/article/article';
import type { Annotation, Span } from '../../lib/match/types';
import type { Gold, GoldDoc } from './gold';

/**
 * Scoring of one system's annotations against gold, following the leave-one-out
 * protocol of ../shared/eval/README.md. Definitions the README leaves open:
 *
 * - A sentence's relation to B is what the overlay shows: `relations[B].relation`
 *   unless the relation is marked `unclear` (its confidence is below the
 *   overlay's threshold: the sentence is shown as not compared with B), or it
 *   is `omits` and B is a `shortReport` (shown as "short report", not as an
 *   omission). Those, and a scored sentence without an entry for B, predict
 *   neither agree nor omits: they cost recall of both and precision of neither.
 * - Curves: every relation (unclear ones included, short reports' omissions
 *   excluded) and every adds citation is also kept with its `confidence`
 *   (1 when it has none, as the baseline's), so that precision and recall can
 *   be read at any threshold: a relation below it counts as not compared, an
 *   adds citation below it as not cited.
 * - adds and conflicts are scored on spans: precision = cited spans that hit a
 *   gold span (overlap ≥ half of either), recall = gold spans hit by a cited
 *   span (tp/fp count cited spans, fn counts gold spans not hit). Gold spans are deduplicated per (sentence, B).
 * - A note is "anchored in" a non-reporting span of A when a sentence carrying
 *   relations overlaps that span by at least one non-space character. Every
 *   cited span (evidence, adds, conflicts, missing sources) that overlaps a
 *   non-reporting span of its document is one violation; every cited span of a
 *   distractor, and every relation entry naming a distractor, is one violation.
 * - Fact coverage: of the characters of A's fact mentions (union of spans),
 *   the share that lies inside a scored sentence carrying relations; pooled
 *   over all pages.
 * - Evidence precision (extra): of the evidence spans given with a correct
 *   agree, the share that hit a B mention of one of the sentence's facts.
 */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Precision and recall of claims from a confidence threshold on. */
export interface CurvePoint {
  threshold: number;
  agree: PRF;
  omits: PRF;
  adds: PRF;
}

/** A claim with its confidence and whether the gold finds it right. */
interface Sample {
  confidence: number;
  right: boolean;
}

export interface Scores {
  agree: PRF;
  omits: PRF;
  adds: PRF;
  missing: PRF;
  conflicts: PRF;
  violations: number;
  violationDetails: string[];
  factCoverage: number;
  evidencePrecision: number;
  scoredSentences: number;
  /** Pages judged `same` with the expected number of gold outlets. */
  storySame: number;
  /** Page–outlet pairs of the same story, and those where the outlet is a short report. */
  outletPairs: number;
  shortPairs: number;
  /** The omissions short reports make (not shown as such): how many, and how many the gold finds right. */
  shortOmissions: { claims: number; right: number };
  pages: number;
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function prf(c: Counts): PRF {
  const precision = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? (c.fp === 0 ? 1 : 0) : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp: c.tp, fp: c.fp, fn: c.fn };
}

/** Missing is scored in two units (listed sentences, facts); keep both sides. */
interface MissingCounts {
  listedHit: number;
  listed: number;
  factsCovered: number;
  facts: number;
}

function overlap(a: TextRange, b: TextRange): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Overlap by at least half of either range. */
export function halfOverlap(a: TextRange, b: TextRange): boolean {
  const o = overlap(a, b);
  return o > 0 && (o >= (a.end - a.start) / 2 || o >= (b.end - b.start) / 2);
}

function touches(text: string, a: TextRange, b: TextRange): boolean {
  const s = Math.max(a.start, b.start);
  const e = Math.min(a.end, b.end);
  return e > s && /\S/.test(text.slice(s, e));
}

const toRange = (s: Span): TextRange => ({ start: s[0], end: s[1] });

export class Scorer {
  private agree = zero();
  private omits = zero();
  private adds: SpanCounts = { citedHit: 0, cited: 0, goldHit: 0, gold: 0 };
  private conflicts: SpanCounts = { citedHit: 0, cited: 0, goldHit: 0, gold: 0 };
  private missing: MissingCounts = { listedHit: 0, listed: 0, factsCovered: 0, facts: 0 };
  private violations: string[] = [];
  private coverChars = 0;
  private factChars = 0;
  private evidenceHit = 0;
  private evidenceAll = 0;
  private scored = 0;
  private storySame = 0;
  private pages = 0;
  /** For curves: agree and omits relations and adds citations with their confidence; gold totals. */
  readonly samples = { agree: [] as Sample[], omits: [] as Sample[], adds: [] as Sample[] };
  /** Per gold adds span, the highest confidence of a citation that hits it (-1: none). */
  private addsGoldBest: number[] = [];
  private goldAgree = 0;
  private goldOmits = 0;
  private outletPairs = 0;
  private shortPairs = 0;
  private shortOmissions = { claims: 0, right: 0 };

  constructor(
    private readonly gold: Gold,
    private readonly distractorDocs: Set<string>,
  ) {}

  /** Scores the annotation of gold doc `a` read as the page. */
  add(a: GoldDoc, ann: Annotation): void {
    this.pages++;
    const others = this.gold.docs.filter((d) => d !== a);
    const byFile = new Map(this.gold.docs.map((d) => [d.file, d]));
    const sameOutlets = ann.outlets.filter((o) => o.sameStory && byFile.has(o.doc)).length;
    if (ann.story.match === 'same' && sameOutlets === others.length) this.storySame++;

    const cite = (doc: string, span: TextRange, what: string) => {
      if (this.distractorDocs.has(doc)) {
        this.violations.push(`${a.file}: ${what} cites distractor ${doc}`);
        return;
      }
      const d = byFile.get(doc);
      if (d && d.nonReporting.some((r) => touches(d.text, r, span)))
        this.violations.push(`${a.file}: ${what} cites non-reporting text of ${doc} [${span.start}, ${span.end})`);
    };

    const short = new Set(ann.outlets.filter((o) => o.shortReport).map((o) => o.doc));
    this.outletPairs += ann.outlets.filter((o) => o.sameStory).length;
    this.shortPairs += short.size;
    const scoredRanges: TextRange[] = [];
    for (const s of ann.sentences) {
      const sr: TextRange = { start: s.start, end: s.end };
      const hasRelations = Object.keys(s.relations).length > 0;
      if (hasRelations && a.nonReporting.some((r) => touches(a.text, r, sr)))
        this.violations.push(`${a.file}: note anchored in non-reporting text [${s.start}, ${s.end})`);
      for (const [doc, rel] of Object.entries(s.relations)) {
        if (this.distractorDocs.has(doc)) this.violations.push(`${a.file}: relation names distractor ${doc}`);
        for (const sp of rel.evidence ?? []) cite(doc, toRange(sp), 'evidence');
        for (const sp of rel.adds ?? []) cite(doc, toRange(sp), 'adds');
        for (const sp of rel.conflicts ?? []) cite(doc, toRange(sp), 'conflict');
      }

      const facts = new Set<string>();
      for (const [fact, ranges] of a.mentions)
        if (ranges.some((m) => { const o = overlap(m, sr); return o > 0 && (o >= (m.end - m.start) / 2 || o >= (sr.end - sr.start) / 2); }))
          facts.add(fact);
      if (facts.size === 0) continue;
      this.scored++;
      if (hasRelations) scoredRanges.push(sr);

      for (const b of others) {
        const rel = s.relations[b.file];
        const goldAgree = [...facts].some((f) => b.mentions.has(f));
        if (goldAgree) this.goldAgree++;
        else this.goldOmits++;
        const shortOmission = rel?.relation === 'omits' && short.has(b.file);
        if (shortOmission) {
          this.shortOmissions.claims++;
          if (!goldAgree) this.shortOmissions.right++;
        }
        if (rel && !shortOmission)
          this.samples[rel.relation].push({ confidence: rel.confidence ?? 1, right: rel.relation === 'agree' ? goldAgree : !goldAgree });
        const sys = rel && !rel.unclear && !shortOmission ? rel.relation : undefined;
        if (sys === 'agree') goldAgree ? this.agree.tp++ : this.agree.fp++;
        else if (goldAgree) this.agree.fn++;
        if (sys === 'omits') !goldAgree ? this.omits.tp++ : this.omits.fp++;
        else if (!goldAgree) this.omits.fn++;

        if (sys === 'agree' && goldAgree) {
          const targets = [...facts].flatMap((f) => b.mentions.get(f) ?? []);
          for (const ev of rel!.evidence ?? []) {
            this.evidenceAll++;
            if (targets.some((t) => halfOverlap(t, toRange(ev)))) this.evidenceHit++;
          }
        }

        const addSpans: TextRange[] = [];
        for (const [g, parent] of this.gold.elaborates)
          if (parent && facts.has(parent) && !a.mentions.has(g)) for (const r of b.mentions.get(g) ?? []) addSpans.push(r);
        const goldAdds = dedupe(addSpans);
        const cited = (rel?.adds ?? []).map(toRange);
        scoreSpans(goldAdds, cited, this.adds);
        const confidence = (j: number) => rel?.addsConfidence?.[j] ?? 1;
        cited.forEach((c, j) => this.samples.adds.push({ confidence: confidence(j), right: goldAdds.some((g) => halfOverlap(g, c)) }));
        for (const g of goldAdds) {
          let best = -1;
          cited.forEach((c, j) => {
            if (halfOverlap(g, c)) best = Math.max(best, confidence(j));
          });
          this.addsGoldBest.push(best);
        }

        const conflictSpans: TextRange[] = [];
        for (const c of this.gold.conflicts)
          for (const f of c.facts)
            if (facts.has(f)) for (const g of c.facts) if (g !== f && !facts.has(g)) conflictSpans.push(...(b.mentions.get(g) ?? []));
        scoreSpans(dedupe(conflictSpans), (rel?.conflicts ?? []).map(toRange), this.conflicts);
      }
    }

    // Missing points: facts other docs mention that A does not.
    const missingFacts = new Set<string>();
    for (const b of others) for (const f of b.mentions.keys()) if (!a.mentions.has(f)) missingFacts.add(f);
    const covered = new Set<string>();
    for (const point of ann.missing)
      for (const src of point.sources) {
        const r = { start: src.start, end: src.end };
        cite(src.doc, r, 'missing');
        this.missing.listed++;
        const b = byFile.get(src.doc);
        if (!b || b === a) continue;
        let hit = false;
        for (const f of missingFacts)
          if ((b.mentions.get(f) ?? []).some((m) => halfOverlap(m, r))) {
            hit = true;
            covered.add(f);
          }
        if (hit) this.missing.listedHit++;
      }
    this.missing.facts += missingFacts.size;
    this.missing.factsCovered += covered.size;

    // Fact coverage, in characters of the union of A's mentions.
    const mask = new Uint8Array(a.text.length);
    for (const ranges of a.mentions.values()) for (const m of ranges) mask.fill(1, m.start, m.end);
    for (let i = 0; i < mask.length; i++) if (mask[i]) this.factChars++;
    for (const r of scoredRanges) for (let i = r.start; i < r.end; i++) if (mask[i] === 1) {
      mask[i] = 2;
      this.coverChars++;
    }
  }

  /** Precision and recall of agree, omits and adds claims from each confidence threshold on. */
  curve(thresholds: readonly number[]): CurvePoint[] {
    const at = (samples: Sample[], positives: number, t: number): PRF => {
      let tp = 0;
      let fp = 0;
      for (const s of samples) if (s.confidence >= t) s.right ? tp++ : fp++;
      return prf({ tp, fp, fn: positives - tp });
    };
    return thresholds.map((t) => {
      let citedHit = 0;
      let cited = 0;
      for (const s of this.samples.adds)
        if (s.confidence >= t) {
          cited++;
          if (s.right) citedHit++;
        }
      const goldHit = this.addsGoldBest.filter((c) => c >= 0 && c >= t).length;
      return {
        threshold: t,
        agree: at(this.samples.agree, this.goldAgree, t),
        omits: at(this.samples.omits, this.goldOmits, t),
        adds: spanPrf({ citedHit, cited, goldHit, gold: this.addsGoldBest.length }),
      };
    });
  }

  result(): Scores {
    const m = this.missing;
    const precision = m.listed ? m.listedHit / m.listed : m.facts ? 0 : 1;
    const recall = m.facts ? m.factsCovered / m.facts : 1;
    const missing: PRF = {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      tp: m.listedHit,
      fp: m.listed - m.listedHit,
      fn: m.facts - m.factsCovered,
    };
    return {
      agree: prf(this.agree),
      omits: prf(this.omits),
      adds: spanPrf(this.adds),
      missing,
      conflicts: spanPrf(this.conflicts),
      violations: this.violations.length,
      violationDetails: this.violations,
      factCoverage: this.factChars ? this.coverChars / this.factChars : 1,
      evidencePrecision: this.evidenceAll ? this.evidenceHit / this.evidenceAll : 1,
      scoredSentences: this.scored,
      storySame: this.storySame,
      outletPairs: this.outletPairs,
      shortPairs: this.shortPairs,
      shortOmissions: { ...this.shortOmissions },
      pages: this.pages,
    };
  }
}

function dedupe(spans: TextRange[]): TextRange[] {
  const seen = new Set<string>();
  return spans.filter((r) => {
    const k = `${r.start}:${r.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Span relations are scored on both sides: cited spans that hit, gold spans that are hit. */
interface SpanCounts {
  citedHit: number;
  cited: number;
  goldHit: number;
  gold: number;
}

function scoreSpans(gold: TextRange[], cited: TextRange[], c: SpanCounts): void {
  c.cited += cited.length;
  c.gold += gold.length;
  for (const s of cited) if (gold.some((g) => halfOverlap(g, s))) c.citedHit++;
  for (const g of gold) if (cited.some((s) => halfOverlap(g, s))) c.goldHit++;
}

function spanPrf(c: SpanCounts): PRF {
  const precision = c.cited ? c.citedHit / c.cited : c.gold ? 0 : 1;
  const recall = c.gold ? c.goldHit / c.gold : c.cited ? 0 : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp: c.citedHit, fp: c.cited - c.citedHit, fn: c.gold - c.goldHit };
}
