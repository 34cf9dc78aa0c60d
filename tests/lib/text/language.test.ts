import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { isSupportedLanguage, languageOf } from '../../../lib/text/language';
import { seedTexts } from '../../helpers/seeds';
import { haveShared, sharedPath } from '../../helpers/shared';

describe('isSupportedLanguage', () => {
  it('supports German and English in any tag form', () => {
    expect(isSupportedLanguage('de-AT')).toBe(true);
    expect(isSupportedLanguage('eng')).toBe(true);
    expect(isSupportedLanguage('fr')).toBe(false);
    expect(isSupportedLanguage('und')).toBe(false);
  });
});

describe('languageOf a text that declares none', () => {
  it('detects the German seed articles', () => {
    const files = seedTexts();
    expect(files.length).toBeGreaterThan(0);
    for (const { file, raw } of files) expect(languageOf(raw), file).toBe('de');
  });

  it.skipIf(!haveShared(['data/story2', 'data/near'], 'languageOf on the development articles'))('detects the German development articles', () => {
    for (const dir of ['data/story2', 'data/near']) {
      for (const f of readdirSync(sharedPath(dir)).filter((n) => n.endsWith('.txt'))) {
        expect(languageOf(readFileSync(sharedPath(dir, f), 'utf8')), `${dir}/${f}`).toBe('de');
      }
    }
  });

  it('detects English and other languages', () => {
    expect(languageOf('The president spoke with both parties on Wednesday and said talks would begin soon.')).toBe('en');
    expect(languageOf('Le président a parlé avec les deux parties mercredi et a annoncé des négociations.')).toBe('fr');
  });

  it('decides short headlines by their function words', () => {
    expect(languageOf('Trump telefoniert mit Putin')).toBe('de');
    expect(languageOf('Trump and Putin will meet in Saudi Arabia soon')).toBe('en');
    expect(languageOf('Stuttgart gewinnt den DFB-Pokal')).toBe('de');
  });

  it('does not take a short text in another language for German over one look-alike word', () => {
    // "en" is on the German stopword list; in Spanish it is everywhere.
    const spanish =
      'El presidente de Estados Unidos habló por teléfono con el presidente ruso durante noventa minutos. Ambos acordaron iniciar negociaciones de inmediato para terminar la guerra en Ucrania.';
    expect(languageOf(spanish)).toBe('es');
    expect(languageOf('West Ham je opět v kurzu, nadšené ohlasy po nedělní jasné výhře 4:1 na hřišti Aston Villy zaplnily anglický mediální prostor.')).toBe('cs');
  });

  it('takes a long text for German only when German function words are plainly frequent (not Dutch, not Afrikaans with its "die")', () => {
    const dutch =
      'De Amerikaanse president heeft anderhalf uur met de Russische president aan de telefoon gesproken. Hij zei dat beide leiders het eens zijn om direct met onderhandelingen te beginnen en dat hij hem in Saoedi-Arabië wil ontmoeten. Het is de eerste keer dat zij met elkaar spreken sinds hij terug is in het Witte Huis. ';
    const afrikaans =
      'Die Amerikaanse president het vir een en ’n half uur met die Russiese president oor die telefoon gepraat. Hy het gesê dat die twee leiers saamstem om dadelik met onderhandelinge te begin en dat hy hom in Saoedi-Arabië wil ontmoet. Dit is die eerste keer dat hulle met mekaar praat sedert hy terug is in die Withuis. ';
    expect(languageOf(dutch.repeat(2))).toBe('nl');
    expect(languageOf(afrikaans.repeat(2))).not.toBe('de');
  });

  it('does not take a short Afrikaans text for German over its "die"', () => {
    expect(languageOf('Die Amerikaanse president het met sy Russiese eweknie oor die oorlog in Oekraïne gepraat, het die Withuis gesê.')).not.toBe('de');
    expect(languageOf('Die president het gesê dat die onderhandelinge onmiddellik sal begin.')).not.toBe('de');
    expect(languageOf('Die Verhandlungen sollen sofort beginnen, sagte der Präsident.')).toBe('de');
  });

  it('returns und for text too short to tell', () => {
    expect(languageOf('Trump')).toBe('und');
    expect(languageOf('12:45 — 2025')).toBe('und');
  });
});

describe('languageOf a text that declares one', () => {
  const GERMAN = 'Die Verhandlungen sollen sofort beginnen, sagte der Präsident am Mittwoch im Weißen Haus.';

  it('takes the first declaration that names a language, in any tag form', () => {
    expect(languageOf(GERMAN, 'en-GB')).toBe('en');
    expect(languageOf(GERMAN, null, 'English', 'de')).toBe('en');
    expect(languageOf(GERMAN, 'fra')).toBe('fr');
  });

  it('reads the text when no declaration names a language', () => {
    expect(languageOf(GERMAN, undefined, '', ' ', 'und')).toBe('de');
    expect(languageOf(GERMAN, 'x-klingon')).toBe('de');
  });
});
