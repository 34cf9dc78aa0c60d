import { describe, expect, it } from 'vitest';
import { align, novelty } from '../../../lib/match/align';
import { analyse } from '../../../lib/match/features';
import { DEFAULT_RELATION_THRESHOLDS, quantityConflict, relate } from '../../../lib/match/relations';

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

describe('adds', () => {
  const page = analyse({
    text: [
      'The president spoke with his Russian counterpart by phone on Wednesday.',
      'Both leaders agreed to start negotiations on ending the war.',
      'The president also praised the weather in Florida during a golf round.',
    ].join(' '),
    language: 'en',
  });
  const other = analyse({
    text: [
      'The president held a phone call with his Russian counterpart on Wednesday.',
      'The phone call with the Russian counterpart was described as long and very productive by the president.',
      'The leaders agreed to begin negotiations about ending the war.',
      'Sports results were mixed this weekend.',
    ].join(' '),
    language: 'en',
  });
  const rel = relate(align(page, [other]));

  it('cites a detail the page lacks beside the page sentence whose point it elaborates', () => {
    expect(rel.perSentence[0]![0].adds).toContain(1);
    expect(rel.perSentence[1]![0].adds).not.toContain(1);
    expect(rel.perSentence[2]![0].adds).toEqual([]);
  });

  it('never cites a sentence that says nothing the page lacks', () => {
    expect(rel.perSentence[1]![0].adds).not.toContain(2);
  });

  it('does not cite the same point told with a word or two of its own', () => {
    const echo = analyse({
      text: ['The president held a phone call with his Russian counterpart on Wednesday.', 'Both leaders agreed on peace talks to end the war.'].join(' '),
      language: 'en',
    });
    const al = align(page, [echo]);
    expect(novelty(al, 0, 1).share).toBeGreaterThanOrEqual(DEFAULT_RELATION_THRESHOLDS.addsNovelty);
    expect(novelty(al, 0, 1).terms).toBeLessThan(DEFAULT_RELATION_THRESHOLDS.addsNovelTerms);
    expect(relate(al).perSentence[1]![0].adds).toEqual([]);
    expect(relate(al, { ...DEFAULT_RELATION_THRESHOLDS, addsNovelTerms: 0 }).perSentence[1]![0].adds).toEqual([1]);
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
    const rel = relate(align(page, [other]));
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
    const relSame = relate(align(withFigure, [same]));
    expect(relSame.perSentence[0]![0].adds).not.toContain(0);
    const relOther = relate(align(withFigure, [other]));
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
  const at = (o: ReturnType<typeof text>, th = DEFAULT_RELATION_THRESHOLDS) => relate(align(page, [o]), th).perSentence[2]![0];

  it('agrees with an outlet sentence giving the same minute of play or result in other words', () => {
    const minute = at(other('Danach legte der Franzose mit seinem zweiten Treffer nach (66.).'));
    expect(minute.relation).toBe('agree');
    expect(minute.evidence).toEqual([2]);
    expect(at(other('Der Franzose erhöhte danach mit einem Schlenzer ins lange Eck auf 4:0.')).relation).toBe('agree');
  });

  it('does not for another minute, and not when switched off', () => {
    expect(at(other('Danach legte der Franzose mit seinem zweiten Treffer nach (71.).')).relation).toBe('omits');
    expect(at(other('Danach legte der Franzose mit seinem zweiten Treffer nach (66.).'), { ...DEFAULT_RELATION_THRESHOLDS, moment: 2 }).relation).toBe('omits');
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
  const th = { ...DEFAULT_RELATION_THRESHOLDS, lead: 2 };
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
    expect(relate(al, { ...th, mutual: 2 }).perSentence[0]![0].relation).toBe('omits');
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
    const rel = relate(align(page, [b, c]), { ...DEFAULT_RELATION_THRESHOLDS, chain: 2, lead: 2 });
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
    expect(relate(al, { ...DEFAULT_RELATION_THRESHOLDS, lead: 2 }).perSentence[0]![0].relation).toBe('omits');
  });
});
