import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Article } from '../../../lib/article/article';

/** One object store of the old database: its schema, and its records as the old code wrote them. */
export interface FixtureStore {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: Array<{ name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }>;
  /** `key` only for a store of out-of-line keys (meta). */
  records: Array<{ key?: string; value: unknown }>;
}

/** What the reader did with the old code, in order (replayed with the current code to compare). */
export type FixtureAction = { op: 'seeds' | 'import' | 'add'; ids: string[] } | { op: 'delete'; id: string };

/** corpus-v5.json, written by make-fixture.ts with the old code. */
export interface CorpusFixture {
  /** The commit whose code wrote it. */
  commit: string;
  version: number;
  actions: FixtureAction[];
  /** The article the reader deleted (the others are in the articles store). */
  deleted: Article;
  stores: FixtureStore[];
}

export const FIXTURE_FILE = 'corpus-v5.json.gz';

export function readCorpusFixture(): CorpusFixture {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(__dirname, FIXTURE_FILE))).toString('utf8')) as CorpusFixture;
}

/** A store's records by name (values only). */
export function recordsOf(fixture: CorpusFixture, name: string): unknown[] {
  const store = fixture.stores.find((s) => s.name === name);
  if (!store) throw new Error(`the fixture has no store ${name}`);
  return store.records.map((r) => r.value);
}
