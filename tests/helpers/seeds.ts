import fs from 'node:fs';
import path from 'node:path';
import { seedArticles, type SeedManifest } from '../../lib/corpus/seeds';

export const repoRoot = path.resolve(__dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');

export function readSeedManifest(): SeedManifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'seeds/manifest.json'), 'utf8')) as SeedManifest;
}

export function loadSeeds() {
  const manifest = readSeedManifest();
  const texts: Record<string, string> = {};
  for (const entry of manifest.articles) texts[entry.file] = fs.readFileSync(path.join(repoRoot, 'seeds', entry.file), 'utf8');
  return seedArticles(manifest, texts);
}
