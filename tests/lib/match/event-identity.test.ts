import { describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/article/article';
import { annotate, docName } from '../../../lib/match/annotate';
import { loadSeeds } from '../../helpers/seeds';
import { article, BRIDGE } from './fixtures';

const seeds = loadSeeds();
const asPage = (a: Article, extra = '') => ({ text: a.raw + extra, date: a.date, language: a.language, title: a.title });
const others = (a: Article) => seeds.filter((s) => s !== a);
const sameDocs = (ann: ReturnType<typeof annotate>) => ann.outlets.filter((o) => o.sameStory).map((o) => o.doc).sort();

/** Ten paragraphs of other news, as a page appends them under its article (teasers, another story, comments). */
const unrelated = `\n\n${Array.from({ length: 10 }, (_, i) => `${BRIDGE.other} Meldung ${i + 1} aus dem Ressort Wirtschaft.`).join('\n\n')}`;

describe('event identity on the seed story', () => {
  it('gives each seed the other four as the same story, each with the signals that decided', () => {
    for (const s of seeds) {
      const ann = annotate(asPage(s), others(s), { storyOnly: true });
      expect(sameDocs(ann), s.id).toEqual(others(s).map(docName).sort());
      for (const doc of sameDocs(ann)) expect(ann.storyReasons?.[doc], doc).toMatch(/shared points|same stored story/);
    }
  });

  it('keeps the notes of a seed followed by ten paragraphs of other news', () => {
    for (const s of seeds) {
      const ann = annotate(asPage(s, unrelated), others(s));
      expect(ann.story.match, s.id).toBe('same');
      expect(sameDocs(ann), s.id).toEqual(others(s).map(docName).sort());
      expect(ann.sentences.some((x) => Object.values(x.relations).some((r) => r.relation === 'agree'))).toBe(true);
    }
  });

  it('does not cite the page itself when the page is a stored article with more text around it', () => {
    const s = seeds[2];
    const ann = annotate(asPage(s, unrelated), seeds, { storyOnly: true });
    expect(sameDocs(ann)).toEqual(others(s).map(docName).sort());
  });

  it('holds a report dated a year later apart, and says why', () => {
    const s = seeds[0];
    const ann = annotate({ ...asPage(s), date: '2026-02-12' }, others(s), { storyOnly: true });
    expect(ann.story.match).not.toBe('same');
    expect(Object.values(ann.storyReasons ?? {}).some((r) => /dated apart/.test(r))).toBe(true);
  });
});

describe('bad input: a decision with its reason, never an exception', () => {
  const corpus = [article('b', BRIDGE.sameB, { date: '2025-03-10' }), article('c', BRIDGE.sameC, { date: '2025-03-11' }), article('r', BRIDGE.related, { date: '2025-11-20' })];

  it('decides an undated page from its text', () => {
    expect(annotate({ text: BRIDGE.page, language: 'de' }, corpus, { storyOnly: true }).story.match).toBe('same');
  });

  it('decides a page whose metadata date contradicts the dates in its text', () => {
    const text = `${BRIDGE.page} Die Pläne stammen vom 3. März 2019.`;
    const ann = annotate({ text, date: '2025-03-10', language: 'de' }, corpus, { storyOnly: true });
    expect(ann.story.match).toBe('same');
  });

  it('decides a page dated in the future without placing it beside today', () => {
    const ann = annotate({ text: BRIDGE.page, date: '2031-01-01', language: 'de' }, corpus, { storyOnly: true });
    expect(['related', 'none']).toContain(ann.story.match);
  });

  it('reads a timeline page full of dates without an exception', () => {
    const timeline = Array.from({ length: 40 }, (_, i) => `Am ${(i % 28) + 1}. März ${1990 + i} eröffnete Lindenau eine Brücke über den Fluss.`).join('\n');
    const ann = annotate({ text: timeline, language: 'de' }, corpus, { storyOnly: true });
    expect(['same', 'related', 'none']).toContain(ann.story.match);
  });

  it('decides a page that reports two events, and a corpus of one article', () => {
    const two = `${BRIDGE.page}\n\n${BRIDGE.other}`;
    expect(annotate({ text: two, date: '2025-03-10', language: 'de' }, corpus, { storyOnly: true }).story.match).toBe('same');
    const one = annotate({ text: BRIDGE.page, date: '2025-03-10', language: 'de' }, [corpus[0]]);
    expect(one.story.match).toBe('same');
    expect(one.outlets).toHaveLength(1);
    expect(annotate({ text: BRIDGE.page, language: 'de' }, []).story.match).toBe('none');
  });
});
