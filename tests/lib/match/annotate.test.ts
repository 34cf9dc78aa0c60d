import { describe, expect, it } from 'vitest';
import { analysePage, annotate } from '../../../lib/match/annotate';
import { OVERLAY_THRESHOLDS } from '../../../lib/match/confidence';
import { makeArticle } from '../../../lib/article/make-article';
import { tokenize } from '../../../lib/text/tokens';
import { toPageNotes } from '../../../lib/notes/page-notes';
import { article, BRIDGE } from './fixtures';

const corpus = [
  article('b', BRIDGE.sameB, { date: '2025-03-10' }),
  article('c', BRIDGE.sameC, { date: '2025-03-11' }),
  article('r', BRIDGE.related, { date: '2025-11-20' }),
  article('o', BRIDGE.other, { date: '2025-05-24' }),
];
const page = { text: BRIDGE.page, date: '2025-03-10', language: 'de' };

describe('annotate', () => {
  const ann = annotate(page, corpus);
  const sentenceAt = (needle: string) => ann.sentences.find((s) => BRIDGE.page.slice(s.start, s.end).includes(needle))!;

  it('decides the story and lists same-story and related outlets', () => {
    expect(ann.story.match).toBe('same');
    expect(ann.outlets.filter((o) => o.sameStory).map((o) => o.doc).sort()).toEqual(['b.txt', 'c.txt']);
    expect(ann.outlets.find((o) => o.doc === 'r.txt')?.sameStory).toBe(false);
    expect(ann.outlets.some((o) => o.doc === 'o.txt')).toBe(false);
  });

  it('gives every content sentence a relation for every same-story outlet, citing real sentences', () => {
    for (const s of ann.sentences) {
      expect(Object.keys(s.relations).sort()).toEqual(['b.txt', 'c.txt']);
      for (const [doc, rel] of Object.entries(s.relations)) {
        const raw = corpus.find((a) => a.file === doc)!.raw;
        for (const [a, b] of [...(rel.evidence ?? []), ...(rel.adds ?? [])]) expect(raw.slice(a, b).trim().length).toBeGreaterThan(10);
      }
    }
  });

  it('says who agrees and who omits', () => {
    expect(sentenceAt('Radfahrer').relations['b.txt'].relation).toBe('agree');
    expect(sentenceAt('Radfahrer').relations['c.txt'].relation).toBe('agree');
    expect(sentenceAt('Autos').relations['b.txt'].relation).toBe('omits');
  });

  it('reports a different duration for the same point as a conflict', () => {
    const build = sentenceAt('drei Jahre');
    expect(build.relations['c.txt'].conflicts?.length).toBe(1);
    expect(ann.conflicts.some((c) => c.doc === 'c.txt' && /duration/.test(c.detail))).toBe(true);
  });

  it('lists points only other outlets make as missing', () => {
    const texts = ann.missing.flatMap((m) => m.sources.map((s) => corpus.find((a) => a.file === s.doc)!.raw.slice(s.start, s.end)));
    expect(texts.some((t) => t.includes('240 Meter'))).toBe(true);
    expect(texts.some((t) => t.includes('Spielplatz'))).toBe(true);
    expect(texts.some((t) => t.includes('Radfahrer'))).toBe(false);
  });

  it('stops at the story decision when asked: the same match and outlets, no sentence relations', () => {
    const first = annotate(page, corpus, { storyOnly: true });
    expect(first.story).toEqual(ann.story);
    expect(first.outlets).toEqual(ann.outlets);
    expect(first.sentences).toEqual([]);
    expect(first.missing).toEqual([]);
    expect(ann.sentences.length).toBeGreaterThan(0);
  });

  it('analyses a page without attributions when asked, and changes nothing else', () => {
    const text = 'Laut Kreml dauerte das Gespräch zwei Stunden. Das Weiße Haus sagte, beide wollten sich bald treffen.';
    const full = analysePage({ text, language: 'de' }).features;
    const bare = analysePage({ text, language: 'de' }, { attribution: false }).features;
    expect(full.sentences.map((s) => s.sources)).toEqual([['kreml'], ['weisse', 'haus']]);
    expect(bare.sentences.every((s) => s.sources === undefined)).toBe(true);
    expect(bare.sentences.map(({ sources, ...rest }) => rest)).toEqual(full.sentences.map(({ sources, ...rest }) => rest));
  });

  it('is deterministic and independent of corpus order', () => {
    expect(annotate(page, [...corpus].reverse())).toEqual(ann);
  });

  it('takes the page tokens a caller hands on, with the same result; tokens of another text or language are not used', () => {
    const tokens = tokenize(page.text, 'de');
    expect(annotate(page, corpus, { pageTokens: { text: page.text, language: 'de', tokens } })).toEqual(ann);
    // The features are read off the tokens given: a changed token shows (the engine did not tokenize the page again)…
    const renamed = tokens.map((t) => (t.stem === 'bruck' ? { ...t, stem: 'x-bruck' } : t));
    expect(renamed.some((t) => t.stem === 'x-bruck')).toBe(true);
    const withRenamed = analysePage(page, { tokens: { text: page.text, language: 'de', tokens: renamed } }).features;
    expect(withRenamed.termFreq['x-bruck']).toBeGreaterThan(0);
    // …while tokens of another language, or of a text with a header the engine cuts off, are left aside.
    expect(analysePage(page, { tokens: { text: page.text, language: 'en', tokens: renamed } }).features.termFreq['x-bruck']).toBeUndefined();
    const headed = `title: Brücke\n\n${page.text}`;
    expect(analysePage({ ...page, text: headed }, { tokens: { text: headed, language: 'de', tokens: renamed } }).features.termFreq['x-bruck']).toBeUndefined();
  });

  it('never compares the page with itself', () => {
    const withSelf = annotate(page, [...corpus, article('self', BRIDGE.page, { date: '2025-03-10' })]);
    expect(withSelf.outlets.some((o) => o.doc === 'self.txt')).toBe(false);
  });

  it('leaves non-reporting text without notes', () => {
    const text = `${BRIDGE.page}\n\nKommentare\nGute Brücke, endlich können Radfahrer die Altstadt erreichen, schreibt ein Leser.`;
    const withComments = annotate({ ...page, text }, corpus);
    const comments = text.indexOf('Kommentare');
    expect(withComments.sentences.every((s) => s.end <= comments)).toBe(true);
  });
});

