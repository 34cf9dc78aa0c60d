import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Article } from '../../../lib/article/article';
import { makeArticle } from '../../../lib/article/make-article';
import { textKey } from '../../../lib/article/duplicate';
import { checkImport, dedupeImportAsync, exportCorpus, parseImport, serialiseExport, type StoredKey } from '../../../lib/article/transfer';
import type { CorpusStore } from '../../../services/corpus-store';
import { corpusService, EXPORT_PAGE_CHARS } from '../../../services/corpus-service';
import { dispatch, type BackgroundRequestName, type Payload, type Reply } from '../../../platform/protocol';
import { corpusKeys, foldedTexts } from '../../../entrypoints/options/corpus-keys';
import { loadSeeds } from '../../helpers/seeds';
import { storesClosedAfterEachTest } from '../../helpers/stores';

vi.setConfig({ testTimeout: 60_000 });

const origin = 'chrome-extension://crossread/';
let n = 0;
const open = storesClosedAfterEachTest();

/** The background's handlers over a seeded store, asked as the corpus manager asks them; every message recorded. */
async function background() {
  const store = await open(`corpus-keys-${n++}`);
  await store.ensureSeeds(loadSeeds());
  const handlers = corpusService({ store: async () => store, seeds: loadSeeds, changed: async () => undefined, progress: () => undefined, newId: () => `id-${n++}` });
  const sent: Array<{ type: string; payload: unknown; replyChars: number }> = [];
  const ask = async <K extends BackgroundRequestName>(type: K, payload: Payload<K>): Promise<Reply<K>> => {
    const reply = (await dispatch({ ...payload, type }, { url: `${origin}options.html` }, handlers, origin)) as Reply<K>;
    sent.push({ type, payload, replyChars: JSON.stringify(reply).length });
    return reply;
  };
  return { store, ask, sent };
}

const sentences = ['Der Gemeinderat von Beispielheim beriet am Montag über die Schule.', 'Die Sitzung dauerte bis in den späten Abend.', 'Der Bürgermeister kündigte eine Entscheidung an.'];
const articles = (prefix: string, count: number, pad = ''): Article[] =>
  Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: `${prefix}-${i}`,
      raw: `title: Meldung ${prefix} ${i}\n\n${sentences[i % 3]} Meldung ${prefix} Nummer ${i}. ${sentences[(i + 1) % 3]}${pad}`,
      outlet: `Blatt ${i % 4}`,
      url: `https://blatt.example/${prefix}/${i}`,
      source: 'user',
      addedAt: i,
    }),
  );

const exportFile = (list: Article[]) => serialiseExport(exportCorpus(list, new Date('2025-03-01T12:00:00Z')));

function built(fileName: string, content: string): Article[] {
  const plan = checkImport(fileName, content, { now: 42 });
  return Array.from({ length: plan.length }, (_, i) => plan.build(i));
}

