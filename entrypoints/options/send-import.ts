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

/**
 * Text of the parts an import worker sent whose replies have not come yet
 * (the page's own parts go one at a time: each is a task of this page's
 * thread). With one part on its way at a time, a part's round trip (this page
 * asks the worker, the worker posts it, the background takes it in and
 * answers, the worker passes the answer on) was 85 + 57 ms (median; p90 171 +
 * 144) in Chromium at load ~5, so the background took in 300–400 articles a
 * second, less than its story choice and writes get through, and waited for
 * its next store part: 4.9–5.8 s of a 10,000 import, while the worker had
 * analysed 600–1,700 articles more than it had sent. With several on their
 * way the round trips overlap. The background holds a part's reply while it
 * has two store parts in hand (STORE_PARTS_HELD in
 * services/corpus-service.ts), which bounds what it holds.
 */
export const PARTS_IN_FLIGHT_CHARS = 500_000;

/** Errors of the message channel itself, when the background stopped before it answered. */
const CHANNEL_LOST = /message (port|channel) closed|receiving end does not exist|did not answer|extension context invalidated/i;

/** A part sent: its reply (or why none came), as a value, so that a part nobody awaits any more fails no one. */
interface OnItsWay {
  outcome: Promise<{ reply: Reply<'crossread:import-articles'> } | { error: unknown }>;
  chars: number;
  /** The worker that sent it, closed once this reply is in (the last part of its file). */
  closeAfter: ImportAnalyser | null;
}

/**
 * Sends `sources` as parts numbered from 0 of the one import `operation`,
 * through `send`; resolves with the number of articles stored. Rejects with
 * the background's error (its text says the corpus is unchanged), with a
 * clear one when the background stopped mid-import, and with an AbortError
 * when the signal aborts (the caller cancels the operation). A worker that
 * sends its file's parts itself has up to `inFlightChars` of them on their way
 * at once; the replies are taken in order, and a cancel still waits for the
 * background's word on every part on its way (the last one's success means
 * the import is stored).
 */
export async function sendImport(
  sources: readonly ImportSource[],
  options: {
    operation: string;
    signal: AbortSignal;
    send: (part: ImportPart) => Promise<Reply<'crossread:import-articles'>>;
    partChars?: number;
    /** Text of a worker's parts on their way at once (PARTS_IN_FLIGHT_CHARS; tests vary it). */
    inFlightChars?: number;
    /** Rejects when the background stopped: a part a worker sends over the import channel would wait for it forever. */
    lost?: Promise<never>;
  },
): Promise<number> {
  const { operation, signal, send, lost } = options;
  const partChars = options.partChars ?? IMPORT_PART_CHARS;
  const inFlightChars = options.inFlightChars ?? PARTS_IN_FLIGHT_CHARS;
  const total = sources.reduce((n, s) => n + s.chars.length, 0);
  let part = 0;
  let sent = 0;
  let count = 0;
  const onItsWay: OnItsWay[] = [];
  let charsOnItsWay = 0;
  /** Set when a reply failed the import: the replies after it say nothing more. */
  let refused = false;
  /** Takes in the oldest reply: the background's refusal fails the import. */
  const settle = async () => {
    const oldest = onItsWay.shift()!;
    charsOnItsWay -= oldest.chars;
    const outcome = await oldest.outcome;
    refused = true;
    if ('error' in outcome) throw outcome.error;
    const reply = outcome.reply;
    // The background's word first: the last part's success means the import is stored, a cancel come too late or not.
    if (!reply.ok) {
      if (CHANNEL_LOST.test(reply.error)) throw new ProblemError({ kind: 'background-stopped', detail: reply.error });
      throw reply.problem ? new ProblemError(reply.problem) : new Error(reply.error);
    }
    refused = false;
    count = reply.count;
    oldest.closeAfter?.close();
  };
  /** Every reply still to come, in order. */
  const settleAll = async () => {
    while (onItsWay.length > 0) await settle();
  };
  /**
   * Sends a part of `articleCount` articles (`chars` of text): `articles` with their analysis, or through the worker
   * that holds them, with up to `window` of text on its way beside it.
   */
  const sendPart = async (
    articleCount: number,
    chars: number,
    body: { articles: Article[]; analysis: ImportAnalysis | undefined } | ((head: ImportPartHead) => Promise<Reply<'crossread:import-articles'>>),
    window: number,
  ): Promise<OnItsWay> => {
    while (onItsWay.length > 0 && (signal.aborted || charsOnItsWay + chars > window)) await settle();
    if (signal.aborted) throw cancelled();
    sent += articleCount;
    const more = sent < total;
    const head: ImportPartHead = { operation, part: part++, total, ...(more ? { more } : {}) };
    const reply =
      typeof body === 'function'
        ? lost
          ? Promise.race([body(head), lost])
          : body(head)
        : send({ ...head, articles: body.articles, ...(body.analysis ? { analysis: body.analysis } : {}) });
    const item: OnItsWay = { outcome: reply.then((r) => ({ reply: r }), (error: unknown) => ({ error })), chars, closeAfter: null };
    onItsWay.push(item);
    charsOnItsWay += chars;
    return item;
  };

  try {
    for (const source of sources) {
      const { articles, chars, analyser } = source;
      if (!analyser) {
        // importSource keeps the articles wherever this page sends them.
        for (let start = 0; start < chars.length; ) {
          const end = partEnd(chars, start, chars.length, partChars);
          await sendPart(end - start, charsOf(chars, start, end), { articles: articles!.slice(start, end), analysis: undefined }, 0);
          start = end;
        }
        continue;
      }
      // The analysis arrives slice by slice while parts go out; a part (whole slices) waits until it has its text's worth, or the rest.
      const slices: Array<{ featuresVersion: number; count: number; json: string | null }> = [];
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
      let last: OnItsWay | null = null;
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
          last = await sendPart(end - from, charsOf(chars, from, end), (head) => through(head, from, end, taken.length), inFlightChars);
        } else {
          const json = `[${taken.map((x) => (x.json ?? '[]').slice(1, -1)).filter((x) => x.length > 0).join(',')}]`;
          last = await sendPart(end - from, charsOf(chars, from, end), { articles: articles!.slice(from, end), analysis: { featuresVersion: taken[0].featuresVersion, json } }, 0);
        }
        start = end;
      }
      await running;
      if (failure) throw failure;
      // The worker answers for its parts on their way: it is closed once the last one's reply is in.
      if (last && onItsWay.includes(last)) last.closeAfter = analyser;
      else analyser.close();
    }
    await settleAll();
    return count;
  } catch (error) {
    if (!signal.aborted || refused) throw error;
    // Cancelled (the worker's analysis stops with it) while parts are on their way: the background's word on them first, as above.
    await settleAll();
    // The last part among them stored the import: the cancel came too late.
    if (sent === total) return count;
    throw error;
  } finally {
    for (const source of sources) source.analyser?.close();
  }
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
