import { describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/article/article';
import { makeArticle } from '../../../lib/article/make-article';
import { textHash, textKey } from '../../../lib/article/duplicate';
import { checkImport, dedupeImportAsync, exportCorpus, parseImport, serialiseExport, storedKey, type StoredKey } from '../../../lib/article/transfer';

const sentences = [
  'Der Stadtrat hat am Dienstag den Haushalt beschlossen.',
  'Die Opposition kritisierte die Ausgaben für den Straßenbau.',
  'Der Kämmerer verteidigte die Investitionen in Schulen.',
  'Die Feuerwehr rückte zu zahlreichen Einsätzen aus.',
  'Ökonomen erwarten, dass die Inflation weiter zurückgeht.',
];

function readerArticles(count: number, prefix = 'r'): Article[] {
  return Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: `${prefix}-${i}`,
      raw: `title: Meldung ${prefix} ${i}\n\n${sentences[i % sentences.length]} Meldung ${prefix} Nummer ${i}. ${sentences[(i + 2) % sentences.length]}`,
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

/** The file's articles as the import worker builds them. */
function built(fileName: string, content: string): Article[] {
  const plan = checkImport(fileName, content, { now: 42 });
  return Array.from({ length: plan.length }, (_, i) => plan.build(i));
}

/** The stored articles as the background keeps them, answering folded texts from them and recording what was asked. */
function background(stored: readonly Article[]) {
  const byId = new Map(stored.map((a) => [a.id, a]));
  const asked: string[][] = [];
  const foldedTexts = async (ids: string[]) => {
    asked.push(ids);
    return ids.map((id) => {
      const a = byId.get(id);
      return a ? textKey(a) : null;
    });
  };
  return { keys: stored.map(storedKey), foldedTexts, asked };
}

/** One file of every kind of case the check decides. */
function mixedFile(stored: Article[]) {
  const sameAddress = { ...readerArticles(1, 'u')[0], url: 'https://NEWS.example/r/1/#comments' };
  // The same text as a stored article, in other case and spacing, under another id and address.
  const { raw, bodyStart } = stored[2];
  const sameText = makeArticle({ ...stored[2], id: 'copy', url: 'https://elsewhere.example/x', raw: raw.slice(0, bodyStart) + raw.slice(bodyStart).toUpperCase().replace(/ /g, '  ') });
  const sameId = stored[3];
  const edited = { ...stored[4], outlet: 'Renamed outlet' };
  const takenId = { ...readerArticles(1, 'x')[0], id: stored[5].id };
  // A near copy: the stored text with a sentence more is another text for an import.
  const nearCopy = makeArticle({ ...stored[6], id: 'near', url: null, raw: `${stored[6].raw} Die Sitzung dauerte bis in den Abend.` });
  const fresh = readerArticles(2, 'n');
  const again = { ...fresh[1], id: 'again', url: null };
  return exportFile([sameAddress, sameText, sameId, edited, takenId, nearCopy, ...fresh, again]);
}

describe('the duplicate check against stored keys (hashes, not texts)', () => {
  it('decides as the check against the stored articles does: by address, by text, by id; a near copy is imported', async () => {
    const stored = readerArticles(8);
    const content = mixedFile(stored);
    const expected = parseImport('m.json', content, stored, { now: 42 });
    // The cases are all there.
    expect(expected.skipped.map((s) => s.why.kind)).toEqual(['same-address', 'same-text', 'stored', 'same-text']);
    expect(expected.replaced).toEqual([stored[4].id]);
    expect(expected.articles.map((a) => a.id)).toEqual([stored[4].id, `${stored[5].id}-2`, 'near', 'n-0', 'n-1']);

    const { keys, foldedTexts, asked } = background(stored);
    expect(await dedupeImportAsync(keys, built('m.json', content), { foldedTexts })).toEqual(expected);
    // Only the stored articles whose text the file repeats were read as text, once.
    expect(asked).toEqual([[stored[2].id, stored[3].id, stored[4].id]]);
  });

  it('asks for no text when the file repeats no stored text', async () => {
    const stored = readerArticles(20);
    const { keys, foldedTexts, asked } = background(stored);
    const result = await dedupeImportAsync(keys, built('f.json', exportFile(readerArticles(10, 'f'))), { foldedTexts });
    expect(result.articles).toHaveLength(10);
    expect(asked).toEqual([]);
  });

  it('takes a hash collision for what it is: a different text is imported, the same text under the same hash still found', async () => {
    const stored = readerArticles(3);
    const file = readerArticles(1, 'c');
    const article = built('c.json', exportFile(file))[0];
    const collided: StoredKey = { ...storedKey(stored[0]), textHash: textHash(textKey(article)) };
    const { foldedTexts, asked } = background(stored);
    const alone = await dedupeImportAsync([collided, storedKey(stored[1])], [article], { foldedTexts });
    expect(alone.skipped).toEqual([]);
    expect(alone.articles.map((a) => a.id)).toEqual(['c-0']);
    expect(asked).toEqual([[stored[0].id]]);

    // Behind the colliding key, the stored copy of the same text: that one is named.
    const copy = { ...file[0], id: 'stored-copy', url: null, title: 'Die Kopie' };
    const both = background([...stored, copy]);
    const withCopy = await dedupeImportAsync([collided, storedKey(copy)], [article], { foldedTexts: both.foldedTexts });
    expect(withCopy.skipped).toEqual([{ reason: 'same text already in the corpus as "Die Kopie"', why: { kind: 'same-text', inCorpus: true, as: 'Die Kopie' }, title: article.title }]);
  });

  it('imports a text whose stored copy was deleted before its text was asked for', async () => {
    const stored = readerArticles(2);
    const { keys, foldedTexts } = background([stored[1]]);
    const copy = built('d.json', exportFile([{ ...stored[0], id: 'again', url: 'https://other.example/1' }]));
    expect((await dedupeImportAsync(keys, copy, { foldedTexts })).articles.map((a) => a.id)).toEqual(['again']);
  });

  it('mixes keys with articles at hand (a previous file of the same import), which need no text asked', async () => {
    const stored = readerArticles(4);
    const earlier = readerArticles(3, 'e');
    const content = exportFile([earlier[1], stored[2], readerArticles(1, 'z')[0]]);
    const expected = parseImport('x.json', content, [...stored, ...earlier], { now: 42 });
    const { keys, foldedTexts, asked } = background(stored);
    expect(await dedupeImportAsync([...keys, ...earlier], built('x.json', content), { foldedTexts })).toEqual(expected);
    expect(expected.skipped).toHaveLength(2);
    expect(asked).toEqual([[stored[2].id]]);
  });

  it('refuses to guess when a hash matches and no texts can be asked for', async () => {
    const stored = readerArticles(1);
    await expect(dedupeImportAsync([storedKey(stored[0])], built('s.json', exportFile(stored)))).rejects.toThrow(/without a way to read their texts/);
  });
});

describe('textHash', () => {
  it('is the same for the same folded text and differs for texts a character apart', () => {
    const a = textKey(readerArticles(1)[0]);
    expect(textHash(a)).toBe(textHash(`${a}`));
    const hashes = new Set<string>();
    for (let i = 0; i < 2000; i++) hashes.add(textHash(`${a} ${i}`));
    expect(hashes.size).toBe(2000);
    expect(textHash(`${a}x`)).not.toBe(textHash(`${a}y`));
  });
});
