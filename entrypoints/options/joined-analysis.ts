/**
 * The analysis of consecutive slices of an import's articles as one part's:
 * the worker analyses in slices of ~20 ms, a part carries whole slices (see
 * send-import.ts). The features stay the strings the worker made; the terms'
 * JSON texts are joined as text, not parsed and made again.
 */
import type { ImportAnalysis } from '../../platform/protocol';
import { FEATURES_VERSION } from '../../lib/match/features';

/** `slices` (of one FEATURES_VERSION) as one ImportAnalysis, in order; none: an empty one of this version. */
export function joinedAnalysis(slices: readonly ImportAnalysis[]): ImportAnalysis {
  if (slices.length === 1) return slices[0];
  const terms = slices.map((x) => x.terms.slice(1, -1)).filter((x) => x.length > 0);
  return { featuresVersion: slices[0]?.featuresVersion ?? FEATURES_VERSION, features: slices.flatMap((x) => x.features), terms: `[${terms.join(',')}]` };
}
