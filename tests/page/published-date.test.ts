import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { dayOf, publishedDate } from '../../page/published-date';
import { sharedDir } from '../helpers/seeds';

const NOW = new Date('2025-06-01T12:00:00Z');
const page = (head: string, body = '<p>Text.</p>') => new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).window.document;
const date = (head: string, body?: string) => publishedDate(page(head, body), NOW);
const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;

describe('publishedDate', () => {
  it('reads article:published_time as the day written in its own time zone', () => {
    expect(date('<meta property="article:published_time" content="2025-05-24T21:30:00+02:00">')).toBe('2025-05-24');
    expect(date('<meta property="article:published_time" content="2025-05-24T23:30:00-07:00">')).toBe('2025-05-24');
    expect(date('<meta property="article:published_time" content="2025-05-24T00:30:00+09:00">')).toBe('2025-05-24');
  });

  it('reads JSON-LD datePublished, in arrays and @graph, article types first', () => {
    expect(date(ld('{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-05-20T08:00:00Z"}'))).toBe('2025-05-20');
    expect(date(ld('[{"@type":"Organization","name":"X"},{"@type":"Article","datePublished":"2025-05-19"}]'))).toBe('2025-05-19');
    expect(date(ld('{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2025-01-01"},{"@type":"NewsArticle","datePublished":"2025-05-18T10:00:00+02:00"}]}'))).toBe(
      '2025-05-18',
    );
    expect(date(ld('{"@type":"WebPage","datePublished":"2025-05-17"}'))).toBe('2025-05-17');
    expect(date(ld('{"@type":"WebPage","mainEntity":{"@type":["NewsArticle"],"datePublished":"2025-05-16"}}'))).toBe('2025-05-16');
  });

  it('ignores JSON-LD it cannot read and goes on to the next block or source', () => {
    expect(date(ld('{"@type":"NewsArticle", "datePublished": ') + ld('{"@type":"NewsArticle","datePublished":"2025-05-15"}'))).toBe('2025-05-15');
    expect(date(ld('not json at all') + '<meta itemprop="datePublished" content="2025-05-14">')).toBe('2025-05-14');
    expect(date(ld('null') + ld('42') + ld('{"datePublished":{"@value":"x"}}'))).toBeNull();
  });

  it('reads each other source: itemprop, og, parsely, sailthru, date/dc.date, <time>', () => {
    expect(date('<meta itemprop="datePublished" content="2025-05-14T09:00:00-04:00">')).toBe('2025-05-14');
    expect(date('<meta property="og:published_time" content="2025-05-13">')).toBe('2025-05-13');
    expect(date('<meta property="og:article:published_time" content="2025-05-12T10:00:00Z">')).toBe('2025-05-12');
    expect(date('<meta name="parsely-pub-date" content="2025-05-11T10:00:00Z">')).toBe('2025-05-11');
    expect(date('<meta name="sailthru.date" content="2025-05-10 10:00:00">')).toBe('2025-05-10');
    expect(date('<meta name="sailthru.date" content="Fri, 09 May 2025 10:00:00 -0400">')).toBe('2025-05-09');
    expect(date('<meta name="date" content="2025-05-08 01:28:49">')).toBe('2025-05-08');
    expect(date('<meta name="dc.date" content="2025-05-07">')).toBe('2025-05-07');
    expect(date('<meta name="DC.date.issued" content="2025-05-06T01:28:49">')).toBe('2025-05-06');
    expect(date('', '<p><time datetime="2025-05-05T08:00:00+02:00">5. Mai</time></p>')).toBe('2025-05-05');
  });

  it('takes the first <time> of the article or main element before the page’s first', () => {
    const body = '<header><time datetime="2025-05-31">today</time></header><main><article><time datetime="2025-05-04">4 May</time><p>Text.</p></article></main>';
    expect(date('', body)).toBe('2025-05-04');
    expect(date('', '<header><time datetime="2025-05-03">x</time></header><div><time datetime="2025-05-02">y</time></div>')).toBe('2025-05-03');
    expect(date('', '<time>no datetime</time>')).toBeNull();
  });

  it('follows the order of trust', () => {
    const all = [
      '<meta name="date" content="2025-05-01">',
      '<meta name="sailthru.date" content="2025-05-02">',
      '<meta name="parsely-pub-date" content="2025-05-03">',
      '<meta property="og:published_time" content="2025-05-04">',
      '<meta itemprop="datePublished" content="2025-05-05">',
      ld('{"@type":"NewsArticle","datePublished":"2025-05-06"}'),
      '<meta property="article:published_time" content="2025-05-07">',
    ];
    const body = '<article><time datetime="2025-04-30">x</time><p>Text.</p></article>';
    // Drop the most trusted source one at a time: the next one answers.
    const expected = ['2025-05-07', '2025-05-06', '2025-05-05', '2025-05-04', '2025-05-03', '2025-05-02', '2025-05-01', '2025-04-30'];
    for (let n = all.length; n >= 0; n--) expect(date(all.slice(0, n).join(''), body)).toBe(expected[all.length - n]);
  });

  it('accepts a month where only the month is known', () => {
    expect(date('<meta name="date" content="2025-03">')).toBe('2025-03');
  });

  it('passes over values that are no real date or lie outside 1990..next year, for the next source', () => {
    const fallback = '<meta name="date" content="2025-04-01">';
    for (const bad of ['2025-02-30', '2025-13-01', '2023-02-29T10:00:00Z', '1970-01-01T00:00:00Z', '1989-12-31', 'yesterday', '', '0000-00-00', '2025-5-x'])
      expect(date(`<meta property="article:published_time" content="${bad}">${fallback}`), bad).toBe('2025-04-01');
    expect(date('<meta property="article:published_time" content="2024-02-29">')).toBe('2024-02-29');
    expect(date('<meta property="article:published_time" content="1990-01-01">')).toBe('1990-01-01');
  });

  it('passes over dates more than a day in the future', () => {
    const fallback = '<meta name="date" content="2025-04-01">';
    expect(date(`<meta property="article:published_time" content="2025-06-03T08:00:00Z">${fallback}`)).toBe('2025-04-01');
    expect(date(`<meta property="article:published_time" content="2026-01-01">${fallback}`)).toBe('2025-04-01');
    expect(date(`<meta property="article:published_time" content="2025-07">${fallback}`)).toBe('2025-04-01');
    // Tomorrow is already today somewhere.
    expect(date(`<meta property="article:published_time" content="2025-06-02T06:00:00+14:00">${fallback}`)).toBe('2025-06-02');
    expect(date(`<meta property="article:published_time" content="2025-06-01T23:00:00-05:00">${fallback}`)).toBe('2025-06-01');
  });

  it('answers null for a page without a date', () => {
    expect(date('<title>Nothing</title><meta name="description" content="2025-05-01 was a day">')).toBeNull();
    expect(publishedDate(new JSDOM('').window.document, NOW)).toBeNull();
  });

  it('defaults now to the present', () => {
    expect(publishedDate(page('<meta property="article:published_time" content="2015-04-08T12:46:00">'))).toBe('2015-04-08');
    expect(publishedDate(page(`<meta property="article:published_time" content="${new Date().getUTCFullYear() + 1}-12-31">`))).toBeNull();
  });

  it('dayOf checks a single value the same way', () => {
    expect(dayOf('2025-05-24T21:30:00+02:00', NOW)).toBe('2025-05-24');
    expect(dayOf(null, NOW)).toBeNull();
    expect(dayOf('2025-06-05', NOW)).toBeNull();
  });

  it('reads the dates of the real pages in ../shared/data/pages', () => {
    const dir = path.join(sharedDir, 'data/pages');
    if (!fs.existsSync(dir)) return;
    const expected: Record<string, string | null> = {
      'aktualne.html': '2021-11-01',
      'ars-1.html': '2015-04-16',
      'bbc-1.html': '2015-07-24',
      'cnn.html': '2016-02-01',
      'heise.html': '2015-04-08',
      'medium-1.html': '2015-03-17',
      'nytimes-1.html': '2017-01-13',
    };
    for (const [file, day] of Object.entries(expected)) {
      const doc = new JSDOM(fs.readFileSync(path.join(dir, file), 'utf8')).window.document;
      expect(publishedDate(doc), file).toBe(day);
    }
  });
});
