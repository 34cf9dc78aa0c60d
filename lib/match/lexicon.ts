/**
 * Integer ids of term spellings, shared by every comparison of a process: a
 * term space is built for each pair of articles compared, and an article meets
 * many (a stored one, every new article of its story in an import), so its
 * terms are hashed as strings once, here, and each pair works on small ints.
 * Ids are dense (0, 1, 2, …): arrays indexed by them stand in for maps.
 */
export class Lexicon {
  private readonly ids = new Map<string, number>();
  private readonly spellings: string[] = [];
  /** Per list of terms (a sentence's or a clause's, by identity), their ids: features are plain data met again and again. */
  private readonly lists = new WeakMap<readonly string[], Int32Array>();

  /** How many ids are given. */
  get size(): number {
    return this.spellings.length;
  }

  /** The id of a spelling, given on first use. */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.spellings.length;
      this.ids.set(term, id);
      this.spellings.push(term);
    }
    return id;
  }

  /** The id of a spelling if it has one (none is given). */
  known(term: string): number | undefined {
    return this.ids.get(term);
  }

  spelling(id: number): string {
    return this.spellings[id];
  }

  /**
   * The ids of a list's terms, in its order (worked out once per list: do not change a list after its first use).
   * `remember: false` for a list met in one comparison only (a page's): they are worked out and not kept, since
   * keeping a list in the weak map costs several times what working its ids out does.
   */
  idsOf(terms: readonly string[], remember = true): Int32Array {
    let out = remember ? this.lists.get(terms) : undefined;
    if (out === undefined) {
      out = new Int32Array(terms.length);
      for (let i = 0; i < terms.length; i++) out[i] = this.id(terms[i]);
      if (remember) this.lists.set(terms, out);
    }
    return out;
  }
}

/**
 * Spellings a lexicon holds before a new one replaces it: ids are never taken
 * back, and a long-lived background meets ever new words (and the compound
 * heads of its terms get ids too). What holds the old one keeps using it.
 */
const MAX_SPELLINGS = 1_000_000;

let shared = new Lexicon();

/** The lexicon new term spaces use (a new one once the current is full). */
export function currentLexicon(): Lexicon {
  if (shared.size >= MAX_SPELLINGS) shared = new Lexicon();
  return shared;
}
