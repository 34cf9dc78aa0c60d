import { describe, expect, it } from 'vitest';
import { align, novelty } from '../../../lib/match/align';
import { analyse } from '../../../lib/match/features';
import { agreeScore, calibrate, CALIBRATION, isotonic, type AgreeSignals } from '../../../lib/match/confidence';
import { DEFAULT_RELATION_THRESHOLDS, novelWords, quantityConflict, relate, type RelationThresholds } from '../../../lib/match/relations';

describe('relate', () => {
  const page = analyse({
    text: [
      'The president spoke with his Russian counterpart by phone on Wednesday.',
      'The call lasted two hours, the White House said.',
      'Both leaders agreed to start negotiations on ending the war.',
      'The president also praised the weather in Florida during a golf round.',
    ].join(' '),
    language: 'en',
  });
  const other = analyse({
    text: [
      'The president held a phone call with his Russian counterpart on Wednesday.',
      'According to the Kremlin, the call lasted 90 minutes.',
      'The leaders agreed to begin negotiations about ending the war immediately.',
      'Negotiators will meet in Riyadh next week, officials in Saudi Arabia confirmed.',
    ].join(' '),
    language: 'en',
  });
  const rel = relate(align(page, [other]));

  it('says agree, with evidence, for a point both make, and omits for one only the page makes', () => {
    expect(rel.perSentence[0]![0].relation).toBe('agree');
    expect(rel.perSentence[0]![0].evidence).toContain(0);
    expect(rel.perSentence[2]![0].relation).toBe('agree');
    expect(rel.perSentence[3]![0].relation).toBe('omits');
  });

  it('reports different durations for the same point as a conflict', () => {
    const r = rel.perSentence[1]![0];
    expect(r.conflicts.map((c) => c.index)).toEqual([1]);
    expect(r.conflicts[0].detail).toMatch(/120 min vs 90 min/);
    expect(rel.perSentence[0]![0].conflicts).toEqual([]);
  });

  it('lists a point only the other outlet makes as missing', () => {
    const listed = rel.missing.flat().map(([, k]) => k);
    expect(listed).toContain(3);
    expect(listed).not.toContain(0);
  });
});

describe('quantityConflict', () => {
  const d = (value: number, approx = false) => ({ kind: 'duration' as const, value, approx });
  it('accepts the same duration in other words and tolerates approximations', () => {
    expect(quantityConflict([d(90)], [d(90)])).toBeNull();
    expect(quantityConflict([d(90, true)], [d(80)])).toBeNull();
  });
  it('flags different durations and different dates', () => {
    expect(quantityConflict([d(120)], [d(90)])).toMatch(/duration/);
    expect(quantityConflict([{ kind: 'date', value: 20250212, approx: false }], [{ kind: 'date', value: 20250213, approx: false }])).toMatch(/date/);
  });
  it('says nothing when only one side gives a figure', () => {
    expect(quantityConflict([d(90)], [])).toBeNull();
  });
});

/** Every claim made, whatever its confidence: the rules apart from the overlay's thresholds. */
const ALL = { ...DEFAULT_RELATION_THRESHOLDS, showAgree: 0, showOmits: 0, showAdds: 0 };

