/**
 * The corpus manager's text search over texts kept between searches: each
 * stored article's outlet, title, address and text lower-cased, field by
 * field (what articleHasText answers for), read once per generation of the
 * store while the reader types. Reading every article out of IndexedDB for each letter
 * typed made garbage of the whole corpus each time (its features too): in
 * Firefox the background shares the corpus manager's thread, and the
 * collections that garbage started stalled the manager's filter for 82–158 ms
 * (session 21's Gecko profiles). A letter typed on (the last query inside
 * the new one) looks only among the last query's matches.
 *
 * The texts are kept only up to `keepChars` (a corpus larger than that is
 * searched as before, article by article as read), and let go `keepMs` after
 * the last search, or when the service writes.
 */
import type { Article } from '../lib/article/article';
import { articleHasText } from '../lib/article/text-search';
import { ProblemError } from '../lib/i18n/problem-messages';

/** A search's answer: the ids found and the others, each in the store's id order. */
export interface KeptSearchAnswer {
  hits: string[];
  misses: string[];
}

/** An article's outlet, title, address and text, each lower-cased. */
type Fields = [string, string, string, string];

interface Kept {
  generation: number;
  ids: string[];
  texts: Fields[];
  /** The last query and the indices (ascending) of the texts it matched. */
  last: { needle: string; hits: number[] } | null;
}

export interface KeptSearchOptions {
  /** Text kept at most (characters); a corpus with more is searched without keeping anything. */
  keepChars: number;
  /** How long the texts stay after the last search (ms). */
  keepMs: number;
  /** Text looked through between two pauses (characters). */
  sliceChars: number;
  /** Lets the event loop run between slices. */
  pause: () => Promise<void>;
}

/** What a search reads of the store: its generation now, and every article as `take` makes it, in id order (readInPages). */
export interface KeptSearchSource {
  generation: () => Promise<number>;
  readAll: <T>(take: (article: Article) => T) => Promise<T[]>;
}

/**
 * Each field lower-cased on its own, not the joined string: lower-casing a joined copy made a flat copy of the text besides
 * the lower-cased one (garbage the size of the corpus's text). The same answers: see articleHasText.
 */
const lowered = (a: Article): Fields => [a.outlet.toLowerCase(), a.title.toLowerCase(), (a.url ?? '').toLowerCase(), a.raw.toLowerCase()];
const charsOf = (f: Fields) => f[0].length + f[1].length + f[2].length + f[3].length;

/** Whether the lower-cased fields hold `needle`: one without a space lies within one field; one with a space is looked for in the fields joined. */
const holds = (f: Fields, needle: string, spaced: boolean) =>
  spaced ? `${f[0]} ${f[1]} ${f[2]} ${f[3]}`.includes(needle) : f[3].includes(needle) || f[1].includes(needle) || f[0].includes(needle) || f[2].includes(needle);

export function keptSearch(options: KeptSearchOptions) {
  let kept: Kept | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drop = () => {
    clearTimeout(timer);
    kept = null;
  };
  const keepAWhile = () => {
    clearTimeout(timer);
    timer = setTimeout(drop, options.keepMs);
  };
  const cancelled = () => new ProblemError({ kind: 'cancelled' });

  /** The texts of `source` read now, with whether they were found; kept when they fit and the store did not change meanwhile. */
  const readTexts = async (source: KeptSearchSource, needle: string, superseded: () => boolean): Promise<KeptSearchAnswer> => {
    const generation = await source.generation();
    let chars = 0;
    const spaced = needle.includes(' ');
    // Each article lower-cased while the texts fit; past keepChars (nothing will be kept) as articleHasText does, without a copy.
    const read = await source.readAll((a): [string, boolean, Fields | null] => {
      if (chars > options.keepChars) return [a.id, articleHasText(a, needle), null];
      const text = lowered(a);
      chars += charsOf(text);
      return [a.id, holds(text, needle, spaced), text];
    });
    const hits: string[] = [];
    const misses: string[] = [];
    const found: number[] = [];
    let whole = chars <= options.keepChars;
    for (let i = 0; i < read.length; i++) {
      const [id, hit, text] = read[i];
      if (hit) {
        hits.push(id);
        found.push(i);
      } else misses.push(id);
      if (text === null) whole = false;
    }
    if (whole && !superseded() && (await source.generation()) === generation) {
      kept = { generation, ids: read.map((r) => r[0]), texts: read.map((r) => r[2]!), last: { needle, hits: found } };
    }
    return { hits, misses };
  };

  /** Looks through the kept texts (the last query's matches where it lies inside this one), pausing every sliceChars. */
  const searchKept = async (k: Kept, needle: string, superseded: () => boolean): Promise<KeptSearchAnswer> => {
    const within = k.last && needle.includes(k.last.needle) ? k.last.hits : null;
    const spaced = needle.includes(' ');
    const count = within ? within.length : k.texts.length;
    const found: number[] = [];
    let chars = 0;
    for (let j = 0; j < count; j++) {
      const i = within ? within[j] : j;
      const text = k.texts[i];
      if (holds(text, needle, spaced)) found.push(i);
      chars += charsOf(text);
      if (chars >= options.sliceChars) {
        chars = 0;
        await options.pause();
        if (superseded()) throw cancelled();
      }
    }
    k.last = { needle, hits: found };
    const hits: string[] = [];
    const misses: string[] = [];
    for (let i = 0, f = 0; i < k.ids.length; i++) {
      if (f < found.length && found[f] === i) {
        hits.push(k.ids[i]);
        f++;
      } else misses.push(k.ids[i]);
    }
    return { hits, misses };
  };

  return {
    /** Lets the texts go (the service wrote). */
    drop,
    /**
     * The articles holding `needle` (lower-cased), and the others. Rejects
     * with a 'cancelled' problem once `superseded` says a newer search started.
     */
    async search(source: KeptSearchSource, needle: string, superseded: () => boolean): Promise<KeptSearchAnswer> {
      try {
        const k = kept;
        if (k && (await source.generation()) === k.generation) {
          if (superseded()) throw cancelled();
          return await searchKept(k, needle, superseded);
        }
        drop();
        return await readTexts(source, needle, superseded);
      } finally {
        if (kept) keepAWhile();
      }
    },
  };
}
