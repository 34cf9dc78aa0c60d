/**
 * The labelled corpus of ../shared/data/stories.json for end-to-end tests:
 * an export-format file holding every labelled article except a few held-out
 * pages, those pages as HTML for the demo server, and the command line's
 * story decision for each page against the very articles the extension holds
 * after importing the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Article } from '../../lib/article/article';
import { seedArticles, type SeedManifest } from '../../lib/article/seeds';
import { EXPORT_FORMAT, EXPORT_VERSION, parseImport, serialiseExport, type CorpusExport } from '../../lib/article/transfer';
import { docName } from '../../lib/match/annotate';
import { escapeHtml } from '../../scripts/demo/html';
import { extractHtml } from '../../scripts/lib/html';
import { toArticle } from '../../scripts/lib/articles';
import { loadLabels, type LabelledArticle } from '../../scripts/lib/labels';
import { engineDecider } from '../../scripts/stories';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDir = path.resolve(repoRoot, '../shared');

export const labelsPath = path.join(sharedDir, 'data/stories.json');
export const exportFileName = 'labelled-corpus.json';

/**
 * The pages opened in the browser: two seeds, one story2, two story3 and two
 * story4 reports, and three look-alikes whose event no other labelled file
 * reports (the right answer for them is no outlet at all).
 */
export const HELD_OUT = [
  '../seeds/001_335f9096a975e627.txt',
  '../seeds/003_b0b2bb8fec10fdb4.txt',
  'story2/03.txt',
  'story3/02.txt',
  'story3/07.txt',
  'story4/03.txt',
  'story4/11.txt',
  'near2/11.txt',
  'near3/15.txt',
  'near4/13.txt',
] as const;

export interface HeldOutPage {
  /** The labels' name of the file. */
  name: string;
  event: string;
  /** Served at /x/<slug>. */
  slug: string;
  html: string;
  /** The labels' date of the article, put in the page's metadata (null: none given). */
  labelDate: string | null;
  /** Corpus articles (as the extension holds them after the import) of the page's event, the page's own copy aside. */
  truth: number;
}

export interface LabelledCorpus {
  /** The export file's content. */
  file: string;
  /** Articles in the file, and those of them the import must skip (the seeds the extension ships). */
  inFile: number;
  seedsInFile: number;
  pages: HeldOutPage[];
  /** What the extension holds after the import: its seeds, then the imported articles, as the import builds them. */
  corpus: Article[];
  /** The labels' event of each corpus article, by doc name (file, else id). */
  eventOfDoc: Map<string, string>;
}

/** The seeds exactly as the extension builds them (services/seeds.ts), from the repository's files. */
export function bundledSeeds(): Article[] {
  const dir = path.join(repoRoot, 'seeds');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as SeedManifest;
  const texts: Record<string, string> = {};
  for (const a of manifest.articles) texts[a.file] = fs.readFileSync(path.join(dir, a.file), 'utf8');
  return seedArticles(manifest, texts);
}

const isSeed = (l: LabelledArticle) => l.name.startsWith('../seeds/');

/**
 * A news page for a labelled article: an <article> with the title as <h1>
 * and the text's lines as paragraphs, the labels' date (where they give one)
 * as article:published_time. When the title is the text's first line (files
 * without a title header), that line is the headline and not repeated.
 */
export function pageHtml(article: Article): string {
  const lines = article.raw
    .slice(article.bodyStart)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const title = article.title.trim();
  const paragraphs = lines[0] === title ? lines.slice(1) : lines;
  const date = article.date ? `<meta property="article:published_time" content="${escapeHtml(article.date)}">` : '';
  return `<!doctype html><html lang="${escapeHtml(article.language)}"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title><meta property="og:site_name" content="${escapeHtml(article.outlet)}">${date}</head>
<body><header><nav><a href="/">Start</a></nav></header><main><article><h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article></main><footer><p>${escapeHtml(article.outlet)}</p></footer></body></html>`;
}

