import { describe, expect, it } from 'vitest';
import { extractQuantities, germanNumberWord, mayStartQuantity, type Quantity } from '../../../lib/text/numbers';
import { normalise } from '../../../lib/text/normalise';
import { seedTexts } from '../../helpers/seeds';

const only = (text: string, language = 'de'): Quantity => {
  const qs = extractQuantities(text, language);
  expect(qs.map((q) => q.text)).toHaveLength(1);
  return qs[0];
};
const summary = (text: string, language = 'de') =>
  extractQuantities(text, language).map((q) => [q.kind, q.value, q.unit ?? null, q.approx]);

describe('extractQuantities: offsets of figures that recur', () => {
  it('places each occurrence where it stands', () => {
    const text = 'Fünf Minuten. Nach 5 Minuten: 5 Minuten, dann (5 Minuten) und 5 Minuten.';
    const found = extractQuantities(text, 'de');
    for (const q of found) expect(text.slice(q.start, q.end)).toBe(q.text);
    expect(found.map((q) => q.start)).toEqual([0, 19, 30, 47, 62]);
  });
});

describe('germanNumberWord', () => {
  it('reads simple, compound and fractional number words', () => {
    expect(germanNumberWord('zwei')).toBe(2);
    expect(germanNumberWord('einundzwanzig')).toBe(21);
    expect(germanNumberWord('zweihundertfunfzig')).toBe(250);
    expect(germanNumberWord('dreitausendeins')).toBe(3001);
    expect(germanNumberWord('eineinhalb')).toBe(1.5);
    expect(germanNumberWord('anderthalb')).toBe(1.5);
    expect(germanNumberWord('zweieinhalb')).toBe(2.5);
    expect(germanNumberWord('frieden')).toBeNull();
  });
});

describe('extractQuantities: durations in minutes', () => {
  it('agrees across spellings of the same duration', () => {
    expect(only('der 78-Jährige').value).toBe(78 * 525960);
    const ninety = ['eineinhalb Stunden', 'anderthalb Stunden', '90 Minuten', '1,5 Stunden', 'ein 90-minütiges Gespräch', 'ein eineinhalbstündiges Telefonat'];
    for (const t of ninety) {
      const q = only(t);
      expect([q.kind, q.value]).toEqual(['duration', 90]);
    }
    expect(only('one and a half hours', 'en').value).toBe(90);
    expect(only('an hour and a half', 'en').value).toBe(90);
    expect(only('1.5 hours', 'en').value).toBe(90);
    expect(only('a 90-minute call', 'en').value).toBe(90);
    expect([only('das 90-Minuten-Gespräch').kind, only('das 90-Minuten-Gespräch').value]).toEqual(['duration', 90]);
    expect(only('die 24-Stunden-Frist').value).toBe(24 * 60);
    // Without a compound after it, a hyphen between numbers is a range, not a duration adjective.
    expect(only('10-15 Minuten').value).toBe(12.5);
  });

  it('marks hedged durations as approximate', () => {
    const q = only('Knapp eine Stunde später');
    expect([q.kind, q.value, q.approx, q.text]).toEqual(['duration', 60, true, 'Knapp eine Stunde']);
    expect(only('zwei Stunden').approx).toBe(false);
    expect(only('about two hours', 'en').approx).toBe(true);
  });

  it('converts days, weeks, months and years', () => {
    expect(summary('drei Jahre, zwei Wochen, zehn Tage, sechs Monate')).toEqual([
      ['duration', 3 * 525960, 'year', false],
      ['duration', 2 * 10080, 'week', false],
      ['duration', 10 * 1440, 'day', false],
      ['duration', 6 * 43830, 'month', false],
    ]);
  });

  it('adds a smaller unit joined by "und"/"and" and reads halves and quarters', () => {
    expect(only('zwei Stunden und 15 Minuten').value).toBe(135);
    expect(only('eine halbe Stunde').value).toBe(30);
    expect(only('eine Viertelstunde').value).toBe(15);
    expect(only('half an hour', 'en').value).toBe(30);
  });

  it('reads ranges as an approximate middle value', () => {
    const q = only('zwei bis drei Tage');
    expect([q.value, q.approx]).toEqual([2.5 * 1440, true]);
  });
});

