import { describe, expect, it } from 'vitest';
import { analyse } from '../../../lib/match/features';
import { extractQuantities } from '../../../lib/text/numbers';
import { segmentSentences } from '../../../lib/text/segment';
import { de } from '../../../lib/text/vocabulary/de';
import { en } from '../../../lib/text/vocabulary/en';
import type { Vocabulary } from '../../../lib/text/vocabulary/vocabulary';
import { dayOf } from '../../../page/published-date';

/*
 * Every reader of dates and numbers knows every word of a language's
 * vocabulary: the number reader, the sentence splitter, an article's event
 * weekday and a page's publication date cannot disagree over a month or a
 * weekday one of them knows.
 */

const capital = (w: string) => w[0].toUpperCase() + w.slice(1);
const entries = (words: Readonly<Record<string, number>>) => Object.keys(words).map((w) => [w, words[w]] as const);
const dates = (text: string, language: string) => extractQuantities(text, language).filter((q) => q.kind === 'date');

describe('months', () => {
  it('the number reader reads each German month word after a day', () => {
    for (const [word, month] of entries(de.months)) {
      const [q] = dates(`am 12. ${capital(word)} 2025`, 'de');
      expect([q?.value, q?.unit], word).toEqual([20250012 + month * 100, 'ymd']);
    }
  });

  it('the number reader and the publication date read each English month word alike', () => {
    for (const [word, month] of entries(en.months)) {
      const [q] = dates(`on 12 ${capital(word)} 2025`, 'en');
      expect([q?.value, q?.unit], word).toEqual([20250012 + month * 100, 'ymd']);
      expect(dayOf(`12 ${capital(word)} 2025`, new Date('2026-01-01')), word).toBe(`2025-${String(month).padStart(2, '0')}-12`);
    }
  });

  it('the sentence splitter keeps a German ordinal with each month word that follows it', () => {
    for (const word of [...Object.keys(de.months), ...de.monthAbbreviations]) {
      const text = `Berlin, 12. ${capital(word)} 2025. Die Sitzung beginnt.`;
      expect(segmentSentences(text, 'de').map((s) => text.slice(s.start, s.end)), word).toEqual([`Berlin, 12. ${capital(word)} 2025.`, 'Die Sitzung beginnt.']);
    }
  });
});

describe('weekdays', () => {
  const cases: Array<[Vocabulary, string, (day: string) => string]> = [
    [de, 'de', (day) => `Am ${day} telefonierten die beiden Präsidenten lange miteinander.`],
    [en, 'en', (day) => `On ${day} the two presidents spoke on the phone at length.`],
  ];
  it.each(cases)('the number reader and the event weekday read each weekday word alike (%$)', (vocabulary, language, sentence) => {
    for (const [word, day] of entries(vocabulary.weekdays)) {
      const text = sentence(capital(word));
      expect(dates(text, language).map((q) => [q.value, q.unit]), word).toEqual([[day, 'weekday']]);
      // The event weekday counts from Monday.
      expect(analyse({ text, language }).eventWeekday, word).toBe((day + 6) % 7);
    }
  });

  it('both read a weekday joined with each part of the day, with its umlaut or without', () => {
    const written = (part: string) => part.replace('fruh', 'früh');
    for (const part of [...de.partsOfDay, ...de.partsOfDay.map(written)]) {
      const text = `Am Mittwoch${part} telefonierten die beiden Präsidenten lange miteinander.`;
      expect(dates(text, 'de').map((q) => [q.value, q.unit]), part).toEqual([[3, 'weekday']]);
      expect(analyse({ text, language: 'de' }).eventWeekday, part).toBe(2);
    }
  });
});

describe('relative days', () => {
  it('the number reader and the event time read "yesterday" and "the day before" alike', () => {
    for (const [vocabulary, language] of [[de, 'de'], [en, 'en']] as const) {
      for (const [word, days] of entries(vocabulary.relativeDays)) {
        if (days !== -1 && days !== -2) continue;
        const text = `${capital(word)} the presidents spoke. ${capital(word)} telefonierten die Präsidenten.`;
        expect(dates(text, language)[0]?.value, word).toBe(days);
        expect(analyse({ text, language }).eventRelative, word).toBe(days === -1 ? 'yesterday' : 'day-before');
      }
    }
  });
});
