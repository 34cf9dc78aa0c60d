import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../lib/article/article';
import { makeArticle } from '../../lib/article/make-article';
import { languageOf } from '../../lib/text/language';
import { contentTermsOf, tokenize } from '../../lib/text/tokens';
import type { PagePayload } from '../../platform/protocol';
import { annotateFromStore } from '../../services/annotate-page';
import { prepare, type CorpusStore } from '../../services/corpus-store';
import { loadSeeds } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';

vi.setConfig({ testTimeout: 60_000 });

const open = storesClosedAfterEachTest();
let n = 0;

const user = (id: string, raw: string, date: string | null, addedAt: number) => makeArticle({ id, raw, source: 'user', outlet: `Outlet ${id}`, language: 'de', date, addedAt });

/** Two events of two reports each, one also reported twice years apart (another story). */
const OTHERS = [
  user('zoo', 'Die Zoodirektorin eröffnet das neue Giraffengehege im Tierpark. Die drei Giraffen ziehen im Mai ein, teilte die Stadt mit. Der Bau kostete vier Millionen Euro.', '2025-04-02', 1),
  user('zoo-2', 'Im Tierpark ist das Giraffengehege eröffnet worden. Drei Giraffen ziehen im Mai ein, sagte die Zoodirektorin. Die Stadt bezahlte den Bau.', '2025-04-02', 2),
  user('sturm', 'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu hunderten Einsätzen aus. Verletzt wurde niemand.', '2025-01-20', 3),
  user('sturm-alt', 'Ein Sturm hat in Norddeutschland Bäume entwurzelt. Die Feuerwehr in Hamburg rückte zu vielen Einsätzen aus, teilte die Stadt mit.', '2023-11-02', 4),
];
/** Another outlet's report of a seed's event: it joins the seeds' story. */
const reportOf = (seed: Article, id: string, addedAt: number): Article => ({ ...seed, id, file: undefined, outlet: `Outlet ${id}`, raw: seed.raw.replace(/\. /, '. Außerdem: '), source: 'user', addedAt });

/** Pages of no stored story that share words with stored ones, and one of the seeds' story. */
function pages(seeds: Article[]): PagePayload[] {
  const page = (text: string, language = 'de'): PagePayload => ({ text, url: 'https://page.example/a', title: 'Seite', language, publishedTime: null });
  return [
    page('Die Zoodirektorin plant ein Aquarium im Tierpark. Die Stadt prüft die Kosten noch bis Mai, sagte ein Sprecher. Die Giraffen bleiben im alten Haus.'),
    page('Ein Gewitter hat in Süddeutschland Keller überflutet. Die Feuerwehr in München rückte zu vielen Einsätzen aus. Die Stadt warnt vor weiteren Unwettern.'),
    { text: seeds[1].raw.slice(seeds[1].bodyStart), url: 'https://page.example/story', title: seeds[1].title, language: seeds[1].language, publishedTime: seeds[1].date },
  ];
}

/**
 * Every story's `storyGlances` record holds exactly its members' stored
 * glances, in member order, and no record is left of a story that is gone.
 * Returns how many stories there are.
 */
async function expectRecordsHoldMembersGlances(name: string): Promise<number> {
  const db = await openDB(name);
  const [stories, records, glances] = await Promise.all([db.getAll('stories'), db.getAll('storyGlances'), db.getAll('glances')]);
  db.close();
  const glanceOf = new Map(glances.map((g) => [g.id, g]));
  const recordOf = new Map(records.map((r) => [r.id, r]));
  for (const story of stories) expect(recordOf.get(story.id)?.glances, story.id).toEqual(story.members.map((id: string) => glanceOf.get(id)));
  expect(records.map((r) => r.id).sort()).toEqual(stories.map((s) => s.id).sort());
  return stories.length;
}

/** Counts the requests of each store (`get`) while `run` runs. */
async function countingGets<T>(run: () => Promise<T>): Promise<{ result: T; gets: Record<string, number> }> {
  const proto = IDBObjectStore.prototype;
  const get = proto.get;
  const gets: Record<string, number> = {};
  proto.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
    gets[this.name] = (gets[this.name] ?? 0) + 1;
    return get.call(this, key);
  };
  try {
    return { result: await run(), gets };
  } finally {
    proto.get = get;
  }
}

