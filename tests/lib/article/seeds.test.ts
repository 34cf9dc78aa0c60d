import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedArticles } from '../../../lib/article/seeds';
import { loadSeeds, readSeedManifest, repoRoot, seedTexts } from '../../helpers/seeds';
import { haveShared, sharedPath } from '../../helpers/shared';

describe('seed corpus', () => {
  it('holds five seed files, each listed by the manifest', () => {
    const files = seedTexts().map((s) => s.file);
    expect(files).toHaveLength(5);
    expect(readSeedManifest().articles.map((a) => a.file).sort()).toEqual(files);
  });

  it.skipIf(!haveShared('seeds', 'seeds/ against ../shared/seeds byte for byte'))('holds the five shared seed files byte for byte', () => {
    const shared = fs.readdirSync(sharedPath('seeds')).filter((f) => f.endsWith('.txt')).sort();
    expect(shared).toHaveLength(5);
    for (const file of shared) {
      expect(fs.readFileSync(path.join(repoRoot, 'seeds', file))).toEqual(fs.readFileSync(sharedPath('seeds', file)));
    }
    expect(readSeedManifest().articles.map((a) => a.file).sort()).toEqual(shared);
  });

  it('builds articles with distinct ids, labels, the event date and German language', () => {
    const seeds = loadSeeds();
    expect(new Set(seeds.map((s) => s.id)).size).toBe(5);
    expect(new Set(seeds.map((s) => s.outlet)).size).toBe(5);
    for (const seed of seeds) {
      expect(seed.date).toBe('2025-02-12');
      expect(seed.language).toBe('de');
      expect(seed.source).toBe('seed');
      expect(seed.raw.length).toBeGreaterThan(1000);
    }
  });

  it('names the missing file when a seed text is absent', () => {
    expect(() => seedArticles(readSeedManifest(), {})).toThrow(/000_672ef11c509eccde\.txt is missing/);
  });
});
