import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../lib/article/article';
import { makeArticle } from '../../lib/article/make-article';
import { CorpusStore, StorageFullError } from '../../services/corpus-store';
import { STORIES_SIGNATURE } from '../../services/corpus-schema';
import { FEATURES_VERSION } from '../../lib/match/features';
import { STORY_RULES_VERSION } from '../../lib/match/story-clusters';
import { contentTerms } from '../../lib/text/tokens';
import { loadSeeds, sharedDir } from '../helpers/seeds';
import { withFullDiskAfter } from '../helpers/full-disk';

// Each test analyses the seeds as it stores them, which takes a while on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let n = 0;
const stores: CorpusStore[] = [];
async function fresh(name = `stories-${n++}`) {
  const store = await CorpusStore.open(name);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const SEED_STORY = 'story-seed-000';

/** Stories read straight from the database, each with its members sorted, and every article's story. */
async function storyState(name: string) {
  const db = await openDB(name);
  const stories = (await db.getAll('stories')) as Array<{ id: string; members: string[] }>;
  const links = (await db.getAll('storyOf')) as Array<{ id: string; story: string }>;
  const articleIds = ((await db.getAllKeys('articles')) as string[]).sort();
  db.close();
  return {
    stories: new Map(stories.map((s) => [s.id, [...s.members].sort()])),
    links: new Map(links.map((l) => [l.id, l.story])),
    articleIds,
    raw: stories,
  };
}

/** Every article is in exactly one story, its link names that story, and no story is empty or names an unknown article. */
async function expectConsistentStories(name: string) {
  const s = await storyState(name);
  const members = s.raw.flatMap((story) => story.members);
  expect([...members].sort()).toEqual(s.articleIds);
  expect([...s.links.keys()].sort()).toEqual(s.articleIds);
  for (const story of s.raw) {
    expect(story.members.length).toBeGreaterThan(0);
    for (const m of story.members) expect(s.links.get(m)).toBe(story.id);
  }
  return s;
}

const other = (id: string, raw: string, date: string | null = null) => makeArticle({ id, raw, source: 'user', outlet: `Outlet ${id}`, language: 'de', date });
const OTHER_STORIES = [
  other('zoo', 'Die Zoodirektorin eröffnet das neue Giraffengehege im Tierpark. Die drei Giraffen ziehen im Mai ein, teilte die Stadt mit.', '2025-04-02'),
  other('sturm', 'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu hunderten Einsätzen aus.', '2025-01-20'),
];

describe('stories at ingest', () => {
  it('puts the five seeds (one event) in one story, named after the first', async () => {
    const name = `seeds-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    const s = await expectConsistentStories(name);
    expect(s.stories).toEqual(new Map([[SEED_STORY, seeds.map((x) => x.id).sort()]]));
    expect(await store.listStories()).toEqual([{ id: SEED_STORY, members: seeds.map((x) => x.id) }]);
    for (const seed of seeds) expect(await store.storyIdOf(seed.id)).toBe(SEED_STORY);
    expect(await store.storyIdOf('nope')).toBeNull();
  });

  it('within one import, an article sees the stories of those before it', async () => {
    const name = `batch-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.importArticles([...seeds, ...OTHER_STORIES]);
    const s = await expectConsistentStories(name);
    expect(s.stories).toEqual(
      new Map([
        [SEED_STORY, seeds.map((x) => x.id).sort()],
        ['story-zoo', ['zoo']],
        ['story-sturm', ['sturm']],
      ]),
    );
  });

  it('starts a story for an article of another event', async () => {
    const name = `other-${n++}`;
    const store = await fresh(name);
    await store.ensureSeeds(loadSeeds());
    await store.addArticles([OTHER_STORIES[0]]);
    const s = await expectConsistentStories(name);
    expect(s.stories.get('story-zoo')).toEqual(['zoo']);
    expect(s.stories.get(SEED_STORY)).toHaveLength(5);
  });
});

const story2Dir = path.join(sharedDir, 'data/story2');
describe.skipIf(!existsSync(story2Dir))(`an article of story2 (skipped: ${story2Dir} is absent)`, () => {
  const story2 = (file: string): Article => makeArticle({ id: `story2-${file.replace('.txt', '')}`, file, raw: readFileSync(path.join(story2Dir, file), 'utf8'), source: 'user' });

  it('starts another story beside the seeds', async () => {
    const name = `story2-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles([story2('01.txt')]);
    const s = await expectConsistentStories(name);
    expect(s.stories).toEqual(
      new Map([
        [SEED_STORY, seeds.map((x) => x.id).sort()],
        ['story-story2-01', ['story2-01']],
      ]),
    );
    // More of story2 never joins the seeds' story.
    await store.addArticles([story2('03.txt'), story2('08.txt')]);
    const after = await expectConsistentStories(name);
    expect(after.stories.get(SEED_STORY)).toEqual(seeds.map((x) => x.id).sort());
    expect(after.links.get('story2-03')).not.toBe(SEED_STORY);
    expect(after.links.get('story2-08')).not.toBe(SEED_STORY);
  });
});

describe('stories on delete and edit', () => {
  it('delete takes the article out of its story, and the story goes with its last member; the id stays while it has members', async () => {
    const name = `delete-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles([OTHER_STORIES[0]]);
    await store.deleteArticle('seed-000');
    let s = await expectConsistentStories(name);
    expect(s.stories.get(SEED_STORY)).toEqual(['seed-001', 'seed-002', 'seed-003', 'seed-004']);
    expect(await store.storyIdOf('seed-000')).toBeNull();

    await store.deleteArticle('zoo');
    s = await expectConsistentStories(name);
    expect(s.stories.has('story-zoo')).toBe(false);

    // Undo goes through ingest: the seed joins its story again, under the same id.
    await store.ensureSeeds(seeds);
    s = await expectConsistentStories(name);
    expect(s.stories).toEqual(new Map([[SEED_STORY, seeds.map((x) => x.id).sort()]]));

    for (const seed of seeds) await store.deleteArticle(seed.id);
    s = await expectConsistentStories(name);
    expect(s.stories.size).toBe(0);
    expect(await store.listStories()).toEqual([]);
  });

  it('a new story never takes the id of a story whose first member left', async () => {
    const name = `ids-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.deleteArticle('seed-000');
    // The same article back, but dated years before: another event, so a story of its own.
    await store.addArticles([{ ...seeds[0], date: '2019-03-01' }]);
    const s = await expectConsistentStories(name);
    expect(s.stories.get(SEED_STORY)).toEqual(['seed-001', 'seed-002', 'seed-003', 'seed-004']);
    expect(s.stories.get('story-seed-000-2')).toEqual(['seed-000']);
  });

  it('a date edit chooses the story again; a label edit leaves it', async () => {
    const name = `edit-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.updateArticle('seed-002', { outlet: 'Tagesblatt' });
    expect(await store.storyIdOf('seed-002')).toBe(SEED_STORY);

    await store.updateArticle('seed-002', { date: '2021-07-01' });
    let s = await expectConsistentStories(name);
    expect(s.stories.get(SEED_STORY)).toEqual(['seed-000', 'seed-001', 'seed-003', 'seed-004']);
    expect(s.stories.get('story-seed-002')).toEqual(['seed-002']);

    await store.updateArticle('seed-002', { date: '2025-02-12' });
    s = await expectConsistentStories(name);
    expect(s.stories).toEqual(new Map([[SEED_STORY, seeds.map((x) => x.id).sort()]]));

    // The article the story is named after leaves it: the story keeps its id.
    await store.updateArticle('seed-000', { date: '2021-07-01' });
    s = await expectConsistentStories(name);
    expect(s.stories.get(SEED_STORY)).toEqual(['seed-001', 'seed-002', 'seed-003', 'seed-004']);
    expect(s.stories.get('story-seed-000-2')).toEqual(['seed-000']);
  });

  it('a reset to the seeds forms the stories again from the seeds alone', async () => {
    const name = `reset-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles(OTHER_STORIES);
    await store.updateArticle('seed-001', { date: '2020-01-01' });
    await store.replaceWithSeeds(seeds);
    const s = await expectConsistentStories(name);
    expect(s.stories).toEqual(new Map([[SEED_STORY, seeds.map((x) => x.id).sort()]]));
  });
});

describe('stories and failed writes', () => {
  const reader = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      makeArticle({
        id: `r-${i}`,
        raw: `Der Stadtrat hat am Dienstag den Haushalt beschlossen. Meldung Nummer ${i}. Die Feuerwehr rückte zu Einsätzen aus.`,
        source: 'user',
        outlet: `Outlet ${i % 7}`,
        language: 'de',
        date: `2025-0${1 + (i % 9)}-1${i % 10}`,
        addedAt: 1_700_000_000_000 + i,
      }),
    );

  it('a failing batch, a cancelled import and a full disk leave the stories exactly as they were', async () => {
    const name = `failed-${n++}`;
    const store = await fresh(name);
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles([OTHER_STORIES[0]]);
    const before = await expectConsistentStories(name);

    await expect(store.addArticles([OTHER_STORIES[1], OTHER_STORIES[0]])).rejects.toThrow();
    expect(await expectConsistentStories(name)).toEqual(before);

    const many = reader(2000);
    const controller = new AbortController();
    const cancelled = store.importArticles(many, {
      signal: controller.signal,
      onProgress: (done, total) => {
        if (done === total) setTimeout(() => controller.abort(), 5);
      },
    });
    await expect(cancelled).rejects.toThrow(/Cancelled; nothing was saved/);
    expect(await expectConsistentStories(name)).toEqual(before);

    await withFullDiskAfter(20, async () => {
      await expect(store.importArticles(reader(50))).rejects.toThrow(StorageFullError);
    });
    expect(await expectConsistentStories(name)).toEqual(before);

    // The same import, not cancelled, puts every article in a story.
    await store.importArticles(many);
    const after = await expectConsistentStories(name);
    expect(after.articleIds).toHaveLength(before.articleIds.length + many.length);
    expect(after.stories.get(SEED_STORY)).toEqual(before.stories.get(SEED_STORY));
  }, 300_000);
});

describe('reading stories', () => {
  it('storyMembers returns every member with its features', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles(OTHER_STORIES);
    const [story, zoo, ...rest] = await store.storyMembers([SEED_STORY, 'story-zoo', 'story-unknown']);
    expect(rest).toEqual([]);
    expect(story.id).toBe(SEED_STORY);
    expect(story.articles.map((a) => a.id)).toEqual(seeds.map((s) => s.id));
    expect(story.articles).toEqual(seeds);
    for (const a of story.articles) expect(store.featuresOf(a).version).toBe(FEATURES_VERSION);
    expect(zoo.articles.map((a) => a.id)).toEqual(['zoo']);
    expect(await store.storyMembers([])).toEqual([]);
  });

  it('candidateStories returns whole stories, members the index did not return included', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles(OTHER_STORIES);
    const terms = contentTerms(seeds[1].raw, 'de');
    const hits = await store.candidates(terms, 1);
    expect(hits).toHaveLength(1);
    const stories = await store.candidateStories(terms, 1);
    expect(stories.map((s) => s.id)).toEqual([SEED_STORY]);
    expect(stories[0].articles.map((a) => a.id)).toEqual(seeds.map((s) => s.id));
    // The articles are those candidates hands out, with their stored features.
    expect(stories[0].articles).toContain(hits[0]);
    for (const a of stories[0].articles) expect(store.featuresOf(a).version).toBe(FEATURES_VERSION);

    const zoo = await store.candidateStories(contentTerms('Giraffengehege Zoodirektorin', 'de'));
    expect(zoo.map((s) => s.id)).toEqual(['story-zoo']);
    expect(await store.candidateStories(contentTerms('Quantencomputer rechnen mit Qubits', 'de'))).toEqual([]);
    expect(await store.candidateStories([])).toEqual([]);
  });
});

describe('stories computed by other rules or features', () => {
  it('are recomputed in one write when the store is opened, with the features', async () => {
    expect(STORIES_SIGNATURE).toContain(`rules ${STORY_RULES_VERSION}`);
    const name = `signature-${n++}`;
    const seeds = loadSeeds();
    const first = await CorpusStore.open(name);
    await first.ensureSeeds(seeds);
    await first.addArticles(OTHER_STORIES);
    first.close();

    // As an older crossread left it: other stories and features of an older engine.
    const db = await openDB(name);
    const tx = db.transaction(['stories', 'storyOf', 'features', 'meta'], 'readwrite');
    await tx.objectStore('stories').clear();
    await tx.objectStore('storyOf').clear();
    await tx.objectStore('stories').put({ id: 'story-old', members: [...seeds.map((s) => s.id), 'zoo', 'sturm'] });
    for (const id of [...seeds.map((s) => s.id), 'zoo', 'sturm']) await tx.objectStore('storyOf').put({ id, story: 'story-old' });
    const stale = (await tx.objectStore('features').get('seed-003')) as { id: string; features: { version: number } };
    await tx.objectStore('features').put({ ...stale, features: { ...stale.features, version: FEATURES_VERSION - 1 } });
    await tx.objectStore('meta').put(STORIES_SIGNATURE.replace(`features ${FEATURES_VERSION}`, `features ${FEATURES_VERSION - 1}`), 'storiesVersion');
    await tx.done;
    db.close();

    const store = await fresh(name);
    const s = await expectConsistentStories(name);
    expect(s.stories).toEqual(
      new Map([
        [SEED_STORY, seeds.map((x) => x.id).sort()],
        ['story-zoo', ['zoo']],
        ['story-sturm', ['sturm']],
      ]),
    );
    const check = await openDB(name);
    expect(await check.get('meta', 'storiesVersion')).toBe(STORIES_SIGNATURE);
    expect(((await check.get('features', 'seed-003')) as { features: { version: number } }).features.version).toBe(FEATURES_VERSION);
    check.close();
    expect(await store.count()).toBe(7);
  });
});
