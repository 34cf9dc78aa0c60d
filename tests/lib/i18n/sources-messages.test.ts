import { describe, expect, it } from 'vitest';
import { describeFeed, MINUTE, type FeedRecord } from '../../../lib/feeds/feed-state';
import { FEED_REASON_KINDS, reasonText, SKIP_REASON_KINDS, skipText, type FeedReason, type SkipReason } from '../../../lib/feeds/feed-reason';
import { sourcesMessages } from '../../../lib/i18n/sources-messages';

const NOW = Date.UTC(2026, 11, 6);
const base: FeedRecord = {
  url: 'http://x/feed', title: 'X', siteUrl: null, origin: 'http://x', addedAt: 0, paused: false, etag: null, lastModified: null,
  lastFetch: null, lastSuccess: null, lastError: null, errors: 0, retryAfter: 0, lastNew: 0, totalNew: 0, lastSkipped: 0, lastNote: null,
};
/** Records in every state describeFeed tells apart. */
const records: FeedRecord[] = [
  base,
  { ...base, lastFetch: NOW - 20_000, lastSuccess: NOW - 20_000, lastNew: 1, totalNew: 1 },
  { ...base, lastFetch: NOW - 5 * MINUTE, lastSuccess: NOW - 5 * MINUTE, lastNew: 3, totalNew: 7, lastNote: 'Unchanged since the last fetch.' },
  { ...base, lastFetch: NOW - 3 * 60 * MINUTE, lastSuccess: NOW - 4 * 24 * 60 * MINUTE, lastError: 'The server answered 500 (server error).', errors: 3, retryAfter: NOW + 90 * MINUTE },
  { ...base, lastFetch: NOW - 2 * MINUTE, lastError: 'The server answered 404 (not found).', errors: 1, retryAfter: NOW + 28 * MINUTE },
  { ...base, paused: true, lastFetch: NOW - 61 * MINUTE, lastSuccess: NOW - 61 * MINUTE, totalNew: 12 },
  // Reasons stored as kinds (the records above hold sentences, as an earlier version stored them).
  { ...base, lastFetch: NOW - 5 * MINUTE, lastSuccess: NOW - 5 * MINUTE, totalNew: 7, lastNote: { kind: 'unchanged' } },
  { ...base, lastFetch: NOW - 2 * MINUTE, lastError: { kind: 'http-status', status: 404 }, errors: 1, retryAfter: NOW + 28 * MINUTE },
];

/** One reason of every kind, with values. */
const SAMPLE_SKIPS: SkipReason[] = [
  { kind: 'no-link' }, { kind: 'page-elsewhere', origin: 'https://b.example' }, { kind: 'page-missing' }, { kind: 'not-web-page' },
  { kind: 'not-article' }, { kind: 'too-short' }, { kind: 'page-too-large' }, { kind: 'reader-silent' }, { kind: 'unreadable', detail: 'boom' },
  { kind: 'page-failed', cause: { kind: 'timeout', seconds: 15 } }, { kind: 'no-text' }, { kind: 'invalid', detail: 'Cannot add article x: its text is empty' },
  { kind: 'duplicate' },
];
const SAMPLE_REASONS: FeedReason[] = [
  { kind: 'timeout', seconds: 15 }, { kind: 'timeout-body', seconds: 15 }, { kind: 'unreachable', cause: 'connect ECONNREFUSED' },
  { kind: 'connection-broke' }, { kind: 'redirect-loop' }, { kind: 'redirect-elsewhere', origin: 'https://b.example' },
  { kind: 'http-status', status: 503 }, { kind: 'too-large', bytes: 12 * 1024 * 1024, limit: 5 * 1024 * 1024 }, { kind: 'web-page' },
  { kind: 'not-a-feed' }, { kind: 'malformed', detail: 'Unexpected end' }, { kind: 'permission-withdrawn', origin: 'https://a.example' },
  { kind: 'disk-full' }, { kind: 'unexpected', detail: 'oops' }, { kind: 'unchanged' },
  { kind: 'skipped', total: SAMPLE_SKIPS.length, counts: SAMPLE_SKIPS.map((why) => ({ n: 1, why })) },
  { kind: 'not-an-address', address: 'feed' }, { kind: 'not-http' }, { kind: 'already-followed' }, { kind: 'not-granted', origin: 'https://a.example' },
  { kind: 'not-followed', cause: { kind: 'http-status', status: 404 } }, { kind: 'not-followed', cause: null }, { kind: 'not-following' },
];

