/**
 * Reading an import file for the corpus manager: in a Web Worker, so that
 * parsing a large export never holds the page's thread for long, with the
 * page's own thread as the fallback when the worker cannot start. Either way
 * the result, the messages of a bad file and cancelling are the same.
 */
import type { Article } from '../../lib/article/article';
import type { ImportAnalysis, Reply } from '../../platform/protocol';
import { dedupeImportAsync, dedupeKeysAsync, parseImportAsync, type FoldedTexts, type Held, type ImportKey, type ImportResult } from '../../lib/article/transfer';
import { importCancelled, ProblemError, type Problem } from '../../lib/i18n/problem-messages';
// Vite's `?worker` import (not `new URL(…, import.meta.url)`, which WXT's define of import.meta.url hides from Vite) emits the worker as its own file.
import ImportWorker from './import-worker?worker';
import { importSource, type ImportSource } from './send-import';

export type ToImportWorker =
  /** Read the file; `now`: the time an imported `.txt` article is recorded as added; `light`: answer with the articles' keys (ImportKey), not the articles. */
  | { kind: 'read'; file: File; now: number; light?: boolean }
  /** The folded texts (textKey) of these articles read (by index); answered with 'folded'. */
  | { kind: 'folded'; id: number; indices: number[] }
  /**
   * Analyse these of the articles read (their indices in the file's order), in this order. With
   * `ids` (the ids they are kept under), the worker keeps the analysis and sends the parts itself.
   */
  | { kind: 'analyse'; indices: number[]; ids?: string[] }
  /** Open the channel to the background (platform/import-channel.ts); answered with 'channel'. */
  | { kind: 'hello'; ms: number }
  /** Send the kept articles `start`–`end` with the next `slices` analysis slices as this part; answered with 'sent'. */
  | { kind: 'send'; id: number; part: ImportPartHead; start: number; end: number; slices: number };

export type FromImportWorker =
  /** `hashes`: each article's textHash(textKey(…)), in order. */
  | { kind: 'articles'; articles: Article[]; hashes: string[]; done: number; total: number }
  | { kind: 'keys'; keys: ImportKey[]; done: number; total: number }
  | { kind: 'folded'; id: number; texts: string[] }
  | { kind: 'done' }
  /** The next `count` articles' analysis; null when the worker keeps it to send itself. */
  | { kind: 'analysed'; featuresVersion: number; count: number; analysis: ImportAnalysis | null }
  | { kind: 'analysed-all' }
  | { kind: 'channel'; open: boolean }
  | { kind: 'sent'; id: number; reply: unknown }
  | { kind: 'failed'; name: string; message: string; problem?: Problem };

/** The analysis of a file's kept articles, worked out by the worker that read it. */
export interface ImportAnalyser {
  /**
   * Starts it: `onSlice` gets the analysis slice by slice, in the order of the
   * kept articles: the next `count` articles', with the
   * FEATURES_VERSION of the code that did it. Resolves
   * when every article is analysed; rejects when the worker fails, and with an
   * AbortError when the signal aborts.
   */
  run(onSlice: (slice: { featuresVersion: number; count: number; analysis: ImportAnalysis | null }) => void): Promise<void>;
  /** Stops the worker (also done by `run` when it fails, and by the signal; when it succeeds too unless the worker sends the parts). */
  close(): void;
  /**
   * Present when the worker sends the parts to the background itself (its slices then come without
   * their analysis): sends kept articles `start`–`end` with the next `slices` slices as `part`, and
   * resolves with the background's reply; rejects when the worker fails or is closed.
   */
  sendPart?: (part: ImportPartHead, start: number, end: number, slices: number) => Promise<Reply<'crossread:import-articles'>>;
}

/** What a part says of itself, besides its articles and their analysis. */
export interface ImportPartHead {
  operation: string;
  part: number;
  total: number;
  more?: boolean;
}

/**
 * A file read for import: what files read after it are checked against (its
 * kept articles, or their keys where the worker keeps the texts), what it
 * skipped, and what sendImport sends (its analyser is null when the page read
 * the file: no worker).
 */
export interface ReadImport {
  kept: Held[];
  skipped: ImportResult['skipped'];
  source: ImportSource;
}

