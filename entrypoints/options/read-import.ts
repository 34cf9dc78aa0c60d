/**
 * Reading an import file for the corpus manager: in a Web Worker, so that
 * parsing a large export never holds the page's thread for long, with the
 * page's own thread as the fallback when the worker cannot start. Either way
 * the result, the messages of a bad file and cancelling are the same.
 */
import type { Article } from '../../lib/article/article';
import { dedupeImportAsync, parseImportAsync, type ImportResult } from '../../lib/article/transfer';
// Vite's `?worker` import (not `new URL(…, import.meta.url)`, which WXT's define of import.meta.url hides from Vite) emits the worker as its own file.
import ImportWorker from './import-worker?worker';

export interface ToImportWorker {
  file: File;
  /** The time an imported `.txt` article is recorded as added. */
  now: number;
}

export type FromImportWorker =
  | { kind: 'articles'; articles: Article[]; done: number; total: number }
  | { kind: 'done' }
  | { kind: 'failed'; name: string; message: string };

const cancelled = () => new DOMException('The import was cancelled; nothing was imported.', 'AbortError');

/** Set when the worker could not start once: the page's thread does the reading from then on. */
let workerBroken = false;

/**
 * A file's articles built in the worker, in the file's order; undefined when
 * the worker could not be started (or failed before answering).
 */
function buildInWorker(file: File, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<Article[] | undefined> {
  if (workerBroken || typeof Worker === 'undefined') return Promise.resolve(undefined);
  let worker: Worker;
  try {
    worker = new ImportWorker({ name: 'crossread-import' });
  } catch {
    workerBroken = true;
    return Promise.resolve(undefined);
  }
  return new Promise<Article[] | undefined>((resolve, reject) => {
    const articles: Article[] = [];
    let answered = false;
    const finish = () => {
      worker.terminate();
      signal.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
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
        resolve(articles);
      } else {
        finish();
        // The message is the one thrown in the worker (an ImportError names the file and the problem).
        const error = new Error(m.message);
        error.name = m.name;
        reject(error);
      }
    };
    // The script did not load or run (no answer yet): the page reads the file itself.
    const broken = () => {
      finish();
      if (answered) reject(new Error('the file could not be read (the import worker stopped)'));
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
    worker.postMessage({ file, now: Date.now() } satisfies ToImportWorker);
  });
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
): Promise<ImportResult> {
  const { signal, onProgress } = options;
  if (signal.aborted) throw cancelled();
  const built = await buildInWorker(file, signal, onProgress);
  if (built === undefined) {
    console.warn('crossread: the import worker could not start; the file is read on the page instead.');
    return parseImportAsync(file.name, await file.text(), existing, { signal, onProgress });
  }
  return dedupeImportAsync(existing, built, { signal });
}
