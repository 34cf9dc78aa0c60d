/**
 * Sending the articles of an import to the background, part by part as their
 * analysis comes from the import worker: the worker analyses the next part
 * on the second core while the background writes this one, and the
 * background writes all parts in one transaction that the last part commits.
 * Where the worker reaches the background over the import channel
 * (platform/import-channel.ts), the worker sends each part itself and this
 * page only says which articles make it: the part never passes this page's
 * thread.
 */
import type { Article } from '../../lib/article/article';
import type { ImportAnalysis, Reply } from '../../platform/protocol';
import { importCancelled, ProblemError } from '../../lib/i18n/problem-messages';
import type { ImportAnalyser, ImportPartHead } from './read-import';
import { mark } from '../../platform/timing';
import { joinedAnalysis } from './joined-analysis';

/** One file's articles to import, with the worker that analyses them (null: the background analyses them). */
export interface ImportSource {
  /** The articles, in order; null where the worker holds them and sends the parts itself. */
  articles: readonly Article[] | null;
  /** Each article's text length, in order: what the parts are cut by. */
  chars: readonly number[];
  analyser: ImportAnalyser | null;
}

/**
 * A file's articles as sendImport takes them: where the worker sends the
 * parts, the page keeps only their lengths, not their texts (16 MB at 10,000
 * articles, 80 MB at 50,000), so they are not held on the page while the
 * import is written. (The garbage collection that shrinks the page's heap
 * near the end of an import took as long without them in a probe at 10,000:
 * ~33 ms of thread time either way.)
 */
export function importSource(articles: readonly Article[], analyser: ImportAnalyser | null): ImportSource {
  return { articles: analyser?.sendPart ? null : articles, chars: articles.map((a) => a.raw.length), analyser };
}

export interface ImportPart {
  operation: string;
  part: number;
  total: number;
  articles: Article[];
  analysis?: ImportAnalysis;
  more?: boolean;
}

/**
 * Text per part. Sending a message serialises it in one task on this page's
 * thread, and the analysis is about four times the text's size as JSON: a
 * part of 1,000,000 characters (~5 MB) took 70–105 ms of the page's thread in
 * Chromium at load 9, one of 250,000 characters 20–25 ms, and 200–300 ms at
 * load 14 (the 100 ms frame budget gone). The background gathers parts
 * up to its own store part (STORE_PART_CHARS in services/corpus-service.ts),
 * since each call of the store costs a few rounds of reads in its
 * transaction (parts of 300,000 characters taken in one by one imported
 * 231/s at 10,000 articles, of 1,000,000 447/s).
 */
export const IMPORT_PART_CHARS = 100_000;

const cancelled = importCancelled;

/** Errors of the message channel itself, when the background stopped before it answered. */
const CHANNEL_LOST = /message (port|channel) closed|receiving end does not exist|did not answer|extension context invalidated/i;

/**
 * Sends `sources` as parts numbered from 0 of the one import `operation`,
 * through `send`; resolves with the number of articles stored. Rejects with
 * the background's error (its text says the corpus is unchanged), with a
 * clear one when the background stopped mid-import, and with an AbortError
 * when the signal aborts (the caller cancels the operation).
 */
