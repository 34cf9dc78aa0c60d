import { describe, expect, it } from 'vitest';
import { analyse, clauseTerms, dateFromUrl, resemblance, sentenceTerms } from '../../../lib/match/features';

describe('analyse', () => {
  const text = [
    'Kreml bestätigt Gespräch',
    '',
    'Der Kreml bestätigte am Mittwoch das Telefonat zwischen beiden Präsidenten.',
    'Foto: Agentur | Max Mustermann',
    'Die Präsidenten sprachen eineinhalb Stunden lang über einen Frieden.',
  ].join('\n');
  const caption = { start: text.indexOf('Foto:'), end: text.indexOf('Mustermann') + 'Mustermann'.length };

  it('keeps only sentences of reporting text and marks headings as without content', () => {
    const f = analyse({ text, language: 'de', nonReporting: [caption] });
    const sentences = f.sentences.map((s) => text.slice(s.start, s.end));
    expect(sentences.some((s) => s.includes('Foto'))).toBe(false);
    const heading = f.sentences.find((s) => text.slice(s.start, s.end) === 'Kreml bestätigt Gespräch');
    expect(heading?.content).toBe(false);
    expect(f.sentences.filter((s) => s.content)).toHaveLength(2);
  });

  it('records durations, weekdays and text dates', () => {
    const f = analyse({ text: `${text}\nAm 12. Februar 2025 folgte ein zweites Gespräch der beiden.`, language: 'de' });
    const durations = f.sentences.flatMap((s) => s.quantities).filter((q) => q.kind === 'duration');
    expect(durations.map((q) => q.value)).toContain(90);
    expect(f.weekdays).toContain(2);
    expect(f.textDates).toContain(20250212);
  });

  it('takes the weekday the reporting names first as the day of the event, also in "Mittwochabend"', () => {
    expect(analyse({ text, language: 'de' }).eventWeekday).toBe(2);
    const later = analyse({ text: 'Am Dienstagabend telefonierten beide Präsidenten lange. Am Freitag beginnt die Konferenz in München.', language: 'de' });
    expect(later.eventWeekday).toBe(1);
    expect(later.weekdays).toEqual([1, 4]);
    // Two days in one sentence: the first named, whichever day of the week comes first; each day once.
    const both = analyse({ text: 'Die Gespräche vom Samstagabend und vom Dienstag wurden am Samstag fortgesetzt, sagte der Sprecher.', language: 'de' });
    expect([both.eventWeekday, both.weekdays]).toEqual([5, [1, 5]]);
    const english = analyse({ text: 'Talks that began on Sunday night and resumed on Wednesday ended on Thursday, officials said.', language: 'en' });
    expect([english.eventWeekday, english.weekdays]).toEqual([6, [2, 3, 6]]);
    expect(analyse({ text: 'Beide Präsidenten telefonierten lange miteinander.', language: 'de' }).eventWeekday).toBeNull();
    const lead = [
      'Beide Präsidenten telefonierten lange miteinander über den Krieg.',
      'Themen waren Frieden, Handel, Energie und Sicherheit in Europa.',
      'Beide Seiten lobten das lange Gespräch danach ausdrücklich.',
      'Weitere Gespräche der Berater sollen bald in Genf folgen.',
    ].join(' ');
    expect(analyse({ text: `${lead} Am Freitag beginnt die Konferenz in München.`, language: 'de' }).eventWeekday).toBeNull();
  });

  it('keeps durations that tell how long something took, not spans that place a moment', () => {
    const durations = (text: string) =>
      analyse({ text, language: 'de' })
        .sentences.flatMap((s) => s.quantities)
        .filter((q) => q.kind === 'duration')
        .map((q) => q.value);
    expect(durations('Das Gespräch der beiden Präsidenten dauerte eineinhalb Stunden.')).toEqual([90]);
    expect(durations('Nach zwölf Minuten hatte Bielefeld die große Chance zur Führung.')).toEqual([]);
    expect(durations('Undav besorgte sechs Minuten später das dritte Tor für Stuttgart.')).toEqual([]);
    expect(durations('Innerhalb von nur 30 Minuten überrollen die Schwaben den Gegner.')).toEqual([]);
    expect(analyse({ text: 'The call lasted 90 minutes. Within 30 minutes the news was out everywhere.', language: 'en' }).sentences.flatMap((s) => s.quantities).map((q) => q.value)).toEqual([90]);
  });

  it('records results and minutes of play', () => {
    const q = analyse({ text: 'Julian Kania traf in der 82. Minute zum 2:4 für die Arminia.', language: 'de' }).sentences.flatMap((s) => s.quantities);
    expect(q).toEqual(expect.arrayContaining([{ kind: 'score', value: 4002, approx: false }, { kind: 'minute', value: 82, approx: false }]));
  });

  it('is plain data that survives JSON', () => {
    const f = analyse({ text, language: 'de', url: 'https://example.org/2025/02/12/kreml.html' });
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    expect(f.date).toBe('2025-02-12');
  });
});

