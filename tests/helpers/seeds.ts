import fs from 'node:fs';
import path from 'node:path';
import { seedArticles, type SeedManifest } from '../../lib/article/seeds';

export { sharedDir } from './shared';

export const repoRoot = path.resolve(__dirname, '../..');
export const seedsDir = path.join(repoRoot, 'seeds');

/** The repo's seed texts (seeds/*.txt, the same bytes as ../shared/seeds), sorted by file name. */
export function seedTexts(): { file: string; path: string; raw: string }[] {
  return fs
    .readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, path: path.join(seedsDir, file), raw: fs.readFileSync(path.join(seedsDir, file), 'utf8') }));
}

export function readSeedManifest(): SeedManifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'seeds/manifest.json'), 'utf8')) as SeedManifest;
}

export function loadSeeds() {
  const manifest = readSeedManifest();
  const texts: Record<string, string> = {};
  for (const entry of manifest.articles) texts[entry.file] = fs.readFileSync(path.join(repoRoot, 'seeds', entry.file), 'utf8');
  return seedArticles(manifest, texts);
}