describe('adds: a fact the page lacks, attached where it belongs', () => {
  const page = analyse({
    text: [
      'The president spoke with his Russian counterpart by phone on Wednesday.',
      'Both leaders agreed to start negotiations on ending the war.',
      'The president also praised the weather in Florida during a golf round.',
    ].join(' '),
    language: 'en',
  });
  const text = (detail: string) =>
    analyse({
      text: ['The president held a phone call with his Russian counterpart on Wednesday.', detail, 'The leaders agreed to begin negotiations about ending the war.'].join(' '),
      language: 'en',
    });
  const detail = 'He played the golf round in Florida together with the former champion Jack Miller and several senators.';

  it('cites a sentence that says what the page says nowhere beside the one page sentence whose point it restates, with a confidence', () => {
    const al = align(page, [text(detail)]);
    expect(al.sims[0][2][1]).toBeLessThan(DEFAULT_RELATION_THRESHOLDS.missingSimilarity);
    const rel = relate(al, ALL);
    expect(rel.perSentence[2]![0].adds).toEqual([1]);
    expect(rel.perSentence[2]![0].addsConfidence).toHaveLength(1);
    expect(rel.perSentence[2]![0].addsConfidence[0]).toBeGreaterThan(0);
    expect(rel.perSentence[2]![0].addsConfidence[0]).toBeLessThanOrEqual(1);
    expect(rel.perSentence[0]![0].adds).toEqual([]);
    expect(rel.perSentence[1]![0].adds).toEqual([]);
    // Shown beside the sentence, it is not also a missing point.
    expect(rel.missing.flat()).not.toContainEqual([0, 1]);
  });

  it('keeps it a missing point of the page while its confidence is below the overlay threshold', () => {
    const rel = relate(align(page, [text(detail)]));
    expect(rel.perSentence[2]![0].adds).toEqual([]);
    expect(rel.missing.flat()).toContainEqual([0, 1]);
  });

  it('does not attach a sentence that shares no more than a word with the page sentence', () => {
    const rel = relate(align(page, [text('Jack Miller, a former champion, opened a golf shop in Ohio with several partners.')]), ALL);
    expect(rel.perSentence[2]![0].adds).toEqual([]);
    expect(rel.missing.flat()).toContainEqual([0, 1]);
  });

  it('does not attach a sentence nearly as close to another page sentence: where it belongs is unsure', () => {
    const al = align(page, [text('He praised the weather in Florida and said both leaders agreed to negotiate there soon with several senators.')]);
    const [, second, first] = al.sims[0].map((row) => row[1]);
    expect(second / first).toBeGreaterThan(0.3);
    expect(second / first).toBeLessThan(DEFAULT_RELATION_THRESHOLDS.addsRunnerUp);
    expect(relate(al, ALL).perSentence[2]![0].adds).toEqual([1]);
    expect(relate(al, { ...ALL, addsRunnerUp: 0.3 }).perSentence.flatMap((p) => p?.[0].adds ?? [])).toEqual([]);
  });

  it('never cites a sentence that says nothing the page lacks', () => {
    const rel = relate(align(page, [text('The president also praised the weather during the golf round in Florida.')]), ALL);
    expect(rel.perSentence.flatMap((p) => p?.[0].adds ?? [])).toEqual([]);
  });

  it('does not cite the same point told with a word or two of its own', () => {
    const echo = analyse({
      text: ['The president held a phone call with his Russian counterpart on Wednesday.', 'Both leaders agreed on peace talks to end the war.'].join(' '),
      language: 'en',
    });
    const al = align(page, [echo]);
    expect(novelty(al, 0, 1).terms).toBeLessThan(DEFAULT_RELATION_THRESHOLDS.addsNovelTerms);
    expect(relate(al, ALL).perSentence[1]![0].adds).toEqual([]);
  });

  it('records which words of the adding sentence the page lacks', () => {
    const other = ['The president held a phone call with his Russian counterpart on Wednesday.', detail].join(' ');
    const al = align(page, [analyse({ text: other, language: 'en' })]);
    const s = al.outlets[0].sentences[1];
    const marked = novelWords(al, other, s.start, s.end, 'en').map(([a, b]) => other.slice(a, b));
    expect(marked.join(' | ')).toContain('champion Jack Miller');
    expect(marked.join(' ')).toContain('senators');
    for (const known of ['golf', 'Florida', 'round']) expect(marked.join(' ')).not.toContain(known);
    // Every range lies inside the sentence and starts and ends on a word.
    for (const [a, b] of novelWords(al, other, s.start, s.end, 'en')) {
      expect(a).toBeGreaterThanOrEqual(s.start);
      expect(b).toBeLessThanOrEqual(s.end);
      expect(other.slice(a, b)).toBe(other.slice(a, b).trim());
    }
  });
});

