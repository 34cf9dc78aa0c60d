/**
 * A corpus's whole term index held in the worker's memory (the store's
 * `LookupCache.resident`), ranked without splitting strings on every lookup.
 */
import type { QueryTerm } from './term-index';
import { chunkIds } from './postings-layout';

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

  constructor(private readonly chunks: Map<string, Array<string | string[]>>) {}

  /** Distinct terms held. */
  get terms(): number {
    this.takeUntil(Infinity);
    let both = 0;
    for (const term of this.chunks.keys()) if (this.parsed.has(term)) both++;
    return this.chunks.size + this.parsed.size - both;
  }

  /** A term's ids as numbers of `ids`, in stored order; undefined for a term with no postings. */
  private postingsOf(term: string): Int32Array | undefined {
    if (this.pending.length > 0) this.takeUntil(Infinity);
    const chunks = this.chunks.get(term);
    const known = this.parsed.get(term);
    if (!chunks) return known;
    const list = chunks.length === 1 ? chunkIds({ ids: chunks[0] }) : chunks.flatMap((ids) => chunkIds({ ids }));
    // Ids added after the term was parsed (see `add`) follow its parsed ones.
    const before = known?.length ?? 0;
    const numbers = new Int32Array(before + list.length);
    if (known) numbers.set(known);
    for (let i = 0; i < list.length; i++) numbers[before + i] = this.numberFor(list[i]);
    this.parsed.set(term, numbers);
    this.chunks.delete(term);
    return numbers;
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
          // A copy: the write's own lists are not this index's to keep. A parsed term's new ids wait beside its numbers, joined
          // to them once, when parsed (`postingsOf`): joining each part at once copied a frequent term's numbers ~170 times.
          const chunks = this.chunks.get(term);
          if (chunks) chunks.push(ids.slice());
          else this.chunks.set(term, [ids.slice()]);
        }
        if (++n % 256 === 0 && performance.now() >= deadline) return false;
      }
      this.pending.shift();
      this.taking = null;
    }
    return true;
  }

  /** Terms whose ids are not parsed yet, and writes not taken in. */
  get unparsed(): number {
    return this.chunks.size + this.pending.length;
  }

  /**
   * Parses terms no lookup has asked for yet, until `performance.now()`
   * reaches `deadline` (each term whole, so a slice may overrun by one); true
   * while some are left. Called a slice at a time once the index is read:
   * a term's first lookup otherwise parses it then, on the request's path
   * (Chromium, 10,000 articles: ~5 ms of a no-story page's lookup for its
   * ~10,000 ids).
   */
  parseUntil(deadline: number): boolean {
    if (!this.takeUntil(deadline)) return true;
    // Deleting the entry being visited (postingsOf) leaves a Map's iteration on the next one.
    for (const term of this.chunks.keys()) {
      this.postingsOf(term);
      if (performance.now() >= deadline) break;
    }
    return this.chunks.size > 0;
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
