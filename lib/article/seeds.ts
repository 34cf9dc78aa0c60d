import type { Article } from './article';
import { makeArticle } from './make-article';

/** The shape of seeds/manifest.json. */
export interface SeedManifest {
  version: number;
  story: string;
  articles: Array<{
    id: string;
    file: string;
    outlet: string;
    title: string;
    language: string;
    date: string | null;
  }>;
}

/**
 * Builds the seed articles from the manifest and the files' raw texts (keyed by
 * file name). The caller supplies the texts: the extension bundles them at
 * build time, the command-line tools read them from disk.
 */
export function seedArticles(manifest: SeedManifest, texts: Record<string, string>): Article[] {
  return manifest.articles.map((entry) => {
    const raw = texts[entry.file];
    if (raw === undefined) throw new Error(`Seed file ${entry.file} is missing`);
    return makeArticle({
      id: entry.id,
      file: entry.file,
      raw,
      outlet: entry.outlet,
      title: entry.title,
      language: entry.language,
      date: entry.date,
      url: null,
      source: 'seed',
      // A fixed time keeps seeds identical across installs.
      addedAt: 0,
    });
  });
}
