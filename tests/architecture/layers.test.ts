/**
 * The layering the README's architecture section draws, checked on the code:
 * every relative import of every source file points at a folder its own
 * folder may import, and the pure core uses no DOM, extension API or
 * IndexedDB. A new folder fails here until it is given a place.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Each folder and the folders it may import (besides itself). Order in the core: text < article < match < notes. */
const MAY_IMPORT: Record<string, string[]> = {
  'lib/text': [],
  'lib/i18n': [],
  'lib/article': ['lib/text'],
  'lib/match': ['lib/text', 'lib/article'],
  'lib/notes': ['lib/text', 'lib/article', 'lib/match'],
  'lib/feeds': ['lib/text', 'lib/article', 'lib/i18n'],
  page: ['lib/text', 'lib/article', 'lib/i18n'],
  platform: ['lib/text', 'lib/article', 'lib/match', 'lib/notes', 'lib/i18n', 'lib/feeds'],
  services: ['lib/text', 'lib/article', 'lib/match', 'lib/notes', 'lib/i18n', 'lib/feeds', 'page', 'platform', 'seeds'],
  components: ['lib/text', 'lib/article', 'lib/match', 'lib/notes', 'lib/i18n', 'lib/feeds', 'platform'],
  entrypoints: ['lib/text', 'lib/article', 'lib/match', 'lib/notes', 'lib/i18n', 'lib/feeds', 'page', 'platform', 'services', 'components', 'seeds'],
};

/** Modules the pure core must not import: they bring the DOM, extension APIs or storage. */
const NOT_IN_CORE = [/^idb$/, /^webextension-polyfill$/, /^wxt(\/|$)/, /^@wxt-dev\//, /^preact/, /^@mozilla\/readability$/, /^jsdom$/, /^fake-indexeddb/];
/** Globals the pure core must not touch. */
const CORE_GLOBALS = /\b(?:document|window|indexedDB|browser|chrome|localStorage)\s*\./;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The layer a repository path belongs to: a core folder (lib/<x>), else its top folder. */
function layerOf(path: string): string {
  const parts = normalize(path).split('/');
  return parts[0] === 'lib' ? `lib/${parts[1]}` : parts[0];
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** The imports of one file that point at a folder its folder may not import. */
function wrongImports(file: string, specs: string[]): string[] {
  const from = layerOf(file);
  const wrong: string[] = [];
  for (const spec of specs.filter((s) => s.startsWith('.'))) {
    const to = layerOf(relative(root, join(root, dirname(file), spec.split('?')[0])));
    if (to !== from && !MAY_IMPORT[from]?.includes(to)) wrong.push(`${file} → ${spec} (${from} may not import ${to})`);
  }
  return wrong;
}

const files = ['lib', 'page', 'platform', 'services', 'components', 'entrypoints'].flatMap(sources);

describe('layers', () => {
  it('every source folder has a place in the layering', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !(l in MAY_IMPORT));
    expect(unknown).toEqual([]);
  });

  it('imports point down only', () => {
    expect(files.flatMap((file) => wrongImports(file, importsOf(file)))).toEqual([]);
  });

  it('the pure core uses no DOM, extension API or IndexedDB', () => {
    const wrong: string[] = [];
    for (const file of files.filter((f) => f.startsWith('lib/'))) {
      for (const spec of importsOf(file)) if (NOT_IN_CORE.some((re) => re.test(spec))) wrong.push(`${file} imports ${spec}`);
      const code = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (CORE_GLOBALS.test(code)) wrong.push(`${file} touches ${code.match(CORE_GLOBALS)![0]}`);
    }
    expect(wrong).toEqual([]);
  });

  it('only the background opens the store or runs the engine', () => {
    // Chrome's offscreen document is the background's DOM (its service worker has none): it counts as the background.
    const background = (f: string) => f.startsWith('entrypoints/background') || f.startsWith('entrypoints/offscreen/');
    const wrong: string[] = [];
    for (const file of files.filter((f) => (f.startsWith('entrypoints/') && !background(f)) || f.startsWith('components/'))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = relative(root, join(root, dirname(file), spec));
        if (target.startsWith('services/') || target.startsWith('lib/match/annotate') || target === 'idb') wrong.push(`${file} → ${spec}`);
      }
      if (/from 'idb'/.test(readFileSync(join(root, file), 'utf8'))) wrong.push(`${file} imports idb`);
    }
    expect(wrong).toEqual([]);
  });

  it('finds a wrong import when there is one', () => {
    // The checks above only mean something if they can fail.
    expect(wrongImports('lib/match/annotate.ts', ['../../services/corpus-store', './features', '../text/tokens'])).toEqual([
      'lib/match/annotate.ts → ../../services/corpus-store (lib/match may not import services)',
    ]);
    expect(wrongImports('lib/text/tokens.ts', ['../match/features'])).toHaveLength(1);
  });
});