const cancelled = importCancelled;

/**
 * The text hashes the worker worked out for the articles it built, for the
 * duplicate check of their file and of the files read after it.
 */
const textHashes = new WeakMap<Article, string>();
const hashOf = (article: Article) => textHashes.get(article);

/** The worker that holds each kept key's text (for the duplicate check of the files read after it). */
const keyWorkers = new WeakMap<ImportKey, Worker>();

/** Set when the worker could not start once: the page's thread does the reading from then on. */
let workerBroken = false;

/** A file read in the worker: its articles as built (or, `light`, their keys), and the worker, kept to analyse them. */
interface Reader {
  worker: Worker;
  light: boolean;
  articles: Article[];
  keys: ImportKey[];
}

/**
 * A file's articles built in the worker, in the file's order, and the worker
 * (kept to analyse them); undefined when the worker could not be started (or
 * failed before answering). Where the worker reaches the background (it then
 * sends the parts itself: not in Firefox, whose background page runs on this
 * page's thread anyway, so nothing is spared there, and the worker's
 * serialising of the parts beside its analysis slowed a 10,000 import from
 * 526-550 to 350-397 articles/s, bench, one sitting), the page gets only the
 * articles' keys.
 */
async function buildInWorker(file: File, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<Reader | undefined> {
  if (workerBroken || typeof Worker === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new ImportWorker({ name: 'crossread-import' });
  } catch {
    workerBroken = true;
    return undefined;
  }
  const channel = import.meta.env.FIREFOX ? 'closed' : await channelOpen(worker, signal);
  if (signal.aborted) {
    worker.terminate();
    throw cancelled();
  }
  if (channel === 'broken') {
    worker.terminate();
    workerBroken = true;
    return undefined;
  }
  const light = channel === 'open';
  return new Promise<Reader | undefined>((resolve, reject) => {
    const articles: Article[] = [];
    const keys: ImportKey[] = [];
    // The channel's answer came from the worker: it runs.
    let answered = channel === 'open';
    const finish = () => {
      signal.removeEventListener('abort', abort);
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
    };
    const abort = () => {
      finish();
      worker.terminate();
      reject(cancelled());
    };
    signal.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
      answered = true;
      const m = event.data;
      if (m.kind === 'keys') {
        for (const k of m.keys) keys.push(k);
        onProgress(m.done, m.total);
      } else if (m.kind === 'articles') {
        for (let i = 0; i < m.articles.length; i++) {
          articles.push(m.articles[i]);
          textHashes.set(m.articles[i], m.hashes[i]);
        }
        onProgress(m.done, m.total);
      } else if (m.kind === 'done') {
        finish();
        resolve({ worker, light, articles, keys });
      } else if (m.kind === 'failed') {
        finish();
        worker.terminate();
        reject(workerError(m));
      }
    };
    // The script did not load or run (no answer yet): the page reads the file itself.
    const broken = () => {
      finish();
      worker.terminate();
      if (answered) reject(new ProblemError({ kind: 'worker-read-stopped' }));
      else {
        workerBroken = true;
        resolve(undefined);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      broken();
    };
    worker.onmessageerror = broken;
    worker.postMessage({ kind: 'read', file, now: Date.now(), light } satisfies ToImportWorker);
  });
}

/** The error the worker threw (an ImportError names the file and the problem), with its problem where it had one. */
function workerError(m: { name: string; message: string; problem?: Problem }): Error {
  const error = m.problem ? new ProblemError(m.problem) : new Error(m.message);
  error.name = m.name;
  return error;
}

/**
 * The indices in `built` of the kept articles, in order: deduplication keeps
 * them in the file's order, each the built article itself or a copy under a
 * new id.
 */
function keptIndices(built: readonly Article[], kept: readonly Article[]): number[] | null {
  const out: number[] = [];
  let j = 0;
  for (const a of kept) {
    while (j < built.length && built[j] !== a && !(built[j].raw === a.raw && built[j].url === a.url && a.id.startsWith(built[j].id))) j++;
    if (j === built.length) return null;
    out.push(j++);
  }
  return out;
}

/** How long the background may take to answer on the import channel before the page sends the parts itself. */
const HELLO_MS = 2_000;

/** Whether the worker reaches the background over the import channel (platform/import-channel.ts); 'broken': its script did not run. */
function channelOpen(worker: Worker, signal: AbortSignal): Promise<'open' | 'closed' | 'broken'> {
  if (typeof BroadcastChannel === 'undefined') return Promise.resolve('closed');
  return new Promise((resolve) => {
    const done = (open: 'open' | 'closed' | 'broken') => {
      signal.removeEventListener('abort', abort);
      worker.onmessage = worker.onerror = null;
      resolve(open);
    };
    const abort = () => done('closed');
    signal.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
      if (event.data.kind === 'channel') done(event.data.open ? 'open' : 'closed');
      else if (event.data.kind === 'failed') done('closed');
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done('broken');
    };
    worker.postMessage({ kind: 'hello', ms: HELLO_MS } satisfies ToImportWorker);
  });
}