describe('sentenceTerms', () => {
  it('drops stopwords, splits hyphenated words into their parts and keeps numbers as marked terms that are no words', () => {
    const { terms, words } = sentenceTerms('Der US-Präsident sprach 2 Stunden mit dem Kreml.', 'de');
    expect(terms).toContain('prasident');
    expect(terms).not.toContain('der');
    expect(terms.filter((t) => /\d/.test(t))).toEqual(['#2']);
    expect(sentenceTerms('Vor 74.036 Zuschauern (28.)', 'de').terms).toEqual(expect.arrayContaining(['#74036', '#28']));
    expect(sentenceTerms('Der US-Präsident sprach Stunden mit dem Kreml.', 'de').words).toBe(words);
  });

  it('leaves out words that only attribute a statement', () => {
    expect(sentenceTerms('Der Kreml bestätigte das Telefonat, sagte Peskow laut Agentur.', 'de').terms).not.toContain('sagt');
    expect(sentenceTerms('The Kremlin confirmed the call, according to Peskov, who said so.', 'en').terms.some((t) => /^(said|accord)/.test(t))).toBe(false);
    expect(sentenceTerms('The Kremlin confirmed the call.', 'en').terms).toContain('confirm');
  });

  it('takes a number joined to words as the number and the words', () => {
    expect(sentenceTerms('Stuttgart feierte einen 4:2-Sieg.', 'de').terms).toEqual(expect.arrayContaining(['#42', 'sieg']));
    expect(sentenceTerms('Der 12-Punkte-Plan kam.', 'de').terms).toEqual(expect.arrayContaining(['#12', 'punkt', 'plan']));
    const call = sentenceTerms('Nach dem 90-Minuten-Telefonat.', 'de');
    expect(call.terms).toEqual(expect.arrayContaining(['#90', 'telefonat']));
    expect(call.words).toBeGreaterThan(0);
  });

  it('gives "-iert" participles the stem of their infinitive, but not verbs in "-ern"', () => {
    const participle = sentenceTerms('Trump hat telefoniert und informiert.', 'de').terms;
    const infinitive = sentenceTerms('Trump will telefonieren und informieren.', 'de').terms;
    expect(participle.filter((t) => infinitive.includes(t))).toEqual(expect.arrayContaining([infinitive.find((t) => t.startsWith('telefon')), infinitive.find((t) => t.startsWith('inform'))]));
    expect(sentenceTerms('Die Stadt feiert.', 'de').terms.some((t) => t.startsWith('feier'))).toBe(true);
  });

  it('folds the zu-infinitive of separable verbs onto the verb', () => {
    const a = sentenceTerms('Sie wollen eng zusammenzuarbeiten versuchen.', 'de').terms;
    const b = sentenceTerms('Sie wollen eng zusammenarbeiten.', 'de').terms;
    expect(a.filter((t) => b.includes(t))).toContain(b.find((t) => t.startsWith('zusammenarbeit')));
  });

  it('lists each term once, in the order of its first use, in short and in long runs of words alike', () => {
    const short = 'Kanzler Merz traf Macron, und Merz lobte Macron in Paris.';
    expect(sentenceTerms(short, 'de').terms).toEqual(['kanzl', 'merz', 'traf', 'macron', 'lobt', 'paris']);
    // Over 48 tokens (a table row, a list without full stops): the same terms, each once, first use first.
    const long = `${short.slice(0, -1)} ${Array.from({ length: 10 }, () => 'und Merz lobte Macron in Paris').join(' ')}.`;
    expect(sentenceTerms(long, 'de').terms).toEqual(['kanzl', 'merz', 'traf', 'macron', 'lobt', 'paris']);
  });
});

describe('clauseTerms', () => {
  it('splits a long sentence at clause punctuation and joins short pieces', () => {
    const clauses = clauseTerms('Putin lud Trump nach Moskau ein, wie der Kremlsprecher Peskow am Abend mitteilte.', 'de');
    expect(clauses.length).toBe(2);
    expect(clauseTerms('Ja, gut.', 'de').length).toBeLessThanOrEqual(1);
  });
});

describe('dateFromUrl and resemblance', () => {
  it('reads dates from URL paths in both orders', () => {
    expect(dateFromUrl('https://x.de/politik/2025/02/12/artikel')).toBe('2025-02-12');
    expect(dateFromUrl('https://x.ch/pokal-24-05-2025-id1.html')).toBe('2025-05-24');
    expect(dateFromUrl('https://x.de/artikel-123')).toBeNull();
  });

  it('finds near-duplicates and tells different texts apart', () => {
    const base = 'Der Kreml bestätigte am Mittwoch das lange Telefonat zwischen den beiden Präsidenten über den Krieg in der Ukraine und einen möglichen Frieden.';
    const a = analyse({ text: base, language: 'de' });
    const b = analyse({ text: `${base} Mehr dazu später.`, language: 'de' });
    const c = analyse({ text: 'Der FC Musterdorf gewann das Pokalfinale gegen den SV Beispielheim vor zwanzigtausend Zuschauern im Stadion.', language: 'de' });
    expect(resemblance(a.sketch, b.sketch)).toBeGreaterThan(0.6);
    expect(resemblance(a.sketch, c.sketch)).toBeLessThan(0.1);
  });

  it('gives sorted sketches (merged) the same resemblance as unsorted ones', () => {
    const a = [1, 3, 5, 7, 9, 11, 13, 15];
    const b = [2, 3, 4, 7, 8, 15, 16];
    const merged = resemblance(a, b);
    expect(merged).toBe(resemblance([...a].reverse(), [...b].reverse()));
    expect(merged).toBeCloseTo(3 / 12);
    const long = Array.from({ length: 100 }, (_, i) => i * 2);
    const other = Array.from({ length: 100 }, (_, i) => i * 3);
    expect(resemblance(long, other)).toBe(resemblance([...long].reverse(), [...other].reverse()));
  });
});
