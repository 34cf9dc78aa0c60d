import { describe, expect, it } from 'vitest';
import { analysePage, annotate, pageOfArticle } from '../../../lib/match/annotate';
import type { Page } from '../../../lib/match/types';
import { loadSeeds } from '../../helpers/seeds';
import { article, BRIDGE } from './fixtures';

/** The light analysis, completed, as JSON (key order included: the completion must set the fields as the one pass does). */
function completed(page: Page, attribution = true): string {
  const light = analysePage(page, { light: true, attribution });
  light.complete();
  return JSON.stringify(light.features);
}

const full = (page: Page, attribution = true) => JSON.stringify(analysePage(page, { attribution }).features);

/** A report with what the light part leaves out: quantities, clauses and attributed sources, and a full date in its text. */
const REPORT = [
  'Die Feuerwehr hat am Dienstag in Quellbach einen Brand in einer Lagerhalle gelöscht, laut Polizei wurde niemand verletzt.',
  'Der Einsatz dauerte eineinhalb Stunden, rund 48.000 Euro Schaden entstanden nach ersten Schätzungen.',
  'Am 12. Februar 2025 hatte es in derselben Halle schon einmal gebrannt, sagte ein Sprecher der Stadt.',
  'Die Halle gehört einem Getränkehändler, der den Betrieb nach eigenen Angaben am Freitag wieder aufnehmen will.',
].join(' ');

describe('the light analysis of a page', () => {
  it('completed, is the full analysis of every seed, dated or not, with and without attribution', () => {
    const seeds = loadSeeds();
    expect(seeds.length).toBeGreaterThan(0);
    for (const a of seeds) {
      const page = pageOfArticle(a);
      const undated = { ...page, date: null, url: null };
      for (const p of [page, undated]) {
        expect(completed(p)).toBe(full(p));
        expect(completed(p, false)).toBe(full(p, false));
      }
    }
  });

  it('leaves out the quantities, clauses and sources of a dated page until completed', () => {
    const page = { text: REPORT, language: 'de', date: '2025-06-10' };
    const whole = analysePage(page).features;
    // The report has each of them (else the test proves nothing).
    expect(whole.sentences.some((s) => s.sources?.length)).toBe(true);
    expect(whole.sentences.some((s) => s.clauses)).toBe(true);
    expect(whole.sentences.flatMap((s) => s.quantities).map((q) => q.kind)).toEqual(expect.arrayContaining(['duration', 'money', 'date']));
    expect(whole.textDates).toContain(20250212);

    const light = analysePage(page, { light: true });
    expect(light.features.sentences.some((s) => s.sources || s.clauses || s.quantities.length)).toBe(false);
    expect(light.features.textDates).toEqual([]);
    // What the first look reads is there already.
    expect(light.features.termFreq).toEqual(whole.termFreq);
    expect(light.features.sketch).toEqual(whole.sketch);
    expect(light.features.eventWeekday).toBe(whole.eventWeekday);
    expect(light.features.sentences.map((s) => s.content)).toEqual(whole.sentences.map((s) => s.content));

    const features = light.features;
    light.complete();
    expect(light.features).toBe(features);
    expect(JSON.stringify(features)).toBe(JSON.stringify(whole));
    light.complete();
    expect(JSON.stringify(features)).toBe(JSON.stringify(whole));
  });

  it('completed for a comparison, leaves the attributed sources for a later completion, which sets them as the one pass does', () => {
    const page = { text: REPORT, language: 'de', date: '2025-06-10' };
    const light = analysePage(page, { light: true });
    light.complete(false);
    // Quantities and clauses are there (a comparison reads them), the sources not yet.
    expect(light.features.sentences.some((s) => s.clauses)).toBe(true);
    expect(light.features.sentences.some((s) => s.quantities.some((q) => q.kind === 'money'))).toBe(true);
    expect(light.features.sentences.some((s) => s.sources)).toBe(false);
    light.complete();
    expect(light.features.sentences.some((s) => s.sources?.length)).toBe(true);
    expect(JSON.stringify(light.features)).toBe(full(page));
    // Without attribution there are none to find later either.
    const plain = analysePage(page, { light: true, attribution: false });
    plain.complete(false);
    plain.complete();
    expect(JSON.stringify(plain.features)).toBe(full(page, false));
  });

  it('of an undated page, has the full dates its text writes (they place its event), and completes to the full analysis', () => {
    const page = { text: `${REPORT} Die Halle war 1998 gebaut und 2019 erweitert worden.`, language: 'de', date: null };
    expect(analysePage(page).features.sentences.filter((s) => s.quantities.length).length).toBeGreaterThan(2);
    const light = analysePage(page, { light: true });
    expect(light.features.date).toBeNull();
    expect(light.features.textDates).toContain(20250212);
    // Only the sentence that writes a full date was parsed, not the one with years alone.
    expect(light.features.sentences.filter((s) => s.quantities.length).map((s) => page.text.slice(s.start, s.end))).toEqual([expect.stringContaining('12. Februar 2025')]);
    light.complete();
    expect(JSON.stringify(light.features)).toBe(full(page));
  });
});

