import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { findNonReporting } from '../../../lib/article/clean';
import { parseHeader } from '../../../lib/article/header';
import {
  MAX_BODY_CHARS,
  UNKNOWN_OUTLET,
  makeArticle,
  outletFromUrl,
  readArticle,
} from '../../../lib/article/make-article';
import { seedTexts } from '../../helpers/seeds';
import { haveShared, sharedPath } from '../../helpers/shared';

/** The texts of ../shared/<dir>, sorted by file name. */
const sharedFiles = (dir: string) =>
  readdirSync(sharedPath(dir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, raw: readFileSync(sharedPath(dir, file), 'utf8') }));

const GERMAN =
  'Die Bundesregierung hat am Mittwoch einen neuen Haushalt beschlossen. Der Entwurf sieht höhere Ausgaben für die Verteidigung vor, wie das Finanzministerium in Berlin mitteilte.';
const ENGLISH =
  'The government approved a new budget on Wednesday. The draft includes higher spending on defence, the finance ministry said in a statement.';

describe('makeArticle on the seeds', () => {
  for (const { file, raw } of seedTexts()) {
    it(`builds ${file}`, () => {
      const a = makeArticle({ id: file.slice(0, 3), raw, file, source: 'seed', addedAt: 1 });
      expect(a.raw).toBe(raw);
      expect(a.file).toBe(file);
      expect(a.bodyStart).toBe(0);
      expect(a.language).toBe('de');
      expect(a.outlet).toBe(UNKNOWN_OUTLET);
      expect(a.url).toBeNull();
      expect(a.date).toBeNull();
      expect(a.source).toBe('seed');
      expect(a.addedAt).toBe(1);
      expect(a.nonReporting).toEqual(findNonReporting(raw, 0, 'de'));
      expect(a.title.length).toBeGreaterThan(10);
      expect(a.title.length).toBeLessThanOrEqual(120);
      // The title is words of the reporting text, never a scraper's date stamp.
      expect(raw.includes(a.title.replace(/…$/, ''))).toBe(true);
      expect(a.title).not.toMatch(/^date\b/);
    });
  }

  it('takes a seed title from its first line', () => {
    const { raw } = seedTexts().find((f) => f.file.startsWith('003'))!;
    expect(makeArticle({ id: '003', raw, source: 'seed' }).title).toBe(raw.split('\n')[0]);
  });
});

describe.skipIf(!haveShared('data/story2', 'makeArticle on story2'))('makeArticle on story2', () => {
  it('reads the story2 files', () => {
    expect(sharedFiles('data/story2').length).toBeGreaterThan(0);
  });

  it('fills the fields of each story2 file from its header', () => {
    for (const { file, raw } of sharedFiles('data/story2')) {
      const header = parseHeader(raw);
      const a = makeArticle({ id: file, raw, source: 'user' });
      expect(a.bodyStart, file).toBe(header.bodyStart);
      expect(a.bodyStart, file).toBeGreaterThan(0);
      expect(a.url, file).toBe(header.meta.url);
      expect(a.outlet, file).toBe(new URL(header.meta.url).hostname.replace(/^www\./, ''));
      expect(a.outlet, file).not.toMatch(/^www\./);
      expect(a.language, file).toBe('de');
      if (header.meta.title) expect(a.title, file).toBe(header.meta.title);
      else expect(raw.slice(a.bodyStart), file).toContain(a.title.replace(/…$/, ''));
      expect(a.date === null || /^\d{4}-\d{2}(-\d{2})?$/.test(a.date), file).toBe(true);
      if (/^\d{4}-\d{2}-\d{2}$/.test(header.meta.date)) expect(a.date, file).toBe(header.meta.date);
      for (const r of a.nonReporting) expect(r.start, file).toBeGreaterThanOrEqual(a.bodyStart);
      expect(typeof a.addedAt, file).toBe('number');
    }
  });
});

