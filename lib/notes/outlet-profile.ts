import type { Annotation } from '../match/annotation';

/** How one outlet's article compares with the rest of its story. */
export interface OutletProfile {
  /** Its points that at least one other outlet also reports. */
  shared: number;
  /** Its points no other outlet reports: details only it adds. */
  only: number;
  /** Points of the others it leaves out. */
  omits: number;
}

/**
 * Reads an outlet's profile off the annotation of its article against the other
 * outlets of the story, counting what the overlay would show: a sentence is
 * shared when an outlet agrees above the overlay's threshold, only this
 * outlet's when every other outlet omits it above the threshold (or is a short
 * report); a sentence crossread could not compare is neither.
 */
export function outletProfile(annotation: Annotation): OutletProfile {
  const short = new Set(annotation.outlets.filter((o) => o.shortReport).map((o) => o.doc));
  let shared = 0;
  let only = 0;
  for (const sentence of annotation.sentences) {
    const relations = Object.entries(sentence.relations);
    if (relations.length === 0) continue;
    if (relations.some(([, r]) => r.relation === 'agree' && !r.unclear)) shared++;
    else if (relations.every(([doc, r]) => r.relation === 'omits' && (!r.unclear || short.has(doc)))) only++;
  }
  return { shared, only, omits: annotation.missing.length };
}