describe('adds: figures', () => {
  const text = (...s: string[]) => analyse({ text: s.join(' '), language: 'en' });
  const page = text(
    'The president spoke with his Russian counterpart by phone on Wednesday.',
    'Both leaders agreed to start negotiations on ending the war.',
  );

  it('cites a sentence on the same point that gives a figure the page gives nowhere', () => {
    const other = text(
      'On Wednesday the president spoke by phone with his Russian counterpart for 90 minutes.',
      'The leaders agreed to begin negotiations about ending the war.',
    );
    const rel = relate(align(page, [other]), ALL);
    expect(rel.perSentence[0]![0].adds).toContain(0);
    expect(rel.perSentence[1]![0].adds).not.toContain(0);
  });

  it('does not cite a figure the page already gives, nor another version of a figure the sentence gives (a conflict)', () => {
    const withFigure = text(
      'The president spoke with his Russian counterpart by phone for two hours on Wednesday.',
      'Both leaders agreed to start negotiations on ending the war.',
    );
    const same = text('On Wednesday the president spoke by phone with his Russian counterpart for two hours.');
    const other = text('On Wednesday the president spoke by phone with his Russian counterpart for 90 minutes.');
    const relSame = relate(align(withFigure, [same]), ALL);
    expect(relSame.perSentence[0]![0].adds).not.toContain(0);
    const relOther = relate(align(withFigure, [other]), ALL);
    expect(relOther.perSentence[0]![0].adds).not.toContain(0);
    expect(relOther.perSentence[0]![0].conflicts.map((c) => c.index)).toEqual([0]);
  });
});

describe('conflicts: minutes of play', () => {
  const text = (...s: string[]) => analyse({ text: s.join(' '), language: 'de' });
  const page = text('Julian Kania traf in der 82. Minute zum Anschluss für die Arminia.', 'Das Wetter in Berlin blieb den ganzen Abend trocken.');

  it('reports the same goal dated to another minute as a conflict', () => {
    const r = relate(align(page, [text('Julian Kania traf in der 83. Minute zum Anschluss für die Arminia.')])).perSentence[0]![0];
    expect(r.relation).toBe('agree');
    expect(r.conflicts).toEqual([{ index: 0, detail: 'minute: 82. vs 83.' }]);
  });

  it('does not compare a sentence naming several minutes, nor the same minute', () => {
    const several = relate(align(page, [text('Julian Kania traf zum Anschluss für die Arminia, nach Toren von Woltemade (15.) und Millot (22.).')])).perSentence[0]![0];
    expect(several.conflicts).toEqual([]);
    const same = relate(align(page, [text('Julian Kania traf in der 82. Minute zum Anschluss für die Arminia.')])).perSentence[0]![0];
    expect(same.conflicts).toEqual([]);
  });
});

describe('agreement on the same moment of a match', () => {
  const text = (...s: string[]) => analyse({ text: s.join(' '), language: 'de' });
  // Headline and lead first, so that the lead rule has its own sentences.
  const page = text(
    'Stuttgart gewinnt den Pokal in Berlin.',
    'Die Schwaben feierten am Abend lange mit ihren Fans.',
    'Enzo Millot schnürt nach gut einer Stunde seinen Doppelpack und stellt auf 4:0 (66.).',
  );
  const other = (s: string) => text('Der VfB holt den Titel im Olympiastadion.', 'Bielefeld verlor das einseitige Endspiel klar.', s);
  const at = (o: ReturnType<typeof text>, th: RelationThresholds = DEFAULT_RELATION_THRESHOLDS) => relate(align(page, [o]), th).perSentence[2]![0];

  it('agrees with an outlet sentence giving the same minute of play or result in other words', () => {
    const minute = at(other('Danach legte der Franzose mit seinem zweiten Treffer nach (66.).'));
    expect(minute.relation).toBe('agree');
    expect(minute.evidence).toEqual([2]);
    expect(at(other('Der Franzose erhöhte danach mit einem Schlenzer ins lange Eck auf 4:0.')).relation).toBe('agree');
  });

  it('does not for another minute, and not when switched off', () => {
    expect(at(other('Danach legte der Franzose mit seinem zweiten Treffer nach (71.).')).relation).toBe('omits');
    expect(at(other('Danach legte der Franzose mit seinem zweiten Treffer nach (66.).'), { ...DEFAULT_RELATION_THRESHOLDS, moment: null }).relation).toBe('omits');
  });
});

