import { isNumberTerm, type QuantityFeature, type SentenceFeatures } from './features';
import { stem } from './pipeline';

/** A sentence as a weighted bag of terms within one comparison (page + other outlets). */
export interface SentenceVector {
  /**
   * Term ids (of this space), ascending, with their weights: fast to intersect.
   * Plain arrays: a typed array this small costs more to allocate and collect than it saves.
   */
  ids: number[];
  ws: number[];
  norm: number;
  total: number;
  quantities: readonly QuantityFeature[];
  /** Weight from which a shared term is rare enough to say the sentences make the same point. */
  informative: number;
  /** The sentence's clauses, when it has several (built on first use: most sentence pairs never need them). */
  clauses: readonly SentenceVector[];
  /** Clause terms whose vectors `clauses` does not hold yet, and the space to build them in (cleared once built). */
  pendingClauses?: string[][];
  space?: TermSpace;
}

const FUGEN = ['', 's', 'es', 'ens', 'n', 'en', 'e', 'er'];
const FOLD_SUFFIXES = ['et', 'te', 't'];
const MIN_HEAD = 4;
const MIN_MODIFIER = 3;

/** A possible compound head of a term, with the forms its modifier takes without each linking element ('' where it has none). */
interface Head {
  head: string;
  forms: string[];
}

/** What splitting needs of a term, whatever the vocabulary: derived once per spelling, since every comparison asks again. */
interface TermShape {
  /** The last MIN_HEAD letters (one shared string per ending), or null for shorter terms. */
  ending: string | null;
  /** Possible heads, shortest first (built on first use). */
  heads?: Head[];
}

const shapes = new Map<string, TermShape>();
const endingStrings = new Map<string, string>();
const MAX_CACHED_SHAPES = 50_000;

function shapeOf(term: string): TermShape {
  let shape = shapes.get(term);
  if (shape === undefined) {
    if (shapes.size >= MAX_CACHED_SHAPES) {
      shapes.clear();
      endingStrings.clear();
    }
    let ending: string | null = null;
    if (term.length >= MIN_HEAD) {
      const e = term.slice(-MIN_HEAD);
      ending = endingStrings.get(e) ?? e;
      if (ending === e) endingStrings.set(e, e);
    }
    shape = { ending };
    shapes.set(term, shape);
  }
  return shape;
}

/** A term's possible compound heads, shortest first, each with its modifier's forms. */
function headsOf(term: string, shape: TermShape): Head[] {
  let found = shape.heads;
  if (found === undefined) {
    found = [];
    for (let i = term.length - MIN_HEAD; i >= MIN_MODIFIER; i--) {
      const head = term.slice(i);
      const modifier = term.slice(0, i);
      found.push({ head, forms: FUGEN.map((f) => (f === '' ? modifier : modifier.endsWith(f) ? modifier.slice(0, -f.length) : '')) });
    }
    shape.heads = found;
  }
  return found;
}

/** Shared empty lists (never written to: typed readonly; not frozen, which would slow iterating them): most terms have no compound parts, most vectors no clauses. */
const NO_PARTS: readonly number[] = [];
const NO_TERMS: readonly string[] = [];
const NO_CLAUSES: readonly SentenceVector[] = [];
const NO_QUANTITIES: readonly QuantityFeature[] = [];

/** A copy of a typed array with room for `size` entries, the new ones set to `fill`. */
function grown<T extends Int32Array | Float64Array>(a: T, size: number, fill = 0): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  if (fill !== 0) out.fill(fill, a.length);
  return out;
}

/**
 * Term weights for one set of articles compared with each other. Sentence-level
 * IDF: a term in most sentences of the story (its protagonists) says little
 * about which point a sentence makes. German compounds are split against the
 * set's own vocabulary, so "Friedensverhandlungen" meets "Verhandlungen über
 * einen Frieden".
 */
export class TermSpace {
  /** Sentence and document frequencies by term id. */
  private dfs: Int32Array;
  private docDfs: Int32Array;
  private readonly parts = new Map<string, readonly string[]>();
  private readonly vocab: Set<string>;
  private readonly n: number;
  private readonly docs: number;
  private readonly informativeWeight: number;

  private readonly canon = new Map<string, string>();
  /** How many vocabulary terms end in each four letters: a compound's head ends as the compound does. */
  private readonly endings = new Map<string, number>();
  private readonly termIds = new Map<string, number>();

