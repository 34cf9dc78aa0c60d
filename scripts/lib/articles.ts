import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Article } from '../../lib/article/article';
import { makeArticle, UNKNOWN_OUTLET } from '../../lib/article/make-article';
import { extractHtml } from './html';

/** A user-facing error: the CLI prints its message without a stack trace. */
export class CliError extends Error {}

export interface LoadedText {
  /** The text offsets refer to: the file as stored, or an HTML page's extracted text. */
  text: string;
  html: boolean;
  title: string | null;
  url: string | null;
  /** An HTML page's publication day (publishedDate); null for text files, whose header lines are parsed later. */
  date: string | null;
}

export const MAX_FILE_BYTES = 5_000_000;

export function readTextFile(path: string): LoadedText {
  if (!existsSync(path)) throw new CliError(`No such file: ${path}`);
  const st = statSync(path);
  if (!st.isFile()) throw new CliError(`Not a file: ${path}`);
  if (st.size > MAX_FILE_BYTES) throw new CliError(`File too large (${st.size} bytes): ${path}`);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${path}: ${(e as Error).message}`);
  }
  if (/\.html?$/i.test(path)) {
    const page = extractHtml(raw);
    return { text: page.text, html: true, title: page.title, url: page.url, date: page.date };
  }
  return { text: raw, html: false, title: null, url: null, date: null };
}

interface ArticleInput {
  id: string;
  file: string;
  raw: string;
  outlet?: string | null;
  title?: string | null;
  language?: string | null;
  date?: string | null;
  url?: string | null;
  source: 'seed' | 'user';
}

/** An Article from a file's text (header lines parsed, non-reporting ranges found); bad files give a CliError. */
export function toArticle(input: ArticleInput): Article {
  try {
    const article = makeArticle({
      id: input.id,
      file: input.file,
      raw: input.raw,
      outlet: input.outlet ?? undefined,
      title: input.title ?? undefined,
      language: input.language ?? undefined,
      date: input.date ?? null,
      url: input.url ?? null,
      source: input.source,
      addedAt: 0,
    });
    // Without an outlet or URL the file name is the best label a reader can check.
    if (article.outlet === UNKNOWN_OUTLET) article.outlet = input.file;
    return article;
  } catch (e) {
    throw new CliError(`${input.file}: ${(e as Error).message}`);
  }
}

interface Manifest {
  articles: Array<{ id: string; file: string; outlet: string; title: string; language: string; date: string | null }>;
}

/** The seed corpus: the files named by seeds/manifest.json with its labels and dates. */
export function loadSeeds(dir: string): Article[] {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new CliError(`No manifest.json in ${dir}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return manifest.articles.map((m) =>
    toArticle({
      id: m.id,
      file: m.file,
      raw: readFileSync(join(dir, m.file), 'utf8'),
      outlet: m.outlet,
      title: m.title,
      language: m.language,
      date: m.date,
      source: 'seed',
    }),
  );
}

/** Every .txt and .html file of a folder as an article (doc = file name), sorted by name; unusable files are listed in `skipped`. */
export function loadFolder(dir: string, skipped: string[] = []): Article[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`No such folder: ${dir}`);
  const out: Article[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(txt|html?)$/i.test(name)) continue;
    const path = join(dir, name);
    try {
      const loaded = readTextFile(path);
      if (loaded.text.trim() === '') {
        skipped.push(`${path}: empty`);
        continue;
      }
      out.push(toArticle({ id: `${basename(resolve(dir))}/${name}`, file: name, raw: loaded.text, title: loaded.title, url: loaded.url, date: loaded.date, source: 'user' }));
    } catch (e) {
      skipped.push((e as Error).message);
    }
  }
  return out;
}

export function isHtml(path: string): boolean {
  return /\.html?$/i.test(extname(path));
}