describe('conflicts: attribution', () => {
  const text = (...s: string[]) => analyse({ text: s.join(' '), language: 'en' });
  const page = text('The two presidents agreed to meet in Riyadh next month, according to the Kremlin.', 'Sports results were mixed this weekend.');

  it('reports the same point attributed to another source as a conflict', () => {
    const other = text('The two presidents agreed to meet in Riyadh next month, the White House said.');
    const r = relate(align(page, [other])).perSentence[0]![0];
    expect(r.relation).toBe('agree');
    expect(r.conflicts).toEqual([{ index: 0, detail: 'attribution: kremlin vs white house' }]);
  });

  it('does not when the other outlet names the same source or none', () => {
    for (const other of [
      text('The two presidents agreed to meet in Riyadh next month, Kremlin officials said.'),
      text('The two presidents agreed to meet in Riyadh next month.'),
    ]) {
      const r = relate(align(page, [other])).perSentence[0]![0];
      expect(r.relation).toBe('agree');
      expect(r.conflicts).toEqual([]);
    }
  });
});

describe('agreement of mutual closest sentences', () => {
  // The page's first sentences are its headline and lead, which agree on less (tested apart): off here.
  const th = { ...DEFAULT_RELATION_THRESHOLDS, lead: null };
  const text = (...s: string[]) => analyse({ text: s.join(' '), language: 'en' });
  const opened = 'The harbour bridge in Lindenau opened to cyclists on Monday after three years of work.';
  const other = text(
    'Cyclists crowded the new harbour bridge crossing in Lindenau on its first day.',
    'Farmers protested against low milk prices in the north.',
    'Rain is expected for the weekend.',
  );

  it('agrees when a page sentence and an outlet sentence are each other\'s closest, a little below the agreement bar', () => {
    const al = align(text(opened, 'Prices for bread rose sharply in the capital last month.', 'The mayor praised the workers.'), [other]);
    expect(al.sims[0][0][0]).toBeLessThan(DEFAULT_RELATION_THRESHOLDS.agree);
    expect(relate(al, th).perSentence[0]![0].relation).toBe('agree');
    expect(relate(al, { ...th, mutual: null }).perSentence[0]![0].relation).toBe('omits');
  });

  it('does not when another page sentence is closer to that outlet sentence', () => {
    const al = align(text(opened, 'Cyclists crowded the new harbour bridge in Lindenau on the first day.', 'The mayor praised the workers.'), [other]);
    const r = relate(al, th).perSentence;
    expect(r[1]![0].relation).toBe('agree');
    expect(al.sims[0][0][0]).toBeLessThan(DEFAULT_RELATION_THRESHOLDS.agree);
    expect(r[0]![0].relation).toBe('omits');
  });
});

describe('agreement through another outlet', () => {
  const text = (...s: string[]) => analyse({ text: s.join(' '), language: 'en' });
  const page = text('The ceasefire between both armies starts at midnight.', 'Prices for bread rose sharply in the capital last month.');
  const b = text('The ceasefire between both armies starts at midnight, according to the truce agreement signed in Geneva.', 'Farmers protested in the north.');
  const c = text('The truce agreement signed in Geneva takes effect at midnight.', 'Farmers protested in the north.');

  it('carries agreement from an outlet that words the point like the page to one that words it like that outlet', () => {
    const al = align(page, [b, c]);
    expect(al.sims[1][0][0]).toBeLessThan(0.25);
    const rel = relate(al);
    expect(rel.perSentence[0]![0].relation).toBe('agree');
    expect(rel.perSentence[0]![1].relation).toBe('agree');
    expect(rel.perSentence[0]![1].evidence).toEqual([0]);
    expect(rel.perSentence[1]![1].relation).toBe('omits');
  });

  it('does not carry agreement when switched off', () => {
    const rel = relate(align(page, [b, c]), { ...DEFAULT_RELATION_THRESHOLDS, chain: null, lead: null });
    expect(rel.perSentence[0]![1].relation).toBe('omits');
  });
});