  /** Per term as the features spell it, the id of its key (looked up once). */
  private readonly keyIds = new Map<string, number>();
  /** Per key id, the ids of its compound parts (split once). */
  private readonly partsOf: Array<readonly number[] | undefined> = [];
  private readonly terms: string[] = [];

  /** Per list of terms (a sentence's or a clause's, by identity), their key ids: each list is met several times. */
  private readonly listKeys = new Map<readonly string[], number[]>();

  private keysOf(terms0: readonly string[]): number[] {
    let keys = this.listKeys.get(terms0);
    if (keys === undefined) {
      keys = new Array<number>(terms0.length);
      for (let i = 0; i < terms0.length; i++) keys[i] = this.keyId(terms0[i]);
      this.listKeys.set(terms0, keys);
    }
    return keys;
  }

  private keyId(term: string): number {
    let id = this.keyIds.get(term);
    if (id === undefined) {
      id = this.id(this.key(term));
      this.keyIds.set(term, id);
    }
    return id;
  }

  private partIds(keyId: number): readonly number[] {
    let parts = this.partsOf[keyId];
    if (parts === undefined) {
      const split = this.splitTerm(this.terms[keyId]);
      this.partsOf[keyId] = parts = split.length === 0 ? NO_PARTS : split.map((p) => this.id(p));
    }
    return parts;
  }