/** `ids`: the kept articles' ids, when the worker sends the parts itself. */
function analyserOf(worker: Worker, indices: number[], ids: string[] | null, signal: AbortSignal): ImportAnalyser {
  let closed = false;
  /** Parts the worker is sending, by number. */
  const sending = new Map<number, { resolve: (reply: Reply<'crossread:import-articles'>) => void; reject: (error: unknown) => void }>();
  let nextSend = 0;
  const failSending = (error: unknown) => {
    for (const s of sending.values()) s.reject(error);
    sending.clear();
  };
  /** Cancelled while a part was on its way: the worker stays until the background's reply, which says whether the cancel came in time. */
  let closeWhenSent = false;
  const close = () => {
    if (closed) return;
    closed = true;
    worker.terminate();
    failSending(signal.aborted ? cancelled() : new ProblemError({ kind: 'worker-closed' }));
  };
  const stopped = () => new ProblemError({ kind: 'worker-analyse-stopped' });
  const analyser: ImportAnalyser = {
    close,
    run: (onSlice) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted || closed) {
          close();
          return reject(cancelled());
        }
        let analysed = false;
        const end = (error?: Error) => {
          if (error) {
            signal.removeEventListener('abort', abort);
            close();
            reject(error);
          } else if (!analysed) {
            analysed = true;
            // A worker that sends the parts lives on until the caller closes it.
            if (!ids) {
              signal.removeEventListener('abort', abort);
              close();
            }
            resolve();
          }
        };
        const abort = () => {
          if (sending.size > 0) closeWhenSent = true;
          else close();
          if (!analysed) reject(cancelled());
        };
        signal.addEventListener('abort', abort);
        worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
          const m = event.data;
          if (m.kind === 'analysed') onSlice(m);
          else if (m.kind === 'analysed-all') end();
          else if (m.kind === 'sent') {
            const waiter = sending.get(m.id);
            sending.delete(m.id);
            waiter?.resolve(m.reply as Reply<'crossread:import-articles'>);
            if (closeWhenSent && sending.size === 0) close();
          } else if (m.kind === 'failed') {
            const error = workerError(m);
            failSending(error);
            if (!analysed) end(error);
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          failSending(stopped());
          if (!analysed) end(stopped());
        };
        worker.onmessageerror = () => {
          failSending(stopped());
          if (!analysed) end(stopped());
        };
        worker.postMessage({ kind: 'analyse', indices, ...(ids ? { ids } : {}) } satisfies ToImportWorker);
      }),
  };
  if (ids)
    analyser.sendPart = (part, start, end, slices) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(signal.aborted ? cancelled() : new ProblemError({ kind: 'worker-closed' }));
        const id = nextSend++;
        sending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'send', id, part, start, end, slices } satisfies ToImportWorker);
      });
  return analyser;
}

