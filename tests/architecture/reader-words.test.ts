/**
 * Every sentence that can reach the reader comes from the one table of words
 * per language (lib/i18n): an Error thrown or a failure answered with a
 * literal English sentence, or literal text in the UI's markup, fails here
 * unless it is listed below as one the reader never sees (a programming
 * fault, or a failure whose caller falls back without showing it). A
 * problem the reader may see is thrown as a ProblemError (or carries a
 * `problem`), and answered with `refusal(problem)`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where what is thrown or answered can end on the reader's screen. */
const FOLDERS = ['components', 'entrypoints', 'services', 'platform', 'page', 'lib/feeds', 'lib/article', 'lib/match'];

/** Literal sentences the reader never sees: file, a piece of the line, and why. */
const NEVER_SHOWN: Array<{ file: string; text: string; why: string }> = [
  { file: 'lib/article/seeds.ts', text: 'Seed file', why: 'a build fault: the seed files are bundled' },
  { file: 'lib/match/annotate.ts', text: 'annotateInSteps:', why: 'a programming fault of a caller of the steps' },
  { file: 'page/reading-copy.ts', text: 'not a reading copy', why: 'a copy the background cannot read: the page reads it itself' },
  { file: 'page/text-map.ts', text: 'empty span', why: 'a programming fault' },
  { file: 'platform/protocol.ts', text: 'The tab did not answer', why: 'askTab’s callers say their own words (the popup: cannotRead)' },
  { file: 'services/copy-reader.ts', text: "The page's copy could not be read", why: 'the content script reads the page itself then' },
  { file: 'services/copy-reader.ts', text: 'The offscreen document did not answer', why: 'the content script reads the page itself then' },
  { file: 'services/offscreen-document.ts', text: 'no offscreen documents', why: 'the content script reads the page itself then' },
  { file: 'services/corpus-store.ts', text: 'IndexedDB is not available', why: 'only outside a browser (tests, a wrong context)' },
  { file: 'entrypoints/options/import-worker.ts', text: 'the import channel is not open', why: 'a programming fault of the page and its worker' },
  { file: 'platform/import-channel.ts', text: 'not answered over the import channel', why: 'a programming fault: only import requests use the channel' },
  { file: 'platform/import-channel.ts', text: 'the import channel was closed', why: 'the page sends the rest by runtime messages then' },
  { file: 'lib/article/transfer.ts', text: 'without a way to read their texts', why: 'a programming fault: the corpus manager passes foldedTexts with stored keys' },
  { file: 'lib/article/transfer.ts', text: 'The duplicate check has no text for stored article', why: 'a programming fault: every stored key a hash matches has its text asked for' },
  { file: 'lib/article/transfer.ts', text: "The duplicate check has no text for the file's article", why: 'a programming fault: every file key whose hash another has has its text asked for' },
];

/** An Error (or DOMException, or an Error class's own message) made with a literal sentence, or a failure answered with one. */
const LITERAL_FAILURE = /\bnew (?:Error|TypeError|RangeError|DOMException)\(\s*['"`]|\bsuper\(\s*['"`]|\berror:\s*['"`]/;
/** Text in markup, or a label attribute, written in the UI instead of taken from its table. */
const LITERAL_MARKUP = /(?<![=-])>\s*[A-Za-z][^<>{}()=;|,.]*[A-Za-z]\s*</;
const LITERAL_LABEL = /\b(?:aria-label|title|alt)="[^"]*[A-Za-z]{3}/;
/** Words that are the same in every language. */
const BRAND = /^>\s*crossread\s*<$/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function literals(): string[] {
  const found: string[] = [];
  for (const file of FOLDERS.flatMap(sources)) {
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(?:\*|\/\/|\/\*)/.test(line)) return;
        const markup = file.endsWith('.tsx') ? [line.match(LITERAL_MARKUP)?.[0], line.match(LITERAL_LABEL)?.[0]] : [];
        const hits = [line.match(LITERAL_FAILURE)?.[0], ...markup].filter((h): h is string => h !== undefined && !BRAND.test(h));
        if (hits.length === 0) return;
        // An error with its problem beside the English (the core cannot import the tables) is worded by them.
        if (/\bproblem\b/.test(line) || NEVER_SHOWN.some((n) => n.file === file && line.includes(n.text))) return;
        found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('words the reader sees', () => {
  it('come from the table of the reader’s language: no literal sentence is thrown, answered or written in the markup', () => {
    expect(literals()).toEqual([]);
  });

  it('lists only exceptions that are still there (in files that are)', () => {
    const stale = NEVER_SHOWN.filter((n) => existsSync(join(root, n.file)) && !readFileSync(join(root, n.file), 'utf8').includes(n.text));
    expect(stale).toEqual([]);
  });
});