  /** The id of a term in this space (assigned on first use). */
  id(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  constructor(
    sentences: SentenceFeatures[][],
    private readonly language = 'de',
  ) {
    this.vocab = new Set();
    // Indexed loops throughout: a for-of over an array allocates an iterator result per step until the JIT optimises it, and a page is analysed once.
    for (let d = 0; d < sentences.length; d++) {
      const list = sentences[d];
      for (let i = 0; i < list.length; i++) {
        const terms = list[i].terms;
        for (let j = 0; j < terms.length; j++) this.vocab.add(terms[j]);
      }
    }
    for (const t of this.vocab) {
      const c = this.fold(t);
      if (c !== t) this.canon.set(t, c);
      const e = shapeOf(t).ending;
      if (e !== null) this.endings.set(e, (this.endings.get(e) ?? 0) + 1);
    }
    let n = 0;
    // Ids are assigned here in the order vectors later meet the terms (keys, then compound parts,
    // sentence by sentence), so counting by id leaves every vector as it was.
    // Every id assigned here is a vocabulary term (keys and parts are), so typed arrays of the vocabulary's size hold them all.
    let size = Math.max(this.vocab.size, 1);
    this.dfs = new Int32Array(size);
    this.docDfs = new Int32Array(size);
    let lastSentence = new Int32Array(size);
    let lastDoc = new Int32Array(size).fill(-1);
    const count = (id: number, sentence: number, doc: number) => {
      if (id >= size) {
        size = Math.max(id + 1, size * 2);
        this.dfs = grown(this.dfs, size);
        this.docDfs = grown(this.docDfs, size);
        lastSentence = grown(lastSentence, size);
        lastDoc = grown(lastDoc, size, -1);
      }
      if (lastSentence[id] === sentence) return;
      lastSentence[id] = sentence;
      this.dfs[id]++;
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc;
        this.docDfs[id]++;
      }
    };
    for (let doc = 0; doc < sentences.length; doc++) {
      const list = sentences[doc];
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (!s.content) continue;
        n++;
        const keys = this.keysOf(s.terms);
        for (let j = 0; j < keys.length; j++) count(keys[j], n, doc);
        for (let j = 0; j < keys.length; j++) {
          const parts = this.partIds(keys[j]);
          for (let q = 0; q < parts.length; q++) count(parts[q], n, doc);
        }
      }
    }
    this.n = Math.max(n, 1);
    this.docs = sentences.length;
    // Relative to a term found in just two sentences (the rarest a shared term can be),
    // so the bar moves with the number of sentences compared.
    this.informativeWeight = SIMILARITY.informative * Math.log((this.n + 1) / 2.5);
  }

  /**
   * Verb forms the stemmer leaves apart, joined when the set itself holds the
   * shorter form: participles ("gedauert" → "dauert") and past or third-person
   * endings ("kostete"/"kostet" → "kost").
   */
  private fold(term: string): string {
    let t = term;
    if (t.length >= 7 && t.startsWith('ge') && this.vocab.has(t.slice(2))) t = t.slice(2);
    // Cheap tests first: this runs for every term of every comparison.
    if (t.charCodeAt(t.length - 1) !== 116 /* t */ && !t.endsWith('te')) return t;
    for (let k = 0; k < FOLD_SUFFIXES.length; k++) {
      const suffix = FOLD_SUFFIXES[k];
      if (t.length - suffix.length < 4 || !t.endsWith(suffix)) continue;
      const base = t.slice(0, -suffix.length);
      if (this.vocab.has(base)) return base;
    }
    // A verb form in "-t" whose infinitive stems to a form the set holds ("bestätigt": "bestatigt"; "bestätigen", "Bestätigung": "bestat").
    if (this.language === 'de' && t.length >= 6 && t.charCodeAt(t.length - 1) === 116 /* t */) {
      const base = stem(t.slice(0, -1) + 'en', this.language);
      if (base !== t && base.length >= 4 && this.vocab.has(base)) return base;
    }
    return t;
  }

  /** The form a term is compared in. */
  key(term: string): string {
    return this.canon.get(term) ?? term;
  }

  idf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? this.idfById(-1) : this.idfById(id);
  }

  private idfById(id: number): number {
    const df = id >= 0 && id < this.dfs.length ? this.dfs[id] : 0;
    const idf = Math.log((this.n + 1) / (df + 0.5));
    if (this.docs < 3) return idf;
    // A term every outlet uses names the story (its people, its setting), not one of its points.
    const docDf = (id >= 0 && id < this.docDfs.length ? this.docDfs[id] : 0) || 1;
    const spread = (docDf - 1) / (this.docs - 1);
    return idf * (1 - SIMILARITY.storyTerm * spread);
  }

  /** The compound parts of a term found in this set's vocabulary (empty if none). */
  split(term: string): readonly string[] {
    const known = this.parts.get(term);
    if (known) return known;
    const best = this.splitTerm(term);
    this.parts.set(term, best);
    return best;
  }

  private splitTerm(term: string): readonly string[] {
    let best: readonly string[] = NO_TERMS;
    if (term.length < MIN_HEAD + MIN_MODIFIER) return best;
    const shape = shapeOf(term);
    if ((this.endings.get(shape.ending!) ?? 0) > (this.vocab.has(term) ? 1 : 0)) {
      const heads = headsOf(term, shape);
      for (let h = 0; h < heads.length; h++) {
        const { head, forms } = heads[h];
        if (!this.vocab.has(head)) continue;
        const known = (m: string) => m.length >= MIN_MODIFIER && this.vocab.has(m);
        // A modifier is a word form ("friedens"); its stem is what the vocabulary holds ("fried").
        // Stems are looked up only when no form itself is known.
        let found = forms.find(known);
        if (found === undefined)
          for (let f = 0; f < forms.length; f++) {
            const m = forms[f];
            const stemmed = m ? stem(m, this.language) : '';
            if (known(stemmed)) {
              found = stemmed;
              break;
            }
          }
        best = found ? [found, head] : head.length >= 5 ? [head] : NO_TERMS;
        break;
      }
    }
    return best;
  }

  /** Whether a term id stands for a number ("#28"), not a word. */
  isNumber(id: number): boolean {
    const term = this.terms[id];
    return term !== undefined && isNumberTerm(term);
  }

  /** The id a term has in this space, if it has one. */
  idOf(term: string): number | undefined {
    return this.termIds.get(term);
  }

  expand(terms0: string[]): string[] {
    const terms = terms0.map((t) => this.key(t));
    const out = new Set(terms);
    for (const t of terms) for (const p of this.split(t)) out.add(p);
    return [...out];
  }

  vector(s: SentenceFeatures): SentenceVector {
    const v = this.bag(s.terms, s.quantities);
    const clauses = s.clauses;
    if (clauses && clauses.length > 1) {
      v.pendingClauses = clauses;
      v.space = this;
    }
    return v;
  }

  /** The vectors of a sentence's clauses, built when a comparison first needs them. */
  static buildClauses(v: SentenceVector): void {
    const clauses = v.pendingClauses;
    if (clauses === undefined) return;
    v.clauses = clauses.map((c) => v.space!.bag(c, NO_QUANTITIES));
    v.pendingClauses = undefined;
  }

  /** Adds the ids of expand(terms) to a set: keys, then compound parts. */
  addExpandedIds(terms0: string[], into: Set<number>): void {
    const keys = this.keysOf(terms0);
    for (let j = 0; j < keys.length; j++) into.add(keys[j]);
    for (let j = 0; j < keys.length; j++) {
      const parts = this.partIds(keys[j]);
      for (let q = 0; q < parts.length; q++) into.add(parts[q]);
    }
  }

  /** IDF by term id, filled on first use. */
  private idfs = new Float64Array(0);
  /** Scratch for bag(): the bag that last saw a term id, and the weight it gave it. */
  private seenIn = new Int32Array(0);
  private weightOf = new Float64Array(0);
  private bags = 0;

  /** Room in the per-id scratch arrays for every id assigned so far. */
  private reserve(): void {
    const size = this.termIds.size;
    if (this.seenIn.length >= size) return;
    const room = Math.max(size, this.seenIn.length * 2);
    this.seenIn = grown(this.seenIn, room);
    this.weightOf = grown(this.weightOf, room);
    this.idfs = grown(this.idfs, room, NaN);
  }

  private idfOf(id: number): number {
    // NaN marks an IDF not computed yet (an IDF is always a finite number).
    let w = this.idfs[id];
    if (Number.isNaN(w)) this.idfs[id] = w = this.idfById(id);
    return w;
  }

  private bag(terms0: string[], quantities: readonly QuantityFeature[]): SentenceVector {
    const bag = ++this.bags;
    const list: number[] = [];
    const keys = this.keysOf(terms0);
    // Ids are assigned (to keys and parts) before the scratch arrays are sized.
    for (let j = 0; j < keys.length; j++) this.partIds(keys[j]);
    this.reserve();
    for (let j = 0; j < keys.length; j++) {
      const id = keys[j];
      if (this.seenIn[id] === bag) continue;
      this.seenIn[id] = bag;
      this.weightOf[id] = this.idfOf(id);
      list.push(id);
    }
    for (let j = 0; j < keys.length; j++) {
      const parts = this.partIds(keys[j]);
      for (let q = 0; q < parts.length; q++) {
        const id = parts[q];
        if (this.seenIn[id] === bag) continue;
        this.seenIn[id] = bag;
        this.weightOf[id] = this.idfOf(id) * 0.8;
        list.push(id);
      }
    }
    // Insertion sort: the lists are short, and Array.prototype.sort would allocate.
    const ids = list;
    for (let i = 1; i < ids.length; i++) {
      const x = ids[i];
      let j = i - 1;
      while (j >= 0 && ids[j] > x) {
        ids[j + 1] = ids[j];
        j--;
      }
      ids[j + 1] = x;
    }
    const ws: number[] = [];
    let sq = 0;
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const w = this.weightOf[ids[i]];
      ws.push(w);
      sq += w * w;
      total += w;
    }
    // Every field set here, so all vectors share one shape.
    return { ids, ws, norm: Math.sqrt(sq), total, quantities, informative: this.informativeWeight, clauses: NO_CLAUSES, pendingClauses: undefined, space: undefined };
  }
}

