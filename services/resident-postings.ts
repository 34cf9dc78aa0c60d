/**
 * A corpus's whole term index held in the worker's memory (the store's
 * `LookupCache.resident`), ranked without splitting strings on every lookup.
 */
import type { QueryTerm } from './term-index';
import { chunkIds } from './postings-layout';

/** A chunk's ids as stored, or a write's list (see `ResidentPostings.add`). */
function idsIn(chunk: string | readonly string[]): readonly string[] {
  return typeof chunk === 'string' ? chunkIds({ ids: chunk }) : chunk;
}

/** Ids numbered (`ResidentPostings.finish`) between two looks at the clock: ~0.1 ms. */
const ID_BATCH = 1024;

/**
 * Every term's postings as read from the store (term → its chunks' ids, in
 * chunk order). A term's ids are parsed the first time a lookup asks for
 * them, or before, a slice at a time while the worker is idle (`parseUntil`),
 * into numbers of one table of ids, and kept: a lookup then adds up
 * weights in a typed array instead of splitting its terms' chunk strings
 * (~10,000 ids) and counting them in a map keyed by strings again each time
 * (Chromium, 10,000 articles: 7–8 ms of a no-story page's lookup). Parsed,
 * a term's chunk strings are let go. Lives and dies with the generation it was
 * read for, as the cache that holds it, but for a write that only added
 * postings (`add`).
 */
export class ResidentPostings {
  /** Article id of each number, numbered in the order met. */
  private readonly ids: string[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly parsed = new Map<string, Int32Array>();
  /** Scores by id number and whether scored, reused from lookup to lookup (cleared where touched). */
  private scores = new Float64Array(0);
  private scored = new Uint8Array(0);

  /** Writes' postings not taken in yet (see `add`), oldest first, and where the taking of the first stopped. */
  private readonly pending: Array<ReadonlyMap<string, readonly string[]>> = [];
  private taking: Iterator<[string, readonly string[]]> | null = null;
  /**
   * The term `parseUntil` stopped inside (its chunks out of `chunks`; ids a
   * write adds meanwhile wait there again): its ids, those numbered so far
   * into `numbers` after the `before` it held parsed, and where it stopped.
   */
  private partial: { term: string; list: readonly string[]; numbers: Int32Array; before: number; at: number } | null = null;

  constructor(private readonly chunks: Map<string, Array<string | readonly string[]>>) {}

  /** Distinct terms held. */
  get terms(): number {
    this.takeUntil(Infinity);
    const all = new Set([...this.chunks.keys(), ...this.parsed.keys()]);
    if (this.partial) all.add(this.partial.term);
    return all.size;
  }

  /** A term's ids as numbers of `ids`, in stored order; undefined for a term with no postings. */
  private postingsOf(term: string): Int32Array | undefined {
    if (this.pending.length > 0) this.takeUntil(Infinity);
    if (this.partial?.term === term) this.finish(this.partial, Infinity);
    if (!this.chunks.has(term)) return this.parsed.get(term);
    const parsing = this.start(term);
    this.finish(parsing, Infinity);
    return parsing.numbers;
  }

  /** A term's chunks taken out of `chunks` to be numbered (`finish`), after the ids it holds parsed, which its numbers start with. */
  private start(term: string): NonNullable<ResidentPostings['partial']> {
    const chunks = this.chunks.get(term)!;
    this.chunks.delete(term);
    const list = chunks.length === 1 ? idsIn(chunks[0]) : chunks.flatMap(idsIn);
    // Ids added after the term was parsed (see `add`) follow its parsed ones.
    const known = this.parsed.get(term);
    const before = known?.length ?? 0;
    const numbers = new Int32Array(before + list.length);
    if (known) numbers.set(known);
    return { term, list, numbers, before, at: 0 };
  }

  /**
   * Numbers a started term's ids until `performance.now()` reaches `deadline`
   * (looked at every ID_BATCH ids), and keeps its numbers once all are:
   * true then. Left unfinished, it is the `partial` term.
   */
  private finish(parsing: NonNullable<ResidentPostings['partial']>, deadline: number): boolean {
    const { list, numbers, before } = parsing;
    for (let i = parsing.at; i < list.length; ) {
      const end = Math.min(list.length, i + ID_BATCH);
      for (; i < end; i++) numbers[before + i] = this.numberFor(list[i]);
      if (i < list.length && performance.now() >= deadline) {
        parsing.at = i;
        this.partial = parsing;
        return false;
      }
    }
    this.parsed.set(parsing.term, numbers);
    if (this.partial === parsing) this.partial = null;
    return true;
  }

  /** The number of an id, given the next one when it is new. */
  private numberFor(id: string): number {
    let n = this.numberOf.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.numberOf.set(id, n);
    }
    return n;
  }

