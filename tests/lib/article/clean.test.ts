import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TextRange } from '../../../lib/article/article';
import { findNonReporting, reportingRanges } from '../../../lib/article/clean';
import { parseHeader } from '../../../lib/article/header';
import { seedTexts } from '../../helpers/seeds';
import { haveShared, sharedPath } from '../../helpers/shared';

interface Gold {
  docs: { id: string; file: string; nonReporting: string[] }[];
  facts: { id: string; mentions: Record<string, string[]> }[];
}

function covered(ranges: TextRange[], start: number, end: number): number {
  let n = 0;
  for (const r of ranges) n += Math.max(0, Math.min(end, r.end) - Math.max(start, r.start));
  return n;
}

function spanOf(raw: string, text: string): TextRange {
  const start = raw.indexOf(text);
  expect(start, `span not in file: ${text.slice(0, 60)}`).toBeGreaterThanOrEqual(0);
  return { start, end: start + text.length };
}

/** The texts findNonReporting marks, for readable assertions on hand-written examples. */
function marked(raw: string, language?: string): string[] {
  return findNonReporting(raw, 0, language).map((r) => raw.slice(r.start, r.end));
}

function expectWellFormed(raw: string, ranges: TextRange[], bodyStart = 0) {
  let last = bodyStart;
  for (const r of ranges) {
    expect(r.start).toBeGreaterThanOrEqual(last);
    expect(r.end).toBeGreaterThan(r.start);
    expect(r.end).toBeLessThanOrEqual(raw.length);
    last = r.end;
  }
}

describe.skipIf(!haveShared('eval/seeds.gold.json', 'findNonReporting on the gold seeds'))('findNonReporting on the gold seeds', () => {
  let gold: Gold;
  beforeAll(() => {
    gold = JSON.parse(readFileSync(sharedPath('eval/seeds.gold.json'), 'utf8')) as Gold;
  });

  it('the gold labels exactly the repo\'s seed files', () => {
    expect(gold.docs.map((d) => d.file).sort()).toEqual(seedTexts().map((s) => s.file));
  });

  for (const { file, raw } of seedTexts()) {
    const ranges = findNonReporting(raw);
    const docOf = () => {
      const doc = gold.docs.find((d) => d.file === file);
      expect(doc, `${file} is not in the gold`).toBeDefined();
      return doc!;
    };

    it(`${file.slice(0, 3)}: covers every gold non-reporting span`, () => {
      const doc = docOf();
      expectWellFormed(raw, ranges);
      for (const text of doc.nonReporting) {
        const s = spanOf(raw, text);
        const share = covered(ranges, s.start, s.end) / (s.end - s.start);
        expect(share, `not covered: ${JSON.stringify(text.slice(0, 80))}`).toBeGreaterThanOrEqual(0.95);
      }
    });

    it(`${file.slice(0, 3)}: keeps every fact mention`, () => {
      const doc = docOf();
      const mentions = gold.facts.flatMap((f) => (f.mentions[doc.id] ?? []).map((m) => ({ fact: f.id, m })));
      expect(mentions.length).toBeGreaterThan(0);
      for (const { fact, m } of mentions) {
        const s = spanOf(raw, m);
        expect(covered(ranges, s.start, s.end), `${fact} removed: ${JSON.stringify(m.slice(0, 80))}`).toBe(0);
      }
    });
  }
});

describe.skipIf(!haveShared(['data/story2', 'data/near'], 'findNonReporting on other German news pages'))('findNonReporting on other German news pages', () => {
  const files = () =>
    ['data/story2', 'data/near'].flatMap((dir) =>
      readdirSync(sharedPath(dir))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => path.join(dir, f)),
    );

  it('keeps most of each text (removes under 20% of the body)', () => {
    expect(files().length).toBeGreaterThanOrEqual(18);
    for (const file of files()) {
      const raw = readFileSync(sharedPath(file), 'utf8');
      const { bodyStart } = parseHeader(raw);
      const ranges = findNonReporting(raw, bodyStart, 'de');
      expectWellFormed(raw, ranges, bodyStart);
      const removed = ranges.reduce((n, r) => n + r.end - r.start, 0);
      expect(removed / (raw.length - bodyStart), file).toBeLessThan(0.2);
    }
  });

  it('never marks anything inside the header', () => {
    const raw = readFileSync(sharedPath('data/story2/02.txt'), 'utf8');
    const { bodyStart } = parseHeader(raw);
    const ranges = findNonReporting(raw, bodyStart);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges[0].start).toBeGreaterThanOrEqual(bodyStart);
  });
});

