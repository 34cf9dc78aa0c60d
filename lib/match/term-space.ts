import { isNumberTerm, type QuantityFeature, type SentenceFeatures } from './features';
import { stem } from './pipeline';
import { currentLexicon, type Lexicon } from './lexicon';

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
  /** clauseFloor's answer once worked out (NaN before): a sentence meets many others. */
  floor: number;
  /** Clause terms whose vectors `clauses` does not hold yet, and the space to build them in (cleared once built). */
  pendingClauses?: string[][];
  space?: TermSpace;
  /** Whether the pending clauses' term lists are met in this space only (a page's): their ids are not kept. */
  pendingOnce: boolean;
}

const FUGEN = ['', 's', 'es', 'ens', 'n', 'en', 'e', 'er'];
const FOLD_SUFFIXES = ['et', 'te', 't'];
const MIN_HEAD = 4;
const MIN_MODIFIER = 3;


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


/** What folding and splitting need of a spelling, whatever the vocabulary: worked out once per lexicon id, since every comparison asks again. */
interface TermShape {
  length: number;
  /** The id of its last MIN_HEAD letters, or -1 for shorter terms. */
  ending: number;
  /** The id of the term without a leading "ge" (a participle's), or -1. */
  unprefixed: number;
  /** The ids of the term without each fold suffix it ends in, in FOLD_SUFFIXES order. */
  foldBases: readonly number[];
  /** A German verb form in "-t": the id of its infinitive's stem ("bestätigt": "bestat"), or -1. */
  infinitiveStem: number;
  /** The ids of its possible compound heads, shortest first (worked out on first use). */
  heads?: Int32Array;
  /** Per head (its index in `heads`), the forms its modifier takes (worked out on first use). */
  modifiers?: Array<Modifier | undefined>;
}

/** A compound modifier's forms without each linking element (FUGEN order): their ids, -1 where it has none. */
interface Modifier {
  ids: Int32Array;
  /** Whether each form is long enough to be a modifier (MIN_MODIFIER). */
  long: Uint8Array;
  /** Per language, the ids of the forms' stems, -1 where a stem is too short or the form is none (worked out on first use). */
  stems: Map<string, Int32Array>;
}

/**
 * What term spaces of one lexicon share: each spelling's shape, and the
 * lookup of which space entry a lexicon id is (`owner`, `slot`: written by the
 * space that used them last; see TermSpace.claim).
 */
class SharedTerms {
  private readonly shapes: Array<TermShape | undefined> = [];
  owner = new Int32Array(0);
  slot = new Int32Array(0);
  /** The space whose entries `owner` and `slot` hold. */
  current = 0;
  spaces = 0;

  constructor(readonly lexicon: Lexicon) {}

  /** Room in `owner` and `slot` for every id the lexicon has given. */
  reserve(): void {
    const size = this.lexicon.size;
    if (this.owner.length >= size) return;
    const room = Math.max(size, this.owner.length * 2, 1024);
    this.owner = grown(this.owner, room);
    this.slot = grown(this.slot, room);
  }

  shape(id: number): TermShape {
    let shape = this.shapes[id];
    if (shape === undefined) {
      const lex = this.lexicon;
      const t = lex.spelling(id);
      let foldBases = NO_PARTS;
      // Cheap tests first: most terms end in neither.
      if (t.charCodeAt(t.length - 1) === 116 /* t */ || t.endsWith('te')) {
        const bases: number[] = [];
        for (let k = 0; k < FOLD_SUFFIXES.length; k++) {
          const suffix = FOLD_SUFFIXES[k];
          if (t.length - suffix.length >= 4 && t.endsWith(suffix)) bases.push(lex.id(t.slice(0, -suffix.length)));
        }
        if (bases.length > 0) foldBases = bases;
      }
      let infinitiveStem = -1;
      if (t.length >= 6 && t.charCodeAt(t.length - 1) === 116 /* t */) {
        const base = stem(t.slice(0, -1) + 'en', 'de');
        if (base !== t && base.length >= 4) infinitiveStem = lex.id(base);
      }
      shape = {
        length: t.length,
        ending: t.length >= MIN_HEAD ? lex.id(t.slice(-MIN_HEAD)) : -1,
        unprefixed: t.length >= 7 && t.startsWith('ge') ? lex.id(t.slice(2)) : -1,
        foldBases,
        infinitiveStem,
        heads: undefined,
        modifiers: undefined,
      };
      this.shapes[id] = shape;
    }
    return shape;
  }

