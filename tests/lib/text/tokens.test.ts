import { describe, expect, it } from 'vitest';
import { contentTerms, contentTermsOf, tokenize } from '../../../lib/text/tokens';
import { seedTexts } from '../../helpers/seeds';

describe('tokenize', () => {
  it('gives offsets into the original text, shifted by the offset argument', () => {
    const text = 'Der „US-Präsident“ sprach 2 Stunden, Trump’s Plan: 1.000,5 Mio. Euro.';
    for (const t of tokenize(text, 'de')) expect(text.slice(t.start, t.end)).toBe(t.text);
    const shifted = tokenize(text, 'de', 100);
    expect(shifted[0].start).toBe(100);
    expect(shifted.map((t) => t.text)).toEqual(tokenize(text, 'de').map((t) => t.text));
  });

  it('keeps hyphenated compounds, possessives, dotted acronyms and formatted numbers whole', () => {
    const text = 'US-Präsident, G20-Gipfel, Trump’s, U.S., 1.000,5 und 4:2 sowie 12.02.2025.';
    expect(tokenize(text, 'de').map((t) => t.text)).toEqual([
      'US-Präsident', 'G20-Gipfel', 'Trump’s', 'U.S.', '1.000,5', 'und', '4:2', 'sowie', '12.02.2025',
    ]);
    // A score or decimal joined to a word stays one token with it.
    expect(tokenize('ein 4:2-Sieg und die 1,5-Prozent-Marke', 'de').map((t) => t.text)).toEqual(['ein', '4:2-Sieg', 'und', 'die', '1,5-Prozent-Marke']);
  });

  it('classifies numbers and normalises words', () => {
    const [number, word] = tokenize('2025 Straße', 'de');
    expect(number.kind).toBe('number');
    expect(number.stem).toBe('2025');
    expect(word.norm).toBe('strasse');
  });

  it('treats a soft hyphen as part of the word', () => {
    const [t] = tokenize('Friedens\u00ADverhandlungen', 'de');
    expect(t.text).toBe('Friedens\u00ADverhandlungen');
    expect(t.norm).toBe('friedensverhandlungen');
  });

  it('gives hyphenated and closed compounds the same stem', () => {
    const [hyphenated] = tokenize('Friedens-Verhandlungen', 'de');
    const [closed] = tokenize('Friedensverhandlungen', 'de');
    expect(hyphenated.stem).toBe(closed.stem);
  });

  it('strips the genitive -s of names whose bare form occurs in the text', () => {
    const tokens = tokenize('Trump telefonierte. Trumps Plan und Putins Antwort kamen, als Putin anrief.', 'de');
    const byText = new Map(tokens.map((t) => [t.text, t]));
    expect(byText.get('Trumps')!.stem).toBe(byText.get('Trump')!.stem);
    expect(byText.get('Trumps')!.kind).toBe('name');
    expect(byText.get('Putins')!.stem).toBe(byText.get('Putin')!.stem);
    // A common noun's genitive is left to the stemmer and not called a name.
    const kriegs = tokenize('Der Krieg dauert. Das Ende des Kriegs ist fern.', 'de').find((t) => t.text === 'Kriegs')!;
    expect(kriegs.kind).toBe('word');
  });

  it('recognises German names by their use: recurring, never after an article or adjective', () => {
    const text = 'Putin telefonierte lange. Der Krieg dauert an. Danach sprach Putin mit Scholz über den Krieg. Den neuen Krieg will Scholz beenden. Die Minuten vergingen, zwölf Minuten lang.';
    const kinds = new Map(tokenize(text, 'de').map((t) => [t.text, t.kind]));
    expect(kinds.get('Putin')).toBe('name');
    expect(kinds.get('Scholz')).toBe('name');
    expect(kinds.get('Krieg')).toBe('word');
    expect(kinds.get('Minuten')).toBe('word');
    // Mentioned once, a German capitalised word cannot be told from a noun.
    expect(tokenize('Danach sprach Hegseth.', 'de').find((t) => t.text === 'Hegseth')!.kind).toBe('word');
  });

  it('recognises a German genitive name that is not also named bare in the text', () => {
    const stems = (t: string) => Object.fromEntries(tokenize(t, 'de').map((x) => [x.text, [x.stem, x.kind]]));
    expect(stems('Trumps Zölle treffen Europa.')['Trumps']).toEqual(['trump', 'name']);
    expect(stems('Präsident Selenskyjs engster Berater sprach.')['Selenskyjs']).toEqual(['selenskyj', 'name']);
    expect(stems('Wladimir Putins Krieg dauert an.')['Putins']).toEqual(['putin', 'name']);
    // Nouns, plurals and first names before a surname keep their -s.
    expect(stems('Der Gips hält.')['Gips']).toEqual(['gips', 'word']);
    expect(stems('Neue Autos kosten mehr.')['Autos'][1]).toBe('word');
    expect(stems('Torwart Jonas Kersken hielt.')['Jonas']).toEqual(['jonas', 'word']);
    expect(stems('Er sah Fox News Interviews.')['News'][1]).toBe('word');
  });

  it('strips English possessives and marks capitalised mid-sentence words as names', () => {
    const tokens = tokenize("Trump met Putin. It's Putin's plan, the president said.", 'en');
    const trump = tokens.find((t) => t.text === 'Trump')!;
    const possessive = tokens.find((t) => t.text === "Putin's")!;
    expect(possessive.stem).toBe('putin');
    expect(possessive.kind).toBe('name');
    expect(tokens.find((t) => t.text === 'Putin')!.kind).toBe('name');
    // Sentence-initial and capitalised nowhere else: position alone cannot tell a name.
    expect(trump.kind).toBe('word');
    expect(tokens.find((t) => t.text === 'president')!.kind).toBe('word');
    expect(tokens.find((t) => t.text === "It's")!.kind).toBe('word');
  });

  it('marks acronyms and internally capitalised words as names', () => {
    const kinds = Object.fromEntries(tokenize('Der VfB schlug den DFB-Pokalsieger und die USA.', 'de').map((t) => [t.text, t.kind]));
    expect(kinds['VfB']).toBe('name');
    expect(kinds['USA']).toBe('name');
    expect(kinds['Der']).toBe('word');
  });

  it('finds capitals beyond ASCII inside a word, and takes no lowercase umlaut or ß for one', () => {
    const kinds = Object.fromEntries(tokenize('Die Partei SÜD und McÖl trafen den Bürgermeister von Großmössingen.', 'de').map((t) => [t.text, t.kind]));
    expect(kinds['SÜD']).toBe('name');
    expect(kinds['McÖl']).toBe('name');
    expect(kinds['Bürgermeister']).toBe('word');
    expect(kinds['Großmössingen']).toBe('word');
  });
});

