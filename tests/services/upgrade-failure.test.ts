import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusStore } from '../../services/corpus-store';
import { DB_VERSION } from '../../services/corpus-schema';
import { readCorpusFixture, type FixtureStore } from '../e2e/corpus-v5/fixture';
import { readDatabase, writeDatabase, type DatabaseDump } from '../e2e/corpus-v5/database-pages';

let n = 0;
const opened: CorpusStore[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** The version-5 database of tests/e2e/corpus-v5 (written by that version's code), with `change` applied to its records. */
function version5(change: (stores: FixtureStore[]) => void = () => undefined): FixtureStore[] {
  const { stores } = readCorpusFixture();
  change(stores);
  return stores;
}

const recordsOf = (dump: DatabaseDump) => Object.fromEntries(Object.entries(dump.stores).map(([name, s]) => [name, s.records]));

describe('an upgrade that fails halfway', () => {
  it('leaves the version-5 database as it was, says so, and is tried again at the next open', async () => {
    const name = `failing-v5-${n++}`;
    // A story record no version wrote: the version-7 step (each story's glances record) throws on it, after the
    // version-6 step re-chunked every term's postings in the same transaction. (The first story: the step has
    // no reads under way then, whose promises the abort would reject unheard.)
    const broken = version5((stores) => {
      const first = stores.find((s) => s.name === 'stories')!.records[0];
      first.value = { ...(first.value as object), members: null };
    });
    expect(await writeDatabase({ name, version: 5, stores: broken })).toBe(5);
    const before = await readDatabase(name);

    await expect(CorpusStore.open(name)).rejects.toThrow(
      new RegExp(`^crossread could not update its database \\(version 5 to ${DB_VERSION}\\): .+\\. Nothing was changed; the articles are kept as they were\\.$`),
    );
    const after = await readDatabase(name);
    expect(after.version).toBe(5);
    expect(Object.keys(after.stores).sort()).toEqual(Object.keys(before.stores).sort());
    expect(Object.keys(after.stores)).toContain('glances');
    expect(Object.keys(after.stores)).not.toContain('storyGlances');
    // Its articles' source index too (version 9 drops it, in the same transaction).
    expect(after.stores.articles.indexes.sort()).toEqual(['source', 'url']);
    // Postings still in version 5's chunks of 32 ids (arrays): the re-chunking went with the rest.
    expect(recordsOf(after)).toEqual(recordsOf(before));

    // The record mended (as a newer crossread would handle it), the next start upgrades every article.
    const db = await openDB(name);
    const story = (await db.getAll('stories' as never))[0] as { id: string; members: string[] | null };
    const memberOf = (await db.getAll('storyOf' as never)).filter((l: { story: string }) => l.story === story.id).map((l: { id: string }) => l.id);
    await db.put('stories' as never, { id: story.id, members: memberOf } as never);
    db.close();
    const store = await CorpusStore.open(name);
    opened.push(store);
    expect(await store.count()).toBe(48);
    expect((await readDatabase(name)).version).toBe(DB_VERSION);
  });

  it('leaves a version-1 database as it was when indexing an article throws', async () => {
    const name = `failing-v1-${n++}`;
    const articles = version5().find((s) => s.name === 'articles')!;
    const v1: FixtureStore[] = [{ ...articles, records: [...articles.records, { value: { id: 'not-an-article', raw: 42 } }] }];
    await writeDatabase({ name, version: 1, stores: v1 });
    const before = await readDatabase(name);

    await expect(CorpusStore.open(name)).rejects.toThrow(new RegExp(`^crossread could not update its database \\(version 1 to ${DB_VERSION}\\): `));
    const after = await readDatabase(name);
    expect(after.version).toBe(1);
    expect(Object.keys(after.stores)).toEqual(['articles']);
    expect(recordsOf(after)).toEqual(recordsOf(before));
  });
});
