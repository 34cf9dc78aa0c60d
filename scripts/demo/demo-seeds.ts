import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One seed article as the demo site shows it: manifest metadata plus the raw text. */
export interface DemoArticle {
  id: string;
  outlet: string;
  title: string;
  language: string;
  date: string | null;
  text: string;
}

export interface DemoSeeds {
  story: string;
  articles: DemoArticle[];
}

/** The repository's seeds/ folder, found relative to this file so the demo works from any cwd. */
export const defaultSeedsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seeds');

/** Reads seeds/manifest.json and every text it names, in manifest order (that order numbers /article/<n>). */
export async function loadDemoSeeds(seedsDir: string = defaultSeedsDir): Promise<DemoSeeds> {
  const manifest = JSON.parse(await readFile(path.join(seedsDir, 'manifest.json'), 'utf8')) as {
    story?: unknown;
    articles?: unknown;
  };
  if (!Array.isArray(manifest.articles)) throw new Error(`${seedsDir}/manifest.json has no "articles" list`);
  const articles = await Promise.all(
    manifest.articles.map(async (entry: Record<string, unknown>, index: number): Promise<DemoArticle> => {
      if (typeof entry.file !== 'string' || path.basename(entry.file) !== entry.file) {
        throw new Error(`manifest article ${index} has no plain "file" name`);
      }
      const text = (await readFile(path.join(seedsDir, entry.file), 'utf8')).replace(/\r\n?/g, '\n');
      return {
        id: typeof entry.id === 'string' ? entry.id : `seed-${index}`,
        outlet: typeof entry.outlet === 'string' ? entry.outlet : `Outlet ${index + 1}`,
        title: typeof entry.title === 'string' ? entry.title : entry.file,
        language: typeof entry.language === 'string' ? entry.language : 'de',
        date: typeof entry.date === 'string' ? entry.date : null,
        text,
      };
    }),
  );
  return { story: typeof manifest.story === 'string' ? manifest.story : '', articles };
}
