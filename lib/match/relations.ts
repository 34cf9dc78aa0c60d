import { bestMatch, bestTwo, novelty, outletTermMask, pageCoverer, type Alignment } from './align';
import { addsScore, agreeScore, calibrate, omitsScore, OVERLAY_THRESHOLDS, type AddsSignals, type AgreeSignals, type OmitsSignals } from './confidence';
import type { QuantityFeature } from './features';
import { sentenceTerms } from './features';
import { attributionsDiffer, tokenize } from './pipeline';
import { similarityFrom, TermSpace, type SentenceVector } from './term-space';

export interface RelationThresholds {
  /** Minimum similarity for an outlet sentence to count as stating the page sentence's point. */
  agree: number;
  /** Similarity between two outlets' sentences for agreement to carry over from one to the other (null: no carrying over). */
  chain: number | null;
  /** …and the carried-over sentence must share something with the page sentence itself (similarity above this). */
  chainPage: number;
  /** Evidence sentences must reach this share of the best match's similarity. */
  evidenceShare: number;
  /**
   * A page sentence agrees with an outlet sentence only if no other page
   * sentence matches that outlet sentence much better: a page states a point
   * once or twice, so a sentence far behind the best is a topical echo.
   */
  competition: number;
  /**
   * A page sentence whose weighted terms the outlet's text covers to this share
   * (across its sentences) agrees too: a broad point is often told piecemeal
   * (null: this rule off).
   */
  documentCoverage: number | null;
  /** …provided the sentence has at least this many terms. */
  documentCoverageTerms: number;
  /** A page sentence and an outlet sentence that are each other's closest agree from this similarity (null: this rule off). */
  mutual: number | null;
  /**
   * A page sentence and an outlet sentence giving the same result or minute of
   * play ("4:2", "(66.)") tell the same moment, in whatever words: they agree
   * from this similarity (null: this rule off).
   */
  moment: number | null;
  /** Minimum similarity for an outlet sentence giving other figures to be a conflict over the same point. */
  conflict: number;
  /**
   * An outlet sentence adds detail to a page sentence only when it says
   * something the page says nowhere (it is a missing point, or gives a figure
   * the page gives nowhere) and its attachment is sure: it is at least this
   * similar to that page sentence…
   */
  adds: number;
  /** …shares at least this many terms with it within one clause of each (the same actors and event, not just a name)… */
  addsClauseTerms: number;
  /** …and is clearly closer to it than to any other page sentence: the second closest reaches at most this share of its similarity. */
  addsRunnerUp: number;
  /** Minimum share of an adding sentence's weight that the page lacks entirely… */
  addsNovelty: number;
  /** …and of its terms: a detail takes a few words ("ebenfalls das Gespräch" is the page's point again). */
  addsNovelTerms: number;
  /** An outlet sentence whose best coverage by one page sentence stays below this is a missing point… */
  missingCoverage: number;
  /** …provided it is no closer than this to any page sentence. */
  missingSimilarity: number;
  /** Missing sentences of different outlets this similar are one point. */
  cluster: number;
  /**
   * Reports of one story open with its event: the page's headline and lead
   * agree with the other outlet's headline or lead from this similarity (null: this rule off)…
   */
  lead: number | null;
  /** …counting this many content sentences from the top of each text as its headline and lead. */
  leadSentences: number;
  /**
   * An outlet's report is too short to judge what it leaves out when it has
   * fewer content sentences than this share of the page's…
   */
  shortShare: number;
  /** …or at most this many and fewer than half the page's (a brief). */
  shortSentences: number;
  /** Same-outlet missing sentences this similar are one point told twice. */
  clauseTwice: number;
  /** Confidence from which the overlay shows an agreement, an omission, an added detail (see confidence.ts). */
  showAgree: number;
  showOmits: number;
  showAdds: number;
  /** Calibrated confidences (false: the raw scores, for calibrating them). */
  calibrated: boolean;
}