export async function sendImport(
  sources: readonly ImportSource[],
  options: {
    operation: string;
    signal: AbortSignal;
    send: (part: ImportPart) => Promise<Reply<'crossread:import-articles'>>;
    partChars?: number;
    /** Rejects when the background stopped: a part a worker sends over the import channel would wait for it forever. */
    lost?: Promise<never>;
  },
): Promise<number> {
  const { operation, signal, send, lost } = options;
  const partChars = options.partChars ?? IMPORT_PART_CHARS;
  const total = sources.reduce((n, s) => n + s.chars.length, 0);
  let part = 0;
  let sent = 0;
  let count = 0;
  /** Sends a part of `articleCount` articles: `articles` with their analysis, or through the worker that holds them. */
  const sendPart = async (
    articleCount: number,
    body: { articles: Article[]; analysis: ImportAnalysis | undefined } | ((head: ImportPartHead) => Promise<Reply<'crossread:import-articles'>>),
  ) => {
    if (signal.aborted) throw cancelled();
    sent += articleCount;
    const more = sent < total;
    const head: ImportPartHead = { operation, part: part++, total, ...(more ? { more } : {}) };
    const reply =
      typeof body === 'function'
        ? await (lost ? Promise.race([body(head), lost]) : body(head))
        : await send({ ...head, articles: body.articles, ...(body.analysis ? { analysis: body.analysis } : {}) });
    // The background's word first: the last part's success means the import is stored, a cancel come too late or not.
    if (!reply.ok) {
      if (CHANNEL_LOST.test(reply.error)) throw new ProblemError({ kind: 'background-stopped', detail: reply.error });
      throw reply.problem ? new ProblemError(reply.problem) : new Error(reply.error);
    }
    count = reply.count;
    if (more && signal.aborted) throw cancelled();
  };

  for (const source of sources) {
    const { articles, chars, analyser } = source;
    if (!analyser) {
      // importSource keeps the articles wherever this page sends them.
      for (let start = 0; start < chars.length; ) {
        const end = partEnd(chars, start, chars.length, partChars);
        await sendPart(end - start, { articles: articles!.slice(start, end), analysis: undefined });
        start = end;
      }
      continue;
    }
    // The analysis arrives slice by slice while parts go out; a part (whole slices) waits until it has its text's worth, or the rest.
    const slices: Array<{ featuresVersion: number; count: number; analysis: ImportAnalysis | null }> = [];
    let finished = false;
    let failure: unknown = null;
    let wake: () => void = () => undefined;
    const running = analyser
      .run((slice) => {
        slices.push(slice);
        wake();
      })
      .then(
        () => (finished = true),
        (error: unknown) => (failure = error ?? new ProblemError({ kind: 'worker-failed' })),
      )
      .finally(() => wake());
    try {
      let start = 0;
      while (start < chars.length) {
        while (!failure && !finished && charsOf(chars, start, start + slices.reduce((n, x) => n + x.count, 0)) < partChars) {
          await new Promise<void>((resolve) => (wake = resolve));
        }
        if (failure) throw failure;
        if (slices.length === 0) throw new ProblemError({ kind: 'worker-short' });
        // Whole slices of one engine version, up to the part's text (one slice at least).
        const taken = [slices.shift()!];
        let end = Math.min(chars.length, start + taken[0].count);
        while (slices.length > 0 && slices[0].featuresVersion === taken[0].featuresVersion) {
          const next = Math.min(chars.length, end + slices[0].count);
          if (charsOf(chars, start, next) > partChars) break;
          taken.push(slices.shift()!);
          end = next;
        }
        const from = start;
        if (analyser.sendPart) {
          // For the e2e tests: the parts went from the worker to the background, past this page.
          if (from === 0) mark('crossread:import-from-worker');
          const through = analyser.sendPart;
          await sendPart(end - from, (head) => through(head, from, end, taken.length));
        } else {
          const analysis = joinedAnalysis(taken.map((x) => x.analysis ?? { featuresVersion: x.featuresVersion, features: [], terms: '[]' }));
          await sendPart(end - from, { articles: articles!.slice(from, end), analysis });
        }
        start = end;
      }
      await running;
      if (failure) throw failure;
    } finally {
      analyser.close();
    }
  }
  return count;
}

function charsOf(lengths: readonly number[], start: number, end: number): number {
  let chars = 0;
  for (let i = start; i < Math.min(end, lengths.length); i++) chars += lengths[i];
  return chars;
}

/** The end of the part from `start`: at most `partChars` of text (one article at least), and no further than `limit`. */
function partEnd(lengths: readonly number[], start: number, limit: number, partChars: number): number {
  let end = start;
  for (let chars = 0; end < limit && (end === start || chars + lengths[end] <= partChars); end++) chars += lengths[end];
  return end;
}