function sameQuantity(a: QuantityFeature, b: QuantityFeature): boolean {
  if (a.kind !== b.kind) return false;
  if (a.value === b.value) return true;
  if (a.kind === 'date') return a.value % 10000 === b.value % 10000 && (a.value < 10000 || b.value < 10000);
  return false;
}

export const SIMILARITY = {
  /** A clause-to-clause match counts this much of a sentence match. */
  clause: 0.9,
  /** A match resting on a single shared term counts this much. */
  singleTerm: 0.6,
  /** Weight of a shared date, duration or percentage, as if a shared term. */
  quantity: 1.5,
  /**
   * A match needs one shared term whose IDF reaches this share of the IDF of a
   * term in just two sentences; sentences sharing only the story's protagonists and common
   * words count as a single-term match.
   */
  informative: 0.75,
  /** How much a term used by every outlet of the story is discounted (0: not at all). */
  storyTerm: 0,
};

function cosine(a: SentenceVector, b: SentenceVector, qBonus: number): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  let shared = 0;
  let informative = 0;
  const ai = a.ids;
  const bi = b.ids;
  let i = 0;
  let j = 0;
  while (i < ai.length && j < bi.length) {
    const x = ai[i];
    const y = bi[j];
    if (x === y) {
      if (a.ws[i] >= a.informative || b.ws[j] >= b.informative) informative++;
      dot += a.ws[i++] * b.ws[j++];
      shared++;
    } else if (x < y) i++;
    else j++;
  }
  return cosineOf(a, b, qBonus, dot, shared, informative);
}

