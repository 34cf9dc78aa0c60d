import type { Annotation } from './annotation';

/** How one outlet's article compares with the rest of its story. */
export interface OutletProfile {
  /** Its points that at least one other outlet also reports. */
  shared: number;
  /** Its points no other outlet reports: details only it adds. */
  only: number;
  /** Points of the others it leaves out. */
  omits: number;
}

/** Reads an outlet's profile off the annotation of its article against the other outlets of the story. */
export function outletProfile(annotation: Annotation): OutletProfile {
  let shared = 0;
  let only = 0;
  for (const sentence of annotation.sentences) {
    const relations = Object.values(sentence.relations);
    if (relations.length === 0) continue;
    if (relations.some((r) => r.relation === 'agree')) shared++;
    else only++;
  }
  return { shared, only, omits: annotation.missing.length };
}
