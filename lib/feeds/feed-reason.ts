/**
 * Why a feed failed, what its last fetch left out, and why following it was
 * refused, as a kind plus its values rather than a sentence: the background
 * stores and sends these, and each page says them in the reader's language
 * (lib/i18n/sources-messages.ts holds the words; the background's own
 * English comes from the same table). Values that are someone else's words
 * (a parser's message, the network stack's cause) travel as they are.
 */
import type { FeedReasonWords, SkipReasonWords } from '../i18n/sources-messages';

/** Why an item of a fetched feed did not become an article. */
export type SkipReason =
  | { kind: 'no-link' }
  | { kind: 'page-elsewhere'; origin: string }
  | { kind: 'page-missing' }
  | { kind: 'not-web-page' }
  | { kind: 'not-article' }
  | { kind: 'too-short' }
  | { kind: 'page-too-large' }
  | { kind: 'reader-silent' }
  | { kind: 'unreadable'; detail: string }
  | { kind: 'page-failed'; cause: FeedReason }
  | { kind: 'no-text' }
  | { kind: 'invalid'; detail: string }
  | { kind: 'duplicate' };

export type FeedReason =
  // A fetch that failed.
  | { kind: 'timeout'; seconds: number }
  | { kind: 'timeout-body'; seconds: number }
  | { kind: 'unreachable'; cause: string | null }
  | { kind: 'connection-broke' }
  | { kind: 'redirect-loop' }
  | { kind: 'redirect-elsewhere'; origin: string }
  | { kind: 'http-status'; status: number }
  /** `bytes`: the size the server declared; null when the body ran over the limit. */
  | { kind: 'too-large'; bytes: number | null; limit: number }
  | { kind: 'web-page' }
  | { kind: 'not-a-feed' }
  | { kind: 'malformed'; detail: string }
  | { kind: 'permission-withdrawn'; origin: string }
  | { kind: 'disk-full' }
  | { kind: 'unexpected'; detail: string }
  // A fetch's note.
  | { kind: 'unchanged' }
  | { kind: 'skipped'; total: number; counts: Array<{ n: number; why: SkipReason }> }
  // A refusal to follow (or to act on) a feed.
  | { kind: 'not-an-address'; address: string }
  | { kind: 'not-http' }
  | { kind: 'already-followed' }
  | { kind: 'not-granted'; origin: string }
  | { kind: 'not-followed'; cause: FeedReason | null }
  | { kind: 'not-following' };

export type FeedReasonKind = FeedReason['kind'];
export type SkipReasonKind = SkipReason['kind'];

/** Every kind, for the test that each language has words for each. */
export const FEED_REASON_KINDS: readonly FeedReasonKind[] = [
  'timeout', 'timeout-body', 'unreachable', 'connection-broke', 'redirect-loop', 'redirect-elsewhere', 'http-status', 'too-large',
  'web-page', 'not-a-feed', 'malformed', 'permission-withdrawn', 'disk-full', 'unexpected', 'unchanged', 'skipped',
  'not-an-address', 'not-http', 'already-followed', 'not-granted', 'not-followed', 'not-following',
];
export const SKIP_REASON_KINDS: readonly SkipReasonKind[] = [
  'no-link', 'page-elsewhere', 'page-missing', 'not-web-page', 'not-article', 'too-short', 'page-too-large', 'reader-silent',
  'unreadable', 'page-failed', 'no-text', 'invalid', 'duplicate',
];

/** The words of every reason in one language: lib/i18n/sources-messages.ts holds them, in English and German. */
export interface ReasonWords {
  reasons: FeedReasonWords;
  skips: SkipReasonWords;
}

/** A reason in words; a string is a sentence stored before reasons had kinds, shown as it is. */
export function reasonText(reason: FeedReason | string, w: ReasonWords): string {
  if (typeof reason === 'string') return reason;
  const r = w.reasons;
  switch (reason.kind) {
    case 'timeout': return r.timeout(reason.seconds);
    case 'timeout-body': return r['timeout-body'](reason.seconds);
    case 'unreachable': return r.unreachable(reason.cause);
    case 'connection-broke': return r['connection-broke'];
    case 'redirect-loop': return r['redirect-loop'];
    case 'redirect-elsewhere': return r['redirect-elsewhere'](reason.origin);
    case 'http-status': return r['http-status'](reason.status);
    case 'too-large': return r['too-large'](reason.bytes, reason.limit);
    case 'web-page': return r['web-page'];
    case 'not-a-feed': return r['not-a-feed'];
    case 'malformed': return r.malformed(reason.detail);
    case 'permission-withdrawn': return r['permission-withdrawn'](reason.origin);
    case 'disk-full': return r['disk-full'];
    case 'unexpected': return r.unexpected(reason.detail);
    case 'unchanged': return r.unchanged;
    case 'skipped': return r.skipped(reason.total, reason.counts.map(({ n, why }) => ({ n, why: skipText(why, w) })));
    case 'not-an-address': return r['not-an-address'](reason.address);
    case 'not-http': return r['not-http'];
    case 'already-followed': return r['already-followed'];
    case 'not-granted': return r['not-granted'](reason.origin);
    case 'not-followed': return r['not-followed'](reason.cause === null ? null : reasonText(reason.cause, w));
    case 'not-following': return r['not-following'];
    default: return unknownKind(reason);
  }
}

export function skipText(why: SkipReason, w: ReasonWords): string {
  const s = w.skips;
  switch (why.kind) {
    case 'no-link': return s['no-link'];
    case 'page-elsewhere': return s['page-elsewhere'](why.origin);
    case 'page-missing': return s['page-missing'];
    case 'not-web-page': return s['not-web-page'];
    case 'not-article': return s['not-article'];
    case 'too-short': return s['too-short'];
    case 'page-too-large': return s['page-too-large'];
    case 'reader-silent': return s['reader-silent'];
    case 'unreadable': return s.unreadable(why.detail);
    case 'page-failed': return s['page-failed'](reasonText(why.cause, w));
    case 'no-text': return s['no-text'];
    case 'invalid': return s.invalid(why.detail);
    case 'duplicate': return s.duplicate;
    default: return unknownKind(why);
  }
}

/** A record written by a later version may hold a kind this one does not know: its kind is shown rather than nothing. */
function unknownKind(value: never): string {
  return String((value as { kind?: unknown }).kind ?? '');
}

/** The skipped items of a fetch as one note (reasons counted, in the order first met), or null when none was skipped. */
export function skippedNote(skipped: ReadonlyArray<{ why: SkipReason }>): FeedReason | null {
  if (skipped.length === 0) return null;
  const counts = new Map<string, { n: number; why: SkipReason }>();
  for (const { why } of skipped) {
    const key = JSON.stringify(why);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { n: 1, why });
  }
  return { kind: 'skipped', total: skipped.length, counts: [...counts.values()] };
}

/** An error carrying a reason (its message is the reason in the background's English, or a short tag in the core). */
export class FeedProblem extends Error {
  constructor(
    readonly reason: FeedReason,
    message: string = reason.kind,
  ) {
    super(message);
    this.name = 'FeedProblem';
  }
}