/** Asks `worker` for the folded texts of the articles it read at `indices`. */
let foldedAsks = 0;
function foldedOf(worker: Worker, indices: number[], signal: AbortSignal): Promise<string[]> {
  const id = foldedAsks++;
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.removeEventListener('message', listen);
      signal.removeEventListener('abort', abort);
    };
    const abort = () => {
      stop();
      reject(cancelled());
    };
    // A listener beside the worker's other handlers: a worker of a file read before is asked between its reading and its analysis.
    const listen = (event: MessageEvent<FromImportWorker>) => {
      const m = event.data;
      if (m.kind === 'folded' && m.id === id) {
        stop();
        resolve(m.texts);
      } else if (m.kind === 'failed') {
        stop();
        reject(workerError(m));
      }
    };
    if (signal.aborted) return reject(cancelled());
    signal.addEventListener('abort', abort);
    worker.addEventListener('message', listen);
    worker.postMessage({ kind: 'folded', id, indices } satisfies ToImportWorker);
  });
}

/** `foldedTexts` for `existing`: the keys of files read before asked of their workers, the stored ones of the background. */
function withKeyTexts(existing: readonly Held[], foldedTexts: FoldedTexts, signal: AbortSignal): FoldedTexts {
  return async (ids) => {
    const held = new Map<string, ImportKey>();
    for (const h of existing) if (!('raw' in h) && keyWorkers.has(h as ImportKey)) held.set(h.id, h as ImportKey);
    const texts: Array<string | null> = new Array(ids.length).fill(null);
    const stored: number[] = [];
    const byWorker = new Map<Worker, number[]>();
    ids.forEach((id, i) => {
      const key = held.get(id);
      if (!key) return void stored.push(i);
      const worker = keyWorkers.get(key)!;
      byWorker.set(worker, [...(byWorker.get(worker) ?? []), i]);
    });
    for (const [worker, at] of byWorker) {
      const answer = await foldedOf(worker, at.map((i) => held.get(ids[i])!.index), signal);
      at.forEach((i, k) => (texts[i] = answer[k]));
    }
    if (stored.length > 0) {
      const answer = await foldedTexts(stored.map((i) => ids[i]));
      stored.forEach((i, k) => (texts[i] = answer[k] ?? null));
    }
    return texts;
  };
}

/**
 * parseImportAsync for a chosen file: read, checked and built in a worker,
 * then duplicates skipped here, against `existing` (the stored articles' keys
 * and what the files read before kept; `foldedTexts` confirms a stored
 * key's match). Rejects with the same ImportError messages, and with an
 * AbortError when the signal aborts.
 */
export async function readImportFile(
  file: File,
  existing: readonly Held[],
  options: { signal: AbortSignal; onProgress: (done: number, total: number) => void; foldedTexts: FoldedTexts },
): Promise<ReadImport> {
  const { signal, onProgress } = options;
  if (signal.aborted) throw cancelled();
  const foldedTexts = withKeyTexts(existing, options.foldedTexts, signal);
  const reader = await buildInWorker(file, signal, onProgress);
  if (reader === undefined) {
    console.warn('crossread: the import worker could not start; the file is read on the page instead.');
    const result = await parseImportAsync(file.name, await file.text(), existing, { signal, onProgress, foldedTexts });
    return { kept: result.articles, skipped: result.skipped, source: importSource(result.articles, null) };
  }
  try {
    if (reader.light) {
      // The worker keeps the texts and sends the parts itself (they never pass this page's thread).
      const result = await dedupeKeysAsync(existing, reader.keys, { signal, foldedTexts, keyTexts: (keys) => foldedOf(reader.worker, keys.map((k) => k.index), signal) });
      if (signal.aborted) throw cancelled();
      for (const k of result.keys) keyWorkers.set(k, reader.worker);
      const analyser = result.keys.length > 0 ? analyserOf(reader.worker, result.keys.map((k) => k.index), result.keys.map((k) => k.id), signal) : null;
      if (!analyser) reader.worker.terminate();
      return { kept: result.keys, skipped: result.skipped, source: { articles: null, chars: result.keys.map((k) => k.chars), analyser } };
    }
    const result = await dedupeImportAsync(existing, reader.articles, { signal, foldedTexts, hashOf });
    const indices = keptIndices(reader.articles, result.articles);
    if (!indices) reader.worker.terminate();
    if (signal.aborted) throw cancelled();
    return { kept: result.articles, skipped: result.skipped, source: importSource(result.articles, indices ? analyserOf(reader.worker, indices, null, signal) : null) };
  } catch (error) {
    reader.worker.terminate();
    throw error;
  }
}