const termsOf = (page: PagePayload) => {
  const language = languageOf(page.text, page.language);
  return contentTermsOf(tokenize(page.text, language), language);
};

describe("each story's glances in one record", () => {
  let name: string;
  let store: CorpusStore;
  let seeds: Article[];
  beforeEach(async () => {
    name = `story-glances-${n++}`;
    seeds = loadSeeds();
    store = await open(name);
    await store.ensureSeeds(seeds);
    await store.addArticles(OTHERS);
  });
  afterEach(() => store.close());

  it('are written with the stories by every write, and follow edits, moves and deletions', async () => {
    expect(await expectRecordsHoldMembersGlances(name)).toBeGreaterThan(2);
    // An import in parts: its articles join a stored story, across parts, and one is a story of its own.
    const seedsStory = await store.storyIdOf(seeds[0].id);
    const session = store.openImport();
    await session.add([prepare(reportOf(seeds[0], 'copy-1', 10))]);
    await session.add([prepare(reportOf(seeds[1], 'copy-2', 11)), prepare(user('alone', OTHERS[0].raw.replace('Giraffen', 'Elefanten'), '2019-04-02', 12))]);
    await session.finish();
    for (const id of ['copy-1', 'copy-2']) expect(await store.storyIdOf(id)).toBe(seedsStory);
    await expectRecordsHoldMembersGlances(name);
    // A new outlet name is in the glance, and so in its story's record.
    await store.updateArticle('copy-1', { outlet: 'Neue Zeitung' });
    await expectRecordsHoldMembersGlances(name);
    // Another date: it leaves its story for one of its own.
    await store.updateArticle('copy-2', { date: '2001-06-01' });
    expect(await store.storyIdOf('copy-2')).not.toBe(seedsStory);
    await expectRecordsHoldMembersGlances(name);
    // Deleting a member, and the last member of a story.
    await store.deleteArticle('copy-1');
    await store.deleteArticles(['copy-2']);
    await expectRecordsHoldMembersGlances(name);
    await store.recomputeStories();
    await expectRecordsHoldMembersGlances(name);
    await store.replaceWithSeeds(seeds);
    expect(await expectRecordsHoldMembersGlances(name)).toBe(1);
  });

  it('are what a lookup reads: one request per story, and the same stories and glances as reading each member', async () => {
    for (const page of pages(seeds)) {
      const fresh = await open(name);
      const { result: byStory, gets } = await countingGets(() => fresh.candidateGlances(termsOf(page)));
      const members = byStory.stories.reduce((sum, s) => sum + s.glances.length, 0);
      expect(members).toBeGreaterThan(0);
      expect(gets.storyGlances).toBe(byStory.stories.length);
      expect(gets.glances ?? 0).toBe(0);
      fresh.close();

      // Without the records (a story whose record was dropped): each member's glance is read, and the lookup is the same.
      const db = await openDB(name);
      const records = await db.getAll('storyGlances');
      await db.clear('storyGlances');
      const without = await open(name);
      const { result: byMember, gets: memberGets } = await countingGets(() => without.candidateGlances(termsOf(page)));
      expect(byMember).toEqual(byStory);
      expect(memberGets.glances).toBe(members);
      without.close();
      const tx = db.transaction('storyGlances', 'readwrite');
      for (const r of records) void tx.store.put(r);
      await tx.done;
      db.close();
    }
  });

  it('stand for a story only when they hold its members: a record short of a member is read past', async () => {
    const page = pages(seeds)[2];
    const whole = await open(name);
    const expected = await annotateFromStore(whole, page);
    expect(expected.annotation.story.match).toBe('same');
    const db = await openDB(name);
    const record = await db.get('storyGlances', (await store.storyIdOf(seeds[0].id))!);
    expect(record.glances.length).toBeGreaterThan(1);
    await db.put('storyGlances', { ...record, glances: record.glances.slice(1) });
    db.close();
    const fresh = await open(name);
    const { result, gets } = await countingGets(() => annotateFromStore(fresh, page));
    expect(gets.glances).toBe(record.glances.length);
    expect(result.annotation).toEqual(expected.annotation);
    expect(result.candidates).toEqual(expected.candidates);
  });
});