/**
 * The cosine from what the shared terms add up to: `dot` summed in ascending
 * term id order, `shared` terms, `informative` of them rare enough on either
 * side. One formula for the pairwise merge above and the matrix's postings.
 */
function cosineOf(a: SentenceVector, b: SentenceVector, qBonus: number, dot: number, shared: number, informative: number): number {
  if (shared === 0 && qBonus === 0) return 0;
  const c = (dot + qBonus) / (a.norm * b.norm + qBonus);
  const enough = shared + (qBonus ? 1 : 0) >= 2 && (informative > 0 || qBonus > 0);
  return enough ? c : c * SIMILARITY.singleTerm;
}

/**
 * How closely two sentences make the same point: cosine of their weighted
 * terms, or of their best-matching clauses, with shared quantities counting as
 * a shared term.
 */
export function similarity(a: SentenceVector, b: SentenceVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  return bestOfClauses(a, b, cosine(a, b, quantityBonus(a, b)));
}

function quantityBonus(a: SentenceVector, b: SentenceVector): number {
  return shareQuantity(a.quantities, b.quantities) ? SIMILARITY.quantity : 0;
}

/** The larger of `whole` (the sentences' cosine) and their clauses' best. */
function bestOfClauses(a: SentenceVector, b: SentenceVector, whole: number): number {
  let best = whole;
  // Clauses share terms only if the sentences do. (Loops, not arrays: this runs for every sentence pair.)
  if (best > 0 && (a.pendingClauses || b.pendingClauses || a.clauses.length || b.clauses.length)) {
    TermSpace.buildClauses(a);
    TermSpace.buildClauses(b);
    const na = a.clauses.length || 1;
    const nb = b.clauses.length || 1;
    for (let i = 0; i < na; i++) {
      const x = a.clauses.length ? a.clauses[i] : a;
      for (let j = 0; j < nb; j++) {
        const c = cosine(x, b.clauses.length ? b.clauses[j] : b, 0) * SIMILARITY.clause;
        if (c > best) best = c;
      }
    }
  }
  return best;
}

/** The smallest norm among what bestOfClauses compares of a sentence: its clauses (those with terms), or itself when it has none. */
function clauseFloor(v: SentenceVector): number {
  TermSpace.buildClauses(v);
  if (v.clauses.length === 0) return v.norm;
  let min = Infinity;
  const clauses = v.clauses;
  for (let i = 0; i < clauses.length; i++) if (clauses[i].norm > 0 && clauses[i].norm < min) min = clauses[i].norm;
  return min;
}

/**
 * similarity(a, b) when it reaches `min`; otherwise some number below `min`.
 * Clauses are compared only when their best could reach it: a clause holds no
 * term its sentence lacks and weighs none more, so two clauses share at most
 * the weight the sentences share, over norms no smaller than the smallest clause's.
 */
export function similarityFrom(a: SentenceVector, b: SentenceVector, min: number): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const qBonus = quantityBonus(a, b);
  const whole = cosine(a, b, qBonus);
  if (clausesFallShort(a, b, whole, qBonus, min)) return whole;
  return bestOfClauses(a, b, whole);
}

/**
 * Whether the clauses of two sentences whose cosine is `whole` cannot bring
 * their similarity to `min`: a clause holds no term its sentence lacks and
 * weighs none more, so two clauses share at most the weight the sentences
 * share, over norms no smaller than the smallest clause's.
 */
function clausesFallShort(a: SentenceVector, b: SentenceVector, whole: number, qBonus: number, min: number): boolean {
  if (whole < min && whole > 0 && (a.pendingClauses || b.pendingClauses || a.clauses.length || b.clauses.length)) {
    // The most the shared terms can weigh, whether or not the cosine was discounted as a single-term match.
    const shared = (whole / SIMILARITY.singleTerm) * (a.norm * b.norm + qBonus) - qBonus;
    // (A margin for rounding: a pair this close to `min` is compared in full.)
    return SIMILARITY.clause * shared < min * clauseFloor(a) * clauseFloor(b) * (1 - 1e-9);
  }
  return false;
}