export const DEFAULT_RELATION_THRESHOLDS = {
  agree: 0.25,
  chain: 0.3,
  chainPage: 0.01,
  evidenceShare: 0.75,
  competition: 0.7,
  documentCoverage: 0.45,
  documentCoverageTerms: 4,
  mutual: 0.2,
  moment: 0,
  conflict: 0.15,
  adds: 0.15,
  addsClauseTerms: 2,
  addsRunnerUp: 0.7,
  addsNovelty: 0.3,
  addsNovelTerms: 3,
  missingCoverage: 0.45,
  missingSimilarity: 0.3,
  cluster: 0.3,
  lead: 0.01,
  leadSentences: 2,
  shortShare: 0.2,
  shortSentences: 3,
  clauseTwice: 0.5,
  showAgree: OVERLAY_THRESHOLDS.agree,
  showOmits: OVERLAY_THRESHOLDS.omits,
  showAdds: OVERLAY_THRESHOLDS.adds,
  calibrated: true,
} satisfies RelationThresholds;

/** Which rule found an agreement (see relate). */
export type AgreeBasis = 'similar' | 'coverage' | 'moment' | 'mutual' | 'lead' | 'chain';

export interface PageSentenceRelation {
  relation: 'agree' | 'omits';
  evidence: number[];
  adds: number[];
  conflicts: Array<{ index: number; detail: string }>;
  /** The rule that found the agreement, when the relation is agree. */
  basis?: AgreeBasis;
  /** The page sentence's highest similarity with any of the outlet's sentences. */
  best: number;
  /** The calibrated chance that `relation` is right (see confidence.ts). */
  confidence: number;
  /** Whether the confidence reaches the overlay's threshold: below, the sentence is not compared with this outlet. */
  shown: boolean;
  /** Parallel to `adds`: the confidence of each added detail's attachment (only those the overlay shows are listed). */
  addsConfidence: number[];
  /** The signals the confidence was scored from (for calibrating; not in the annotate JSON). */
  signals?: AgreeSignals | OmitsSignals;
  addsSignals?: AddsSignals[];
}

export interface Relations {
  /** perSentence[i][o]: relation of page sentence i to outlet o; null for non-content sentences. */
  perSentence: Array<Array<PageSentenceRelation> | null>;
  /** Missing points: each a list of [outlet, sentence index]. */
  missing: Array<Array<[number, number]>>;
  /** Per outlet: its report is too short to judge what it leaves out of the page. */
  short: boolean[];
}

/** What relate may know beyond the alignment. */
export interface RelateContext {
  /** Each outlet's text (what its sentence offsets index): a sentence without closing punctuation is a heading, never a missing point. */
  outletTexts?: ReadonlyArray<string | undefined>;
}

/** Terms two sentences share within one clause of each: the most over their clauses. */
export function sharedClauseTerms(a: SentenceVector, b: SentenceVector): number {
  TermSpace.buildClauses(a);
  TermSpace.buildClauses(b);
  const xs = a.clauses.length ? a.clauses : [a];
  const ys = b.clauses.length ? b.clauses : [b];
  let best = 0;
  for (let p = 0; p < xs.length; p++)
    for (let q = 0; q < ys.length; q++) {
      const x = xs[p];
      const y = ys[q];
      let n = 0;
      let i = 0;
      let j = 0;
      while (i < x.ids.length && j < y.ids.length) {
        if (x.ids[i] === y.ids[j]) {
          n++;
          i++;
          j++;
        } else if (x.ids[i] < y.ids[j]) i++;
        else j++;
      }
      if (n > best) best = n;
    }
  return best;
}

/**
 * The words of an outlet's sentence (text[start, end)) that the page has
 * nowhere, as ranges of `text`: adjacent ones joined, with the small words
 * between them. Stopwords alone are never marked.
 */
export function novelWords(al: Alignment, text: string, start: number, end: number, language: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open: [number, number] | null = null;
  for (const tok of tokenize(text.slice(start, end), language, start)) {
    const { terms } = sentenceTerms(tok.text, language);
    // A stopword neither opens nor closes a run of new words.
    if (terms.length === 0) continue;
    const known = terms.some((t) =>
      al.space.expand([t]).some((x) => {
        const id = al.space.idOf(x);
        return id !== undefined && al.pageTerms.has(id);
      }),
    );
    if (known) {
      open = null;
      continue;
    }
    if (open) open[1] = tok.end;
    else out.push((open = [tok.start, tok.end]));
  }
  return out;
}