export function labelledCorpus(): LabelledCorpus {
  const labelled = loadLabels(labelsPath, path.join(repoRoot, 'seeds'));
  const held = new Set<string>(HELD_OUT);
  for (const name of HELD_OUT) if (!labelled.some((l) => l.name === name)) throw new Error(`${labelsPath} has no ${name}`);
  // Every labelled article but the held-out pages, added one after another after the seeds (addedAt 0).
  const kept = labelled.filter((l) => !held.has(l.name));
  const data: CorpusExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: '2026-01-01T00:00:00.000Z',
    articles: kept.map((l, i) => ({
      id: l.article.id,
      outlet: l.article.outlet,
      title: l.article.title,
      language: l.article.language,
      date: l.article.date,
      url: l.article.url,
      source: 'user',
      addedAt: 1_000 + i,
      file: l.name,
      text: l.article.raw,
    })),
  };
  const file = serialiseExport(data);
  const seeds = bundledSeeds();
  // The import's own reading of the file against the corpus the extension starts with.
  const imported = parseImport(exportFileName, file, seeds, { now: 0 });
  const corpus = [...seeds, ...imported.articles];

  const eventOfDoc = new Map<string, string>();
  for (const s of seeds) eventOfDoc.set(docName(s), 'seeds');
  const byName = new Map(labelled.map((l) => [l.name, l]));
  for (const a of imported.articles) eventOfDoc.set(docName(a), byName.get(a.file ?? '')?.event ?? '?');

  const pages = labelled
    .filter((l) => held.has(l.name))
    .map((l) => {
      // A held-out seed is still in the extension's corpus: the engine drops the page's own copy as a duplicate.
      const own = isSeed(l) ? seeds.find((s) => s.file === path.basename(l.name)) : undefined;
      return {
        name: l.name,
        event: l.event,
        slug: l.name.replace(/^\.\.\/seeds\//, 'seed-').replace(/\.txt$/, '').replace(/[^A-Za-z0-9_-]+/g, '-'),
        html: pageHtml(l.article),
        labelDate: l.article.date,
        truth: corpus.filter((a) => a !== own && eventOfDoc.get(docName(a)) === l.event).length,
      };
    });
  return {
    file,
    inFile: data.articles.length,
    seedsInFile: kept.filter(isSeed).length,
    pages,
    corpus,
    eventOfDoc,
  };
}

export interface CliDecision {
  /** The command line's count of same-story outlets (engineDecider's `same.length`). */
  count: number;
  docs: string[];
  /** Those outlets' labels, as the browser names them (the article's outlet). */
  outlets: string[];
  /** The page as the extension extracts it (extractArticle), which the decision read. */
  text: string;
  title: string | null;
  date: string | null;
  /** The same decision for the content script's first look (title and paragraphs), which gates the full one. */
  quickCount: number;
}

/**
 * The command line's decision for a served page: the page read as the CLI
 * reads an .html file (extractHtml: the extension's own extraction, its
 * title and publication day), language and address as the browser sends them.
 */
export function cliDecision(html: string, url: string, corpus: Article[]): CliDecision {
  const page = extractHtml(html, url);
  const language = /<html lang="([^"]+)"/.exec(html)?.[1] ?? null;
  const article = toArticle({ id: 'page', file: 'page', raw: page.text, title: page.title, date: page.date, url, language, source: 'user' });
  const decision = engineDecider(article, corpus);
  // The first look: document.title and the article's paragraphs, blank lines between.
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  const paragraphs = [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]);
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const quickText = [title, ...paragraphs.slice(0, -1)].map((s) => unescape(s).replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n\n');
  const quick = engineDecider(toArticle({ id: 'quick', file: 'quick', raw: quickText, title: unescape(title), date: page.date, url, language, source: 'user' }), corpus);
  const byDoc = new Map(corpus.map((a) => [docName(a), a]));
  const docs = decision.same.map((s) => s.doc);
  const outlets = docs.map((d) => byDoc.get(d)?.outlet || d);
  return { count: decision.same.length, docs, outlets, text: page.text, title: page.title, date: page.date, quickCount: quick.same.length };
}
