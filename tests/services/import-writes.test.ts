import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepare, type Prepared } from '../../services/corpus-store';
import { loadSeeds } from '../helpers/seeds';
import { OTHER_EVENTS } from '../helpers/other-events';
import { storesClosedAfterEachTest } from '../helpers/stores';

// Each test analyses its articles as it stores them, which takes a while on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

/**
 * Every record an import writes goes into Chromium's undo log of its one
 * transaction, which Chromium walks at each opening of the database until it
 * compacts it (docs/speed.md, session 11: ~450 ms at 50,000 articles). So an
 * import writes each record once: a term's postings and frequency and a
 * story's records once for the whole import, not once per part.
 */
type Write = { store: string; key: string };
function recordWrites(): { writes: Write[]; stop: () => void } {
  const writes: Write[] = [];
  const proto = IDBObjectStore.prototype;
  const originals = { put: proto.put, add: proto.add, delete: proto.delete };
  const keyOf = (store: IDBObjectStore, value: unknown, key: unknown) => {
    if (key !== undefined) return JSON.stringify(key);
    const path = store.keyPath;
    const record = value as Record<string, unknown>;
    return JSON.stringify(Array.isArray(path) ? path.map((p) => record[p]) : record[path as string]);
  };
  proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    writes.push({ store: this.name, key: keyOf(this, value, key) });
    return originals.put.call(this, value, key);
  };
  proto.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    writes.push({ store: this.name, key: keyOf(this, value, key) });
    return originals.add.call(this, value, key);
  };
  proto.delete = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    writes.push({ store: this.name, key: JSON.stringify(query) });
    return originals.delete.call(this, query);
  };
  return { writes, stop: () => Object.assign(proto, originals) };
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});
const open = storesClosedAfterEachTest();

// The seeds again under other ids and outlets, in three parts: every part indexes the same terms and joins the story of the parts before.
const seedCopies = (k: number): Prepared[] => loadSeeds().map((s, i) => prepare({ ...s, id: `copy-${k}-${i}`, outlet: `Copy ${k} ${s.outlet}` }));

describe('what an import in parts writes', () => {
  it('writes each record once: every term, frequency and story once for the whole import', async () => {
    const name = `import-writes-${Date.now()}`;
    const store = await open(name);
    await store.addArticles(OTHER_EVENTS);
    const parts = [seedCopies(0), seedCopies(1), seedCopies(2)];
    const recording = recordWrites();
    stop = recording.stop;
    const session = store.openImport();
    for (const part of parts) session.add(part).catch(() => undefined);
    await session.finish();
    recording.stop();

    const { writes } = recording;
    const counts = new Map<string, number>();
    for (const w of writes) counts.set(`${w.store} ${w.key}`, (counts.get(`${w.store} ${w.key}`) ?? 0) + 1);
    const twice = [...counts].filter(([, k]) => k > 1).map(([key]) => key);
    expect(twice).toEqual([]);

    const imported = parts.flat();
    const terms = new Set(imported.flatMap((p) => p.terms));
    const stories = new Set(await Promise.all(imported.map((p) => store.storyIdOf(p.article.id))));
    const byStore = (s: string) => writes.filter((w) => w.store === s).length;
    // Every part has the terms and the story of the parts before: written once a part, their records would be written three times.
    const termsOf = (part: Prepared[]) => new Set(part.flatMap((p) => p.terms));
    expect(termsOf(parts[2])).toEqual(termsOf(parts[0]));
    expect(stories.size).toBeLessThan(parts.length);
    expect(byStore('postings')).toBe(terms.size);
    expect(byStore('df')).toBe(terms.size);
    expect(byStore('stories')).toBe(stories.size);
    expect(byStore('storyGlances')).toBe(stories.size);
    for (const s of ['articles', 'terms', 'features', 'storyOf']) expect(byStore(s)).toBe(imported.length);
    // The generation, the article count and the mark that the import committed (see import-journal.ts).
    expect(byStore('meta')).toBe(3);
    // A journal record for each staged transaction, deleted at once after the commit.
    const staged = parts.reduce((n, part) => n + Math.ceil(part.length / store.stageArticles), 0);
    expect(writes.filter((w) => w.store === 'importJournal').map((w) => (w.key.startsWith('{') ? 'range' : 'record'))).toEqual([...Array(staged).fill('record'), 'range']);
    expect(writes.filter((w) => !['articles', 'terms', 'features', 'storyOf', 'postings', 'df', 'stories', 'storyGlances', 'meta', 'importJournal'].includes(w.store))).toEqual([]);
  });
});