describe('annotate with a light analysis of the page', () => {
  const corpus = [
    article('b', BRIDGE.sameB, { date: '2025-03-10' }),
    article('c', BRIDGE.sameC, { date: '2025-03-11' }),
    article('r', BRIDGE.related, { date: '2025-11-20' }),
    article('o', BRIDGE.other, { date: '2025-05-24' }),
  ];

  it('gives the notes the full analysis gives, completing it where candidates are compared', () => {
    const page = { text: BRIDGE.page, date: '2025-03-10', language: 'de' };
    const withFull = annotate(page, corpus, { pageAnalysis: analysePage(page) });
    expect(withFull.story.match).toBe('same');
    expect(withFull.conflicts.length).toBeGreaterThan(0);
    const light = analysePage(page, { light: true });
    expect(annotate(page, corpus, { pageAnalysis: light })).toEqual(withFull);
    expect(light.features.sentences.some((s) => s.quantities.some((q) => q.kind === 'duration'))).toBe(true);
    // annotate's own analysis (light by default) too.
    expect(annotate(page, corpus)).toEqual(withFull);
  });

  it('finds the attributed sources of a page it compares only where the page is of a story (relating reads them)', () => {
    // The page with a statement attributed to the police: dated with its story, and months later (related at most).
    const text = `${BRIDGE.page} Laut Polizei verlief die Eröffnung ohne Zwischenfälle, sagte ein Sprecher der Stadt.`;
    for (const [date, match, sources] of [
      ['2025-03-10', 'same', true],
      ['2025-11-20', 'related', false],
    ] as const) {
      const page = { text, date, language: 'de' };
      const light = analysePage(page, { light: true });
      const ann = annotate(page, corpus, { pageAnalysis: light });
      expect(ann.story.match).toBe(match);
      expect(ann).toEqual(annotate(page, corpus, { pageAnalysis: analysePage(page) }));
      // Compared either way (its clauses were made), its sources found only for the story's relations.
      expect(light.features.sentences.some((s) => s.clauses)).toBe(true);
      expect(light.features.sentences.some((s) => s.sources?.length)).toBe(sources);
    }
  });

  it('leaves it light for a page that compares no candidate', () => {
    const page = { text: REPORT, date: '2025-06-10', language: 'de' };
    const light = analysePage(page, { light: true });
    const ann = annotate(page, corpus, { pageAnalysis: light });
    expect(ann.story.match).toBe('none');
    expect(ann).toEqual(annotate(page, corpus, { pageAnalysis: analysePage(page) }));
    expect(light.features.sentences.some((s) => s.sources || s.clauses || s.quantities.length)).toBe(false);
  });
});
