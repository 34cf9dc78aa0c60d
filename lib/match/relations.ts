import { bestMatches, novelty, outletTermIds, pageCoverage, type Alignment } from './align';
import type { QuantityFeature } from './features';
import { attributionsDiffer } from './pipeline';
import { similarityFrom } from './term-space';

export interface RelationThresholds {
  /** Minimum similarity for an outlet sentence to count as stating the page sentence's point. */
  agree: number;
  /** Similarity between two outlets' sentences for agreement to carry over from one to the other (above 1: off). */
  chain: number;
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
   * (across its sentences) agrees too: a broad point is often told piecemeal.
   */
  documentCoverage: number;
  /** …provided the sentence has at least this many terms. */
  documentCoverageTerms: number;
  /** A page sentence and an outlet sentence that are each other's closest agree from this similarity (above 1: off). */
  mutual: number;
  /**
   * A page sentence and an outlet sentence giving the same result or minute of
   * play ("4:2", "(66.)") tell the same moment, in whatever words: they agree
   * from this similarity (above 1: off).
   */
  moment: number;
  /** Minimum similarity for an outlet sentence giving other figures to be a conflict over the same point. */
  conflict: number;
  /** Minimum similarity for an outlet sentence to elaborate the page sentence's point. */
  adds: number;
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
   * agree with the other outlet's headline or lead from this similarity (above 1: off)…
   */
  lead: number;
  /** …counting this many content sentences from the top of each text as its headline and lead. */
  leadSentences: number;
}

export const DEFAULT_RELATION_THRESHOLDS: RelationThresholds = {
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
  adds: 0.1,
  addsNovelty: 0.3,
  addsNovelTerms: 3,
  missingCoverage: 0.45,
  missingSimilarity: 0.3,
  cluster: 0.3,
  lead: 0.01,
  leadSentences: 2,
};

export interface PageSentenceRelation {
  relation: 'agree' | 'omits';
  evidence: number[];
  adds: number[];
  conflicts: Array<{ index: number; detail: string }>;
}

