/**
 * The corpus manager's import worker: reads a chosen file, parses and checks
 * it and builds its articles off the page's thread (`JSON.parse` of a 16 MB
 * export alone is a 100–200 ms task), handing the articles back in slices so
 * that taking each one in stays a short task on the page. The parsing is
 * lib/article/transfer.ts's; this only carries it across.
 */
import { checkImport } from '../../lib/article/transfer';
import type { Article } from '../../lib/article/article';
import type { FromImportWorker, ToImportWorker } from './read-import';

/** Build time per slice: the page takes in about as much as was built, so a slice is a short task there too. */
const SLICE_MS = 20;
/** Text per slice at most, whatever the time: what the page copies in one task. */
const SLICE_CHARS = 1_000_000;

const post = (message: FromImportWorker) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<ToImportWorker>) => {
  const { file, now } = event.data;
  try {
    const plan = checkImport(file.name, await file.text(), { now });
    let slice: Article[] = [];
    let chars = 0;
    let start = performance.now();
    for (let i = 0; i < plan.length; i++) {
      const article = plan.build(i);
      slice.push(article);
      chars += article.raw.length;
      if (i === plan.length - 1 || chars >= SLICE_CHARS || performance.now() - start > SLICE_MS) {
        post({ kind: 'articles', articles: slice, done: i + 1, total: plan.length });
        slice = [];
        chars = 0;
        start = performance.now();
      }
    }
    post({ kind: 'done' });
  } catch (error) {
    post({ kind: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  }
};
