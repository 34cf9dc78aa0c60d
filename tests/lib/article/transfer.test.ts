import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../lib/article/article';
import { makeArticle } from '../../../lib/article/make-article';
import { CorpusStore, StorageFullError } from '../../../services/corpus-store';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportCorpus,
  exportFileName,
  checkImport,
  dedupeImportAsync,
  dedupeKeysAsync,
  storedKey,
  type ImportKey,
  ImportError,
  MAX_ARTICLE_CHARS,
  MAX_IMPORT_BYTES,
  parseImport,
  parseImportAsync,
  serialiseExport,
  type CorpusExport,
} from '../../../lib/article/transfer';
import { loadSeeds, sharedDir } from '../../helpers/seeds';
import { contentTerms } from '../../../lib/text/tokens';
import { withFullDiskAfter } from '../../helpers/full-disk';
import { textHash, textKey } from '../../../lib/article/duplicate';

// IndexedDB work and cleaning thousands of articles take a while on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let n = 0;
const stores: CorpusStore[] = [];
async function fresh() {
  const store = await CorpusStore.open(`transfer-${n++}`);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const sentences = [
  'Der Stadtrat hat am Dienstag den Haushalt beschlossen.',
  'Die Opposition kritisierte die Ausgaben für den Straßenbau.',
  'Der Kämmerer verteidigte die Investitionen in Schulen.',
  'Die Feuerwehr rückte zu zahlreichen Einsätzen aus.',
  'Ökonomen erwarten, dass die Inflation weiter zurückgeht.',
];

/** Distinct articles (different text and address each), as the reader might have collected them. */
function readerArticles(count: number, prefix = 'r'): Article[] {
  return Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: `${prefix}-${i}`,
      raw: `${sentences[i % sentences.length]} Meldung ${prefix} Nummer ${i}. ${sentences[(i + 2) % sentences.length]}`,
      source: 'user',
      outlet: `Outlet ${i % 7}`,
      language: 'de',
      date: `2025-0${1 + (i % 9)}-1${i % 10}`,
      url: `https://news.example/${prefix}/${i}`,
      addedAt: 1_700_000_000_000 + i,
    }),
  );
}

const exportFile = (articles: Article[]) => serialiseExport(exportCorpus(articles, new Date('2025-03-01T12:00:00Z')));
const asObject = (articles: Article[]): CorpusExport => JSON.parse(exportFile(articles));