describe('relate: headline and lead', () => {
  const page = analyse({
    language: 'en',
    text: [
      'Lindenau finally gets its river crossing.',
      'Thousands of residents walked over the new bridge on Saturday afternoon.',
      'The construction took four years and cost 40 million euros.',
      'The old ferry will stop running next month, the operator said.',
      'Cyclists get two separate lanes on the bridge.',
    ].join(' '),
  });
  const other = analyse({
    language: 'en',
    text: [
      'A crowd of thousands opens the bridge in Lindenau.',
      'Mayor Petra Keller cut the ribbon in front of a large crowd.',
      'Building it took four years and 40 million euros.',
      'Shops near the old harbour hope for more customers.',
      'The ferry operator plans a farewell trip.',
    ].join(' '),
  });
  const al = align(page, [other]);

  it("agrees when the page's headline shares a little with the other's headline or lead: both open with the event", () => {
    expect(al.sims[0][0][0]).toBeLessThan(DEFAULT_RELATION_THRESHOLDS.mutual);
    const r = relate(al).perSentence[0]![0];
    expect(r.relation).toBe('agree');
    expect(r.evidence).toEqual([0]);
  });

  it('does not lower the bar below the lead, nor when switched off', () => {
    // Sentence 4 shares as little with the other's headline, but is not the page's headline or lead.
    expect(al.sims[0][4][0]).toBeGreaterThan(DEFAULT_RELATION_THRESHOLDS.lead);
    expect(relate(al).perSentence[4]![0].relation).toBe('omits');
    expect(relate(al, { ...DEFAULT_RELATION_THRESHOLDS, lead: null }).perSentence[0]![0].relation).toBe('omits');
  });
});

describe('confidence', () => {
  const page = analyse({
    language: 'en',
    text: [
      'The harbour bridge in Lindenau opened to cyclists on Monday after three years of work.',
      'The mayor praised the workers at the ceremony.',
      'Prices for bread rose sharply in the capital last month.',
    ].join(' '),
  });
  const other = analyse({
    language: 'en',
    text: [
      'The harbour bridge in Lindenau opened to cyclists on Monday after three years of construction.',
      'The mayor thanked the workers at the opening ceremony.',
      'Farmers protested against low milk prices in the north.',
    ].join(' '),
  });
  const al = align(page, [other]);

  it('gives every relation a calibrated confidence in [0, 1] and shows it only from the overlay threshold', () => {
    const rel = relate(al);
    for (const per of rel.perSentence)
      for (const r of per ?? []) {
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        expect(r.shown).toBe(r.confidence >= (r.relation === 'agree' ? DEFAULT_RELATION_THRESHOLDS.showAgree : DEFAULT_RELATION_THRESHOLDS.showOmits));
      }
    expect(rel.perSentence[0]![0].relation).toBe('agree');
    expect(rel.perSentence[0]![0].shown).toBe(true);
    // Every claim is shown from threshold 0; none from above 1.
    expect(relate(al, ALL).perSentence.every((p) => p?.every((r) => r.shown) ?? true)).toBe(true);
    expect(relate(al, { ...DEFAULT_RELATION_THRESHOLDS, showAgree: 1.01, showOmits: 1.01 }).perSentence.some((p) => p?.some((r) => r.shown))).toBe(false);
  });

  it('scores from the signals that decided the relation: the raw score, uncalibrated, on request', () => {
    const raw = relate(al, { ...DEFAULT_RELATION_THRESHOLDS, calibrated: false }).perSentence[0]![0];
    expect(raw.signals).toBeDefined();
    expect(raw.confidence).toBeCloseTo(agreeScore(raw.signals as AgreeSignals), 10);
    expect(calibrate('agree', raw.confidence)).toBe(relate(al).perSentence[0]![0].confidence);
  });

  it('a plainly shared point is surer than a topical echo', () => {
    const rel = relate(al, ALL);
    const echo = relate(
      align(page, [analyse({ language: 'en', text: 'The mayor of Lindenau opened a bakery on Monday. Farmers protested in the north. Rain is expected.' })]),
      ALL,
    );
    expect(rel.perSentence[0]![0].confidence).toBeGreaterThan(echo.perSentence[0]![0].confidence);
  });
});