export interface Relations {
  /** perSentence[i][o]: relation of page sentence i to outlet o; null for non-content sentences. */
  perSentence: Array<Array<PageSentenceRelation> | null>;
  /** Missing points: each a list of [outlet, sentence index]. */
  missing: Array<Array<[number, number]>>;
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

export function relate(al: Alignment, th: RelationThresholds = DEFAULT_RELATION_THRESHOLDS): Relations {
  const { page, outlets } = al;
  const perSentence: Relations['perSentence'] = page.sentences.map((s) =>
    s.content ? outlets.map(() => ({ relation: 'omits' as const, evidence: [], adds: [], conflicts: [] })) : null,
  );

  // Missing points: outlet sentences the page does not state, grouped across outlets.
  const candidates: Array<[number, number]> = [];
  outlets.forEach((outlet, o) => {
    outlet.sentences.forEach((s, k) => {
      if (!s.content || !al.outletVectors[o][k]) return;
      let maxSim = 0;
      for (let i = 0; i < page.sentences.length; i++) maxSim = Math.max(maxSim, al.sims[o][i][k]);
      if (maxSim >= th.missingSimilarity) return;
      if (pageCoverage(al, o, k) >= th.missingCoverage) return;
      candidates.push([o, k]);
    });
  });
  const outletTerms = outlets.map((_, o) => outletTermIds(al, o));

  // Indices of each text's first content sentences: its headline and lead.
  const leadOf = (sentences: typeof page.sentences): Set<number> => {
    const lead = new Set<number>();
    for (let k = 0; k < sentences.length && lead.size < th.leadSentences; k++) if (sentences[k].content) lead.add(k);
    return lead;
  };
  const pageLead = leadOf(page.sentences);
  const outletLead = outlets.map((x) => leadOf(x.sentences));
  const pageQuantities = page.sentences.flatMap((s) => (s.content ? s.quantities : []));
  outlets.forEach((outlet, o) => {
    // Each outlet sentence elaborates at most one page sentence: the one it is closest to.
    // Per outlet sentence (arrays, not maps: a map holding doubles allocates one per entry).
    const owner = new Int32Array(outlet.sentences.length).fill(-1);
    const ownerSim = new Float64Array(outlet.sentences.length);
    page.sentences.forEach((_, i) => {
      if (!perSentence[i]) return;
      const row = al.sims[o][i];
      for (let k = 0; k < row.length; k++)
        if (row[k] > ownerSim[k]) {
          ownerSim[k] = row[k];
          owner[k] = i;
        }
    });

    page.sentences.forEach((s, i) => {
      const rel = perSentence[i]?.[o];
      if (!rel) return;
      const matches = bestMatches(al, o, i, th.agree).filter((m) => m.similarity >= th.competition * ownerSim[m.index]);
      // Short sentences are covered by any long text by chance; only fuller ones count this way.
      if (matches.length === 0 && th.documentCoverage <= 1 && al.pageVectors[i] && s.terms.length >= th.documentCoverageTerms) {
        const v = al.pageVectors[i]!;
        const terms = outletTerms[o];
        let got = 0;
        for (let j = 0; j < v.ids.length; j++) if (terms.has(v.ids[j])) got += v.ws[j];
        if (v.total > 0 && got / v.total >= th.documentCoverage) {
          const best = bestMatches(al, o, i, 0.05);
          if (best.length) matches.push(...best.slice(0, 1));
        }
      }
      if (matches.length === 0 && th.moment <= 1 && s.quantities.some((q) => MOMENT_KINDS.includes(q.kind))) {
        const best = bestMatches(al, o, i, th.moment).find(
          (m) => al.outletVectors[o][m.index] !== null && sameMoment(s.quantities, outlet.sentences[m.index].quantities),
        );
        if (best) matches.push(best);
      }
      if (matches.length === 0 && th.mutual <= 1) {
        const best = bestMatches(al, o, i, th.mutual);
        if (best.length && owner[best[0].index] === i) matches.push(best[0]);
      }
      // Headlines and leads word the event each their own way ("telefoniert" / "am Telefon"), so sharing anything will do.
      if (matches.length === 0 && th.lead <= 1 && pageLead.has(i)) {
        const best = bestMatches(al, o, i, th.lead).find((m) => outletLead[o].has(m.index));
        if (best) matches.push(best);
      }
      if (matches.length > 0) {
        rel.relation = 'agree';
        const top = matches[0].similarity;
        rel.evidence = matches.filter((m) => m.similarity >= top * th.evidenceShare).slice(0, 2).map((m) => m.index);
      }
      // The same point attributed to different sources ("laut Kreml" / "sagte das Weiße Haus").
      for (const k of rel.evidence) {
        const t = outlet.sentences[k];
        if (attributionsDiffer({ sources: s.sources ?? [], terms: s.terms }, { sources: t.sources ?? [], terms: t.terms }))
          rel.conflicts.push({ index: k, detail: `attribution: ${(s.sources ?? []).join(' ')} vs ${(t.sources ?? []).join(' ')}` });
      }
      // A figure told differently makes sentences look less alike, so conflicts are sought a little below agreement.
      if (s.quantities.length) {
        const close = new Set([...rel.evidence, ...bestMatches(al, o, i, th.conflict).slice(0, 2).map((m) => m.index)]);
        for (const k of [...close].sort((a, b) => a - b)) {
          const detail = quantityConflict(s.quantities, outlet.sentences[k].quantities, rel.evidence.includes(k) ? CONFLICT_KINDS : LOOSE_CONFLICT_KINDS);
          if (!detail) continue;
          // One conflict per pair of sentences, naming everything that differs.
          const known = rel.conflicts.find((c) => c.index === k);
          if (known) known.detail = `${known.detail}; ${detail}`;
          else rel.conflicts.push({ index: k, detail });
        }
      }
      for (const m of bestMatches(al, o, i, th.adds)) {
        // A figure the page gives nowhere is a detail added to whichever of the page's points it is told with.
        // (A figure of a kind this sentence gives itself is another version of it: a conflict, not a detail.)
        const newFigure = outlet.sentences[m.index].quantities.some(
          (q) => !s.quantities.some((p) => p.kind === q.kind) && !pageQuantities.some((p) => p.kind === q.kind && close(p, q)),
        );
        if (newFigure) rel.adds.push(m.index);
        else if (owner[m.index] === i) {
          const novel = novelty(al, o, m.index);
          if (novel.share >= th.addsNovelty && novel.terms >= th.addsNovelTerms) rel.adds.push(m.index);
        }
      }
      rel.adds.sort((a, b) => a - b);
    });
  });

  // Outlets paraphrase differently: when the page's sentence plainly matches
  // one outlet's sentence and that sentence plainly matches another outlet's,
  // the other outlet makes the point too, even in words the page does not use.
  if (th.chain <= 1) {
    const direct = perSentence.map((per, i) =>
      per ? per.map((r, o) => (r.relation === 'agree' ? r.evidence.filter((k) => al.sims[o][i][k] >= th.agree) : [])) : null,
    );
    // The same outlet sentences are compared for many page sentences: each pair once.
    // Only similarities above th.chain count, so the rest need not be exact.
    const chained = new Map<number, Float64Array>();
    const chainSim = (p: number, b: number, o: number, c: number): number => {
      const key = (p * outlets.length + o) * 1_000_000 + b;
      let row = chained.get(key);
      if (!row) chained.set(key, (row = new Float64Array(al.outletVectors[o].length).fill(-1)));
      if (row[c] < 0) row[c] = similarityFrom(al.outletVectors[p][b]!, al.outletVectors[o][c]!, th.chain);
      return row[c];
    };
    perSentence.forEach((per, i) => {
      if (!per) return;
      per.forEach((rel, o) => {
        if (rel.relation === 'agree') return;
        let best = -1;
        let bestSim = th.chain;
        direct[i]!.forEach((evidence, p) => {
          if (p === o) return;
          for (const b of evidence) {
            al.outletVectors[o].forEach((vc, c) => {
              if (!vc || al.sims[o][i][c] < th.chainPage) return;
              const sim = chainSim(p, b, o, c);
              if (sim > bestSim) {
                bestSim = sim;
                best = c;
              }
            });
          }
        });
        if (best >= 0) {
          rel.relation = 'agree';
          rel.evidence = [best];
        }
      });
    });
  }

  const missing: Relations['missing'] = [];
  for (const [o, k] of candidates) {
    const v = al.outletVectors[o][k]!;
    let home: Array<[number, number]> | null = null;
    let homeSim = th.cluster;
    for (const group of missing) {
      if (group.some(([go]) => go === o)) continue;
      // Only a group at least as close as the best so far matters, so the rest need not be exact.
      let sim = -1;
      for (const [go, gk] of group) sim = Math.max(sim, similarityFrom(v, al.outletVectors[go][gk]!, homeSim));
      if (sim >= homeSim) {
        home = group;
        homeSim = sim;
      }
    }
    if (home) home.push([o, k]);
    else missing.push([[o, k]]);
  }
  return { perSentence, missing };
}
