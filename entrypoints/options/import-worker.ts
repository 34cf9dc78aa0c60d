/**
 * The corpus manager's import worker: reads a chosen file, parses and checks
 * it and builds its articles off the page's thread (`JSON.parse` of a 16 MB
 * export alone is a 100–200 ms task), handing the articles back in slices so
 * that taking each one in stays a short task on the page. Then, for the
 * articles the page keeps (not duplicates), it works out each one's features and index terms
 * – the bulk of an import's work – on this
 * second thread, handed back in slices as they are done, so the background
 * stores them instead of working them out on its own single thread. The
 * parsing is lib/article/transfer.ts's, the analysis lib/match's; this only
 * carries them across.
 */
import { checkImport } from '../../lib/article/transfer';
import { textHash, textKey } from '../../lib/article/duplicate';
import { FEATURES_VERSION } from '../../lib/match/features';
import { analyseForIndex } from '../../lib/match/article-analysis';
import type { Article } from '../../lib/article/article';
import type { ImportAnalysis } from '../../platform/protocol';
import { ImportChannelClient } from '../../platform/import-channel';
import { yieldByMessage } from '../../platform/yield-by-message';
import { joinedAnalysis } from './joined-analysis';
import type { FromImportWorker, ToImportWorker } from './read-import';
import { problemOf } from '../../lib/i18n/problem-messages';

/** Build time per slice: the page takes in about as much as was built, so a slice is a short task there too. */
const SLICE_MS = 20;
/** Text per slice at most, whatever the time: what the page copies in one task. */
const SLICE_CHARS = 1_000_000;

const post = (message: FromImportWorker) => self.postMessage(message);
const failed = (error: unknown): FromImportWorker => ({
  kind: 'failed',
  name: error instanceof Error ? error.name : 'Error',
  message: error instanceof Error ? error.message : String(error),
  // The problem as a kind plus values, so the page says it in the reader's language.
  ...(problemOf(error) ? { problem: problemOf(error)! } : {}),
});

/** The file's articles as built, kept for their analysis. */
let built: Article[] = [];

/**
 * `light`: the page gets each article's key (labels, text hash, length) instead of the article: this worker keeps the texts
 * and sends the parts itself, and the page never holds them (at 50,000 articles, 80 MB of text taken in and then let go:
 * its garbage collections were the import's longest stalls).
 */
function read(file: File, now: number, light: boolean): Promise<void> {
  return file.text().then((content) => {
    const plan = checkImport(file.name, content, { now });
    built = [];
    let slice: Article[] = [];
    // Each article's text hash for the page's duplicate check, worked out here: folding every text there was a second of its thread at 10,000 articles.
    let hashes: string[] = [];
    let chars = 0;
    let start = performance.now();
    for (let i = 0; i < plan.length; i++) {
      const article = plan.build(i);
      built.push(article);
      slice.push(article);
      hashes.push(textHash(textKey(article)));
      chars += article.raw.length;
      if (i === plan.length - 1 || chars >= SLICE_CHARS || performance.now() - start > SLICE_MS) {
        const first = i + 1 - slice.length;
        if (light) post({ kind: 'keys', keys: slice.map((a, k) => ({ id: a.id, title: a.title, outlet: a.outlet, date: a.date, url: a.url, textHash: hashes[k], index: first + k, chars: a.raw.length })), done: i + 1, total: plan.length });
        else post({ kind: 'articles', articles: slice, hashes, done: i + 1, total: plan.length });
        slice = [];
        hashes = [];
        chars = 0;
        start = performance.now();
      }
    }
    post({ kind: 'done' });
  });
}

/** The channel to the background, once the page asked for it. */
let channel: ImportChannelClient | null = null;
/** When this worker sends the parts itself: the kept articles (under the ids they are kept by), and their analysis slices not sent yet. */
let kept: Article[] = [];
const held: ImportAnalysis[] = [];

async function analyse(indices: readonly number[], ids: readonly string[] | undefined): Promise<void> {
  // Sent from here (ids given): the page learns only how many articles each slice holds.
  const direct = ids !== undefined;
  if (direct) kept = indices.map((i, k) => (built[i].id === ids[k] ? built[i] : { ...built[i], id: ids[k] }));
  let features: string[] = [];
  let terms: string[][] = [];
  let start = performance.now();
  for (const [k, i] of indices.entries()) {
    const article = built[i];
    // Its features as JSON of their own: the background stores that string as it is (cheaper for it than cloning the object).
    const analysed = analyseForIndex(article);
    features.push(JSON.stringify(analysed.features));
    terms.push(analysed.terms);
    if (k === indices.length - 1 || performance.now() - start > SLICE_MS) {
      // As strings made here: the page (or the background) takes strings instead of copying the objects.
      const analysis: ImportAnalysis = { featuresVersion: FEATURES_VERSION, features, terms: JSON.stringify(terms) };
      if (direct) held.push(analysis);
      post({ kind: 'analysed', featuresVersion: FEATURES_VERSION, count: features.length, analysis: direct ? null : analysis });
      features = [];
      terms = [];
      // Lets the page's 'send' of a part run: without it the whole file's analysis is one task, and the parts
      // this worker sends wait for its end (at 50,000 articles in five files, past the 15 s an open import waits).
      if (direct) await yieldByMessage();
      start = performance.now();
    }
  }
  post({ kind: 'analysed-all' });
}

/** Sends the kept articles `start`–`end` with the next `slices` analysis slices as one part, over the channel; the page gets the background's reply. */
async function sendPart(m: Extract<ToImportWorker, { kind: 'send' }>): Promise<void> {
  if (!channel) throw new Error('the import channel is not open');
  const taken = held.splice(0, m.slices);
  const articles = kept.slice(m.start, m.end);
  const reply = await channel.ask({ type: 'crossread:import-articles', ...m.part, articles, analysis: joinedAnalysis(taken) });
  post({ kind: 'sent', id: m.id, reply });
}

self.onmessage = async (event: MessageEvent<ToImportWorker>) => {
  const m = event.data;
  try {
    if (m.kind === 'read') await read(m.file, m.now, m.light === true);
    // The folded texts of articles whose hash another article has, for the page's duplicate check.
    else if (m.kind === 'folded') post({ kind: 'folded', id: m.id, texts: m.indices.map((i) => textKey(built[i])) });
    else if (m.kind === 'hello') {
      channel ??= typeof BroadcastChannel === 'undefined' ? null : new ImportChannelClient();
      post({ kind: 'channel', open: channel !== null && (await channel.hello(m.ms)) });
    } else if (m.kind === 'send') await sendPart(m);
    else await analyse(m.indices, m.ids);
  } catch (error) {
    post(failed(error));
  }
};