describe('calibration tables', () => {
  it('isotonic: non-decreasing precision over bands of at least the minimum size', () => {
    const samples = [
      ...Array.from({ length: 30 }, (_, i) => ({ score: i / 100, right: i % 3 === 0 })),
      ...Array.from({ length: 30 }, (_, i) => ({ score: 0.5 + i / 100, right: i % 5 !== 0 })),
      { score: 0.95, right: false },
    ];
    const table = isotonic(samples, 10);
    expect(table[0][0]).toBe(0);
    for (let k = 1; k < table.length; k++) {
      expect(table[k][0]).toBeGreaterThan(table[k - 1][0]);
      expect(table[k][1]).toBeGreaterThanOrEqual(table[k - 1][1]);
    }
    expect(calibrate('agree', 0.1, table)).toBeCloseTo(table[0][1]);
  });

  it('the shipped tables are monotone and map into [0, 1]', () => {
    for (const table of Object.values(CALIBRATION)) {
      for (let k = 1; k < table.length; k++) expect(table[k][1]).toBeGreaterThanOrEqual(table[k - 1][1]);
      for (const [, p] of table) expect(p >= 0 && p <= 1).toBe(true);
    }
  });
});

describe('short reports', () => {
  const sentences = (n: number, topic: string) =>
    Array.from({ length: n }, (_, i) => `The ${topic} council discussed item number ${i + 1} of the harbour plan with residents on Monday.`).join(' ');
  const page = analyse({ language: 'en', text: sentences(12, 'city') });

  it('calls an outlet short when it has a fraction of the page\'s content sentences, or a brief of three', () => {
    const rel = relate(align(page, [analyse({ language: 'en', text: sentences(2, 'town') }), analyse({ language: 'en', text: sentences(8, 'town') })]));
    expect(rel.short).toEqual([true, false]);
    const longPage = analyse({ language: 'en', text: sentences(40, 'city') });
    expect(relate(align(longPage, [analyse({ language: 'en', text: sentences(7, 'town') })])).short).toEqual([true]);
    // A brief beside a page as brief is not short.
    const brief = analyse({ language: 'en', text: sentences(3, 'city') });
    expect(relate(align(brief, [analyse({ language: 'en', text: sentences(2, 'town') })])).short).toEqual([false]);
  });
});

