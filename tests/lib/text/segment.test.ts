import { beforeEach, describe, expect, it } from 'vitest';
import { segmentSentences } from '../../../lib/text/segment';
import { seedTexts } from '../../helpers/seeds';

let segment = segmentSentences;
const texts = (text: string, language = 'de') => segment(text, language).map((s) => s.text);

// The repairs hold on Intl.Segmenter's splits (every browser the manifest allows has it).
const splitters: [string, typeof segmentSentences][] = [['Intl.Segmenter', segmentSentences]];

describe('segmentSentences: offsets and paragraphs', () => {
  it('returns trimmed sentences whose offsets point into the text', () => {
    const text = '  Erster Satz.   Zweiter Satz!  \n\n Dritter?\n';
    const sentences = segmentSentences(text, 'de');
    expect(sentences.map((s) => s.text)).toEqual(['Erster Satz.', 'Zweiter Satz!', 'Dritter?']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.paragraph)).toEqual([0, 0, 1]);
  });

  it('ends a sentence at every line break, so headings stay apart', () => {
    const sentences = segmentSentences('Trump telefoniert mit Putin\nDer Anruf dauerte lange. Danach sprach er.\r\nFoto: dpa', 'de');
    expect(sentences.map((s) => [s.text, s.paragraph])).toEqual([
      ['Trump telefoniert mit Putin', 0],
      ['Der Anruf dauerte lange.', 1],
      ['Danach sprach er.', 1],
      ['Foto: dpa', 2],
    ]);
  });

  it('treats CR, CRLF and Unicode line separators as line breaks', () => {
    const sentences = segmentSentences('Kopfzeile\rErster Satz.\r\nZweite Zeile\u2028Dritte', 'de');
    expect(sentences.map((s) => [s.text, s.paragraph])).toEqual([
      ['Kopfzeile', 0],
      ['Erster Satz.', 1],
      ['Zweite Zeile', 2],
      ['Dritte', 3],
    ]);
  });

  it('segments only the requested range and keeps offsets absolute', () => {
    const text = 'title: Kopf\n\nErster Satz. Zweiter Satz.';
    const from = text.indexOf('Erster');
    const sentences = segmentSentences(text, 'de', from);
    expect(sentences.map((s) => s.text)).toEqual(['Erster Satz.', 'Zweiter Satz.']);
    expect(sentences[0].start).toBe(from);
    expect(sentences[0].paragraph).toBe(0);
    expect(segmentSentences(text, 'de', from, from + 12).map((s) => s.text)).toEqual(['Erster Satz.']);
  });
});

