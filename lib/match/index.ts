import type { ArticleFeatures } from './features';

/** How many of an article's terms go into the index: the ones its reporting repeats most. */
export const INDEX_TERMS = 48;
/** How many of the page's terms are looked up. */
export const QUERY_TERMS = 24;

/** An article's entry: its id and the terms it is found by. Plain data, storable beside the article. */
export interface IndexEntry {
  id: string;
  terms: string[];
}

/** The terms an article is indexed and looked up by: most frequent content terms, longer ones first on ties. */
export function indexTerms(features: ArticleFeatures, limit = INDEX_TERMS): string[] {
  return Object.entries(features.termFreq)
    .filter(([t]) => t.length >= 3)
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([t]) => t);
}

export function indexEntry(id: string, features: ArticleFeatures): IndexEntry {
  return { id, terms: indexTerms(features) };
}

/**
 * Inverted index over articles' characteristic terms, so a page is compared
 * only with articles that share some of its own: the story decision then
 * reads a few dozen articles, not the whole corpus. Lookup weighs shared terms
 * by inverse document frequency, so terms every article has (the protagonists
 * of a long-running story) count little.
 */
export class CandidateIndex {
  private readonly postings = new Map<string, Set<string>>();
  private readonly entries = new Map<string, string[]>();

  constructor(entries: IndexEntry[] = []) {
    for (const e of entries) this.add(e);
  }

  get size(): number {
    return this.entries.size;
  }

  add(entry: IndexEntry): void {
    this.remove(entry.id);
    this.entries.set(entry.id, entry.terms);
    for (const t of entry.terms) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Set()));
      p.add(entry.id);
    }
  }

  remove(id: string): void {
    const terms = this.entries.get(id);
    if (!terms) return;
    this.entries.delete(id);
    for (const t of terms) {
      const p = this.postings.get(t);
      p?.delete(id);
      if (p && p.size === 0) this.postings.delete(t);
    }
  }

  /** Ids of the articles sharing the most (IDF-weighted) characteristic terms with the page, best first. */
  candidates(page: ArticleFeatures, limit = 30, minShared = 2): string[] {
    const n = this.entries.size;
    if (n === 0) return [];
    const score = new Map<string, number>();
    const shared = new Map<string, number>();
    for (const t of indexTerms(page, QUERY_TERMS)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = Math.log(1 + n / p.size);
      for (const id of p) {
        score.set(id, (score.get(id) ?? 0) + idf);
        shared.set(id, (shared.get(id) ?? 0) + 1);
      }
    }
    return [...score]
      .filter(([id]) => (shared.get(id) ?? 0) >= minShared)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([id]) => id);
  }

  toJSON(): IndexEntry[] {
    return [...this.entries].map(([id, terms]) => ({ id, terms }));
  }
}