  /** A term's possible compound heads, shortest first. */
  heads(id: number, shape: TermShape): Int32Array {
    let heads = shape.heads;
    if (heads === undefined) {
      const t = this.lexicon.spelling(id);
      heads = new Int32Array(Math.max(0, t.length - MIN_HEAD - MIN_MODIFIER + 1));
      for (let i = t.length - MIN_HEAD, h = 0; i >= MIN_MODIFIER; i--, h++) heads[h] = this.lexicon.id(t.slice(i));
      shape.heads = heads;
    }
    return heads;
  }

  /** The modifier before head `h` of a term (see `heads`). */
  modifier(id: number, shape: TermShape, h: number): Modifier {
    const modifiers = (shape.modifiers ??= []);
    let found = modifiers[h];
    if (found === undefined) {
      const modifier = this.lexicon.spelling(id).slice(0, shape.length - MIN_HEAD - h);
      const ids = new Int32Array(FUGEN.length);
      const long = new Uint8Array(FUGEN.length);
      for (let f = 0; f < FUGEN.length; f++) {
        const suffix = FUGEN[f];
        const form = suffix === '' ? modifier : modifier.endsWith(suffix) ? modifier.slice(0, -suffix.length) : '';
        ids[f] = form === '' ? -1 : this.lexicon.id(form);
        long[f] = form.length >= MIN_MODIFIER ? 1 : 0;
      }
      modifiers[h] = found = { ids, long, stems: new Map() };
    }
    return found;
  }

  /** The ids of a modifier's forms' stems in a language (see Modifier). */
  stems(m: Modifier, language: string): Int32Array {
    let out = m.stems.get(language);
    if (out === undefined) {
      out = new Int32Array(m.ids.length).fill(-1);
      for (let f = 0; f < m.ids.length; f++) {
        if (m.ids[f] < 0) continue;
        const stemmed = stem(this.lexicon.spelling(m.ids[f]), language);
        if (stemmed.length >= MIN_MODIFIER) out[f] = this.lexicon.id(stemmed);
      }
      m.stems.set(language, out);
    }
    return out;
  }
}

/**
 * Scratch by term id that every space uses in turn (each use ends before the next begins): per id, the mark of the
 * last sentence, document and bag that met it, and the weight a bag gave it. A mark is a number no use had before
 * (see `marks`), so nothing is cleared between uses. A space had arrays of its own, four or five typed arrays of
 * its vocabulary's size per pair of articles, each with a store outside the heap: story choice compares ~25,000
 * pairs at 10,000 articles.
 */
const scratch = { sentence: new Int32Array(1024), doc: new Int32Array(1024), bag: new Int32Array(1024), weight: new Float64Array(1024), mark: 0 };

/** Room in the scratch for ids below `size`. */
function scratchFor(size: number): typeof scratch {
  if (scratch.sentence.length < size) {
    const room = Math.max(size, scratch.sentence.length * 2);
    scratch.sentence = grown(scratch.sentence, room);
    scratch.doc = grown(scratch.doc, room);
    scratch.bag = grown(scratch.bag, room);
    scratch.weight = grown(scratch.weight, room);
  }
  return scratch;
}

/** `count` marks never used before: the first is the returned number plus one. */
function marks(count: number): number {
  // Far from the largest Int32 (a space uses a few hundred): cleared, the marks start again.
  if (scratch.mark + count > 0x3fffffff) {
    scratch.sentence.fill(0);
    scratch.doc.fill(0);
    scratch.bag.fill(0);
    scratch.mark = 0;
  }
  const first = scratch.mark;
  scratch.mark += count;
  return first;
}

/**
 * A document in lexicon ids: every id once, in the order first met (its vocabulary), with what a space asks of each
 * id's shape: its ending's id (-1 for none) and whether it has a form to fold to; and its sentences' terms as indices
 * into the vocabulary, sentence i's at [starts[i], starts[i + 1]) of `words`.
 */
interface DocumentIds {
  lexicon: Lexicon;
  vocabulary: Int32Array;
  endings: Int32Array;
  foldable: Uint8Array;
  words: Int32Array;
  starts: Int32Array;
}

/** Per list of sentences (a document's, by identity: features are plain data met again and again), its ids. */
const documentIds = new WeakMap<readonly SentenceFeatures[], DocumentIds>();