for (const [name, fn] of splitters) {
  describe(`with ${name}`, () => {
    beforeEach(() => {
      segment = fn;
    });

    describe('segmentSentences: German repairs', () => {
      it('keeps ordinals before month names in the sentence', () => {
        expect(texts('Er kam am 12. Februar nach Berlin. Dann ging er.')).toEqual([
          'Er kam am 12. Februar nach Berlin.',
          'Dann ging er.',
        ]);
        expect(texts('Am 12. Feb. 2025 war es kalt. Es schneite.')).toEqual(['Am 12. Feb. 2025 war es kalt.', 'Es schneite.']);
      });

      it('keeps other ordinals after articles and prepositions', () => {
        expect(texts('Es war der 3. Titel für den Verein. Die Fans jubelten.')).toEqual([
          'Es war der 3. Titel für den Verein.',
          'Die Fans jubelten.',
        ]);
      });

      it('still splits after a number that ends a sentence', () => {
        expect(texts('Er starb 1998. Seine Frau lebt noch.')).toEqual(['Er starb 1998.', 'Seine Frau lebt noch.']);
        expect(texts('Stuttgart gewann 4:2. Bielefeld verlor.')).toEqual(['Stuttgart gewann 4:2.', 'Bielefeld verlor.']);
      });

      it('does not split after titles and prefix abbreviations', () => {
        expect(texts('Dr. Müller und Prof. Meier wohnen in der St. Pauli Straße. Sie kamen.')).toEqual([
          'Dr. Müller und Prof. Meier wohnen in der St. Pauli Straße.',
          'Sie kamen.',
        ]);
        expect(texts('Die Mannschaft bzw. Trainer Hoeneß reagierte. Das war klar.')).toEqual([
          'Die Mannschaft bzw. Trainer Hoeneß reagierte.',
          'Das war klar.',
        ]);
        expect(texts('Es kamen ca. Tausend Menschen. Alle blieben.')).toEqual(['Es kamen ca. Tausend Menschen.', 'Alle blieben.']);
      });

      it('does not split spaced abbreviations such as z. B. and u. a.', () => {
        expect(texts('Manche Länder, z. B. Frankreich, zögern. Andere nicht.')).toEqual([
          'Manche Länder, z. B. Frankreich, zögern.',
          'Andere nicht.',
        ]);
        expect(texts('Das sagten u. a. Experten der UN. Sie warnten.')).toEqual(['Das sagten u. a. Experten der UN.', 'Sie warnten.']);
      });

      it('keeps "Nr." with its number', () => {
        expect(texts('Er trägt die Nr. 5 im Team. Das ist bekannt.')).toEqual(['Er trägt die Nr. 5 im Team.', 'Das ist bekannt.']);
      });

      it('joins after Mio./Mrd. before a unit but splits after "etc." before a new sentence', () => {
        expect(texts('Der Etat beträgt 5 Mio. Euro und 3 Mrd. Dollar. Das reicht.')).toEqual([
          'Der Etat beträgt 5 Mio. Euro und 3 Mrd. Dollar.',
          'Das reicht.',
        ]);
        expect(texts('Er kaufte Äpfel, Birnen etc. Die Polizei kam später.')).toEqual([
          'Er kaufte Äpfel, Birnen etc.',
          'Die Polizei kam später.',
        ]);
        expect(texts('Äpfel, Birnen etc. wurden verkauft.')).toEqual(['Äpfel, Birnen etc. wurden verkauft.']);
      });

      it('keeps initials inside a name', () => {
        expect(texts('John F. Kennedy war Präsident. Er starb 1963.')).toEqual(['John F. Kennedy war Präsident.', 'Er starb 1963.']);
        expect(texts('Das Buch von J. K. Rowling erschien. Es verkaufte sich.')).toEqual([
          'Das Buch von J. K. Rowling erschien.',
          'Es verkaufte sich.',
        ]);
        // A single capital after a lowercase word is a name, not an initial.
        expect(texts('Das sagte sie auf X. Laut Borrell ist das falsch.')).toEqual(['Das sagte sie auf X.', 'Laut Borrell ist das falsch.']);
      });

      it('merges a split inside an open quotation when it continues in lowercase', () => {
        expect(texts('Er sagte: „Wir kommen. und zwar bald.“ Dann ging er.')).toEqual([
          'Er sagte: „Wir kommen. und zwar bald.“',
          'Dann ging er.',
        ]);
        expect(texts('Er rief: „Nie wieder! nie wieder Krieg!“ Dann ging er.')).toEqual([
          'Er rief: „Nie wieder! nie wieder Krieg!“',
          'Dann ging er.',
        ]);
        expect(texts('»Wohin jetzt? fragen wir uns«, sagte sie. Alle gingen.')).toEqual([
          '»Wohin jetzt? fragen wir uns«, sagte sie.',
          'Alle gingen.',
        ]);
        // A quotation of several sentences stays several sentences.
        expect(texts('„Wir kommen. Und wir bleiben“, sagte er.')).toEqual(['„Wir kommen.', 'Und wir bleiben“, sagte er.']);
      });

      it('does not split inside parentheses with minutes and ordinals', () => {
        expect(texts('Tore: Woltemade (15. Minute), Millot (22./67.) und Undav (28.). Dann kam Bielefeld.')).toEqual([
          'Tore: Woltemade (15. Minute), Millot (22./67.) und Undav (28.).',
          'Dann kam Bielefeld.',
        ]);
      });

      it('keeps a closing quote with the sentence it closes', () => {
        expect(texts('Er sagte: „Das geht nicht!“ Dann ging er.')).toEqual(['Er sagte: „Das geht nicht!“', 'Dann ging er.']);
        expect(texts('«Das ist gut.» Er ging.')).toEqual(['«Das ist gut.»', 'Er ging.']);
        expect(texts('„Was nun?“ fragte er. Keiner antwortete.')).toEqual(['„Was nun?“ fragte er.', 'Keiner antwortete.']);
      });
    });

    describe('segmentSentences: English repairs', () => {
      const en = (t: string) => texts(t, 'en');
      it('does not split after Mr., Mrs. and Dr.', () => {
        expect(en('Mr. Smith met Mrs. Jones and Dr. Brown. They talked.')).toEqual([
          'Mr. Smith met Mrs. Jones and Dr. Brown.',
          'They talked.',
        ]);
      });

      it('keeps U.S. inside a sentence but ends a sentence on it when a new one starts', () => {
        expect(en('He joined the U.S. Army in 1990. He left.')).toEqual(['He joined the U.S. Army in 1990.', 'He left.']);
        expect(en('He lives in the U.S. The weather is fine.')).toEqual(['He lives in the U.S.', 'The weather is fine.']);
      });

      it('keeps e.g. and No. 5 inside the sentence', () => {
        expect(en('Fruit, e.g. Apples, is healthy. No. 5 is a perfume. It sells.')).toEqual([
          'Fruit, e.g. Apples, is healthy.',
          'No. 5 is a perfume.',
          'It sells.',
        ]);
      });

      it('keeps a closing quote with its sentence', () => {
        expect(en('He said "Go home." Then he left.')).toEqual(['He said "Go home."', 'Then he left.']);
      });

      it('keeps AP-style state abbreviations and ranks before names', () => {
        expect(en('The governor of Sacramento, Calif. Gavin Newsom met Lt. Gen. Smith. They talked.')).toEqual([
          'The governor of Sacramento, Calif. Gavin Newsom met Lt. Gen. Smith.',
          'They talked.',
        ]);
        expect(en('He flew to Austin, Tex. The trip was short.')).toEqual(['He flew to Austin, Tex.', 'The trip was short.']);
      });
    });
  });
}

describe('segmentSentences on the seed corpus', () => {
  it('never starts a sentence with a month name after an ordinal, nor ends one on a title', () => {
    const files = seedTexts();
    expect(files.length).toBeGreaterThan(0);
    for (const { raw: text } of files) {
      const sentences = segmentSentences(text, 'de');
      expect(sentences.length).toBeGreaterThan(5);
      for (let i = 0; i < sentences.length; i++) {
        const s = sentences[i];
        expect(text.slice(s.start, s.end)).toBe(s.text);
        expect(s.text).toBe(s.text.trim());
        expect(s.text).not.toMatch(/(?:^|\s)(?:Dr|Prof|Nr|St|bzw|z\. B|u\. a)\.$/);
        const prev = sentences[i - 1];
        if (prev && prev.paragraph === s.paragraph && /\s\d{1,2}\.$/.test(prev.text)) {
          expect(s.text).not.toMatch(/^(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b/);
        }
      }
    }
  });
});
