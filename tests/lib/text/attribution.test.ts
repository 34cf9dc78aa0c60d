import { describe, expect, it } from 'vitest';
import { attributionSources, attributionsDiffer, sourceNames } from '../../../lib/text/attribution';
import { sentenceTerms } from '../../../lib/match/features';

describe('attributionSources', () => {
  it('finds German sources named with laut, zufolge, nach Angaben, hieß es and verbs of saying', () => {
    expect(attributionSources('Das Gespräch dauerte laut Kreml 90 Minuten.', 'de')).toEqual(['kreml']);
    expect(attributionSources('Dem Weißen Haus zufolge dauerte das Gespräch 90 Minuten.', 'de')).toEqual(['weissen', 'haus']);
    expect(attributionSources('Nach Angaben der Polizei wurden zwei Menschen verletzt.', 'de')).toEqual(['polizei']);
    expect(attributionSources('Aus dem Kreml hieß es, man sei bereit.', 'de')).toEqual(['kreml']);
    expect(attributionSources('„Wir sind bereit“, sagte Kremlsprecher Dmitri Peskow.', 'de')).toEqual(['kreml', 'dmitri', 'peskow']);
    expect(attributionSources('„Niemand will den Frieden mehr“, so Selenskyj.', 'de')).toEqual(['selenskyj']);
    expect(attributionSources('Hegseth sagte, das sei unrealistisch.', 'de')).toEqual(['hegseth']);
  });

  it('finds English sources named with according to and verbs of saying', () => {
    expect(attributionSources('The call lasted 90 minutes, according to the Kremlin.', 'en')).toEqual(['kremlin']);
    expect(attributionSources('"We are ready," said Dmitry Peskov.', 'en')).toEqual(['dmitry', 'peskov']);
    expect(attributionSources('The call lasted 90 minutes, the White House said.', 'en')).toEqual(['white', 'house']);
  });

  it('names nobody for sentences without a source, for sentence-initial adverbs and for roles alone', () => {
    expect(attributionSources('Trump und Putin haben telefoniert.', 'de')).toEqual([]);
    expect(attributionSources('Außerdem bestätigte der US-Verteidigungsminister, dass nichts geplant sei.', 'de')).toEqual([]);
    expect(attributionSources('Das teilte der Sprecher mit.', 'de')).toEqual([]);
    expect(attributionSources('The call lasted long, the president said.', 'en')).toEqual([]);
    expect(attributionSources('Le Kremlin a confirmé.', 'fr')).toEqual([]);
  });

  it('keeps the name in a compound of name and role, and drops articles and abbreviations', () => {
    expect(sourceNames('Kremlsprecher', 'de')).toEqual(['kreml']);
    expect(sourceNames('US-Präsident Donald Trump', 'de')).toEqual(['donald', 'trump']);
  });
});

describe('attributionsDiffer', () => {
  const f = (text: string, language = 'de') => ({ sources: attributionSources(text, language), terms: sentenceTerms(text, language).terms });

  it('flags the same point attributed to different sources', () => {
    expect(attributionsDiffer(f('Das Gespräch dauerte 90 Minuten, sagte Kremlsprecher Peskow.'), f('Das Gespräch dauerte 90 Minuten, teilte das Weiße Haus mit.'))).toBe(true);
    expect(attributionsDiffer(f('The call lasted 90 minutes, according to the Kremlin.', 'en'), f('The call lasted 90 minutes, the White House said.', 'en'))).toBe(true);
  });

  it('accepts the same source in other words, and a report that names the other source too', () => {
    expect(attributionsDiffer(f('Laut Kreml dauerte das Gespräch 90 Minuten.'), f('Das Gespräch dauerte 90 Minuten, sagte Kremlsprecher Peskow.'))).toBe(false);
    expect(
      attributionsDiffer(f('Der Kreml bestätigte das Telefonat.'), f('Trump teilte das Ergebnis mit, während der Kreml das Telefonat ebenfalls bestätigte.')),
    ).toBe(false);
  });

  it('says nothing when either report names no source', () => {
    expect(attributionsDiffer(f('Das Gespräch dauerte 90 Minuten.'), f('Das Gespräch dauerte 90 Minuten, teilte das Weiße Haus mit.'))).toBe(false);
    expect(attributionsDiffer(f('Laut Trump dauerte das Gespräch lange.'), f('Das Gespräch dauerte lange, sagte der US-Präsident.'))).toBe(false);
  });
});