describe('extractQuantities: counts, money, percent', () => {
  it('reads counts in German number format and ignores articles', () => {
    expect(summary('Vor 74.000 Zuschauern spielten zwei Teams, ein Trainer sah zu.')).toEqual([
      ['count', 74000, null, false],
      ['count', 2, null, false],
    ]);
    expect(summary('In front of 74,000 fans two teams played; one coach watched.', 'en')).toEqual([
      ['count', 74000, null, false],
      ['count', 2, null, false],
    ]);
  });

  it('does not read goal minutes, links or "eines Tages" as quantities', () => {
    expect(extractQuantities('Tore: Woltemade (15.), Millot (22./67.), Undav (28., Foulelfmeter).', 'de')).toEqual([]);
    expect(extractQuantities('Quelle: https://www.example.de/sport/2025/05/24/pokal-504934.html', 'de')).toEqual([]);
    expect(extractQuantities('Eines Tages kommt er wieder.', 'de')).toEqual([]);
  });

  it('reads Swiss thousands separators and ISO year-months', () => {
    expect(summary("vor 74'036 Zuschauern, Stand 2025-02")).toEqual([
      ['count', 74036, null, false],
      ['date', 202502, 'ym', false],
    ]);
  });

  it('does not read version numbers as quantities', () => {
    expect(extractQuantities('Apple liefert iOS 8.3 und OS X 10.10 aus.', 'de')).toEqual([]);
  });

  it('does not count scores, codes, ordinals, labels or capitalised number nouns', () => {
    expect(extractQuantities('Stuttgart gewann 4:2 beim G20-Gipfel, der 3. Platz, Nr. 5, die Elf des VfB.', 'de')).toEqual([]);
  });

  it('finds nothing in words that name JavaScript object properties', () => {
    expect(extractQuantities('The constructor of __proto__ and toString called valueOf.', 'en')).toEqual([]);
  });

  it('reads hedged and vague counts as approximate', () => {
    expect(only('ca. 300 Menschen').text).toBe('ca. 300');
    expect(only('ca. 300 Menschen').approx).toBe(true);
    expect(summary('Rund 300 Menschen, mehr als 1.000 Soldaten und Tausende Zivilisten.')).toEqual([
      ['count', 300, null, true],
      ['count', 1000, null, true],
      ['count', 1000, null, true],
    ]);
  });

  it('multiplies vague counts by a following order of magnitude', () => {
    expect(summary('Hunderte Millionen Menschen')).toEqual([['count', 1e8, null, true]]);
    expect(summary('hundreds of thousands of people', 'en')).toEqual([['count', 1e5, null, true]]);
  });

  it('reads money with multipliers and currency words or symbols', () => {
    expect(summary('2,5 Millionen Euro, 3 Mrd. Dollar, 5 Mio. € und 100 US-Dollar')).toEqual([
      ['money', 2.5e6, 'EUR', false],
      ['money', 3e9, 'USD', false],
      ['money', 5e6, 'EUR', false],
      ['money', 100, 'USD', false],
    ]);
    expect(summary('more than $2.5 billion and €40m', 'en')).toEqual([
      ['money', 2.5e9, 'USD', true],
      ['money', 40e6, 'EUR', false],
    ]);
  });

  it('reads percentages and percentage points', () => {
    expect(summary('40 Prozent, 5 % und zwei Prozentpunkte')).toEqual([
      ['percent', 40, 'percent', false],
      ['percent', 5, 'percent', false],
      ['percent', 2, 'point', false],
    ]);
    expect(summary('5% and 40 per cent', 'en')).toEqual([
      ['percent', 5, 'percent', false],
      ['percent', 40, 'percent', false],
    ]);
  });
});