const TERMINAL = /[.!?…:;"“”»«)\]]\s*$/;

/**
 * A heading or subheading: a paragraph of one sentence without closing
 * punctuation. It names a point; it does not state one. (The last sentence of
 * a text may lack its end because the text was cut off: not a heading.)
 */
export function isHeading(text: string, sentences: ReadonlyArray<{ start: number; end: number; paragraph: number }>, k: number): boolean {
  const s = sentences[k];
  if (TERMINAL.test(text.slice(s.start, s.end).trim())) return false;
  if (k === sentences.length - 1) return false;
  return sentences[k - 1]?.paragraph !== s.paragraph && sentences[k + 1].paragraph !== s.paragraph;
}

function describe(q: QuantityFeature): string {
  if (q.kind === 'duration') return `${q.value} min`;
  if (q.kind === 'date') return String(q.value);
  if (q.kind === 'minute') return `${q.value}.`;
  return `${q.value}`;
}

/** Figures that pin a sentence to one moment of a match: a result, a minute of play. */
const MOMENT_KINDS: readonly QuantityFeature['kind'][] = ['score', 'minute'];

function sameMoment(a: readonly QuantityFeature[], b: readonly QuantityFeature[]): boolean {
  return a.some((x) => MOMENT_KINDS.includes(x.kind) && b.some((y) => y.kind === x.kind && y.value === x.value));
}

const CONFLICT_KINDS: readonly QuantityFeature['kind'][] = ['duration', 'date', 'percent', 'money', 'minute'];
/** A minute of play dates one moment of many alike: compared only between sentences that agree. */
const LOOSE_CONFLICT_KINDS = CONFLICT_KINDS.filter((k) => k !== 'minute');

/** Quantities of the same kind that differ: the same point told with different numbers. */
export function quantityConflict(a: QuantityFeature[], b: QuantityFeature[], kinds: readonly QuantityFeature['kind'][] = CONFLICT_KINDS): string | null {
  for (const kind of kinds) {
    const qa = a.filter((q) => q.kind === kind);
    const qb = b.filter((q) => q.kind === kind);
    if (qa.length === 0 || qb.length === 0) continue;
    // Sentences naming several minutes tell several moments: only one against one is comparable.
    if (kind === 'minute' && (qa.length > 1 || qb.length > 1)) continue;
    const agreeing = qa.some((x) => qb.some((y) => close(x, y)));
    if (!agreeing) return `${kind}: ${qa.map(describe).join(', ')} vs ${qb.map(describe).join(', ')}`;
  }
  return null;
}

function close(x: QuantityFeature, y: QuantityFeature): boolean {
  if (x.kind === 'date') {
    if (x.value % 10000 !== y.value % 10000) return false;
    return x.value < 10000 || y.value < 10000 || x.value === y.value;
  }
  if (x.value === y.value) return true;
  // A minute of play is exact: the 82nd and the 83rd are different accounts.
  if (x.kind === 'minute') return false;
  // "about 90 minutes" and "an hour and a half" are the same; an approximate figure tolerates 20 %.
  const tolerance = x.approx || y.approx ? 0.2 : 0.05;
  return Math.abs(x.value - y.value) <= tolerance * Math.max(x.value, y.value);
}

/**
 * Per outlet sentence, the page sentence closest to it (`owner`, -1: none), how close (`ownerSim`) and the
 * runner-up's similarity; and each content page sentence's best similarity, written to `best`. One function for
 * every relate call and outlet, not a closure made per call: the JIT optimises it once for all.
 */
function ownersOf(sims: Float64Array[], pageSentences: ReadonlyArray<{ content: boolean }>, outletSentences: number, best: Float64Array): { owner: Int32Array; ownerSim: Float64Array; runnerUp: Float64Array } {
  const owner = new Int32Array(outletSentences).fill(-1);
  const ownerSim = new Float64Array(outletSentences);
  const runnerUp = new Float64Array(outletSentences);
  for (let i = 0; i < pageSentences.length; i++) {
    if (!pageSentences[i].content) continue;
    const row = sims[i];
    let rowBest = 0;
    for (let k = 0; k < row.length; k++) {
      const x = row[k];
      if (x > rowBest) rowBest = x;
      const top = ownerSim[k];
      if (x > top) {
        runnerUp[k] = top;
        ownerSim[k] = x;
        owner[k] = i;
      } else if (x > runnerUp[k]) runnerUp[k] = x;
    }
    best[i] = rowBest;
  }
  return { owner, ownerSim, runnerUp };
}

export function relate(al: Alignment, th: RelationThresholds = DEFAULT_RELATION_THRESHOLDS, context: RelateContext = {}): Relations {
  const { page, outlets } = al;
  // One pass over each outlet's similarities finds both each page sentence's best match (`best`) and, per outlet
  // sentence, the page sentence it is closest to, how close, and the runner-up's similarity.
  // (Arrays, not maps: a map holding doubles allocates one per entry. Each similarity read once: until the JIT
  // optimises this, every read of a Float64Array allocates a number, and a page is related once.)
  const bestOf = outlets.map(() => new Float64Array(page.sentences.length));
  const owners = outlets.map((outlet, o) => ownersOf(al.sims[o], page.sentences, outlet.sentences.length, bestOf[o]));
  const perSentence: Relations['perSentence'] = page.sentences.map((s, i) =>
    s.content
      ? outlets.map(
          (_, o): PageSentenceRelation => ({ relation: 'omits', evidence: [], adds: [], conflicts: [], best: bestOf[o][i], confidence: 0, shown: false, addsConfidence: [] }),
        )
      : null,
  );
  const pageContent = page.sentences.filter((s) => s.content).length;

  // Missing points: outlet sentences the page does not state, grouped across outlets.
  // A heading names a point without stating it: never one.
  const isMissing = outlets.map((x) => new Uint8Array(x.sentences.length));
  const candidates: Array<[number, number]> = [];
  const pageCoverage = pageCoverer(al);
  outlets.forEach((outlet, o) => {
    const text = context.outletTexts?.[o];
    const { ownerSim } = owners[o];
    outlet.sentences.forEach((s, k) => {
      if (!s.content || !al.outletVectors[o][k]) return;
      // The sentence's highest similarity with any page sentence: rows of sentences without content are all 0.
      if (ownerSim[k] >= th.missingSimilarity) return;
      if (pageCoverage(o, k) >= th.missingCoverage) return;
      if (text !== undefined && isHeading(text, outlet.sentences, k)) return;
      isMissing[o][k] = 1;
      candidates.push([o, k]);
    });
  });
  // Share of each page sentence's term weight that each outlet's text holds anywhere: asked by two rules below, worked out once.
  const coverageOf = outlets.map((_, o) => {
    const terms = outletTermMask(al, o);
    return al.pageVectors.map((v) => {
      if (!v || v.total === 0) return 0;
      let got = 0;
      for (let j = 0; j < v.ids.length; j++) if (v.ids[j] < terms.length && terms[v.ids[j]] === 1) got += v.ws[j];
      return got / v.total;
    });
  });
  const outletContent = outlets.map((x) => x.sentences.filter((s) => s.content).length);
  const short = outletContent.map((n) => n < th.shortShare * pageContent || (n <= th.shortSentences && n < pageContent / 2));

  // Indices of each text's first content sentences: its headline and lead.
  const leadOf = (sentences: typeof page.sentences): Set<number> => {
    const lead = new Set<number>();
    for (let k = 0; k < sentences.length && lead.size < th.leadSentences; k++) if (sentences[k].content) lead.add(k);
    return lead;
  };
  const pageLead = leadOf(page.sentences);
  const outletLead = outlets.map((x) => leadOf(x.sentences));
  const pageQuantities = page.sentences.flatMap((s) => (s.content ? s.quantities : []));
  // Added details found, with their raw signals: scored once every relation is known.
  const added: Array<{ i: number; o: number; k: number; signals: AddsSignals }> = [];

  outlets.forEach((outlet, o) => {
    const { owner, ownerSim, runnerUp } = owners[o];
    page.sentences.forEach((s, i) => {
      const rel = perSentence[i]?.[o];
      if (!rel) return;
      // The closest outlet sentences that no other page sentence matches much better: only the first two can be evidence.
      const closest = bestTwo(al, o, i, th.agree, ownerSim, th.competition);
      let first = closest[0];
      const second = closest[1];
      let basis: AgreeBasis = 'similar';
      // Short sentences are covered by any long text by chance; only fuller ones count this way.
      if (first < 0 && th.documentCoverage !== null && al.pageVectors[i] && s.terms.length >= th.documentCoverageTerms) {
        const v = al.pageVectors[i]!;
        if (v.total > 0 && coverageOf[o][i] >= th.documentCoverage) {
          const best = bestMatch(al, o, i, 0.05);
          if (best) {
            first = best.index;
            basis = 'coverage';
          }
        }
      }
      if (first < 0 && th.moment !== null && s.quantities.some((q) => MOMENT_KINDS.includes(q.kind))) {
        const best = bestMatch(al, o, i, th.moment, (k) => al.outletVectors[o][k] !== null && sameMoment(s.quantities, outlet.sentences[k].quantities));
        if (best) {
          first = best.index;
          basis = 'moment';
        }
      }
      if (first < 0 && th.mutual !== null) {
        const best = bestMatch(al, o, i, th.mutual);
        if (best && owner[best.index] === i) {
          first = best.index;
          basis = 'mutual';
        }
      }
      // Headlines and leads word the event each their own way ("telefoniert" / "am Telefon"), so sharing anything will do.
      if (first < 0 && th.lead !== null && pageLead.has(i)) {
        const best = bestMatch(al, o, i, th.lead, (k) => outletLead[o].has(k));
        if (best) {
          first = best.index;
          basis = 'lead';
        }
      }
      if (first >= 0) {
        rel.relation = 'agree';
        rel.basis = basis;
        // The second closest is evidence too when near the first (a rule's single match has none: it was found without one).
        const row = al.sims[o][i];
        rel.evidence = second >= 0 && row[second] >= row[first] * th.evidenceShare ? [first, second] : [first];
      }
      // The same point attributed to different sources ("laut Kreml" / "sagte das Weiße Haus").
      for (let e = 0; e < rel.evidence.length; e++) {
        const k = rel.evidence[e];
        const t = outlet.sentences[k];
        if (attributionsDiffer({ sources: s.sources ?? [], terms: s.terms }, { sources: t.sources ?? [], terms: t.terms }))
          rel.conflicts.push({ index: k, detail: `attribution: ${(s.sources ?? []).join(' ')} vs ${(t.sources ?? []).join(' ')}` });
      }
      // A figure told differently makes sentences look less alike, so conflicts are sought a little below agreement.
      if (s.quantities.length) {
        // The evidence and the two closest, each once, in sentence order (loops, not spreads: an iterator each until the JIT optimises them).
        const close = rel.evidence.slice();
        const nearest = bestTwo(al, o, i, th.conflict);
        for (let n = 0; n < 2; n++) if (nearest[n] >= 0 && !close.includes(nearest[n])) close.push(nearest[n]);
        close.sort((a, b) => a - b);
        for (let q = 0; q < close.length; q++) {
          const k = close[q];
          const detail = quantityConflict(s.quantities, outlet.sentences[k].quantities, rel.evidence.includes(k) ? CONFLICT_KINDS : LOOSE_CONFLICT_KINDS);
          if (!detail) continue;
          // One conflict per pair of sentences, naming everything that differs.
          const known = rel.conflicts.find((c) => c.index === k);
          if (known) known.detail = `${known.detail}; ${detail}`;
          else rel.conflicts.push({ index: k, detail });
        }
      }
    });

    // Added detail: an outlet sentence that says something the page says nowhere, attached to the
    // one page sentence whose point it surely restates. Anything less sure stays a missing point.
    outlet.sentences.forEach((t, k) => {
      const i = owner[k];
      const v = al.outletVectors[o][k];
      if (i < 0 || !v || !al.pageVectors[i]) return;
      const s = page.sentences[i];
      const sim = ownerSim[k];
      if (sim < th.adds || runnerUp[k] > th.addsRunnerUp * sim) return;
      // A figure the page gives nowhere (not another version of one this sentence gives: that is a conflict).
      const figure = t.quantities.some(
        (q) => !s.quantities.some((p) => p.kind === q.kind) && !pageQuantities.some((p) => p.kind === q.kind && close(p, q)),
      );
      if (!figure && !isMissing[o][k]) return;
      const novel = novelty(al, o, k);
      if (!figure && (novel.share < th.addsNovelty || novel.terms < th.addsNovelTerms)) return;
      const shared = sharedClauseTerms(al.pageVectors[i]!, v);
      if (shared < th.addsClauseTerms) return;
      if (perSentence[i]![o].conflicts.some((c) => c.index === k)) return;
      added.push({ i, o, k, signals: { similarity: sim, clauseTerms: shared, runnerUp: sim > 0 ? runnerUp[k] / sim : 1, novelTerms: novel.terms, figure } });
    });
  });

  // Outlets paraphrase differently: when the page's sentence plainly matches
  // one outlet's sentence and that sentence plainly matches another outlet's,
  // the other outlet makes the point too, even in words the page does not use.
  const chainFrom = th.chain;
  if (chainFrom !== null) {
    const direct = perSentence.map((per, i) =>
      per ? per.map((r, o) => (r.relation === 'agree' ? r.evidence.filter((k) => al.sims[o][i][k] >= th.agree) : [])) : null,
    );
    // The same outlet sentences are compared for many page sentences: each pair once.
    // Only similarities above chainFrom count, so the rest need not be exact.
    const chained = new Map<number, Float64Array>();
    // The similarities of outlet p's sentence b with outlet o's sentences, each worked out when first asked (-1: not yet).
    const chainRow = (p: number, b: number, o: number): Float64Array => {
      const key = (p * outlets.length + o) * 1_000_000 + b;
      let row = chained.get(key);
      if (!row) chained.set(key, (row = new Float64Array(al.outletVectors[o].length).fill(-1)));
      return row;
    };
    // The outlet sentences that share something with the page sentence, in order: found once per page sentence
    // and outlet, not again for each other outlet's evidence.
    const near = new Int32Array(Math.max(0, ...al.outletVectors.map((v) => v.length)));
    // (Plain loops: this visits every outlet sentence for every page sentence, outlet and other outlet's evidence.)
    perSentence.forEach((per, i) => {
      if (!per) return;
      const evidenceOf = direct[i]!;
      per.forEach((rel, o) => {
        if (rel.relation === 'agree') return;
        let best = -1;
        let bestSim = chainFrom;
        const vectors = al.outletVectors[o];
        const toPage = al.sims[o][i];
        let nNear = -1;
        for (let p = 0; p < evidenceOf.length; p++) {
          if (p === o) continue;
          const from = evidenceOf[p];
          if (from.length > 0 && nNear < 0) {
            nNear = 0;
            for (let c = 0; c < vectors.length; c++) if (vectors[c] && !(toPage[c] < th.chainPage)) near[nNear++] = c;
          }
          for (let e = 0; e < from.length; e++) {
            const b = from[e];
            const row = chainRow(p, b, o);
            for (let n = 0; n < nNear; n++) {
              const c = near[n];
              let sim = row[c];
              if (sim < 0) row[c] = sim = similarityFrom(al.outletVectors[p][b]!, vectors[c]!, chainFrom);
              if (sim > bestSim) {
                bestSim = sim;
                best = c;
              }
            }
          }
        }
        if (best >= 0) {
          rel.relation = 'agree';
          rel.basis = 'chain';
          rel.evidence = [best];
        }
      });
    });
  }

  // Confidence of each relation, from the signals that decided it; shown only from the overlay's threshold.
  const conf = (kind: 'agree' | 'omits' | 'adds', raw: number) => (th.calibrated ? calibrate(kind, raw) : raw);
  perSentence.forEach((per, i) => {
    if (!per) return;
    const v = al.pageVectors[i];
    const agreeing = per.filter((r) => r.relation === 'agree').length;
    per.forEach((rel, o) => {
      const others = outlets.length > 1 ? (agreeing - (rel.relation === 'agree' ? 1 : 0)) / (outlets.length - 1) : 0;
      const coverage = coverageOf[o][i];
      if (rel.relation === 'agree') {
        const k = rel.evidence[0];
        const ev = al.outletVectors[o][k];
        const signals: AgreeSignals = {
          similarity: al.sims[o][i][k],
          clauseTerms: v && ev ? sharedClauseTerms(v, ev) : 0,
          mutual: owners[o].owner[k] === i,
          othersAgree: others,
          coverage,
          basis: rel.basis ?? 'similar',
        };
        rel.signals = signals;
        rel.confidence = conf('agree', agreeScore(signals));
        rel.shown = rel.confidence >= th.showAgree;
      } else {
        const signals: OmitsSignals = {
          best: rel.best,
          coverage,
          othersAgree: others,
          terms: page.sentences[i].terms.length,
          lengthRatio: outletContent[o] / Math.max(1, pageContent),
        };
        rel.signals = signals;
        rel.confidence = conf('omits', omitsScore(signals));
        rel.shown = rel.confidence >= th.showOmits;
      }
    });
  });
  const shownAdds = outlets.map((x) => new Uint8Array(x.sentences.length));
  for (let a = 0; a < added.length; a++) {
    const { i, o, k, signals } = added[a];
    const confidence = conf('adds', addsScore(signals));
    if (confidence < th.showAdds) continue;
    const rel = perSentence[i]![o];
    rel.adds.push(k);
    rel.addsConfidence.push(confidence);
    (rel.addsSignals ??= []).push(signals);
    shownAdds[o][k] = 1;
  }
  // (Indexed loops: a for-of makes an iterator result per step until the JIT optimises it, and a page is related once.)
  for (let i = 0; i < perSentence.length; i++) {
    const per = perSentence[i];
    if (per === null) continue;
    for (let o = 0; o < per.length; o++) {
      const rel = per[o];
      if (rel.adds.length < 2) continue;
      const order = rel.adds.map((_, n) => n).sort((a, b) => rel.adds[a] - rel.adds[b]);
      const signals = rel.addsSignals;
      rel.adds = order.map((n) => rel.adds[n]);
      rel.addsConfidence = order.map((n) => rel.addsConfidence[n]);
      if (signals) rel.addsSignals = order.map((n) => signals[n]);
    }
  }

  // Says one thing once: a sentence the overlay quotes as agreeing or shows as a detail beside a paragraph is not also missing.
  const quoted = outlets.map((x) => new Uint8Array(x.sentences.length));
  for (let i = 0; i < perSentence.length; i++) {
    const per = perSentence[i];
    if (per === null) continue;
    for (let o = 0; o < per.length; o++) {
      const rel = per[o];
      if (rel.relation === 'agree' && rel.shown) for (let e = 0; e < rel.evidence.length; e++) quoted[o][rel.evidence[e]] = 1;
    }
  }
  const missing: Relations['missing'] = [];
  // (Pairs read by index, not destructured: until the JIT optimises this, destructuring goes through an iterator.)
  for (let c = 0; c < candidates.length; c++) {
    const o = candidates[c][0];
    const k = candidates[c][1];
    if (quoted[o][k] || shownAdds[o][k]) continue;
    const v = al.outletVectors[o][k]!;
    let home: Array<[number, number]> | null = null;
    let homeSim = th.cluster;
    for (let g = 0; g < missing.length; g++) {
      const group = missing[g];
      // Another outlet's sentence joins from th.cluster; the same outlet's only when it tells the point again.
      let sameOutlet = false;
      for (let m = 0; m < group.length; m++) if (group[m][0] === o) sameOutlet = true;
      const bar = sameOutlet ? Math.max(th.clauseTwice, homeSim) : homeSim;
      // Only a group at least as close as the best so far matters, so the rest need not be exact.
      let sim = -1;
      for (let m = 0; m < group.length; m++) sim = Math.max(sim, similarityFrom(v, al.outletVectors[group[m][0]][group[m][1]]!, bar));
      if (sim >= bar) {
        home = group;
        homeSim = sim;
      }
    }
    if (home) home.push([o, k]);
    else missing.push([[o, k]]);
  }
  return { perSentence, missing, short };
}