describe('annotate: calibrated claims (annotate JSON version 2 additions)', () => {
  const ann = annotate(page, corpus);
  const every = annotate(page, corpus, { relations: { showAgree: 0, showOmits: 0, showAdds: 0 } });

  it('keeps relation agree or omits, adding a confidence in [0, 1], and marks claims below the overlay threshold unclear', () => {
    for (const s of ann.sentences)
      for (const rel of Object.values(s.relations)) {
        expect(['agree', 'omits']).toContain(rel.relation);
        expect(rel.confidence).toBeGreaterThanOrEqual(0);
        expect(rel.confidence).toBeLessThanOrEqual(1);
        const threshold = rel.relation === 'agree' ? OVERLAY_THRESHOLDS.agree : OVERLAY_THRESHOLDS.omits;
        expect(rel.unclear === true).toBe(rel.confidence! < threshold);
      }
    for (const s of every.sentences) for (const rel of Object.values(s.relations)) expect(rel.unclear).toBeUndefined();
  });

  it('gives each cited detail its confidence and the ranges of its words the page lacks, inside the cited sentence', () => {
    const cited = every.sentences.flatMap((s) => Object.entries(s.relations).filter(([, r]) => r.adds?.length));
    for (const [doc, rel] of cited) {
      expect(rel.addsConfidence).toHaveLength(rel.adds!.length);
      expect(rel.addsNew).toHaveLength(rel.adds!.length);
      rel.adds!.forEach(([a, b], n) => {
        for (const [x, y] of rel.addsNew![n]) {
          expect(x).toBeGreaterThanOrEqual(a);
          expect(y).toBeLessThanOrEqual(b);
        }
        expect(corpus.find((c) => c.file === doc)).toBeDefined();
      });
    }
    // The overlay cites only details at or above its threshold.
    for (const s of ann.sentences) for (const rel of Object.values(s.relations)) for (const c of rel.addsConfidence ?? []) expect(c).toBeGreaterThanOrEqual(OVERLAY_THRESHOLDS.adds);
  });

  it('marks a brief outlet as a short report; the page notes then say short, not omits', () => {
    const brief = article(
      'brief',
      'Die neue Hafenbrücke in Lindenau ist seit Montag offen. Bürgermeisterin Petra Keller eröffnete die Brücke zwischen Altstadt und Hafenviertel. Radfahrer und Fußgänger dürfen die Hafenbrücke ab sofort nutzen.',
      { date: '2025-03-10' },
    );
    const long = [BRIDGE.page, ...Array.from({ length: 6 }, (_, i) => `Die Brücke über den Fluss hat ${i + 3} Pfeiler aus Beton und Stahl, sagte die Bürgermeisterin.`)].join(' ');
    const withBrief = annotate({ ...page, text: long }, [...corpus, brief]);
    const ref = withBrief.outlets.find((o) => o.doc === 'brief.txt')!;
    expect(ref.sameStory).toBe(true);
    expect(ref.shortReport).toBe(true);
    expect(withBrief.outlets.filter((o) => o.shortReport).map((o) => o.doc)).toEqual(['brief.txt']);
    const notes = toPageNotes(withBrief, new Map([...corpus, brief].map((a) => [a.file!, a])));
    const relations = notes.sentences.flatMap((s) => s.outlets.filter((o) => o.outlet === brief.outlet).map((o) => o.relation));
    expect(relations).not.toContain('omits');
    expect(relations).toContain('short');
  });
});