/** similarity(a, b) of a pair whose clauses similarityMatrix left out (`whole`: what it gave them). */
export function completeSimilarity(a: SentenceVector, b: SentenceVector, whole: number): number {
  return bestOfClauses(a, b, whole);
}

/** Per term id, the columns whose vectors hold it, in column order, and the weight each gives it (ids are small and dense: an array, not a map). */
interface Posting {
  cols: number[];
  ws: number[];
}

function postingsOf(cols: ReadonlyArray<SentenceVector | null>): Array<Posting | undefined> {
  let max = -1;
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    if (c) for (let i = 0; i < c.ids.length; i++) if (c.ids[i] > max) max = c.ids[i];
  }
  const postings = new Array<Posting | undefined>(max + 1);
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    if (!c) continue;
    for (let i = 0; i < c.ids.length; i++) {
      const p = postings[c.ids[i]];
      if (p) {
        p.cols.push(k);
        p.ws.push(c.ws[i]);
      } else postings[c.ids[i]] = { cols: [k], ws: [c.ws[i]] };
    }
  }
  return postings;
}

function shareQuantity(a: readonly QuantityFeature[], b: readonly QuantityFeature[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i].kind === 'count') continue;
    for (let j = 0; j < b.length; j++) if (sameQuantity(a[i], b[j])) return true;
  }
  return false;
}

/** Share of a's term weight that b also contains. */
export function coverage(a: SentenceVector, b: SentenceVector): number {
  if (a.total === 0) return 0;
  let got = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) {
      got += a.ws[i++];
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return got / a.total;
}

export { sameQuantity };

/**
 * similarity() for every pair of rows and columns, computed only where the two
 * share a term: most sentence pairs share none, and those are 0. A row's dot
 * products are summed through the columns' postings, term by term in
 * ascending id order, which is the order the pairwise merge sums them in (the
 * same figures, bit for bit), without walking both term lists of every pair.
 *
 * With `min` (and `partial`, one mask per row, filled here), only similarities
 * that reach `min` need be exact: a pair whose clauses cannot bring it there
 * keeps its sentences' cosine, below `min`, and is marked in `partial`
 * (completeSimilarity finishes it) — what similarityFrom does for one pair.
 */
export function similarityMatrix(rows: Array<SentenceVector | null>, cols: Array<SentenceVector | null>, min = -Infinity, partial?: Array<Uint8Array | null>): Float64Array[] {
  const postings = postingsOf(cols);
  const dot = new Float64Array(cols.length);
  const shared = new Int32Array(cols.length);
  const informative = new Int32Array(cols.length);
  // Columns met by the current row, in the order first met (the order the similarities are worked out in).
  const met = new Int32Array(cols.length);
  const out: Float64Array[] = [];
  // One buffer for the matrix, a view of it per row: a typed array this long has its own store outside the heap, and
  // a store per row costs more to allocate and free than the row's similarities.
  const all = new Float64Array(rows.length * cols.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const row = all.subarray(i * cols.length, (i + 1) * cols.length);
    out.push(row);
    if (partial) partial[i] = null;
    if (!r) continue;
    let nMet = 0;
    for (let t = 0; t < r.ids.length; t++) {
      const p = postings[r.ids[t]];
      if (!p) continue;
      const wa = r.ws[t];
      const rare = wa >= r.informative;
      const pc = p.cols;
      const pw = p.ws;
      for (let n = 0; n < pc.length; n++) {
        const k = pc[n];
        const wb = pw[n];
        if (shared[k] === 0) met[nMet++] = k;
        if (rare || wb >= cols[k]!.informative) informative[k]++;
        dot[k] += wa * wb;
        shared[k]++;
      }
    }
    for (let m = 0; m < nMet; m++) {
      const k = met[m];
      const c = cols[k]!;
      if (r.norm === 0 || c.norm === 0) row[k] = 0;
      else {
        const qBonus = quantityBonus(r, c);
        const whole = cosineOf(r, c, qBonus, dot[k], shared[k], informative[k]);
        if (partial && clausesFallShort(r, c, whole, qBonus, min)) {
          row[k] = whole;
          (partial[i] ??= new Uint8Array(cols.length))[k] = 1;
        } else row[k] = bestOfClauses(r, c, whole);
      }
      dot[k] = 0;
      shared[k] = 0;
      informative[k] = 0;
    }
  }
  return out;
}
