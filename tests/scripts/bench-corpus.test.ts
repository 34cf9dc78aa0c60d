import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeeds } from '../../scripts/lib/articles';
import { benchCorpus, DAY, type BenchArticle, type BenchCorpus } from '../../scripts/lib/bench-corpus';

const repoSeeds = path.resolve(process.cwd(), 'seeds');
const shared = path.resolve(process.cwd(), '../shared');
const seeds = loadSeeds(repoSeeds);

const dayOf = (b: BenchArticle) => Date.parse(b.article.date!);
const digest = (c: BenchCorpus) => c.articles.map((b) => `${b.article.id}|${b.event}|${b.article.date}|${b.article.language}|${b.article.outlet}|${b.article.raw}`);

/** Synthetic stories: event → its articles, in corpus order. */
function stories(c: BenchCorpus): Map<string, BenchArticle[]> {
  const out = new Map<string, BenchArticle[]>();
  for (const b of c.articles) if (b.kind === 'synthetic') out.set(b.event, [...(out.get(b.event) ?? []), b]);
  return out;
}

/** The shapes every bench corpus keeps, whatever its real texts. */
function checkStories(c: BenchCorpus): void {
  const groups = [...stories(c).values()];
  expect(groups.length).toBeGreaterThanOrEqual(10);
  // 3–12 outlets each (the last may be cut at the requested size), all of one text, one language, distinct outlets, dated within two days.
  groups.slice(0, -1).forEach((g) => {
    expect(g.length).toBeGreaterThanOrEqual(3);
    expect(g.length).toBeLessThanOrEqual(12);
  });
  for (const g of groups) {
    expect(new Set(g.map((b) => b.source)).size).toBe(1);
    expect(new Set(g.map((b) => b.article.language)).size).toBe(1);
    expect(new Set(g.map((b) => b.article.outlet)).size).toBe(g.length);
    const days = g.map(dayOf);
    expect(Math.max(...days) - Math.min(...days)).toBeLessThanOrEqual(2 * DAY);
    // Each outlet tells it in its own words: no two articles of a story alike.
    expect(new Set(g.map((b) => b.article.raw)).size).toBe(g.length);
  }
  // Look-alikes: stories built from one text, dated weeks apart at the least and months apart mostly.
  const bySource = new Map<string, number[]>();
  for (const g of groups) bySource.set(g[0].source!, [...(bySource.get(g[0].source!) ?? []), Math.min(...g.map(dayOf))]);
  const gaps: number[] = [];
  for (const firsts of bySource.values()) {
    const sorted = [...firsts].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) gaps.push((sorted[i] - sorted[i - 1]) / DAY);
  }
  expect(gaps.length).toBeGreaterThan(0);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(14);
  expect(gaps.filter((g) => g >= 60).length / gaps.length).toBeGreaterThan(0.8);
  // Over two years.
  const all = c.articles.filter((b) => b.kind === 'synthetic').map(dayOf);
  expect(Math.max(...all) - Math.min(...all)).toBeGreaterThan(365 * DAY);
}

describe('bench corpus from the seeds alone', () => {
  const options = { seeds, sharedDir: null, repoSeeds, count: 400 };

  it('is the same on every run, and a smaller corpus is the start of a larger one', () => {
    const a = benchCorpus(options);
    expect(a.articles).toHaveLength(400);
    expect(digest(benchCorpus(options))).toEqual(digest(a));
    expect(digest(benchCorpus({ ...options, count: 150 }))).toEqual(digest(a).slice(0, 150));
    expect(digest(benchCorpus({ ...options, randomSeed: 7 }))).not.toEqual(digest(a));
  });

  it('holds many stories of 3–12 outlets, and look-alike stories of one text dated apart', () => {
    const c = benchCorpus(options);
    expect(c.shared).toBe(false);
    expect(c.labelled).toBe(0);
    expect(c.articles.every((b) => b.kind === 'synthetic' && b.lookalikeOf === 'seeds')).toBe(true);
    // No seed twice: the seeds go into the store through ensureSeeds.
    expect(c.articles.some((b) => seeds.some((s) => s.id === b.article.id))).toBe(false);
    checkStories(c);
  });

  it('never dates a story of a seed text near the seeds\' own event', () => {
    const c = benchCorpus(options);
    const seedDay = Date.parse('2025-02-12');
    for (const b of c.articles) expect(Math.abs(dayOf(b) - seedDay)).toBeGreaterThan(14 * DAY);
  });
});

describe.skipIf(!existsSync(path.join(shared, 'data/stories.json')))('bench corpus with ../shared/data', () => {
  let c: BenchCorpus;
  beforeAll(() => {
    c = benchCorpus({ seeds, sharedDir: shared, repoSeeds, count: 1200 });
  }, 120_000);

  it('starts with every labelled development article but the seeds, with its event', () => {
    const labelled = c.articles.filter((b) => b.kind === 'labelled');
    expect(c.labelled).toBe(labelled.length);
    expect(c.articles.slice(0, c.labelled).every((b) => b.kind === 'labelled')).toBe(true);
    expect(labelled.length).toBeGreaterThan(50);
    expect(labelled.some((b) => b.event === 'seeds')).toBe(false);
    const events = new Set(labelled.map((b) => b.event));
    for (const e of ['story2', 'story3', 'story4']) expect(events.has(e)).toBe(true);
    // Their look-alike events too.
    expect(labelled.filter((b) => b.lookalikeOf !== null).length).toBeGreaterThan(20);
  });

  it('builds synthetic stories in German and English from many texts, with look-alikes', () => {
    checkStories(c);
    const synthetic = c.articles.filter((b) => b.kind === 'synthetic');
    expect(synthetic.some((b) => b.article.language === 'de')).toBe(true);
    expect(synthetic.some((b) => b.article.language === 'en')).toBe(true);
    expect(new Set(synthetic.map((b) => b.source)).size).toBeGreaterThan(30);
    // Look-alikes of the labelled stories (and of the seed story) are among them.
    const resembled = new Set(synthetic.map((b) => b.lookalikeOf));
    for (const e of ['seeds', 'story2', 'story3', 'story4']) expect(resembled.has(e)).toBe(true);
  });

  it('mixes in sentences of other reports of the same or a look-alike event', () => {
    const families = new Map(c.sources.map((s) => [s.id, s.family]));
    const ownSentences = new Map(c.sources.map((s) => [s.id, new Set(s.sentences)]));
    const familyOthers = (id: string) => c.sources.filter((s) => s.family === families.get(id) && s.id !== id).flatMap((s) => s.sentences);
    let mixed = 0;
    for (const b of c.articles.filter((x) => x.kind === 'synthetic' && x.source!.startsWith('story'))) {
      const own = ownSentences.get(b.source!)!;
      if (familyOthers(b.source!).some((s) => !own.has(s) && b.article.raw.includes(s))) mixed++;
    }
    expect(mixed).toBeGreaterThan(10);
  });
});
