import { describe, expect, it } from 'vitest';
import { analysePage, annotate } from '../../../lib/match/annotate';
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

describe('annotate on bad input', () => {
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
    expect(one.warnings?.some((w) => /only 1 sentence with content/.test(w))).toBe(true);
    expect(annotate(page, corpus).warnings ?? []).toEqual([]);
  });

  it('copes with corpus articles that have no sentences', () => {
    const ann = annotate(page, [...corpus, article('empty', 'Foto: dpa')]);
    expect(ann.story.match).toBe('same');
  });
});