/**
 * A document's ids in a lexicon, worked out once per list (`remember`) or now only (a page compared once: see
 * Lexicon.idsOf). A stored article meets many others in story choice, each pair a space: its vocabulary, once per
 * list, spares the space a lookup per word of every sentence.
 */
function documentIdsOf(shared: SharedTerms, list: readonly SentenceFeatures[], remember: boolean): DocumentIds {
  const lexicon = shared.lexicon;
  const known = remember ? documentIds.get(list) : undefined;
  if (known !== undefined && known.lexicon === lexicon) return known;
  const vocabulary: number[] = [];
  const indexOf = new Map<number, number>();
  const starts = new Int32Array(list.length + 1);
  for (let i = 0; i < list.length; i++) starts[i + 1] = starts[i] + list[i].terms.length;
  const words = new Int32Array(starts[list.length]);
  for (let i = 0, w = 0; i < list.length; i++) {
    const terms = list[i].terms;
    for (let j = 0; j < terms.length; j++) {
      const id = lexicon.id(terms[j]);
      let v = indexOf.get(id);
      if (v === undefined) {
        indexOf.set(id, (v = vocabulary.length));
        vocabulary.push(id);
      }
      words[w++] = v;
    }
  }
  const endings = new Int32Array(vocabulary.length);
  const foldable = new Uint8Array(vocabulary.length);
  for (let j = 0; j < vocabulary.length; j++) {
    const shape = shared.shape(vocabulary[j]);
    endings[j] = shape.ending;
    foldable[j] = shape.unprefixed >= 0 || shape.foldBases.length > 0 || shape.infinitiveStem >= 0 ? 1 : 0;
  }
  const made = { lexicon, vocabulary: Int32Array.from(vocabulary), endings, foldable, words, starts };
  if (remember) documentIds.set(list, made);
  return made;
}

const sharedTerms = new WeakMap<Lexicon, SharedTerms>();

