/**
 * Reading an import file for the corpus manager: in a Web Worker, so that
 * parsing a large export never holds the page's thread for long, with the
 * page's own thread as the fallback when the worker cannot start. Either way
 * the result, the messages of a bad file and cancelling are the same.
 */
import type { Article } from '../../lib/article/article';
import { dedupeImportAsync, parseImportAsync, type ImportResult } from '../../lib/article/transfer';
import { importCancelled, ProblemError, type Problem } from '../../lib/i18n/problem-messages';
// Vite's `?worker` import (not `new URL(…, import.meta.url)`, which WXT's define of import.meta.url hides from Vite) emits the worker as its own file.
import ImportWorker from './import-worker?worker';

export type ToImportWorker =
  /** Read the file; `now`: the time an imported `.txt` article is recorded as added. */
  | { kind: 'read'; file: File; now: number }
  /** Analyse these of the articles read (their indices in the file's order), in this order. */
  | { kind: 'analyse'; indices: number[] };

export type FromImportWorker =
  | { kind: 'articles'; articles: Article[]; done: number; total: number }
  | { kind: 'done' }
  /** The next `count` articles' analysis: the JSON of an array of AnalysedArticle (platform/protocol). */
  | { kind: 'analysed'; featuresVersion: number; count: number; json: string }
  | { kind: 'analysed-all' }
  | { kind: 'failed'; name: string; message: string; problem?: Problem };

/** The analysis of a file's kept articles, worked out by the worker that read it. */
export interface ImportAnalyser {
  /**
   * Starts it: `onSlice` gets the analysis slice by slice, in the order of the
   * kept articles: the next `count` articles' as JSON, with the
   * FEATURES_VERSION of the code that did it. Resolves
   * when every article is analysed; rejects when the worker fails, and with an
   * AbortError when the signal aborts.
   */
  run(onSlice: (slice: { featuresVersion: number; count: number; json: string }) => void): Promise<void>;
  /** Stops the worker (also done by `run` when it ends, and by the signal). */
  close(): void;
}

/** A file read for import; `analyser` is null when the page read it (no worker). */
export interface ReadImport extends ImportResult {
  analyser: ImportAnalyser | null;
}

const cancelled = importCancelled;

/** Set when the worker could not start once: the page's thread does the reading from then on. */
let workerBroken = false;

/** A file read in the worker: its articles as built, and the worker, kept to analyse them. */
interface Reader {
  worker: Worker;
  articles: Article[];
}

/**
 * A file's articles built in the worker, in the file's order, and the worker
 * (kept to analyse them); undefined when the worker could not be started (or
 * failed before answering).
 */
function buildInWorker(file: File, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<Reader | undefined> {
  if (workerBroken || typeof Worker === 'undefined') return Promise.resolve(undefined);
  let worker: Worker;
  try {
    worker = new ImportWorker({ name: 'crossread-import' });
  } catch {
    workerBroken = true;
    return Promise.resolve(undefined);
  }
  return new Promise<Reader | undefined>((resolve, reject) => {
    const articles: Article[] = [];
    let answered = false;
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
      if (m.kind === 'articles') {
        for (const a of m.articles) articles.push(a);
        onProgress(m.done, m.total);
      } else if (m.kind === 'done') {
        finish();
        resolve({ worker, articles });
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
    worker.postMessage({ kind: 'read', file, now: Date.now() } satisfies ToImportWorker);
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

function analyserOf(worker: Worker, indices: number[], signal: AbortSignal): ImportAnalyser {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    worker.terminate();
  };
  return {
    close,
    run: (onSlice) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted || closed) {
          close();
          return reject(cancelled());
        }
        const end = (error?: Error) => {
          signal.removeEventListener('abort', abort);
          close();
          if (error) reject(error);
          else resolve();
        };
        const abort = () => end(cancelled());
        signal.addEventListener('abort', abort);
        worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
          const m = event.data;
          if (m.kind === 'analysed') onSlice(m);
          else if (m.kind === 'analysed-all') end();
          else if (m.kind === 'failed') end(workerError(m));
        };
        worker.onerror = (event) => {
          event.preventDefault();
          end(new ProblemError({ kind: 'worker-analyse-stopped' }));
        };
        worker.onmessageerror = () => end(new ProblemError({ kind: 'worker-analyse-stopped' }));
        worker.postMessage({ kind: 'analyse', indices } satisfies ToImportWorker);
      }),
  };
}

/**
 * parseImportAsync for a chosen file: read, checked and built in a worker,
 * then duplicates skipped here (the corpus is here). Rejects with the same
 * ImportError messages, and with an AbortError when the signal aborts.
 */
export async function readImportFile(
  file: File,
  existing: readonly Article[],
  options: { signal: AbortSignal; onProgress: (done: number, total: number) => void },
): Promise<ReadImport> {
  const { signal, onProgress } = options;
  if (signal.aborted) throw cancelled();
  const reader = await buildInWorker(file, signal, onProgress);
  if (reader === undefined) {
    console.warn('crossread: the import worker could not start; the file is read on the page instead.');
    return { ...(await parseImportAsync(file.name, await file.text(), existing, { signal, onProgress })), analyser: null };
  }
  try {
    const result = await dedupeImportAsync(existing, reader.articles, { signal });
    const indices = keptIndices(reader.articles, result.articles);
    if (!indices) reader.worker.terminate();
    return { ...result, analyser: indices ? analyserOf(reader.worker, indices, signal) : null };
  } catch (error) {
    reader.worker.terminate();
    throw error;
  }
}