describe('makeArticle fields', () => {
  const page = (header: string, body = GERMAN) => `${header}\n\n${body}`;

  it('prefers what the caller gives over the header', () => {
    const raw = page('url: https://www.example.org/a\ntitle: Header title\ndate: 12.02.2025\nlang: en\noutlet: Header Outlet');
    const a = makeArticle({ id: 'x', raw, source: 'user', title: 'Given', outlet: 'Given Outlet', language: 'de-DE', date: '2025-03-01', url: 'https://news.example.com/b' });
    expect([a.title, a.outlet, a.language, a.date, a.url]).toEqual(['Given', 'Given Outlet', 'de', '2025-03-01', 'https://news.example.com/b']);
    const b = makeArticle({ id: 'y', raw, source: 'user' });
    expect([b.title, b.outlet, b.language, b.date, b.url]).toEqual(['Header title', 'Header Outlet', 'en', '2025-02-12', 'https://www.example.org/a']);
  });

  it('names the outlet by the URL host, or as unknown', () => {
    expect(makeArticle({ id: 'x', raw: page('url: https://www.Example.org/path?q=1'), source: 'user' }).outlet).toBe('example.org');
    expect(makeArticle({ id: 'x', raw: GERMAN, url: 'not a url', source: 'user' }).outlet).toBe(UNKNOWN_OUTLET);
    expect(outletFromUrl('http://sub.www.example.org/')).toBe('sub.www.example.org');
    expect(outletFromUrl(null)).toBeNull();
  });

  it('detects the language when neither caller nor header says', () => {
    expect(makeArticle({ id: 'x', raw: GERMAN, source: 'user' }).language).toBe('de');
    expect(makeArticle({ id: 'x', raw: ENGLISH, source: 'user' }).language).toBe('en');
    expect(makeArticle({ id: 'x', raw: 'ok', source: 'user' }).language).toBe('und');
    const spanish = 'El gobierno aprobó el miércoles un nuevo presupuesto que incluye un mayor gasto en defensa, según informó el ministerio.';
    expect(makeArticle({ id: 'x', raw: spanish, source: 'user' }).language).toBe('es');
    expect(makeArticle({ id: 'x', raw: ENGLISH, language: ' ', source: 'user' }).language).toBe('en');
  });

  it('takes a declared language in any form: the caller first, then the header', () => {
    expect(makeArticle({ id: 'x', raw: GERMAN, language: 'DEU', source: 'user' }).language).toBe('de');
    expect(makeArticle({ id: 'x', raw: GERMAN, language: 'en-GB', source: 'user' }).language).toBe('en');
    expect(makeArticle({ id: 'x', raw: GERMAN, language: 'fra', source: 'user' }).language).toBe('fr');
    expect(makeArticle({ id: 'x', raw: `language: English\n\n${GERMAN}`, source: 'user' }).language).toBe('en');
    expect(makeArticle({ id: 'x', raw: `language: Deutsch\n\n${ENGLISH}`, source: 'user' }).language).toBe('de');
    expect(makeArticle({ id: 'x', raw: `language: English\n\n${GERMAN}`, language: 'de', source: 'user' }).language).toBe('de');
  });

  it('shortens a long first line to a title of at most 120 characters', () => {
    const a = makeArticle({ id: 'x', raw: `${GERMAN} ${GERMAN}\nZweite Zeile.`, source: 'user' });
    expect(a.title.length).toBeLessThanOrEqual(120);
    expect(a.title.endsWith('…')).toBe(true);
    expect(GERMAN.startsWith(a.title.slice(0, -1))).toBe(true);
  });

  it('keeps a month-only date and drops one that names no day', () => {
    expect(makeArticle({ id: 'x', raw: page('date: 2025-05'), source: 'user' }).date).toBe('2025-05');
    expect(makeArticle({ id: 'x', raw: page('date: gestern'), source: 'user' }).date).toBeNull();
    expect(makeArticle({ id: 'x', raw: GERMAN, date: '2025-02-12T20:00:00Z', source: 'user' }).date).toBe('2025-02-12');
  });

  it('computes non-reporting ranges after the header', () => {
    const raw = page('url: https://example.org/a', `${GERMAN}\n\nFoto: Erika Beispiel/dpa`);
    const a = makeArticle({ id: 'x', raw, source: 'user' });
    expect(a.nonReporting).toHaveLength(1);
    expect(raw.slice(a.nonReporting[0].start, a.nonReporting[0].end)).toBe('Foto: Erika Beispiel/dpa');
  });

  it('passes on header warnings through readArticle', () => {
    const { article, warnings } = readArticle({ id: 'x', raw: page('date: gestern\ntitle: T'), source: 'user' });
    expect(article.title).toBe('T');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toEqual({ kind: 'header-bad-date', date: 'gestern' });
    expect(readArticle({ id: 'x', raw: GERMAN, source: 'user' }).warnings).toEqual([]);
  });

  it('sets file only when given and addedAt to now by default', () => {
    const before = Date.now();
    const a = makeArticle({ id: 'x', raw: GERMAN, source: 'user' });
    expect('file' in a).toBe(false);
    expect(a.addedAt).toBeGreaterThanOrEqual(before);
  });
});

describe('makeArticle rejects what is not an article', () => {
  it('throws for empty text, whitespace, or a header without body', () => {
    expect(() => makeArticle({ id: 'e', raw: '', source: 'user' })).toThrow(/empty/);
    expect(() => makeArticle({ id: 'e', raw: ' \n\t\n', source: 'user' })).toThrow(/empty/);
    expect(() => makeArticle({ id: 'e', raw: 'url: https://example.org\ntitle: T\n\n\n  \n', source: 'user' })).toThrow(/empty.*header/);
  });

  it('throws for a body over 1,000,000 characters but accepts one at the limit', () => {
    const header = 'title: Long\n\n';
    expect(() => makeArticle({ id: 'l', raw: header + 'a'.repeat(MAX_BODY_CHARS + 1), source: 'user' })).toThrow(/too long.*1,000,000/);
    const ok = makeArticle({ id: 'l', raw: header + `${'Wort '.repeat(MAX_BODY_CHARS / 5 - 1)}Ende.`, source: 'user' });
    expect(ok.raw.length - ok.bodyStart).toBe(MAX_BODY_CHARS);
  });

  it('throws for a missing id', () => {
    expect(() => makeArticle({ id: '', raw: GERMAN, source: 'user' })).toThrow(/id/);
  });

  it('keeps markup as text', () => {
    const raw = `<script>alert(1)</script>\n${GERMAN}`;
    const a = makeArticle({ id: 'h', raw, source: 'user' });
    expect(a.raw).toBe(raw);
    expect(a.title).toBe('<script>alert(1)</script>');
  });
});