describe('findNonReporting rules (hand-written pages)', () => {
  it('marks German captions, credits and the caption title above them', () => {
    const raw = [
      'Die Regierung hat am Montag ein neues Gesetz beschlossen. Es tritt im Mai in Kraft.',
      '',
      'Kanzler im Bundestag',
      'Der Kanzler spricht im Bundestag. © picture alliance | Max Muster',
      '',
      'Die Opposition kritisierte den Entwurf scharf.',
      '',
      'Foto: Erika Beispiel/dpa',
      'Bild: Archiv',
      'Zwei Minister bei der Pressekonferenz. (Quelle: Erika Beispiel/dpa)',
      '',
      'Das Gesetz soll im Herbst überprüft werden.',
    ].join('\n');
    expect(marked(raw)).toEqual([
      'Kanzler im Bundestag\nDer Kanzler spricht im Bundestag. © picture alliance | Max Muster',
      'Foto: Erika Beispiel/dpa\nBild: Archiv\nZwei Minister bei der Pressekonferenz. (Quelle: Erika Beispiel/dpa)',
    ]);
  });

  it('keeps an agency tag closing a paragraph and a heading followed by a paragraph', () => {
    const raw = 'Die Polizei ermittelt weiter. (dpa)\n\nWahl in Berlin\n\nDie Wahl wird wiederholt.';
    expect(marked(raw)).toEqual([]);
  });

  it('marks English credits and photo lines', () => {
    const raw = [
      'The talks ended without an agreement on Tuesday.',
      'Photo by Jane Doe/Getty Images',
      'Protesters outside the ministry. (Photo: John Roe/Reuters)',
      'Both sides plan to meet again next week.',
    ].join('\n');
    expect(marked(raw, 'en')).toEqual([
      'Photo by Jane Doe/Getty Images\nProtesters outside the ministry. (Photo: John Roe/Reuters)',
    ]);
  });

  it('marks a media box: label, caption text and credit line', () => {
    const raw = [
      'LONDON — The government will lift the sanctions, officials said on Thursday.',
      '',
      'Photo',
      '',
      'Peacekeepers at a camp on Monday. The country has promised better access for aid groups.',
      '',
      'Credit Jane Doe/Agence France-Presse — Getty Images',
      '',
      'The decision follows months of talks.',
      'Continue reading the main story',
    ].join('\n');
    const [first, second] = findNonReporting(raw, 0, 'en');
    expect(raw.slice(first.start, first.end)).toBe(raw.split('\n').slice(2, 7).join('\n'));
    expect(raw.slice(second.start, second.end)).toBe('Continue reading the main story');
  });

  it('does not take a bare © or a media word in a sentence for a credit', () => {
    const raw =
      'This is not a\nmanifesto™©\nwe just share what we learned.\nThe photo was taken in 2019 by a tourist.\nBilder von der Demonstration zeigen Hunderte Menschen vor dem Rathaus.\nPhotos by the agency showed damage to the roof.';
    expect(marked(raw, 'en')).toEqual([]);
  });

  it('marks consent notices of embedded content, German and English', () => {
    const de = [
      'Der Minister äußerte sich auf X.',
      '',
      'Externe Inhalte',
      'Hier wird ein Inhalt eines Drittanbieters angezeigt. Mit einem Klick auf den Button wird er eingeblendet.',
      'Ich stimme zu, dass mir externe Inhalte angezeigt werden.',
      '',
      'Die Reaktionen ließen nicht lange auf sich warten.',
    ].join('\n');
    expect(marked(de)).toEqual([de.split('\n').slice(2, 5).join('\n')]);
    const en = [
      'The minister posted on X.',
      'Recommended external content',
      'Click to show this third-party content. By doing so you agree to our privacy policy.',
      'Reactions followed quickly.',
    ].join('\n');
    expect(marked(en, 'en')).toEqual([en.split('\n').slice(1, 3).join('\n')]);
  });

  it('marks a line with any one wording of a consent widget and one privacy topic, and not the topics alone', () => {
    // One line per wording the widget check knows, each with that wording alone and one topic: a wording the check misses leaves its line unmarked.
    const lines = [
      'Hier wird ein externer Inhalt gezeigt, es gelten unsere Hinweise zum Datenschutz.',
      'Sie sind einverstanden, dass dabei Cookies gesetzt werden.',
      'Mit einem Klick laden Sie das Video, Hinweise zum Datenschutz unten.',
      'Dieser Beitrag wurde von unserer Redaktion empfohlen und setzt Cookies.',
      'Ein Video, das den Artikel ergänzt, braucht Ihre Zustimmung.',
      'An dieser Stelle finden Sie ein Video, für das wir Ihre Zustimmung brauchen.',
      'Hier steht ein Inhalt eines Drittanbieters.',
      'Das Video kann angezeigt werden, sobald Sie Cookies erlauben.',
      'This post holds external content covered by our privacy policy.',
      'Please click to load the video; cookies will be set.',
      'By loading it, I agree that cookies may be set.',
    ];
    for (const line of lines) {
      const raw = ['Der Minister äußerte sich am Abend.', line, 'Die Reaktionen folgten rasch.'].join('\n');
      expect(marked(raw), line).toEqual([line]);
    }
    const topics = ['Der Minister äußerte sich am Abend.', 'Wir setzen Cookies, mehr in unserer privacy policy zum Datenschutz.', 'Die Reaktionen folgten rasch.'].join('\n');
    expect(marked(topics)).toEqual([]);
  });

  it('marks a redaktioneller-Inhalt consent box', () => {
    const raw = [
      'Der Minister äußerte sich auf Instagram.',
      'Empfohlener redaktioneller Inhalt',
      'An dieser Stelle finden Sie einen externen Inhalt, der den Artikel ergänzt.',
      'Um ihn zu sehen, benötigen wir Ihre Zustimmung. Inhalte von Drittanbietern werden erst nach Klick geladen.',
      'Die Opposition reagierte mit Kritik.',
    ].join('\n');
    expect(marked(raw)).toEqual([raw.split('\n').slice(1, 4).join('\n')]);
  });

  it('marks newsletter prompts and agency footers but not agency names in reporting', () => {
    const raw = [
      'Die Regierung trat am Abend zurück, wie dpa aus Regierungskreisen erfuhr.',
      'Abonnieren Sie unseren kostenlosen Newsletter zur Landespolitik',
      'Mit Material von dpa und AFP.',
      '(dpa/AFP/jm)',
      'Sign up for our daily newsletter',
    ].join('\n');
    expect(marked(raw)).toEqual([raw.split('\n').slice(1).join('\n')]);
  });

  it('keeps a reporting sentence about data protection', () => {
    const raw =
      'Die Datenschutzbehörde verhängte wegen unerlaubter Cookies eine Strafe von zwei Millionen Euro.\nOhne Zustimmung des Bundesrats kann die Einwilligung nicht wirksam werden.';
    expect(marked(raw)).toEqual([]);
  });

  it('marks teasers but not sentences that start with the same words', () => {
    const raw = [
      'Der Streit geht weiter.',
      'Lesen Sie auch: Was der Streit für Mieter bedeutet',
      'Mehr zum Thema',
      'Mehr dazu sagte der Sprecher nicht.',
      'Read more: How the dispute began',
    ].join('\n');
    expect(marked(raw)).toEqual([
      'Lesen Sie auch: Was der Streit für Mieter bedeutet\nMehr zum Thema',
      'Read more: How the dispute began',
    ]);
  });

  it('marks a comment section to the end of the page, with its form and footer', () => {
    const article = 'The council approved the budget on Monday.\n\nIt will take effect in January.\n\n';
    const comments = [
      '3 Comments',
      '',
      '• Finally some sense in this town.',
      '• @Mark Nonsense, taxes will go up.',
      '',
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
      '',
      'Share',
      'Author',
      'Jane Doe',
    ].join('\n');
    const raw = article + comments;
    expect(marked(raw, 'en')).toEqual([comments]);
  });

  it('treats an early comment counter without comments as one line only', () => {
    const raw = [
      'Regierung beschließt Haushalt',
      '12 Kommentare',
      'Die Regierung hat den Haushalt für das kommende Jahr beschlossen. Er sieht höhere Ausgaben vor.',
      'Die Opposition kündigte Widerstand an und will vor Gericht ziehen.',
      'Im Bundestag wird der Entwurf im Herbst beraten. Eine Mehrheit gilt als sicher.',
    ].join('\n');
    expect(marked(raw)).toEqual(['12 Kommentare']);
  });

  it('starts a comment section at reader replies late in the page, but not at a quoted handle', () => {
    const body = 'Der Stadtrat hat den Haushalt beschlossen. Er tritt im Januar in Kraft und sieht mehr Geld für Schulen vor.\n\n';
    const replies = '• @Karl Das wurde auch Zeit.\n• Endlich!\n@Maria Sehe ich anders.';
    expect(marked(body + body + replies)).toEqual([replies]);
    const quoted = `@POTUS schrieb am Abend, die Gespräche seien gut verlaufen.\n\n${body}${body}`;
    expect(marked(quoted)).toEqual([]);
  });

  it('marks bylines, source domains and partnership labels', () => {
    const raw = [
      'Von Erika Beispiel, Berlin',
      'liga3-online.de',
      'In partnership with',
      'Der Verein feierte den Aufstieg. Von Montag an wird trainiert.',
      'By Jane Doe and John Roe',
      'Von Berlin nach Moskau',
    ].join('\n');
    expect(marked(raw)).toEqual([raw.split('\n').slice(0, 3).join('\n'), 'By Jane Doe and John Roe']);
  });

  it('marks an author footer with the name below it', () => {
    const raw = 'Die Gespräche sollen am Freitag fortgesetzt werden.\n\nAutorin\nErika Beispiel';
    expect(marked(raw)).toEqual(['Autorin\nErika Beispiel']);
  });

  it('marks scraper and page metadata but not the text around it', () => {
    const raw = ' date 2025-03 Die Gespräche in Dschidda dauerten acht Stunden. Stand: 11.03.2025 19:44 Uhr\n\nDienstag, 11. März 2025\n\nDie Ukraine stimmte zu.';
    expect(marked(raw)).toEqual([' date 2025-03', 'Stand: 11.03.2025 19:44 Uhr\n\nDienstag, 11. März 2025']);
    expect(marked('Nach Angaben der Behörde lebten Stand 31.12.2024 rund zwei Millionen Menschen in der Stadt.')).toEqual([]);
  });

  it('marks agency datelines before a report, but not a place or a word in brackets that begins a sentence', () => {
    expect(marked('Berlin (dpa) - Angeführt von Angelo Stiller feierten die Profis.')).toEqual(['Berlin (dpa) - ']);
    expect(marked(' date 2025-05 Berlin (dpa) - Angeführt von Angelo Stiller feierten die Profis.')).toEqual([' date 2025-05 Berlin (dpa) - ']);
    expect(marked('Berlin (SID) Angelo Stiller lief vor der Fankurve auf und ab.')).toEqual(['Berlin (SID) ']);
    expect(marked('Frankfurt/Main (dpa/lhe) - Die Polizei meldet einen Unfall.')).toEqual(['Frankfurt/Main (dpa/lhe) - ']);
    expect(marked('Washington (Reuters) – The president said so.')).toEqual(['Washington (Reuters) – ']);
    expect(marked('Berlin. Der US-Präsident hat mit beiden Kriegsparteien telefoniert.')).toEqual([]);
    expect(marked('Kiew (Ortszeit) - Es war eine laute Nacht in der Stadt.')).toEqual([]);
    expect(marked('Die Polizei meldete am Abend (dpa) keine Verletzten.')).toEqual([]);
  });

  it('marks German topic-label headings but keeps headings that state something', () => {
    const raw = [
      'Die Regierung hat den Haushalt beschlossen.',
      'Reaktionen und Kritik',
      'Die Opposition kündigte Widerstand an.',
      'Opposition droht mit Klage',
      'Die Linke will vor Gericht ziehen.',
      'Scharfe Kritik aus Bayern',
      'Der Ministerpräsident sprach von einem Fehler.',
      'Stuttgart 4:2 Bielefeld',
      'Das Spiel war früh entschieden.',
      'Die Gespräche',
    ].join('\n');
    expect(marked(raw, 'de')).toEqual(['Reaktionen und Kritik']);
    // English title case capitalises verbs as well, so it gives no such signal.
    expect(marked('The council met.\nInternational Reactions\nLeaders welcomed the vote.', 'en')).toEqual([]);
  });

  it('treats markup in an article as text and does not throw', () => {
    const raw = '<script>alert("x")</script>\n<img src=x onerror=alert(1)>\n<p>Die Regierung tagte.</p>\n\n© <b>dpa</b>';
    const ranges = findNonReporting(raw);
    expectWellFormed(raw, ranges);
    expect(raw.slice(ranges[0].start)).toBe('© <b>dpa</b>');
    expect(findNonReporting('')).toEqual([]);
  });

  it('stays fast on a very long single line and on many short lines', () => {
    const long = 'Die Regierung tagte (am Montag ohne Ergebnis '.repeat(20_000);
    const many = 'Kommentare\n• a\n'.repeat(20_000);
    const t0 = Date.now();
    findNonReporting(long);
    findNonReporting(many);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('reportingRanges', () => {
  it('is the complement of the non-reporting ranges after the header', () => {
    const raw = 'x'.repeat(50);
    expect(reportingRanges(raw, [{ start: 10, end: 20 }, { start: 30, end: 50 }], 5)).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 30 },
    ]);
    expect(reportingRanges(raw, [], 0)).toEqual([{ start: 0, end: 50 }]);
    expect(reportingRanges(raw, [{ start: 0, end: 8 }], 5)).toEqual([{ start: 8, end: 50 }]);
  });

  it('together with findNonReporting partitions a seed body', () => {
    const raw = seedTexts()[3].raw;
    const nr = findNonReporting(raw);
    const rep = reportingRanges(raw, nr, 0);
    const total = [...nr, ...rep].reduce((n, r) => n + r.end - r.start, 0);
    expect(total).toBe(raw.length);
    for (const r of rep) expect(nr.filter((n) => n.start < r.end && r.start < n.end)).toEqual([]);
  });
});