describe('extractQuantities: dates and years', () => {
  it('reads the same date written four ways', () => {
    const texts: [string, string][] = [
      ['am 12. Februar 2025', 'de'],
      ['am 12.02.2025', 'de'],
      ['on 2025-02-12', 'en'],
      ['on February 12, 2025', 'en'],
      ['on 12 February 2025', 'en'],
    ];
    for (const [t, lang] of texts) {
      const q = only(t, lang);
      expect([q.kind, q.value, q.unit]).toEqual(['date', 20250212, 'ymd']);
    }
  });

  it('leaves the sentence period after a full month name outside the date', () => {
    expect(only('Vom 10. bis 12. März.').text).toBe('12. März');
    expect(only('Das war am 3. Juni.').text).toBe('3. Juni');
  });

  it('reads dates without a year as month and day', () => {
    expect(summary('am 12. Feb. und am 3.4.')).toEqual([
      ['date', 212, 'md', false],
      ['date', 403, 'md', false],
    ]);
    expect(only('on Feb. 12', 'en').value).toBe(212);
  });

  it('reads weekdays, including "Mittwochabend", as 0–6 from Sunday', () => {
    expect(summary('am Mittwoch und am Sonntagabend')).toEqual([
      ['date', 3, 'weekday', false],
      ['date', 0, 'weekday', false],
    ]);
    expect(only('on Wednesday', 'en').value).toBe(3);
  });

  it('reads month names only in date context', () => {
    expect(summary('im Februar und Februar 2025')).toEqual([
      ['date', 2, 'month', false],
      ['date', 202502, 'ym', false],
    ]);
    expect(extractQuantities('You may go.', 'en')).toEqual([]);
  });

  it('reads relative days, keeping "heute Morgen" as today', () => {
    expect(summary('gestern, heute Morgen und morgen')).toEqual([
      ['date', -1, 'relative-day', false],
      ['date', 0, 'relative-day', false],
      ['date', 1, 'relative-day', false],
    ]);
  });

  it('reads clock times and years', () => {
    expect(summary('um 20.45 Uhr im Jahr 2014, gegen 21:30 Uhr')).toEqual([
      ['date', 20 * 60 + 45, 'time', false],
      ['year', 2014, null, false],
      ['date', 21 * 60 + 30, 'time', true],
    ]);
    expect(summary('at 8:30 p.m. and 7 am', 'en')).toEqual([
      ['date', 20 * 60 + 30, 'time', false],
      ['date', 7 * 60, 'time', false],
    ]);
  });

  it('gives offsets that point at the quantity', () => {
    const text = 'Trump sprach am Mittwoch knapp eine Stunde mit Putin.';
    for (const q of extractQuantities(text, 'de')) expect(text.slice(q.start, q.end)).toBe(q.text);
  });
});

describe('extractQuantities on the seed corpus', () => {
  it('finds the call duration in several seeds, with exact offsets and finite values', () => {
    let ninetyMinutes = 0;
    for (const { raw: text } of seedTexts()) {
      const qs = extractQuantities(text, 'de');
      if (qs.some((q) => q.kind === 'duration' && q.value === 90)) ninetyMinutes++;
      for (const q of qs) {
        expect(text.slice(q.start, q.end)).toBe(q.text);
        expect(Number.isFinite(q.value)).toBe(true);
      }
      for (let k = 1; k < qs.length; k++) expect(qs[k].start).toBeGreaterThanOrEqual(qs[k - 1].end);
    }
    expect(ninetyMinutes).toBeGreaterThanOrEqual(2);
  });
});

describe('mayStartQuantity: the test that spares a sentence the parser', () => {
  const WORD = /[\p{L}\p{M}]+/gu;
  const spared = (text: string, language: string) =>
    !/\d|[€$£¥]/.test(text) && (text.match(WORD) ?? []).every((w) => !mayStartQuantity(normalise(w), language));

  it('holds for a word of every kind a quantity starts at', () => {
    for (const [text, language] of [
      ['Die Verhandlungen dauerten zwei Tage.', 'de'],
      ['Am Mittwochabend begann der Streik.', 'de'],
      ['Hunderte Menschen kamen.', 'de'],
      ['Er wartete eine halbe Stunde.', 'de'],
      ['Talks lasted half an hour on Tuesday.', 'en'],
      ['Tens of thousands marched in March.', 'en'],
    ] as const) {
      expect(extractQuantities(text, language).length, text).toBeGreaterThan(0);
      expect(spared(text, language), text).toBe(false);
    }
  });

  it('spares only sentences in which the parser finds nothing (every seed sentence, both languages)', () => {
    let spare = 0;
    for (const { raw } of seedTexts())
      for (const sentence of raw.split(/(?<=[.!?])\s+|\n+/))
        for (const language of ['de', 'en'])
          if (spared(sentence, language)) {
            spare++;
            expect(extractQuantities(sentence, language), sentence).toEqual([]);
          }
    // Most sentences name no quantity: the test spares many.
    expect(spare).toBeGreaterThan(50);
  });
});
