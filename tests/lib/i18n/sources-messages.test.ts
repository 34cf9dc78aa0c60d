import { describe, expect, it } from 'vitest';
import { describeFeed, MINUTE, type FeedRecord } from '../../../lib/feeds/feed-state';
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

  it('tells a feed’s state in English word for word as the background does, and in German', () => {
    const en = sourcesMessages('en').feedState;
    for (const r of records) {
      expect(describeFeed(r, NOW, false, en)).toBe(describeFeed(r, NOW));
      expect(describeFeed(r, NOW, true, en)).toBe(describeFeed(r, NOW, true));
    }
    const de = sourcesMessages('de').feedState;
    expect(records.map((r) => describeFeed(r, NOW, false, de))).toEqual([
      'Noch nicht abgerufen. 0 Artikel aus diesem Feed insgesamt.',
      'Abgerufen gerade eben: 1 neuer Artikel. 1 Artikel aus diesem Feed insgesamt.',
      'Abgerufen vor 5 Min.: 3 neue Artikel. Unchanged since the last fetch. 7 Artikel aus diesem Feed insgesamt.',
      'Letzter Abruf vor 3 Std. fehlgeschlagen: The server answered 500 (server error). Zuletzt erfolgreich vor 4 Tagen. 0 Artikel aus diesem Feed insgesamt. Neuer Versuch in 2 Stunden.',
      'Letzter Abruf vor 2 Min. fehlgeschlagen: The server answered 404 (not found). 0 Artikel aus diesem Feed insgesamt. Neuer Versuch in 28 Minuten.',
      'Abgerufen vor 1 Std.: nichts Neues. 12 Artikel aus diesem Feed insgesamt. Pausiert.',
    ]);
  });

  it('writes numbers the reader’s way', () => {
    expect(sourcesMessages('en').limits(50_000)).toMatch(/^At most 50,000 articles/);
    expect(sourcesMessages('de').limits(50_000)).toMatch(/^Höchstens 50\.000 Artikel/);
    expect(sourcesMessages('en').storageUsed(3.5 * 1024 * 1024)).toBe('Storage used: 3.5 MB.');
    expect(sourcesMessages('de').storageUsed(3.5 * 1024 * 1024)).toBe('Belegter Speicher: 3,5 MB.');
  });
});
