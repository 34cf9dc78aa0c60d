import browser from 'webextension-polyfill';
import { CorpusStore } from '../lib/corpus/store';
import { seedArticles, type SeedManifest } from '../lib/corpus/seeds';
import type { Article } from '../lib/corpus/article';
import { annotateSimple } from '../lib/match/simple';
import { toPageNotes } from '../lib/notes/page-notes';
import { isAnnotateRequest, type AnnotateResponse } from '../platform/messages';
import manifest from '../seeds/manifest.json';

// The seed texts are bundled at build time, byte for byte.
const seedTexts = import.meta.glob<string>('../seeds/*.txt', { query: '?raw', import: 'default', eager: true });

function seeds(): Article[] {
  const byFile: Record<string, string> = {};
  for (const [path, text] of Object.entries(seedTexts)) byFile[path.slice(path.lastIndexOf('/') + 1)] = text;
  return seedArticles(manifest as SeedManifest, byFile);
}

export default defineBackground(() => {
  let store: Promise<CorpusStore> | null = null;
  let cache: Promise<Article[]> | null = null;

  // Seeds are added if absent on every start: install, update and browser
  // restart all pass here, and ensureSeeds never duplicates or drops anything.
  const ready = (): Promise<CorpusStore> => {
    store ??= CorpusStore.open().then(async (s) => {
      await s.ensureSeeds(seeds());
      return s;
    });
    return store;
  };
  const corpus = (): Promise<Article[]> => {
    cache ??= ready().then((s) => s.listArticles());
    return cache;
  };

  browser.runtime.onInstalled.addListener(() => void ready());
  browser.runtime.onStartup.addListener(() => void ready());
  void ready();

  browser.runtime.onMessage.addListener((message: unknown): Promise<AnnotateResponse> | undefined => {
    if (!isAnnotateRequest(message)) return undefined;
    return corpus()
      .then((articles) => {
        const annotation = annotateSimple(
          { text: message.page.text, url: message.page.url, language: message.page.language },
          articles,
        );
        const byDoc = new Map(articles.map((a) => [a.file ?? a.id, a]));
        return { ok: true as const, notes: toPageNotes(annotation, byDoc) };
      })
      .catch((error: unknown) => ({ ok: false as const, error: String(error) }));
  });
});
