/**
 * Writes corpus-v5.json: a reader's database as crossread's version-5 code
 * left it (its schema and every record), for tests/e2e/database-upgrade.test.ts,
 * which puts it in a browser's profile and lets the current build upgrade it.
 * The records are the old code's own: this runs the old CorpusStore (in
 * fake-indexeddb) through the reader's actions, so neither git nor an old
 * build is needed when the test runs.
 *
 *   git archive <last commit with DB_VERSION 5> | tar -x -C /tmp/v5src
 *   ln -s "$PWD/node_modules" /tmp/v5src/node_modules
 *   npx tsx tests/e2e/corpus-v5/make-fixture.ts /tmp/v5src <commit>
 *
 * The last commit with DB_VERSION 5 in services/corpus-store.ts is aa4e3fa
 * (`git log -S 'DB_VERSION = 5;' -- services/corpus-store.ts`).
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { openDB } from 'idb';
import { ADDED, DELETED, IMPORTED } from './reader-articles';
import { FIXTURE_FILE, type CorpusFixture, type FixtureAction, type FixtureStore } from './fixture';

const [oldDir, commit] = process.argv.slice(2);
if (!oldDir || !commit) throw new Error('usage: make-fixture.ts <old source dir> <its commit>');
const from = (file: string) => import(path.resolve(oldDir, file));

const { CorpusStore, DB_VERSION, DB_NAME } = await from('services/corpus-store.ts');
const { makeArticle } = await from('lib/article/make-article.ts');
const { seedArticles } = await from('lib/article/seeds.ts');
if (DB_VERSION !== 5) throw new Error(`${oldDir} has DB_VERSION ${DB_VERSION}, not 5`);

const store = await CorpusStore.open(DB_NAME);
const actions: FixtureAction[] = [];
// As the old background's start did, then the reader's own articles.
const manifest = JSON.parse(fs.readFileSync(path.resolve(oldDir, 'seeds/manifest.json'), 'utf8')) as { articles: Array<{ file: string }> };
const seeds = seedArticles(manifest, Object.fromEntries(manifest.articles.map((a) => [a.file, fs.readFileSync(path.resolve(oldDir, 'seeds', a.file), 'utf8')])));
await store.ensureSeeds(seeds);
actions.push({ op: 'seeds', ids: seeds.map((a: { id: string }) => a.id) });
const imported = IMPORTED.map((input) => makeArticle(input));
await store.importArticles(imported);
actions.push({ op: 'import', ids: imported.map((a: { id: string }) => a.id) });
for (const input of ADDED) {
  const article = makeArticle(input);
  await store.addArticles([article]);
  actions.push({ op: 'add', ids: [article.id] });
}
const deleted = await store.getArticle(DELETED);
await store.deleteArticle(DELETED);
actions.push({ op: 'delete', id: DELETED });
store.close();

/** Throws on a value JSON would not carry as it is (the test writes the records back from JSON). */
function checkPlain(value: unknown, at: string): void {
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value)) || Object.is(value, -0)) throw new Error(`${at}: ${String(value)} does not survive JSON`);
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) return value.forEach((v, i) => checkPlain(v, `${at}[${i}]`));
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`${at}: not a plain object`);
  for (const [k, v] of Object.entries(value)) checkPlain(v, `${at}.${k}`);
}

const db = await openDB(DB_NAME);
const stores: FixtureStore[] = [];
for (const name of [...db.objectStoreNames].sort()) {
  const tx = db.transaction(name);
  const s = tx.store;
  const [values, keys] = await Promise.all([s.getAll(), s.getAllKeys()]);
  stores.push({
    name,
    keyPath: s.keyPath as string | string[] | null,
    autoIncrement: s.autoIncrement,
    indexes: [...s.indexNames].map((i) => {
      const index = s.index(i);
      return { name: i, keyPath: index.keyPath as string | string[], unique: index.unique, multiEntry: index.multiEntry };
    }),
    // Out-of-line keys (meta) are kept beside their values.
    records: s.keyPath === null ? values.map((value, i) => ({ key: keys[i] as string, value })) : values.map((value) => ({ value })),
  });
}
const version = db.version;
db.close();

const fixture: CorpusFixture = { commit, version, actions, deleted, stores };
checkPlain(fixture, 'fixture');
// Gzipped: 280 KB of JSON (most of it the seeds' features) in ~50 KB.
const out = path.join(import.meta.dirname, FIXTURE_FILE);
fs.writeFileSync(out, zlib.gzipSync(JSON.stringify(fixture), { level: 9 }));
console.log(`${out}: version ${version}, ${stores.map((s) => `${s.name} ${s.records.length}`).join(', ')}; ${fs.statSync(out).size} bytes`);