describe('contentTerms', () => {
  it('drops stopwords and keeps stems of content words', () => {
    const terms = contentTerms('Der Präsident hat mit den Kriegsparteien telefoniert.', 'de');
    expect(terms).not.toContain('der');
    expect(terms).not.toContain('mit');
    expect(terms).toContain('prasident');
    expect(terms.length).toBe(3);
  });

  it('yields the whole hyphenated compound and its parts', () => {
    expect(contentTerms('US-Präsident', 'de')).toEqual(['usprasident', 'us', 'prasident']);
    const terms = contentTerms('Friedens-Verhandlungen', 'de');
    expect(terms).toEqual(expect.arrayContaining(contentTerms('Friedensverhandlungen', 'de')));
    expect(terms).toEqual(expect.arrayContaining(contentTerms('Verhandlungen', 'de')));
  });

  it('maps inflected names to one term', () => {
    const de = contentTerms('Trump und Putin. Trumps Plan, Putins Antwort.', 'de');
    expect(de.filter((t) => t === 'trump').length).toBe(2);
    expect(de.filter((t) => t === 'putin').length).toBe(2);
    expect(contentTerms("Trump's plan", 'en')).toEqual(['trump', 'plan']);
  });

  it('keeps acronyms that spell a stopword, except in all-caps headlines', () => {
    expect(contentTerms('The US economy and the WHO report', 'en')).toEqual(['us', 'economi', 'who', 'report']);
    expect(contentTerms('US-led talks', 'en').slice(1)).toEqual(['us', 'led', 'talk']);
    expect(contentTerms('WHO IS IT', 'en')).toEqual([]);
  });

  it('drops English contractions of stopwords', () => {
    expect(contentTerms("It's what they don't want", 'en')).toEqual(['want']);
  });
});

describe('tokenize on the seed corpus', () => {
  it('covers every letter of the text with a token and keeps offsets exact', () => {
    const files = seedTexts();
    expect(files.length).toBeGreaterThan(0);
    for (const { raw: text } of files) {
      const tokens = tokenize(text, 'de');
      const covered = new Uint8Array(text.length);
      for (const t of tokens) {
        expect(text.slice(t.start, t.end)).toBe(t.text);
        covered.fill(1, t.start, t.end);
      }
      for (let i = 0; i < text.length; i++) if (/\p{L}/u.test(text[i])) expect(covered[i]).toBe(1);
    }
  });
});

describe('tokenize: offsets of words that recur', () => {
  it('places each occurrence where it stands, also after a token that normalises to nothing', () => {
    const text = 'Ab ab—ab (ab) \u00AD ab-ab ab. „Ab“ 4:2 4 2';
    const tokens = tokenize(text, 'de', 10);
    expect(tokens.map((t) => [t.text, t.start - 10])).toEqual([
      ['Ab', 0], ['ab', 3], ['ab', 6], ['ab', 10], ['ab-ab', 16], ['ab', 22], ['Ab', 27], ['4:2', 31], ['4', 35], ['2', 37],
    ]);
  });
});

describe('tokenize called again on the same text', () => {
  const text = 'Putin traf Trump in Anchorage. Putins Berater sagte, Trump habe zugehört. Die Gespräche dauerten drei Stunden.';

  it('gives the tokens of its own language and offset, not those of the call before', () => {
    const german = tokenize(text, 'de').map((t) => ({ ...t }));
    const english = tokenize(text, 'en').map((t) => ({ ...t }));
    const shifted = tokenize(text, 'de', 7).map((t) => ({ ...t }));
    expect(english.map((t) => t.kind)).not.toEqual(german.map((t) => t.kind));
    expect(shifted.map((t) => t.start)).toEqual(german.map((t) => t.start + 7));
    // Each call in a row, in any order, equals tokenizing afresh.
    for (const [lang, offset, expected] of [['de', 0, german], ['de', 0, german], ['en', 0, english], ['de', 7, shifted], ['de', 7, shifted]] as const) {
      expect(tokenize(text, lang, offset)).toEqual(expected);
    }
  });

  it('gives contentTerms of tokens handed on (contentTermsOf) as of the text itself', () => {
    const tokens = tokenize(text, 'de');
    const terms = contentTerms(text, 'de');
    expect(terms).toContain('putin');
    expect(contentTermsOf(tokens, 'de')).toEqual(terms);
    // The tokens are read, not consumed: the engine's features take the same array afterwards.
    expect(tokenize(text, 'de')).toEqual(tokens);
  });
});
