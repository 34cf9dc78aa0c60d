import { deu, eng } from 'stopword';
import type { Article } from '../article/article';
import type { AnnotatedSentence, Annotation, MissingPoint, OutletRef, Page } from './types';

/**
 * The plain comparison every engine change is measured against: bag-of-words
 * cosine over lower-cased words (stopwords dropped unless asked to keep them,
 * no stemming, no compound splitting, no cleaning of captions or comments)
 * with fixed thresholds.
 */
export const BASELINE_THRESHOLDS = { story: 0.25, agree: 0.3, missing: 0.2, duplicate: 0.95 };

const STOP = new Set([...deu, ...eng].map((w: string) => w.toLowerCase()));

type Bag = Map<string, number>;

export interface BaselineOptions {
  /** Drop stopwords (the default); kept, the baseline is plain word overlap in the strictest sense. */
  dropStopwords?: boolean;
}

function bag(text: string, dropStopwords = true): Bag {
  const b: Bag = new Map();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (dropStopwords && STOP.has(w)) continue;
    b.set(w, (b.get(w) ?? 0) + 1);
  }
  return b;
}

function cosine(a: Bag, b: Bag): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, n] of a) {
    na += n * n;
    const m = b.get(w);
    if (m) dot += n * m;
  }
  for (const n of b.values()) nb += n * n;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

interface Piece {
  start: number;
  end: number;
  bag: Bag;
}

/** Sentences by punctuation and line breaks, skipping header lines. */
function pieces(text: string, dropStopwords: boolean): Piece[] {
  const header = /^(?:[a-z][\w-]*:[^\n]*\n)+\s*\n/i.exec(text);
  const from = header ? header[0].length : 0;
  const out: Piece[] = [];
  for (const m of text.slice(from).matchAll(/[^\n.!?]+[.!?]*/g)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const start = from + (m.index ?? 0) + lead;
    const end = start + raw.trim().length;
    const b = bag(raw, dropStopwords);
    if (b.size >= 2) out.push({ start, end, bag: b });
  }
  return out;
}

export function baselineAnnotate(page: Page, corpus: Article[], opts: BaselineOptions = {}): Annotation {
  const drop = opts.dropStopwords ?? true;
  const pagePieces = pieces(page.text, drop);
  const pageBag = bag(page.text, drop);
  const outlets: OutletRef[] = [];
  const same: Array<{ doc: string; pieces: Piece[] }> = [];
  for (const a of corpus) {
    const sim = cosine(pageBag, bag(a.raw, drop));
    if (sim >= BASELINE_THRESHOLDS.duplicate) continue;
    const doc = a.file ?? a.id;
    if (sim >= BASELINE_THRESHOLDS.story) {
      outlets.push({ doc, label: a.outlet, sameStory: true });
      same.push({ doc, pieces: pieces(a.raw, drop) });
    }
  }
  const match = same.length ? 'same' : 'none';
  const sentences: AnnotatedSentence[] = !same.length
    ? []
    : pagePieces.map((p) => {
        const relations: AnnotatedSentence['relations'] = {};
        for (const o of same) {
          let best = -1;
          let bestSim = 0;
          o.pieces.forEach((q, k) => {
            const s = cosine(p.bag, q.bag);
            if (s > bestSim) {
              bestSim = s;
              best = k;
            }
          });
          relations[o.doc] =
            bestSim >= BASELINE_THRESHOLDS.agree
              ? { relation: 'agree', evidence: [[o.pieces[best].start, o.pieces[best].end]] }
              : { relation: 'omits' };
        }
        return { start: p.start, end: p.end, relations };
      });
  const missing: MissingPoint[] = [];
  for (const o of same)
    for (const q of o.pieces) {
      const covered = pagePieces.some((p) => cosine(p.bag, q.bag) >= BASELINE_THRESHOLDS.missing);
      if (!covered) missing.push({ sources: [{ doc: o.doc, start: q.start, end: q.end }] });
    }
  return { story: { match }, outlets, sentences, missing };
}

/** The baseline's story decision alone: the corpus articles whose whole-text cosine with the page reaches its story threshold. */
export function baselineStory(page: Page, corpus: Article[], opts: BaselineOptions = {}): Array<{ doc: string; similarity: number }> {
  const drop = opts.dropStopwords ?? true;
  const pageBag = bag(page.text, drop);
  const out: Array<{ doc: string; similarity: number }> = [];
  for (const a of corpus) {
    const sim = cosine(pageBag, bag(a.raw, drop));
    if (sim >= BASELINE_THRESHOLDS.story && sim < BASELINE_THRESHOLDS.duplicate) out.push({ doc: a.file ?? a.id, similarity: sim });
  }
  return out;
}
