import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/article/article';
import { makeArticle } from '../../../lib/article/make-article';
import { analysePage } from '../../../lib/match/annotate';
import { articleFeatures, type ArticleFeatures } from '../../../lib/match/features';
import { glanceFirstLook, glanceHasTerm, glanceIsDuplicate, glanceOf, glanceQuickShare, glanceSharedFigures, headOf, pageGlanceOf } from '../../../lib/match/glance';
import { eventTime, firstLook, isDuplicate, quickShare, sharedFigures } from '../../../lib/match/story';
import { loadFolder } from '../../../scripts/lib/articles';
import { loadSeeds, sharedDir } from '../../helpers/seeds';

/** Texts that give the figure and result branches something to decide: shared results, specific and round figures, other languages. */
const FIGURES = [
  'Der VfB Stuttgart gewinnt das Pokalfinale gegen Arminia Bielefeld mit 4:2. 74.036 Zuschauer sahen das Spiel im Olympiastadion. Die Tore fielen nach 90 Minuten Spielzeit, sagte der Trainer.',
  'Stuttgart siegt 4:2 im Finale gegen Bielefeld. Im Stadion waren 74.036 Fans, berichtete der Verein. Nach 90 Minuten stand der Sieger fest, die Mannschaft feierte lange.',
  'Im Finale gewann Stuttgart am Samstag mit 2:4 aus Sicht der Gäste. Der Verein zählte 500 Ordner und 45 Sanitäter im Einsatz. Gestern wurde der Pokal übergeben.',
  'The central bank cut its key interest rate to 2.75 percent on Thursday. Economists had expected 2.75 percent after inflation fell to 2.3 percent in February.',
  'Inflation fell to 2.3 percent in February, and the central bank cut rates to 2.75 percent last week. Markets rose 1.4 percent on the news.',
  'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu 312 Einsätzen aus. Gestern war es ruhiger.',
];

function corpus(): Article[] {
  const articles: Article[] = [...loadSeeds()];
  FIGURES.forEach((raw, i) => articles.push(makeArticle({ id: `fig-${i}`, raw, source: 'user', date: i % 2 ? '2025-05-24' : null, addedAt: i })));
  // The development stories of ../shared where present: many more pairs of one event and of look-alikes.
  for (const folder of ['story2', 'story3', 'near']) {
    const dir = path.join(sharedDir, 'data', folder);
    if (existsSync(dir) && readdirSync(dir).length > 0) articles.push(...loadFolder(dir).map((a) => ({ ...a, id: `${folder}/${a.id}` })));
  }
  return articles;
}

describe('the first look on a glance', () => {
  it('decides as the first look on the full features, for every pair of pages and candidates', () => {
    const articles = corpus();
    const features = articles.map((a) => articleFeatures(a));
    // Pages as the engine analyses them, and shortened ones: fewer salient terms, fewer content sentences.
    const pages: ArticleFeatures[] = articles.flatMap((a) => [
      analysePage({ text: a.raw, url: a.url, date: a.date, language: a.language }, { attribution: false }).features,
      analysePage({ text: a.raw.slice(0, 400), date: null, language: a.language }, { attribution: false }).features,
    ]);
    let compared = 0;
    let decided = 0;
    let figures = 0;
    let duplicates = 0;
    for (const page of pages) {
      const pg = pageGlanceOf(page);
      features.forEach((f, i) => {
        const glance = glanceOf(headOf(articles[i]), f);
        // As stored: what IndexedDB gives back is a structured clone.
        const stored = structuredClone(glance);
        for (const g of [glance, stored]) {
          expect(glanceIsDuplicate(page, g)).toBe(isDuplicate(page, f));
          expect(glanceQuickShare(page, g)).toBe(quickShare(page, f));
          expect(glanceSharedFigures(pg, g)).toBe(sharedFigures(page, f));
          expect(glanceFirstLook(pg, g)).toEqual(firstLook(page, f));
          expect(eventTime(g)).toEqual(eventTime(f));
        }
        if (firstLook(page, f) === null) compared++;
        else decided++;
        if (sharedFigures(page, f) > 0) figures++;
        if (isDuplicate(page, f)) duplicates++;
      });
    }
    // Each branch was met, so the comparison above says something.
    expect(compared).toBeGreaterThan(10);
    expect(decided).toBeGreaterThan(10);
    expect(figures).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
  });

  it('holds the head of an article without its text', () => {
    const [seed] = loadSeeds();
    const head = headOf(seed);
    expect(head).not.toHaveProperty('raw');
    expect(head).not.toHaveProperty('nonReporting');
    expect(head).not.toHaveProperty('bodyStart');
    expect({ ...head, raw: seed.raw, bodyStart: seed.bodyStart, nonReporting: seed.nonReporting }).toEqual(seed);
    const glance = glanceOf(head, articleFeatures(seed));
    expect(glance.id).toBe(seed.id);
    expect(glance.contentSentences).toBe(articleFeatures(seed).sentences.filter((s) => s.content).length);
  });
});

describe('a glance has a term', () => {
  it('as `term in termFreq` has it, the names of Object.prototype included', () => {
    const page = analysePage({ text: 'The constructor said the valueOf bridge was high. The constructor and the valueOf team met again. The bridge opened.', language: 'en' }, { attribution: false }).features;
    const candidate = articleFeatures(makeArticle({ id: 'c', raw: 'A bridge opened in the town on Monday. The mayor cut the ribbon.', source: 'user', language: 'en' }));
    const glance = structuredClone(glanceOf(headOf(makeArticle({ id: 'c', raw: 'x', source: 'user' })), candidate));
    expect(glanceQuickShare(page, glance)).toBe(quickShare(page, candidate));
    for (const term of ['constructor', 'valueof', 'valueOf', 'toString', 'bridg', 'bridge', 'brid', 'ridg', 'mayor', 'ribbon', 'xyz'])
      expect([term, glanceHasTerm(glance, term)]).toEqual([term, term in candidate.termFreq]);
  });
});
