/**
 * Raw IndexedDB in an extension page (the extension's origin, where the
 * background keeps its database), run through page.evaluate: each function
 * is self-contained, as the browser gets it as text.
 */
import type { FixtureStore } from './fixture';

/** A database as read back: its version and each store's schema and records (primary key beside value). */
export interface DatabaseDump {
  version: number;
  stores: Record<string, { keyPath: string | string[] | null; indexes: string[]; records: Array<{ key: IDBValidKey; value: unknown }> }>;
}

/**
 * Deletes the database `name` and writes `stores` as version `version`; returns
 * the version it then opens at. crossread's open connection closes itself when
 * another wants to change the database (CorpusStore.open's `blocking`), so the
 * delete is not held up by it.
 */
export function writeDatabase(arg: { name: string; version: number; stores: FixtureStore[] }): Promise<number> {
  const done = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  return (async () => {
    await done(indexedDB.deleteDatabase(arg.name));
    const open = indexedDB.open(arg.name, arg.version);
    open.onupgradeneeded = () => {
      for (const s of arg.stores) {
        const store = open.result.createObjectStore(s.name, s.keyPath === null ? { autoIncrement: s.autoIncrement } : { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
      }
    };
    const db = await done(open);
    const tx = db.transaction(
      arg.stores.map((s) => s.name),
      'readwrite',
    );
    for (const s of arg.stores) for (const r of s.records) void (s.keyPath === null ? tx.objectStore(s.name).put(r.value, r.key) : tx.objectStore(s.name).put(r.value));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
    db.close();
    const again = await done(indexedDB.open(arg.name));
    const version = again.version;
    again.close();
    return version;
  })();
}

/** Every store of the database `name`, read in one transaction (opening it as it is, at its version). */
export function readDatabase(name: string): Promise<DatabaseDump> {
  const done = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  return (async () => {
    const db = await done(indexedDB.open(name));
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names);
    const dump: DatabaseDump = { version: db.version, stores: {} };
    await Promise.all(
      names.map(async (n) => {
        const s = tx.objectStore(n);
        const [keys, values] = await Promise.all([done(s.getAllKeys()), done(s.getAll())]);
        dump.stores[n] = { keyPath: s.keyPath as string | string[] | null, indexes: [...s.indexNames], records: values.map((value, i) => ({ key: keys[i], value })) };
      }),
    );
    db.close();
    return dump;
  })();
}
