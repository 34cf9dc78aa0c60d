import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseDate, parseHeader } from '../../../lib/article/header';
import { seedTexts } from '../../helpers/seeds';
import { haveShared, sharedPath } from '../../helpers/shared';

function dataFiles(folder: string): { name: string; text: string }[] {
  const dir = sharedPath(folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name: `${folder}/${name}`, text: readFileSync(path.join(dir, name), 'utf8') }));
}

describe('parseHeader', () => {
  it('reads key: value lines up to the blank line and starts the body after it', () => {
    const text = 'url: https://example.org/a\ntitle: A title\ndate: 2025-02-12\n\nBody text here.';
    const h = parseHeader(text);
    expect(h.meta).toEqual({ url: 'https://example.org/a', title: 'A title', date: '2025-02-12' });
    expect(text.slice(h.bodyStart)).toBe('Body text here.');
    expect(h.warnings).toEqual([]);
  });

  it('allows empty values and skips several blank lines before the body', () => {
    const text = 'url: https://example.org/b\ntitle: \ndate: \n\n\n\n  Indented body';
    const h = parseHeader(text);
    expect(h.meta).toEqual({ url: 'https://example.org/b', title: '', date: '' });
    expect(text.slice(h.bodyStart)).toBe('  Indented body');
  });

  it('handles CRLF line endings', () => {
    const text = 'title: T\r\nlang: en\r\n\r\nBody';
    const h = parseHeader(text);
    expect(h.meta).toEqual({ title: 'T', lang: 'en' });
    expect(text.slice(h.bodyStart)).toBe('Body');
  });

  it('normalises dates written as DD.MM.YYYY or ISO timestamps', () => {
    expect(parseHeader('date: 12.02.2025\n\nx').meta.date).toBe('2025-02-12');
    expect(parseHeader('date: 2025-02-12T21:30:00+01:00\n\nx').meta.date).toBe('2025-02-12');
    expect(parseHeader('date: 2025-02-12T21:30:00Z\n\nx').meta.date).toBe('2025-02-12');
  });

  it('keeps an unparseable date as written and warns', () => {
    const h = parseHeader('date: last Tuesday\ntitle: x\n\nBody');
    expect(h.meta.date).toBe('last Tuesday');
    expect(h.warnings).toEqual([{ kind: 'header-bad-date', date: 'last Tuesday' }]);
    const month = parseHeader('date: 2025-05\n\nBody');
    expect(month.meta.date).toBe('2025-05');
    expect(month.warnings).toHaveLength(1);
    expect(parseHeader('date: 2025-02-30\n\nBody').warnings).toHaveLength(1);
  });

  it('needs at least one known key', () => {
    const h = parseHeader('berlin: Die Lage ist ernst\n\nText');
    expect(h.bodyStart).toBe(0);
    expect(h.meta).toEqual({});
  });

  it('does not take a capitalised heading with a colon for a header', () => {
    const text = 'Trump: Verhandlungen sollen sofort beginnen\n\nTrump schrieb weiter.';
    expect(parseHeader(text).bodyStart).toBe(0);
  });

  it('rejects a block with a malformed line and says why, without throwing', () => {
    const h = parseHeader('url: https://example.org\nThis is not a header line\n\nBody');
    expect(h.bodyStart).toBe(0);
    expect(h.meta).toEqual({});
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toEqual({ kind: 'header-bad-lines', count: 1, first: 'This is not a header line' });
  });

  it('rejects header lines with no blank line after them', () => {
    const h = parseHeader('url: https://example.org\ntitle: x');
    expect(h.bodyStart).toBe(0);
    expect(h.warnings).toEqual([{ kind: 'header-no-blank' }]);
  });

  it('returns no header for texts without one, including empty text', () => {
    expect(parseHeader('')).toEqual({ meta: {}, bodyStart: 0, warnings: [] });
    expect(parseHeader('\n\nBody')).toEqual({ meta: {}, bodyStart: 0, warnings: [] });
    expect(parseHeader('Berlin. Der US-Präsident hat telefoniert.\n\nMehr.').bodyStart).toBe(0);
  });

  it.skipIf(!haveShared(['data/story2', 'data/near'], 'parseHeader on the story2 and near files'))('parses the headers of the shared story2 and near files', () => {
    const files = [...dataFiles('data/story2'), ...dataFiles('data/near')];
    expect(files.length).toBeGreaterThan(0);
    for (const { name, text } of files) {
      const h = parseHeader(text);
      expect(h.bodyStart, name).toBeGreaterThan(0);
      expect(h.meta.url, name).toMatch(/^https?:\/\//);
      expect('title' in h.meta && 'date' in h.meta, name).toBe(true);
      expect(text.slice(h.bodyStart).trim().length, name).toBeGreaterThan(100);
      expect(text[h.bodyStart], name).not.toBe('\n');
      expect(text.slice(0, h.bodyStart), name).toMatch(/\n\s*$/);
      if (h.meta.date) expect(h.meta.date, name).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    }
  });

  it('finds no header in the seeds', () => {
    for (const { file, raw } of seedTexts()) expect(parseHeader(raw).bodyStart, file).toBe(0);
  });
});

describe('normaliseDate', () => {
  it('accepts real days only', () => {
    expect(normaliseDate('2024-02-29')).toBe('2024-02-29');
    expect(normaliseDate('2025-02-29')).toBeNull();
    expect(normaliseDate('1.7.2025')).toBe('2025-07-01');
    expect(normaliseDate('2025/07/01')).toBeNull();
  });
});
