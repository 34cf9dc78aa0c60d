import { seedArticles, type SeedManifest } from '../lib/article/seeds';
import type { Article } from '../lib/article/article';
import type { LazySeeds } from './corpus-store';
import manifest from '../seeds/manifest.json';

// The seed texts are bundled at build time, byte for byte.
const seedTexts = import.meta.glob<string>('../seeds/*.txt', { query: '?raw', import: 'default', eager: true });

/** The seed corpus shipped with the extension. */
export function bundledSeeds(): Article[] {
  const byFile: Record<string, string> = {};
  for (const [path, text] of Object.entries(seedTexts)) byFile[path.slice(path.lastIndexOf('/') + 1)] = text;
  return seedArticles(manifest as SeedManifest, byFile);
}

/** The shipped seeds for CorpusStore.ensureSeeds: their ids at once, the articles only if some are missing. */
export function bundledSeedSource(): LazySeeds {
  return { ids: (manifest as SeedManifest).articles.map((a) => a.id), build: bundledSeeds };
}