describe("an import's duplicate check through the background", () => {
  it('skips what it skipped with the texts at hand, carrying keys and the texts of the repeated articles only', async () => {
    const { store, ask, sent } = await background();
    const stored = articles('s', 40, ' Weitere Einzelheiten wurden im Protokoll festgehalten.'.repeat(20));
    await store.addArticles(stored);
    const copyOf = stored[7];
    const content = exportFile([
      { ...articles('u', 1)[0], url: 'https://BLATT.example/s/3#kommentare' },
      makeArticle({ ...copyOf, id: 'kopie', url: null, raw: copyOf.raw.slice(0, copyOf.bodyStart) + copyOf.raw.slice(copyOf.bodyStart).replace(/ /g, '\n') }),
      stored[9],
      { ...stored[11], outlet: 'Umbenannt' },
      makeArticle({ ...stored[12], id: 'fast', url: null, raw: `${stored[12].raw} Ein Satz mehr.` }),
      ...articles('neu', 5),
    ]);
    const expected = parseImport('k.json', content, await store.listArticles(), { now: 42 });
    expect(expected.skipped.map((s) => s.why.kind)).toEqual(['same-address', 'same-text', 'stored']);

    const keys = await corpusKeys((page) => ask('crossread:import-keys', page));
    if (!keys.ok) throw new Error(keys.error);
    expect(keys.keys.map((k) => k.id).sort()).toEqual((await store.listArticles()).map((a) => a.id).sort());
    expect(Object.keys(keys.keys[0]).sort()).toEqual(['date', 'id', 'outlet', 'textHash', 'title', 'url']);
    const result = await dedupeImportAsync(keys.keys, built('k.json', content), { foldedTexts: foldedTexts((payload) => ask('crossread:folded-texts', payload)) });
    expect(result).toEqual(expected);

    // What crossed: the keys, a small part of the stored text, and the folded texts of the three stored articles repeated (same id twice, same text once).
    const storedChars = (await store.listArticles()).reduce((sum, a) => sum + a.raw.length, 0);
    const keyChars = sent.filter((m) => m.type === 'crossread:import-keys').reduce((sum, m) => sum + m.replyChars, 0);
    expect(keyChars).toBeLessThan(storedChars / 5);
    const textRequests = sent.filter((m) => m.type === 'crossread:folded-texts');
    expect(textRequests).toHaveLength(1);
    expect((textRequests[0].payload as { ids: string[] }).ids.sort()).toEqual([stored[11].id, stored[7].id, stored[9].id]);
  });

  it('answers folded texts a message at a time, and null for an article no longer stored', async () => {
    // Nine articles of about a million characters: more than one reply carries. Built as stored, not
    // analysed (the folded text needs only the text and where its body starts).
    const body = ` ${sentences[1]}`.repeat(Math.floor(990_000 / (sentences[1].length + 1)));
    const big = articles('b', 9).map((a, i): Article => ({ ...a, raw: `${a.raw}${body}${i}`, bodyStart: a.bodyStart, nonReporting: [] }));
    const byId = new Map(big.map((a) => [a.id, a]));
    const store = { articlesById: async (ids: readonly string[]) => ids.map((id) => byId.get(id)) } as unknown as CorpusStore;
    const handlers = corpusService({ store: async () => store, seeds: loadSeeds, changed: async () => undefined, progress: () => undefined, newId: () => 'x' });
    const replies: number[] = [];
    const ask = async (payload: Payload<'crossread:folded-texts'>) => {
      const reply = (await dispatch({ ...payload, type: 'crossread:folded-texts' }, { url: `${origin}options.html` }, handlers, origin)) as Reply<'crossread:folded-texts'>;
      replies.push(reply.ok ? reply.texts.reduce((sum, t) => sum + (t?.length ?? 0), 0) : -1);
      return reply;
    };
    const ids = [...big.map((a) => a.id), 'gone'];
    expect(await foldedTexts(ask)(ids)).toEqual([...big.map((a) => textKey(a)), null]);
    expect(replies.length).toBeGreaterThan(1);
    for (const chars of replies) expect(chars).toBeLessThan(EXPORT_PAGE_CHARS + 1_000_000);
  });

  it('reads the keys again when the corpus changed between pages', async () => {
    let asked = 0;
    const key = (id: string): StoredKey => ({ id, title: id, outlet: 'X', date: null, url: null, textHash: '1.1' });
    const result = await corpusKeys(async ({ after }) => {
      asked++;
      // The first reading sees generation 1, then 2 on its second page; the second reading sees 2 throughout.
      if (asked === 1) return { ok: true, keys: [key('a')], next: 'a', generation: 1 };
      if (after === undefined) return { ok: true, keys: [key('a')], next: 'a', generation: 2 };
      return { ok: true, keys: [key('b')], next: null, generation: 2 };
    });
    expect(result).toEqual({ ok: true, keys: [key('a'), key('b')] });
    expect(asked).toBe(4);
  });

  it('passes on a refusal of the background', async () => {
    await expect(foldedTexts(async () => ({ ok: false, error: 'The database could not be opened.' }))(['a'])).rejects.toThrow('The database could not be opened.');
    expect(await corpusKeys(async () => ({ ok: false, error: 'The database could not be opened.' }))).toEqual({ ok: false, error: 'The database could not be opened.' });
  });
});