describe('the page and a stored article of the same text get one language', () => {
  const ENGLISH = 'The president spoke with both parties on Wednesday and said that talks about the war would begin soon.';
  const cases: Array<{ text: string; language?: string; expected: string }> = [
    { text: `language: German\n\n${BRIDGE.page}`, expected: 'de' },
    { text: `lang: en-GB\n\n${BRIDGE.page}`, expected: 'en' },
    { text: BRIDGE.page, language: 'deu', expected: 'de' },
    { text: ENGLISH, language: 'und', expected: 'en' },
    { text: BRIDGE.page, expected: 'de' },
  ];
  it.each(cases)('$expected for $language / $text', ({ text, language, expected }) => {
    expect(analysePage({ text, language }).language).toBe(expected);
    expect(makeArticle({ id: 'x', raw: text, language, source: 'user' }).language).toBe(expected);
  });
});

describe('annotate on bad input', () => {
  it('a page whose every sentence is a quote: relations as for any page, no crash', () => {
    const quoted = BRIDGE.page
      .split(/(?<=\.) /)
      .map((s) => `„${s.replace(/\.$/, '')}“, sagte Keller.`)
      .join(' ');
    const ann = annotate({ ...page, text: quoted }, corpus);
    expect(['same', 'related', 'none']).toContain(ann.story.match);
    for (const s of ann.sentences) for (const rel of Object.values(s.relations)) expect(['agree', 'omits']).toContain(rel.relation);
    const notes = toPageNotes(ann, new Map(corpus.map((a) => [a.file!, a])));
    expect(notes.sentences.length).toBe(ann.sentences.filter((s) => Object.keys(s.relations).length > 0).length);
  });

  it('an outlet of one sentence, and two outlets with identical text (wire copy): sensible notes', () => {
    const wire = BRIDGE.sameB;
    const ann = annotate(page, [article('w1', wire, { date: '2025-03-10' }), article('w2', wire, { date: '2025-03-10' }), article('one', 'Die Hafenbrücke in Lindenau ist eröffnet.', { date: '2025-03-10' })]);
    expect(ann.story.match).toBe('same');
    const radfahrer = ann.sentences.find((s) => BRIDGE.page.slice(s.start, s.end).includes('Radfahrer'))!;
    const [w1, w2] = [radfahrer.relations['w1.txt'], radfahrer.relations['w2.txt']];
    expect(w1.relation).toBe(w2.relation);
    expect(w1.confidence).toBe(w2.confidence);
    // Wire copy: a point both make is one missing point with both as sources, never two.
    for (const point of ann.missing) {
      const docs = point.sources.map((s) => s.doc);
      if (docs.includes('w1.txt')) expect(docs).toContain('w2.txt');
    }
    const texts = ann.missing.map((m) => m.sources[0].start + ':' + m.sources[0].end);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('returns story none with a warning for empty, huge and unsupported pages', () => {
    for (const text of ['', '   \n ', 'x'.repeat(1_000_001)]) {
      const ann = annotate({ text }, corpus);
      expect(ann.story.match).toBe('none');
      expect(ann.warnings?.length).toBeGreaterThan(0);
    }
    const french = annotate({ text: "Les députés ont adopté à une large majorité le projet de loi sur le renseignement défendu par le gouvernement." }, corpus);
    expect(french.story.match).toBe('none');
  });

  it('says when a page is too short to tell its story', () => {
    const one = annotate({ text: 'Die neue Brücke über den Fluss ist am Samstag für den Verkehr freigegeben worden.', language: 'de' }, corpus);
    expect(one.story.match).not.toBe('same');
    expect(one.warnings).toContainEqual({ kind: 'few-sentences', count: 1 });
    expect(annotate(page, corpus).warnings ?? []).toEqual([]);
  });

  it('copes with corpus articles that have no sentences', () => {
    const ann = annotate(page, [...corpus, article('empty', 'Foto: dpa')]);
    expect(ann.story.match).toBe('same');
  });
});