/** parseImport that must fail: returns the ImportError. */
function importFailure(fileName: string, content: string, existing: Article[] = []): ImportError {
  try {
    parseImport(fileName, content, existing);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('the import was accepted');
}

/** One stored corpus for all refusals: each must leave it exactly as it was. */
let refusalStore: Promise<CorpusStore> | null = null;
function seededStore(): Promise<CorpusStore> {
  refusalStore ??= CorpusStore.open(`refusals-${n++}`).then(async (store) => {
    await store.ensureSeeds(loadSeeds());
    return store;
  });
  return refusalStore;
}
afterAll(async () => {
  (await refusalStore)?.close();
});

/** Refuses `content` with a message naming the file and matching `problem`; the stored corpus stays as it was. */
async function expectRefused(fileName: string, content: string, problem: RegExp) {
  const store = await seededStore();
  const before = await store.listArticles();
  const error = importFailure(fileName, content, before);
  expect(error.message.startsWith(`${fileName}: `)).toBe(true);
  expect(error.message).toMatch(problem);
  expect(await store.listArticles()).toEqual(before);
  return error.message;
}

describe('exportCorpus', () => {
  it('writes the documented, versioned schema with the raw text and no derived fields', () => {
    const seeds = loadSeeds();
    const data = exportCorpus(seeds, new Date('2025-03-01T12:00:00Z'));
    expect(data.format).toBe(EXPORT_FORMAT);
    expect(data.version).toBe(EXPORT_VERSION);
    expect(data.exportedAt).toBe('2025-03-01T12:00:00.000Z');
    expect(Object.keys(data.articles[0]).sort()).toEqual(['addedAt', 'date', 'file', 'id', 'language', 'outlet', 'source', 'text', 'title', 'url']);
    expect(data.articles[0].text).toBe(seeds[0].raw);
    expect(exportFileName(new Date('2025-03-01T12:00:00Z'))).toBe('crossread-corpus-2025-03-01.json');
  });
});

describe('parseImport: refused files', () => {
  it('malformed JSON', async () => {
    const message = await expectRefused('corpus.json', '{"format": "crossread-corpus", "version": 1, "articles": [', /not valid JSON/);
    expect(message).toMatch(/^corpus\.json: the file is not valid JSON \(/);
  });

  it('an empty file, or one of only whitespace', async () => {
    expect(await expectRefused('empty.json', '', /the file is empty/)).toBe('empty.json: the file is empty');
    await expectRefused('blank.txt', ' \n\t\n', /the file is empty/);
  });

  it('a JSON file that is not a crossread export', async () => {
    await expectRefused('other.json', '{"hello": "world"}', /not a crossread corpus export \("format" is missing/);
    await expectRefused('list.json', '[1, 2, 3]', /not a crossread corpus export/);
  });

  it('an unknown schema version', async () => {
    const data = { ...asObject(readerArticles(2)), version: 2 };
    const message = await expectRefused('future.json', JSON.stringify(data), /export version 2 is not supported/);
    expect(message).toBe('future.json: export version 2 is not supported; this version of crossread reads version 1');
  });

  it('a missing or invalid field, naming the article and the field', async () => {
    for (const field of ['id', 'outlet', 'title', 'language', 'date', 'url', 'source', 'addedAt', 'text'] as const) {
      const data = asObject(readerArticles(3));
      delete (data.articles[1] as unknown as Record<string, unknown>)[field];
      await expectRefused('missing.json', JSON.stringify(data), new RegExp(`article 2 .*has no valid "${field}" field`));
    }
    const bad = asObject(readerArticles(2));
    (bad.articles[0] as unknown as Record<string, unknown>).date = '12.02.2025';
    await expectRefused('date.json', JSON.stringify(bad), /article 1 \(".*"\) has no valid "date" field \(YYYY-MM-DD or null\)/);
    const noList = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: 'x' };
    await expectRefused('nolist.json', JSON.stringify(noList), /no "articles" list/);
    await expectRefused('none.json', JSON.stringify({ ...noList, articles: [] }), /holds no articles/);
  });

  it('an oversized article, even among good ones', async () => {
    const data = asObject(readerArticles(3));
    data.articles[2].text = `Ein Satz über den Haushalt. ${'x'.repeat(MAX_ARTICLE_CHARS)}`;
    const message = await expectRefused('big.json', JSON.stringify(data), /article 3 .* is too long/);
    expect(message).toContain('the limit is 1,000,000');
    await expectRefused('big.txt', `title: Lang\n\n${'Wort '.repeat(MAX_ARTICLE_CHARS / 4)}`, /the article is too long/);
  });

  it('a file over the size limit', async () => {
    const huge = `{"format":"crossread-corpus","version":1,"articles":[],"pad":"${'a'.repeat(MAX_IMPORT_BYTES)}"}`;
    const message = await expectRefused('huge.json', huge, /the file is too large \(50 MB; the limit is 50 MB\)/);
    expect(message.startsWith('huge.json: ')).toBe(true);
  });

  it('a text file with only header lines, and unsupported file types', async () => {
    await expectRefused('head.txt', 'url: https://a.example/x\ntitle: Nur Kopf\n\n', /the article cannot be read: its text is empty/);
    await expectRefused('page.pdf', '%PDF-1.4', /not \.pdf files/);
  });
});

describe('parseImport: accepted files', () => {
  it('keeps markup in titles and texts as plain text', () => {
    const script = '<script>alert("x")</script>';
    const img = '<img src=x onerror="alert(1)">';
    const data = asObject(readerArticles(1));
    data.articles[0].title = `Titel ${img}`;
    data.articles[0].text = `Der Stadtrat tagte. ${script} Danach wurde abgestimmt. <b>fett</b>`;
    const { articles, skipped } = parseImport('markup.json', JSON.stringify(data), []);
    expect(skipped).toEqual([]);
    expect(articles[0].title).toBe(`Titel ${img}`);
    expect(articles[0].raw).toBe(data.articles[0].text);
    const txt = parseImport('markup.txt', `title: ${img}\n\n${script}\nEin Satz über den Stadtrat und seine Sitzung.`, []);
    expect(txt.articles[0].title).toBe(img);
    expect(txt.articles[0].raw).toContain(script);
  });

  it('skips duplicates of the corpus and within the file (same address or same text), saying why', () => {
    const existing = readerArticles(3);
    const sameUrl = { ...readerArticles(1, 'u')[0], url: 'https://NEWS.example/r/1/#comments' };
    const sameText = makeArticle({ ...existing[2], id: 'copy', url: 'https://elsewhere.example/x', raw: existing[2].raw.toUpperCase().replace(/ /g, '  ') });
    const fresh = readerArticles(2, 'n');
    const data = exportCorpus([sameUrl, sameText, fresh[0], fresh[1], { ...fresh[1], id: 'again', url: null }]);
    const { articles, skipped } = parseImport('dups.json', JSON.stringify(data), existing);
    expect(articles.map((a) => a.id)).toEqual(['n-0', 'n-1']);
    expect(skipped).toHaveLength(3);
    expect(skipped[0].reason).toMatch(/^same address \(https:\/\/NEWS\.example\/r\/1\/#comments\) already in the corpus as "/);
    expect(skipped[1].reason).toMatch(/^same text already in the corpus/);
    expect(skipped[2].reason).toMatch(/^same text appears earlier in this file/);
    expect(skipped[2].title).toBe(fresh[1].title);
  });

  it('gives an imported article a new id when its id is taken by a different article', () => {
    const existing = readerArticles(2);
    const other = { ...readerArticles(1, 'x')[0], id: existing[0].id };
    const { articles } = parseImport('ids.json', JSON.stringify(exportCorpus([other])), existing);
    expect(articles[0].id).toBe(`${existing[0].id}-2`);
  });

  it('reads plain-text articles with url/title/date headers (the story2 format)', () => {
    const dir = path.join(sharedDir, 'data', 'story2');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
    const samples: Array<[string, string]> = files.length
      ? files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])
      : [['a.txt', 'url: https://a.example/2025/05/24/x\ntitle: \ndate: 2025-05-24\n\nDer VfB gewinnt das Finale. Es war ein langer Abend.']];
    const existing: Article[] = [];
    for (const [file, content] of samples) {
      const { articles, skipped } = parseImport(file, content, existing, { now: 42 });
      expect(skipped).toEqual([]);
      const [a] = articles;
      expect(a.raw).toBe(content.replace(/\r\n?/g, '\n'));
      expect(a.source).toBe('user');
      expect(a.addedAt).toBe(42);
      expect(a.file).toBe(file);
      const url = /^url: (.+)$/m.exec(content)?.[1]?.trim();
      if (url) expect(a.url).toBe(url);
      const date = /^date: (\d{4}-\d{2}-\d{2})$/m.exec(content)?.[1];
      if (date) expect(a.date).toBe(date);
      expect(a.title.length).toBeGreaterThan(0);
      existing.push(a);
      // The same file again is a duplicate.
      expect(parseImport(file, content, existing).skipped).toHaveLength(1);
    }
  });

  it('reads a 10 MB export', () => {
    const articles = readerArticles(1000);
    const pad = ' Weitere Einzelheiten der Sitzung wurden im Protokoll festgehalten.'.repeat(150);
    const big = articles.map((a) => ({ ...a, raw: a.raw + pad }));
    const content = exportFile(big);
    expect(content.length).toBeGreaterThan(10_000_000);
    const started = performance.now();
    const { articles: read, skipped } = parseImport('ten.json', content, []);
    expect(skipped).toEqual([]);
    expect(read).toHaveLength(1000);
    expect(read[999].raw).toBe(big[999].raw);
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

describe('parseImportAsync', () => {
  it('reports progress and gives the same result', async () => {
    const content = exportFile(readerArticles(40));
    const progress: number[] = [];
    const result = await parseImportAsync('p.json', content, [], { onProgress: (done) => progress.push(done) });
    expect(result).toEqual(parseImport('p.json', content, []));
    expect(progress[progress.length - 1]).toBe(40);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(parseImportAsync('c.json', exportFile(readerArticles(3)), [], { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('checkImport and dedupeImportAsync (the worker\'s half and the page\'s)', () => {
  /** Both halves one after the other, as the corpus manager runs them. */
  async function inHalves(fileName: string, content: string, existing: Article[], signal?: AbortSignal) {
    const plan = checkImport(fileName, content, { now: 42 });
    const built = Array.from({ length: plan.length }, (_, i) => plan.build(i));
    return dedupeImportAsync(existing, built, { signal });
  }

  it('give what parseImport gives: duplicates skipped, taken ids renamed, edited articles replaced', async () => {
    const existing = readerArticles(5);
    const edited = { ...existing[0], outlet: 'Renamed outlet' };
    const sameUrl = { ...readerArticles(1, 'u')[0], url: 'https://NEWS.example/r/1/#comments' };
    const takenId = { ...readerArticles(1, 'x')[0], id: existing[3].id };
    const fresh = readerArticles(3, 'n');
    const content = exportFile([edited, existing[2], sameUrl, takenId, ...fresh, { ...fresh[1], id: 'again', url: null }]);
    const expected = parseImport('h.json', content, existing, { now: 42 });
    expect(expected.replaced).toEqual([existing[0].id]);
    expect(expected.skipped).toHaveLength(3);
    expect(expected.articles.map((a) => a.id)).toContain(`${existing[3].id}-2`);
    expect(await inHalves('h.json', content, existing)).toEqual(expected);
    const text = 'url: https://t.example/1\ntitle: Ein Titel\n\nDer VfB gewinnt das Finale. Es war ein langer Abend.';
    expect(await inHalves('t.txt', text, existing)).toEqual(parseImport('t.txt', text, existing, { now: 42 }));
  });

  it('refuse a bad file with the same message as parseImport, before building anything', () => {
    const bad = asObject(readerArticles(3));
    (bad.articles[2] as unknown as Record<string, unknown>).date = '12.02.2025';
    const content = JSON.stringify(bad);
    const expected = importFailure('bad.json', content).message;
    expect(expected).toMatch(/^bad\.json: article 3 .* has no valid "date" field/);
    expect(() => checkImport('bad.json', content)).toThrow(expected);
    expect(importFailure('bad.json', content)).toMatchObject({ problem: { kind: 'import-file', file: 'bad.json', issue: { kind: 'bad-field', article: { index: 2 }, field: 'date' } } });
    for (const [name, text] of [['x.json', '{"format":'], ['e.json', '  '], ['a.pdf', 'x']]) {
      expect(() => checkImport(name, text)).toThrow(importFailure(name, text).message);
    }
  });

  /** A file of an edited stored article, a stored one again, a stored id with new text, new articles and a copy of one: what parseImport decides, and the file's articles as checkImport builds them. */
  const mixedImport = () => {
    const earlier = readerArticles(5);
    const edited = { ...earlier[0], outlet: 'Renamed outlet' };
    const takenId = { ...readerArticles(1, 'x')[0], id: earlier[3].id };
    const fresh = readerArticles(3, 'n');
    const content = exportFile([edited, earlier[2], takenId, ...fresh, { ...fresh[1], id: 'again', url: null }]);
    const expected = parseImport('h.json', content, earlier, { now: 42 });
    const plan = checkImport('h.json', content, { now: 42 });
    const built = Array.from({ length: plan.length }, (_, i) => plan.build(i));
    return { earlier, expected, built };
  };

  it('decide the same with the text hashes worked out in the worker (hashOf), for the file and for the articles of files read before', async () => {
    const { earlier, expected, built } = mixedImport();
    const hashes = new Map<Article, string>([...earlier, ...built].map((a) => [a, textHash(textKey(a))]));
    const result = await dedupeImportAsync(earlier, built, { hashOf: (a) => hashes.get(a) });
    expect(result).toEqual(expected);
    expect(result.skipped.map((s) => s.why.kind)).toEqual(['stored', 'same-text']);
  });

  it('with hashes given, tell texts apart by the texts themselves where two hashes are the same', async () => {
    const [a, b] = readerArticles(2, 'c');
    const copy = { ...a, id: 'copy-of-a', url: null };
    // Every article under one hash, as a collision would put them: only the copy's text is the same as another's.
    const result = await dedupeImportAsync([], [a, b, copy], { hashOf: () => 'one-hash' });
    expect(result.articles.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(result.skipped).toEqual([expect.objectContaining({ title: copy.title, why: expect.objectContaining({ kind: 'same-text' }) })]);
  });

  it('decide the same on the articles\' keys (dedupeKeysAsync), asking for the texts only of those whose hash another has', async () => {
    const { earlier, expected, built } = mixedImport();
    const keys: ImportKey[] = built.map((a, index) => ({ ...storedKey(a), index, chars: a.raw.length }));
    const asked: number[] = [];
    const stored: string[] = [];
    const result = await dedupeKeysAsync(earlier.map(storedKey), keys, {
      foldedTexts: async (ids) => (stored.push(...ids), ids.map((id) => textKey(earlier.find((a) => a.id === id)!))),
      keyTexts: async (asking) => (asked.push(...asking.map((k) => k.index)), asking.map((k) => textKey(built[k.index]))),
    });
    expect(result.keys.map((k) => [k.id, k.index, k.chars])).toEqual(expected.articles.map((a) => [a.id, built.findIndex((b) => b.raw === a.raw), a.raw.length]));
    expect(result.skipped).toEqual(expected.skipped);
    expect(result.replaced).toEqual(expected.replaced);
    // The edited and the repeated stored articles, and the file's two copies of one text: nothing else is folded.
    expect(asked.sort()).toEqual([0, 1, 4, 6]);
    expect(stored.sort()).toEqual([earlier[0].id, earlier[2].id].sort());
  });

  it('dedupeKeysAsync checks a file against the keys an earlier file kept, with their texts asked where the hash matches', async () => {
    const [a, b] = readerArticles(2, 'k');
    const first: ImportKey[] = [a, b].map((x, index) => ({ ...storedKey(x), index, chars: x.raw.length }));
    const again = { ...a, id: 'other-id', url: 'https://elsewhere.example/1' };
    const second: ImportKey[] = [again].map((x, index) => ({ ...storedKey(x), index, chars: x.raw.length }));
    const result = await dedupeKeysAsync(first, second, {
      foldedTexts: async (ids) => ids.map((id) => textKey([a, b].find((x) => x.id === id)!)),
      keyTexts: async (keys) => keys.map(() => textKey(again)),
    });
    expect(result.keys).toEqual([]);
    expect(result.skipped).toEqual([expect.objectContaining({ why: expect.objectContaining({ kind: 'same-text' }) })]);
  });

  it('dedupeImportAsync stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const few = readerArticles(3);
    await expect(dedupeImportAsync(few, few, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('CorpusStore.importArticles', () => {
  it('export → reset → import leaves the corpus identical: ids, labels, dates, text', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    await store.addArticles(readerArticles(12));
    await store.updateArticle(seeds[1].id, { outlet: 'Relabelled', date: '2025-02-13' });
    const before = await store.listArticles();
    const file = serialiseExport(exportCorpus(before));

    await store.replaceWithSeeds(seeds);
    expect(await store.count()).toBe(seeds.length);

    const parsed = parseImport(exportFileName(), file, await store.listArticles());
    // Unchanged seeds are in the corpus again and skipped; the relabelled one is restored as exported.
    expect(parsed.skipped).toHaveLength(seeds.length - 1);
    expect(parsed.replaced).toEqual([seeds[1].id]);
    await store.importArticles(parsed.articles);

    const after = await store.listArticles();
    expect(after).toEqual(before);
  });

  it('imports all at once, reporting progress', async () => {
    const store = await fresh();
    const seen: Array<[number, number]> = [];
    await store.importArticles(readerArticles(30), { onProgress: (done, total) => seen.push([done, total]) });
    expect(await store.count()).toBe(30);
    expect(seen[seen.length - 1]).toEqual([30, 30]);
  });

  it('a cancelled 5,000-article import leaves the corpus exactly as before', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    const before = await store.listArticles();
    const term = contentTerms('Meldung', 'de')[0];
    const dfBefore = await store.documentFrequency(term);
    const many = parseImport('many.json', exportFile(readerArticles(5000, 'm')), before).articles;
    expect(many).toHaveLength(5000);

    // Cancel while articles are being prepared…
    const early = new AbortController();
    let calls = 0;
    const first = store.importArticles(many, {
      signal: early.signal,
      onProgress: () => {
        if (++calls === 2) early.abort();
      },
    });
    await expect(first).rejects.toThrow(/Cancelled; nothing was saved/);
    expect(await store.listArticles()).toEqual(before);

    // …and while they are being written.
    const late = new AbortController();
    const second = store.importArticles(many, {
      signal: late.signal,
      onProgress: (done, total) => {
        if (done === total) setTimeout(() => late.abort(), 5);
      },
    });
    await expect(second).rejects.toThrow(/Cancelled; nothing was saved/);
    expect(await store.listArticles()).toEqual(before);
    expect(await store.documentFrequency(term)).toBe(dfBefore);
    // The same import, not cancelled, is all there.
    await store.importArticles(many);
    expect(await store.count()).toBe(before.length + 5000);
    expect(await store.documentFrequency(term)).toBe(dfBefore + 5000);
  }, 300_000);

  it('a full disk (QuotaExceededError) gives a clear message and writes nothing', async () => {
    const store = await fresh();
    const seeds = loadSeeds();
    await store.ensureSeeds(seeds);
    const before = await store.listArticles();
    await withFullDiskAfter(20, async () => {
      await expect(store.importArticles(readerArticles(50))).rejects.toThrow(StorageFullError);
      await expect(store.importArticles(readerArticles(50))).rejects.toThrow(/storage for crossread is full, so nothing was saved; the corpus is as it was/);
    });
    expect(await store.listArticles()).toEqual(before);
  });
});