describe('sourcesMessages', () => {
  it('speaks English and German with the same set of messages', () => {
    const en = sourcesMessages('en');
    const de = sourcesMessages('de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(de.columns).sort()).toEqual(Object.keys(en.columns).sort());
    expect(Object.keys(de.feedState).sort()).toEqual(Object.keys(en.feedState).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      if (typeof en[key] === 'string' && !['columns'].includes(key)) expect(de[key], key).not.toBe(en[key]);
    }
  });

  it('has words for every reason kind in both languages, and says each differently in German', () => {
    for (const locale of ['en', 'de'] as const) {
      const w = sourcesMessages(locale).feedState;
      expect(Object.keys(w.reasons).sort(), locale).toEqual([...FEED_REASON_KINDS].sort());
      expect(Object.keys(w.skips).sort(), locale).toEqual([...SKIP_REASON_KINDS].sort());
    }
    expect(new Set(SAMPLE_REASONS.map((r) => r.kind))).toEqual(new Set(FEED_REASON_KINDS));
    expect(new Set(SAMPLE_SKIPS.map((r) => r.kind))).toEqual(new Set(SKIP_REASON_KINDS));
    const en = sourcesMessages('en').feedState;
    const de = sourcesMessages('de').feedState;
    for (const r of SAMPLE_REASONS) {
      const english = reasonText(r, en);
      const german = reasonText(r, de);
      expect(english, r.kind).toMatch(/\S/);
      expect(german, r.kind).not.toBe(english);
      // Values reach the words.
      for (const value of Object.values(r).filter((v): v is string => typeof v === 'string' && v !== r.kind)) expect(german, r.kind).toContain(value);
    }
    for (const why of SAMPLE_SKIPS) expect(skipText(why, de), why.kind).not.toBe(skipText(why, en));
  });

  it('says the fetch’s reasons as the background did before they had kinds', () => {
    const en = sourcesMessages('en').feedState;
    expect(reasonText({ kind: 'http-status', status: 404 }, en)).toBe('The server answered 404 (not found): the address may have moved or the feed may be gone.');
    expect(reasonText({ kind: 'http-status', status: 418 }, en)).toBe('The server answered 418 (an error).');
    expect(reasonText({ kind: 'too-large', bytes: 12 * 1024 * 1024, limit: 5 * 1024 * 1024 }, en)).toBe('The document is too large (12 MB; the limit is 5.0 MB).');
    expect(reasonText({ kind: 'too-large', bytes: null, limit: 5 * 1024 * 1024 }, en)).toBe('The document is too large (more than 5.0 MB, the limit).');
    expect(reasonText({ kind: 'unreachable', cause: null }, en)).toBe('The server could not be reached: no connection.');
    expect(reasonText({ kind: 'not-followed', cause: { kind: 'not-a-feed' } }, en)).toBe('Not followed: This document is not an RSS, Atom or JSON feed.');
    expect(
      reasonText({ kind: 'skipped', total: 3, counts: [{ n: 2, why: { kind: 'duplicate' } }, { n: 1, why: { kind: 'page-failed', cause: { kind: 'http-status', status: 500 } } }] }, en),
    ).toBe('3 items not added: 2 because it is already in your corpus; 1 because its page could not be fetched (The server answered 500 (server error).).');
    // A sentence stored by an earlier version is shown as it is, in either language.
    expect(reasonText('The server answered 500 (server error).', sourcesMessages('de').feedState)).toBe('The server answered 500 (server error).');
    const de = sourcesMessages('de').feedState;
    expect(reasonText({ kind: 'too-large', bytes: null, limit: 5 * 1024 * 1024 }, de)).toBe('Das Dokument ist zu groß (mehr als 5,0 MB, die Grenze).');
  });

  it('tells a feed’s state in German', () => {
    const de = sourcesMessages('de').feedState;
    expect(records.map((r) => describeFeed(r, NOW, false, de))).toEqual([
      'Noch nicht abgerufen. 0 Artikel aus diesem Feed insgesamt.',
      'Abgerufen gerade eben: 1 neuer Artikel. 1 Artikel aus diesem Feed insgesamt.',
      'Abgerufen vor 5 Min.: 3 neue Artikel. Unchanged since the last fetch. 7 Artikel aus diesem Feed insgesamt.',
      'Letzter Abruf vor 3 Std. fehlgeschlagen: The server answered 500 (server error). Zuletzt erfolgreich vor 4 Tagen. 0 Artikel aus diesem Feed insgesamt. Neuer Versuch in 2 Stunden.',
      'Letzter Abruf vor 2 Min. fehlgeschlagen: The server answered 404 (not found). 0 Artikel aus diesem Feed insgesamt. Neuer Versuch in 28 Minuten.',
      'Abgerufen vor 1 Std.: nichts Neues. 12 Artikel aus diesem Feed insgesamt. Pausiert.',
      'Abgerufen vor 5 Min.: nichts Neues. Unverändert seit dem letzten Abruf. 7 Artikel aus diesem Feed insgesamt.',
      'Letzter Abruf vor 2 Min. fehlgeschlagen: Der Server antwortete 404 (nicht gefunden): Die Adresse ist vielleicht umgezogen, oder den Feed gibt es nicht mehr. 0 Artikel aus diesem Feed insgesamt. Neuer Versuch in 28 Minuten.',
    ]);
  });

  it('writes numbers the reader’s way', () => {
    expect(sourcesMessages('en').limits(50_000)).toMatch(/^At most 50,000 articles/);
    expect(sourcesMessages('de').limits(50_000)).toMatch(/^Höchstens 50\.000 Artikel/);
    expect(sourcesMessages('en').storageUsed(3.5 * 1024 * 1024)).toBe('Storage used: 3.5 MB.');
    expect(sourcesMessages('de').storageUsed(3.5 * 1024 * 1024)).toBe('Belegter Speicher: 3,5 MB.');
  });
});