function sharedTermsOf(lexicon: Lexicon): SharedTerms {
  let shared = sharedTerms.get(lexicon);
  if (shared === undefined) sharedTerms.set(lexicon, (shared = new SharedTerms(lexicon)));
  return shared;
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
  private readonly n: number;
  private readonly docs: number;
  private readonly informativeWeight: number;

  private readonly lexicon: Lexicon;
  private readonly shared: SharedTerms;
  /** This space's number among its lexicon's: whose entries SharedTerms' `owner` holds. */
  private readonly serial: number;

  /**
   * The entries: each lexicon id this space knows (its vocabulary's terms,
   * their endings, terms given an id), by slot. Parallel arrays, small ints.
   */
  private readonly entryIds: number[] = [];
  /** 1 for a vocabulary term. */
  private readonly entryInVocab: number[] = [];
  /** The lexicon id of the form a term is compared in (itself unless folded). */
  private readonly entryKey: number[] = [];
  /** The term's id in this space, or -1 before it has one. */
  private readonly entryTerm: number[] = [];
  /** How many vocabulary terms end in this entry's letters: a compound's head ends as the compound does. */
  private readonly entryEndings: number[] = [];

  /** Per term id, its lexicon id (its spelling is the lexicon's: looked up when asked, which few terms are). */
  private readonly termLexIds: number[] = [];
  /** Per key id, the ids of its compound parts (split once). */
  private readonly partsOf: Array<readonly number[] | undefined> = [];
  /** Per document and sentence given, its keys as counted (null for sentences without content): what its vector holds. */
  private readonly sentenceKeys: Array<Array<number[] | null>> = [];
  /** Per document given, its ids (its sentences' terms among them). */
  private readonly documents: DocumentIds[] = [];

  /** Makes SharedTerms' lookup of entries this space's (after another space used it): a write per entry. */
  private claim(): void {
    const shared = this.shared;
    shared.reserve();
    if (shared.current === this.serial) return;
    const { owner, slot } = shared;
    const ids = this.entryIds;
    for (let e = 0; e < ids.length; e++) {
      owner[ids[e]] = this.serial;
      slot[ids[e]] = e;
    }
    shared.current = this.serial;
  }

  /** The entry of a lexicon id, or -1 (call claim() first). */
  private entryOf(lexId: number): number {
    const shared = this.shared;
    if (lexId >= shared.owner.length) shared.reserve();
    return shared.owner[lexId] === this.serial ? shared.slot[lexId] : -1;
  }

  /** A new entry for a lexicon id (call claim() first). */
  private addEntry(lexId: number, inVocab: number): number {
    const e = this.entryIds.length;
    this.entryIds.push(lexId);
    this.entryInVocab.push(inVocab);
    this.entryKey.push(lexId);
    this.entryTerm.push(-1);
    this.entryEndings.push(0);
    const shared = this.shared;
    if (lexId >= shared.owner.length) shared.reserve();
    shared.owner[lexId] = this.serial;
    shared.slot[lexId] = e;
    return e;
  }

  private inVocab(lexId: number): boolean {
    if (lexId < 0) return false;
    const e = this.entryOf(lexId);
    return e >= 0 && this.entryInVocab[e] === 1;
  }

  /** The id in this space of a lexicon id (assigned on first use; call claim() first). */
  private termOf(lexId: number): number {
    let e = this.entryOf(lexId);
    if (e < 0) e = this.addEntry(lexId, 0);
    return this.termOfEntry(e);
  }

  /** The id in this space of an entry's lexicon id (assigned on first use). */
  private termOfEntry(e: number): number {
    let id = this.entryTerm[e];
    if (id < 0) {
      id = this.entryTerm[e] = this.termLexIds.length;
      this.termLexIds.push(this.entryIds[e]);
    }
    return id;
  }

  /** The id of the key of a lexicon id (call claim() first). */
  private keyOf(lexId: number): number {
    const e = this.entryOf(lexId);
    return this.termOf(e < 0 ? lexId : this.entryKey[e]);
  }

  private keysOf(terms0: readonly string[], remember = true): number[] {
    const ids = this.lexicon.idsOf(terms0, remember);
    this.claim();
    return this.keysOfIds(ids);
  }

  /** keysOf of a list whose lexicon ids are known (call claim() first). */
  private keysOfIds(ids: Int32Array): number[] {
    const keys = new Array<number>(ids.length);
    for (let i = 0; i < ids.length; i++) keys[i] = this.keyOf(ids[i]);
    return keys;
  }

  private partIds(keyId: number): readonly number[] {
    let parts = this.partsOf[keyId];
    if (parts === undefined) {
      const split = this.splitLex(this.termLexIds[keyId]);
      if (split.length === 0) parts = NO_PARTS;
      else {
        const ids = new Array<number>(split.length);
        for (let i = 0; i < split.length; i++) ids[i] = this.termOf(split[i]);
        parts = ids;
      }
      this.partsOf[keyId] = parts;
    }
    return parts;
  }

  /** The id of a term in this space (assigned on first use). */
  id(term: string): number {
    const lexId = this.lexicon.id(term);
    this.claim();
    return this.termOf(lexId);
  }

  /**
   * `onceDocs`: how many of the first documents are met in this space only (a page compared once): their term
   * lists' ids are worked out, not kept for later spaces (see Lexicon.idsOf).
   */
  constructor(
    sentences: SentenceFeatures[][],
    private readonly language = 'de',
    private readonly onceDocs = 0,
  ) {
    this.lexicon = currentLexicon();
    this.shared = sharedTermsOf(this.lexicon);
    this.serial = ++this.shared.spaces;
    this.shared.current = this.serial;
    this.shared.reserve();
    // Indexed loops throughout: a for-of over an array allocates an iterator result per step until the JIT optimises it, and a page is analysed once.
    // The vocabulary's entries in the order its terms are first met, document by document, and each one's ending and
    // whether it may fold (its shape's, from the document's ids: a shape looked up per entry cost more than the rest);
    // per document, the entry of each of its vocabulary's terms, which its sentences' words are counted by.
    const documents = this.documents;
    const endings: number[] = [];
    const foldable: number[] = [];
    const entriesOf: number[][] = [];
    for (let d = 0; d < sentences.length; d++) {
      const doc = documentIdsOf(this.shared, sentences[d], d >= onceDocs);
      documents.push(doc);
      const vocabulary = doc.vocabulary;
      const entries = new Array<number>(vocabulary.length);
      for (let j = 0; j < vocabulary.length; j++) {
        let e = this.entryOf(vocabulary[j]);
        if (e < 0) {
          e = this.addEntry(vocabulary[j], 1);
          endings.push(doc.endings[j]);
          foldable.push(doc.foldable[j]);
        }
        entries[j] = e;
      }
      entriesOf.push(entries);
    }
    // (Shapes give ids: the lookup is sized again.)
    this.shared.reserve();
    const vocabSize = this.entryIds.length;
    // Per vocabulary entry, the entry of its key (a vocabulary term: a term folds only to one the set holds).
    const keyEntry = new Array<number>(vocabSize);
    for (let e = 0; e < vocabSize; e++) {
      // A term with no form to fold to is its own key (addEntry's).
      if (foldable[e] === 1) {
        this.entryKey[e] = this.fold(this.entryIds[e]);
        keyEntry[e] = this.entryKey[e] === this.entryIds[e] ? e : this.entryOf(this.entryKey[e]);
      } else keyEntry[e] = e;
      const ending = endings[e];
      if (ending >= 0) {
        // (Shapes give ids: the lookup is sized again.)
        this.shared.reserve();
        let at = this.entryOf(ending);
        if (at < 0) at = this.addEntry(ending, 0);
        this.entryEndings[at]++;
      }
    }
    let n = 0;
    // Ids are assigned here in the order vectors later meet the terms (keys, then compound parts,
    // sentence by sentence), so counting by id leaves every vector as it was.
    // Every id assigned here is a vocabulary term (keys and parts are), so typed arrays of the vocabulary's size hold them all.
    let size = Math.max(vocabSize, 1);
    this.dfs = new Int32Array(size);
    this.docDfs = new Int32Array(size);
    // The marks of the last sentence and document to count an id: sentence n's is sentenceMark + n, document d's docMark + d.
    let total = 0;
    for (let d = 0; d < sentences.length; d++) total += sentences[d].length;
    const sentenceMark = marks(total + 1);
    const docMark = marks(sentences.length + 1) + 1;
    let { sentence: lastSentence, doc: lastDoc } = scratchFor(size);
    const count = (id: number, sentence: number, doc: number) => {
      if (id >= size) {
        size = Math.max(id + 1, size * 2);
        this.dfs = grown(this.dfs, size);
        this.docDfs = grown(this.docDfs, size);
        ({ sentence: lastSentence, doc: lastDoc } = scratchFor(size));
      }
      if (lastSentence[id] === sentenceMark + sentence) return;
      lastSentence[id] = sentenceMark + sentence;
      this.dfs[id]++;
      if (lastDoc[id] !== docMark + doc) {
        lastDoc[id] = docMark + doc;
        this.docDfs[id]++;
      }
    };
    this.claim();
    for (let doc = 0; doc < sentences.length; doc++) {
      const list = sentences[doc];
      const docKeys: Array<number[] | null> = [];
      this.sentenceKeys.push(docKeys);
      const { words, starts } = documents[doc];
      const entries = entriesOf[doc];
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (!s.content) {
          docKeys.push(null);
          continue;
        }
        n++;
        // keysOfIds of the sentence's ids, through the entries found above.
        const from = starts[i];
        const keys = new Array<number>(starts[i + 1] - from);
        for (let j = 0; j < keys.length; j++) keys[j] = this.termOfEntry(keyEntry[entries[words[from + j]]]);
        docKeys.push(keys);
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
   * endings ("kostete"/"kostet" → "kost"). By lexicon id (call claim() first).
   */
  private fold(lexId: number): number {
    let t = lexId;
    let shape = this.shared.shape(t);
    if (shape.unprefixed >= 0 && this.inVocab(shape.unprefixed)) {
      t = shape.unprefixed;
      shape = this.shared.shape(t);
    }
    const bases = shape.foldBases;
    for (let k = 0; k < bases.length; k++) if (this.inVocab(bases[k])) return bases[k];
    // A verb form in "-t" whose infinitive stems to a form the set holds ("bestätigt": "bestatigt"; "bestätigen", "Bestätigung": "bestat").
    if (this.language === 'de' && this.inVocab(shape.infinitiveStem)) return shape.infinitiveStem;
    return t;
  }

  /** The form a term is compared in. */
  key(term: string): string {
    const lexId = this.lexicon.known(term);
    if (lexId === undefined) return term;
    this.claim();
    const e = this.entryOf(lexId);
    return e < 0 || this.entryInVocab[e] === 0 ? term : this.lexicon.spelling(this.entryKey[e]);
  }

  idf(term: string): number {
    return this.idfById(this.idOf(term) ?? -1);
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
    const lexId = this.lexicon.id(term);
    this.claim();
    const parts = this.splitLex(lexId);
    return parts.length === 0 ? NO_TERMS : parts.map((p) => this.lexicon.spelling(p));
  }

  /** The lexicon ids of a term's compound parts (call claim() first). */
  private splitLex(lexId: number): readonly number[] {
    const shared = this.shared;
    const shape = shared.shape(lexId);
    if (shape.length < MIN_HEAD + MIN_MODIFIER) return NO_PARTS;
    const e = this.entryOf(shape.ending);
    const endings = e < 0 ? 0 : this.entryEndings[e];
    if (endings <= (this.inVocab(lexId) ? 1 : 0)) return NO_PARTS;
    const heads = shared.heads(lexId, shape);
    for (let h = 0; h < heads.length; h++) {
      const head = heads[h];
      if (!this.inVocab(head)) continue;
      // A modifier is a word form ("friedens"); its stem is what the vocabulary holds ("fried").
      // Stems are looked up only when no form itself is known.
      const modifier = shared.modifier(lexId, shape, h);
      let found = -1;
      for (let f = 0; f < modifier.ids.length && found < 0; f++) if (modifier.long[f] === 1 && this.inVocab(modifier.ids[f])) found = modifier.ids[f];
      if (found < 0) {
        const stems = shared.stems(modifier, this.language);
        for (let f = 0; f < stems.length && found < 0; f++) if (this.inVocab(stems[f])) found = stems[f];
      }
      return found >= 0 ? [found, head] : MIN_HEAD + h >= 5 ? [head] : NO_PARTS;
    }
    return NO_PARTS;
  }

  /** Whether a term id stands for a number ("#28"), not a word. */
  isNumber(id: number): boolean {
    const lexId = this.termLexIds[id];
    return lexId !== undefined && isNumberTerm(this.lexicon.spelling(lexId));
  }

  /** The id a term has in this space, if it has one. */
  idOf(term: string): number | undefined {
    const lexId = this.lexicon.known(term);
    if (lexId === undefined) return undefined;
    this.claim();
    const e = this.entryOf(lexId);
    return e < 0 || this.entryTerm[e] < 0 ? undefined : this.entryTerm[e];
  }

  expand(terms0: string[]): string[] {
    const terms = terms0.map((t) => this.key(t));
    const out = new Set(terms);
    for (const t of terms) for (const p of this.split(t)) out.add(p);
    return [...out];
  }

  vector(s: SentenceFeatures): SentenceVector {
    return this.vectorOf(s, this.keysOf(s.terms));
  }

  /**
   * The vectors of document `doc`'s sentences as given to the constructor, null for those without content:
   * `vector` of each, from the keys counted there (not worked out again).
   */
  vectorsOf(doc: number, sentences: readonly SentenceFeatures[]): Array<SentenceVector | null> {
    const keys = this.sentenceKeys[doc];
    const out: Array<SentenceVector | null> = [];
    this.claim();
    const once = doc < this.onceDocs;
    for (let i = 0; i < sentences.length; i++) {
      if (keys[i] === null) {
        out.push(null);
        continue;
      }
      const v = this.vectorOf(sentences[i], keys[i]!);
      v.pendingOnce = once;
      out.push(v);
    }
    return out;
  }

  private vectorOf(s: SentenceFeatures, keys: readonly number[]): SentenceVector {
    const v = this.bagOfKeys(keys, s.quantities);
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
    v.clauses = clauses.map((c) => v.space!.bag(c, NO_QUANTITIES, !v.pendingOnce));
    v.pendingClauses = undefined;
  }

  /** Adds the ids of expand(terms) to a set: keys, then compound parts. */
  addExpandedIds(terms0: string[], into: Set<number>): void {
    this.addExpandedKeys(this.keysOf(terms0), into);
  }

  /** addExpandedIds of the terms of sentence i of document doc as given to the constructor. */
  addExpandedIdsOf(doc: number, i: number, into: Set<number>): void {
    this.claim();
    this.addExpandedKeys(this.sentenceKeys[doc][i] ?? this.keysOfIds(this.lexIdsOf(doc, i)), into);
  }

  /** The lexicon ids of sentence i of document doc as given to the constructor. */
  private lexIdsOf(doc: number, i: number): Int32Array {
    const { vocabulary, words, starts } = this.documents[doc];
    const ids = new Int32Array(starts[i + 1] - starts[i]);
    for (let j = 0; j < ids.length; j++) ids[j] = vocabulary[words[starts[i] + j]];
    return ids;
  }

  private addExpandedKeys(keys: readonly number[], into: Set<number>): void {
    for (let j = 0; j < keys.length; j++) into.add(keys[j]);
    for (let j = 0; j < keys.length; j++) {
      const parts = this.partIds(keys[j]);
      for (let q = 0; q < parts.length; q++) into.add(parts[q]);
    }
  }

  /** IDF by term id, filled on first use. */
  private idfs = new Float64Array(0);

  /** Room in `idfs` for every id assigned so far. */
  private reserve(): void {
    const size = this.termLexIds.length;
    if (this.idfs.length >= size) return;
    this.idfs = grown(this.idfs, Math.max(size, this.idfs.length * 2), NaN);
  }

  private idfOf(id: number): number {
    // NaN marks an IDF not computed yet (an IDF is always a finite number).
    let w = this.idfs[id];
    if (Number.isNaN(w)) this.idfs[id] = w = this.idfById(id);
    return w;
  }

  private bag(terms0: string[], quantities: readonly QuantityFeature[], remember = true): SentenceVector {
    return this.bagOfKeys(this.keysOf(terms0, remember), quantities);
  }

  private bagOfKeys(keys: readonly number[], quantities: readonly QuantityFeature[]): SentenceVector {
    const list: number[] = [];
    // Ids are assigned (to keys and parts) before the scratch arrays are sized.
    for (let j = 0; j < keys.length; j++) this.partIds(keys[j]);
    this.reserve();
    // The bag that last saw a term id, and the weight it gave it.
    const { bag: seenIn, weight: weightOf } = scratchFor(this.termLexIds.length);
    const bag = marks(1) + 1;
    for (let j = 0; j < keys.length; j++) {
      const id = keys[j];
      if (seenIn[id] === bag) continue;
      seenIn[id] = bag;
      weightOf[id] = this.idfOf(id);
      list.push(id);
    }
    for (let j = 0; j < keys.length; j++) {
      const parts = this.partIds(keys[j]);
      for (let q = 0; q < parts.length; q++) {
        const id = parts[q];
        if (seenIn[id] === bag) continue;
        seenIn[id] = bag;
        weightOf[id] = this.idfOf(id) * 0.8;
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
      const w = weightOf[ids[i]];
      ws.push(w);
      sq += w * w;
      total += w;
    }
    // Every field set here, so all vectors share one shape.
    return { ids, ws, norm: Math.sqrt(sq), total, quantities, informative: this.informativeWeight, clauses: NO_CLAUSES, floor: NaN, pendingClauses: undefined, space: undefined, pendingOnce: false };
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
  if (!Number.isNaN(v.floor)) return v.floor;
  TermSpace.buildClauses(v);
  if (v.clauses.length === 0) return (v.floor = v.norm);
  let min = Infinity;
  const clauses = v.clauses;
  for (let i = 0; i < clauses.length; i++) if (clauses[i].norm > 0 && clauses[i].norm < min) min = clauses[i].norm;
  return (v.floor = min);
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

/**
 * Completes what similarityMatrix(rows, cols, min, partial) left short: each pair marked in `partial` gets
 * completeSimilarity of its entry, in place. Its clauses are compared through the postings of the marked
 * columns' clauses (a column without clauses stands as itself), each row's clause summed against all of them
 * in one pass over its terms: pairs of clauses sharing no term cost nothing, where comparing each pair merges
 * both term lists. The same figures, bit for bit: the shared weight is summed in ascending term id order, as
 * cosine sums it, and the best of the pair's clause cosines is taken.
 */
export function completeSimilarities(rows: ReadonlyArray<SentenceVector | null>, cols: ReadonlyArray<SentenceVector | null>, sims: Float64Array[], partial: ReadonlyArray<Uint8Array | null>): void {
  const wanted = new Uint8Array(cols.length);
  let any = false;
  for (let i = 0; i < partial.length; i++) {
    const marks = partial[i];
    if (!marks) continue;
    for (let k = 0; k < marks.length; k++)
      if (marks[k]) {
        wanted[k] = 1;
        any = true;
      }
  }
  if (!any) return;
  // The marked columns' clauses (or the column itself), and the column each stands for.
  const units: SentenceVector[] = [];
  const owner: number[] = [];
  for (let k = 0; k < cols.length; k++) {
    if (!wanted[k]) continue;
    const c = cols[k]!;
    TermSpace.buildClauses(c);
    if (c.clauses.length === 0) {
      units.push(c);
      owner.push(k);
    } else
      for (let u = 0; u < c.clauses.length; u++) {
        units.push(c.clauses[u]);
        owner.push(k);
      }
  }
  const postings = postingsOf(units);
  const meeting = meetingOf(units.length);
  const { dot, shared, informative, met } = meeting;
  const best = new Float64Array(cols.length);
  for (let i = 0; i < rows.length; i++) {
    const marks = partial[i];
    if (!marks) continue;
    const a = rows[i]!;
    TermSpace.buildClauses(a);
    const row = sims[i];
    for (let k = 0; k < row.length; k++) if (marks[k]) best[k] = row[k];
    const na = a.clauses.length || 1;
    for (let x = 0; x < na; x++) {
      const r = a.clauses.length ? a.clauses[x] : a;
      if (r.norm === 0) continue;
      const nMet = meet(r, postings, units, meeting);
      for (let m = 0; m < nMet; m++) {
        const u = met[m];
        const k = owner[u];
        if (marks[k] && units[u].norm !== 0) {
          const c = cosineOf(r, units[u], 0, dot[u], shared[u], informative[u]) * SIMILARITY.clause;
          if (c > best[k]) best[k] = c;
        }
        dot[u] = 0;
        shared[u] = 0;
        informative[u] = 0;
      }
    }
    for (let k = 0; k < row.length; k++) if (marks[k]) row[k] = best[k];
  }
}

/**
 * Per term id, the columns whose vectors hold it, in column order, and the weight each gives it: term id t's
 * entries are [start[t], start[t + 1]) of `cols` and `ws` (ids are small and dense). Three flat arrays, not a
 * pair of lists per term: a comparison makes these for every outlet, and the lists were most of what it allocated.
 */
export interface Postings {
  start: Int32Array;
  cols: Int32Array;
  ws: Float64Array;
}

/**
 * One row's sums against every vector of a Postings: each vector's dot product with the row, how many terms they
 * share and how many of those are informative, and the vectors met, in the order first met (the order the
 * similarities are worked out in). The caller reads the met vectors' sums and sets them back to 0.
 */
interface Meeting {
  dot: Float64Array;
  shared: Int32Array;
  informative: Int32Array;
  met: Int32Array;
}

function meetingOf(size: number): Meeting {
  return { dot: new Float64Array(size), shared: new Int32Array(size), informative: new Int32Array(size), met: new Int32Array(size) };
}

/** Sums row `r` against the vectors of `postings` (made of `vectors`) into `m`, term by term in ascending id order; returns how many it met. */
function meet(r: SentenceVector, postings: Postings, vectors: ReadonlyArray<SentenceVector | null>, m: Meeting): number {
  const { start, cols, ws } = postings;
  const { dot, shared, informative, met } = m;
  // Ids from here on are in no vector.
  const top = start.length - 1;
  let nMet = 0;
  for (let t = 0; t < r.ids.length; t++) {
    const id = r.ids[t];
    if (id >= top) continue;
    const wa = r.ws[t];
    const rare = wa >= r.informative;
    for (let n = start[id], end = start[id + 1]; n < end; n++) {
      const k = cols[n];
      const wb = ws[n];
      if (shared[k] === 0) met[nMet++] = k;
      if (rare || wb >= vectors[k]!.informative) informative[k]++;
      dot[k] += wa * wb;
      shared[k]++;
    }
  }
  return nMet;
}

export function postingsOf(cols: ReadonlyArray<SentenceVector | null>): Postings {
  let max = -1;
  let entries = 0;
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    if (!c) continue;
    entries += c.ids.length;
    for (let i = 0; i < c.ids.length; i++) if (c.ids[i] > max) max = c.ids[i];
  }
  // Counted per id, then each id's entries placed in column order (a vector holds an id once).
  const start = new Int32Array(max + 2);
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    if (c) for (let i = 0; i < c.ids.length; i++) start[c.ids[i] + 1]++;
  }
  for (let t = 0; t <= max; t++) start[t + 1] += start[t];
  const fill = start.slice(0, max + 1);
  const colsOf = new Int32Array(entries);
  const ws = new Float64Array(entries);
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    if (!c) continue;
    for (let i = 0; i < c.ids.length; i++) {
      const at = fill[c.ids[i]]++;
      colsOf[at] = k;
      ws[at] = c.ws[i];
    }
  }
  return { start, cols: colsOf, ws };
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
  const meeting = meetingOf(cols.length);
  const { dot, shared, informative, met } = meeting;
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
    const nMet = meet(r, postings, cols, meeting);
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