describe('missing points: one thing once', () => {
  const page = analyse({
    language: 'en',
    text: 'The harbour bridge in Lindenau opened to cyclists on Monday. The mayor praised the workers at the ceremony. The bridge cost 42 million euros.',
  });

  it('never lists a heading (a one-sentence paragraph without closing punctuation) as a point', () => {
    const text = 'The harbour bridge in Lindenau opened to cyclists on Monday.\n\nShops hope for new customers\n\nShop owners near the old harbour expect more customers from the new quarter.';
    const other = analyse({ language: 'en', text });
    const rel = relate(align(page, [other]), DEFAULT_RELATION_THRESHOLDS, { outletTexts: [text] });
    const listed = rel.missing.flat().map(([, k]) => text.slice(other.sentences[k].start, other.sentences[k].end));
    expect(listed).toContain('Shop owners near the old harbour expect more customers from the new quarter.');
    expect(listed.some((t) => t.startsWith('Shops hope'))).toBe(false);
    // Without the text, no sentence can be told a heading.
    expect(relate(align(page, [other])).missing.flat().length).toBe(2);
  });

  it('lists a point told in the same words by two outlets (wire copy) once, with both as sources', () => {
    const wire = 'Shop owners near the old harbour expect more customers from the new quarter.';
    const b = analyse({ language: 'en', text: `The harbour bridge in Lindenau opened on Monday. ${wire}` });
    const c = analyse({ language: 'en', text: `The new bridge in Lindenau is open for cyclists. ${wire}` });
    const rel = relate(align(page, [b, c]));
    const groups = rel.missing.filter((g) => g.some(([o, k]) => [b, c][o].sentences[k].end - [b, c][o].sentences[k].start === wire.length));
    expect(groups).toHaveLength(1);
    expect(groups[0].map(([o]) => o).sort()).toEqual([0, 1]);
  });

  it('lists a point one outlet tells twice once', () => {
    const b = analyse({
      language: 'en',
      text: 'Shop owners near the old harbour expect many more customers from the new quarter. The harbour bridge in Lindenau opened on Monday. Shop owners near the old harbour expect more customers.',
    });
    const rel = relate(align(page, [b]));
    const shops = rel.missing.filter((g) => g.some(([, k]) => k === 0 || k === 2));
    expect(shops).toHaveLength(1);
    expect(shops[0].map(([, k]) => k)).toEqual([0, 2]);
  });

  it('does not list a sentence the overlay quotes as agreeing', () => {
    // Headline and lead agree from a shared word: the other's lead is evidence, though nearly all of it is new.
    const lead = analyse({ language: 'en', text: 'Lindenau gets its bridge. Thousands of residents and a brass band from Hamburg celebrated the opening on Saturday. Farmers protested in the north.' });
    const pg = analyse({ language: 'en', text: 'Lindenau finally has its river crossing. The construction took four years. Prices for bread rose in the capital.' });
    const al = align(pg, [lead]);
    const shown = relate(al, ALL);
    const quoted = shown.perSentence.flatMap((p) => (p?.[0].relation === 'agree' ? p[0].evidence : []));
    expect(quoted.length).toBeGreaterThan(0);
    for (const k of quoted) expect(shown.missing.flat()).not.toContainEqual([0, k]);
  });
});

describe('relate on bad input', () => {
  const en = (text: string) => analyse({ language: 'en', text });

  it('a page of one sentence, an outlet of one sentence: one relation each, the brief outlet short', () => {
    const one = en('The harbour bridge in Lindenau opened to cyclists on Monday after three years of work.');
    const rel = relate(align(one, [en('The harbour bridge in Lindenau opened on Monday.')]));
    expect(rel.perSentence).toHaveLength(1);
    expect(rel.perSentence[0]![0].relation).toBe('agree');
    const page = en(Array.from({ length: 8 }, (_, i) => `The council discussed item ${i + 1} of the harbour plan with many residents.`).join(' '));
    const brief = relate(align(page, [en('The harbour bridge in Lindenau opened on Monday.')]));
    expect(brief.short).toEqual([true]);
    expect(brief.perSentence.every((p) => p?.[0].confidence !== undefined)).toBe(true);
  });

  it('identical sentences in two outlets: both agree, with the same confidence', () => {
    const page = en('The harbour bridge in Lindenau opened to cyclists on Monday. The mayor praised the workers at the ceremony.');
    const wire = 'The harbour bridge in Lindenau opened to cyclists on Monday, the city said.';
    const rel = relate(align(page, [en(wire), en(wire)]));
    const [b, c] = rel.perSentence[0]!;
    expect(b.relation).toBe('agree');
    expect(c.relation).toBe('agree');
    expect(b.confidence).toBe(c.confidence);
  });
});