  /**
   * Appends a write's new postings (term → the ids it indexed under the term)
   * after each term's held ones: a write that only adds (an import) leaves
   * the index in memory holding what a fresh read of the store would, instead
   * of having it read again. (The store appends them to the chunk the term's
   * frequency points to, which after deletions may not be its last: the order
   * of a term's ids changes no ranking, see `rank`.)
   */
  add(added: ReadonlyMap<string, readonly string[]>): void {
    // Taken in later, while idle (`parseUntil`) or by the next lookup: an import of 50,000 articles commits ~170 parts,
    // ~2 M term lists, which taken in at once held the worker for seconds as the import finished.
    if (added.size > 0) this.pending.push(added);
  }

  /** The writes' postings taken in, each term's ids after its held ones, until `deadline`; true when none is left. */
  private takeUntil(deadline: number): boolean {
    let n = 0;
    while (this.pending.length > 0) {
      const taking = (this.taking ??= this.pending[0].entries());
      for (let next = taking.next(); !next.done; next = taking.next()) {
        const [term, ids] = next.value;
        if (ids.length > 0) {
          // The write's own list, not a copy: nothing changes a write's lists once it has committed, and copies of a 50,000
          // import's ~4 M ids lived until parsed, through young-generation collections of ~15 ms each (Node). A parsed term's
          // new ids wait beside its numbers, joined to them once, when parsed (`postingsOf`): joining each part at once copied a
          // frequent term's numbers ~170 times.
          const chunks = this.chunks.get(term);
          if (chunks) chunks.push(ids);
          else this.chunks.set(term, [ids]);
        }
        if (++n % 256 === 0 && performance.now() >= deadline) return false;
      }
      this.pending.shift();
      this.taking = null;
    }
    return true;
  }

  /** Terms whose ids are not parsed yet (the one stopped inside too), and writes not taken in. */
  get unparsed(): number {
    return this.chunks.size + this.pending.length + (this.partial ? 1 : 0);
  }

  /**
   * Parses terms no lookup has asked for yet, until `performance.now()`
   * reaches `deadline`, stopping inside a term (`partial`, ID_BATCH ids at a
   * time) where a slice that parsed a term whole overran by its ~13,000 ids at
   * 50,000 articles; true while some are left. Called a slice at a time once
   * the index is read: a term's first lookup otherwise parses it then, on the
   * request's path (Chromium, 10,000 articles: ~5 ms of a no-story page's
   * lookup for its ~10,000 ids).
   */
  parseUntil(deadline: number): boolean {
    if (!this.takeUntil(deadline)) return true;
    for (;;) {
      if (!this.partial) {
        const next = this.chunks.keys().next();
        if (next.done) return false;
        this.partial = this.start(next.value);
      }
      if (!this.finish(this.partial, deadline) || performance.now() >= deadline) return this.unparsed > 0;
    }
  }

  /** The ids of one term, in stored order (for tests and callers that want strings). */
  idsOf(term: string): string[] | undefined {
    const numbers = this.postingsOf(term);
    return numbers && Array.from(numbers, (n) => this.ids[n]);
  }

  /**
   * `rankCandidates(query, postings of the query's terms, limit)`, the same
   * ids in the same order: each id's weights summed in the same order (query
   * order), the best `limit` by score, ties by id.
   */
  rank(query: readonly QueryTerm[], limit: number): string[] {
    const lists: Array<Int32Array | undefined> = query.map((q) => this.postingsOf(q.term));
    if (this.scores.length < this.ids.length) {
      const size = Math.max(this.ids.length, this.scores.length * 2);
      this.scores = new Float64Array(size);
      this.scored = new Uint8Array(size);
    }
    const { scores, scored } = this;
    // The ids scored, each once, in the order first met.
    const touched: number[] = [];
    for (let t = 0; t < query.length; t++) {
      const list = lists[t];
      if (!list) continue;
      const w = query[t].weight;
      for (let i = 0; i < list.length; i++) {
        const n = list[i];
        if (scored[n] === 0) {
          scored[n] = 1;
          touched.push(n);
        }
        scores[n] += w;
      }
    }
    const keep = Math.max(0, limit);
    let min = -Infinity;
    if (keep > 0 && touched.length > 2 * keep) {
      const sorted = new Float64Array(touched.length);
      for (let i = 0; i < touched.length; i++) sorted[i] = scores[touched[i]];
      sorted.sort();
      min = sorted[sorted.length - keep];
    }
    const ranked: Array<[string, number]> = [];
    for (let i = 0; i < touched.length; i++) {
      const n = touched[i];
      if (scores[n] >= min) ranked.push([this.ids[n], scores[n]]);
      scores[n] = 0;
      scored[n] = 0;
    }
    return ranked
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, keep)
      .map(([id]) => id);
  }
}
