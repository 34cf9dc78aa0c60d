/**
 * npm run bench -- [--json] [--sizes 5,1000,10000] [--runs 30] [--warmup 3] [--page 0]
 *
 * Times, in Node with fake-indexeddb (an in-memory IndexedDB; a browser's is
 * on disk and behaves differently): ingesting articles through the corpus
 * store (term index and features included), annotating one seed page against
 * corpora of growing size (candidate lookup in the store + the engine), and,
 * as the unit to compare with, Readability parsing the same page's HTML.
 *
 * The corpora are synthetic: sentences of real German and English text
 * (../shared/data when present, else the seeds) recombined into articles,
 * with the seed story's articles hidden among them. Generated at run time,
 * reproducibly (fixed random seed), never committed.
 */
import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import type { Article } from '../lib/corpus/article';
import { detectLanguage, makeArticle } from '../lib/corpus/make-article';
import { parseHeader } from '../lib/corpus/header';
import { CorpusStore } from '../lib/corpus/store';
import { annotate } from '../lib/match/annotate';
import type { Page } from '../lib/match/types';
import { segmentSentences } from '../lib/text/segment';
import { contentTerms } from '../lib/text/tokens';
import { renderArticlePage } from './demo/article-page';
import { loadDemoSeeds } from './demo/demo-seeds';
import { parseArgs, runCli } from './lib/cli';
import { CliError, loadSeeds } from './lib/articles';
import { extractHtml } from './lib/html';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = resolve(repoRoot, '../shared');

interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const round = (x: number) => Math.round(x * 100) / 100;
  return { median: round(at(0.5)), p95: round(at(0.95)), min: round(s[0]), max: round(s[s.length - 1]), runs: s.length };
}

/** Peak memory, sampled between steps and by a timer. */
const peak = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}

/** mulberry32: a small seeded generator, so every run builds the same corpora. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SentencePool {
  de: string[];
  en: string[];
  sources: string[];
}

function sentencesOf(text: string, language: string): string[] {
  return segmentSentences(text, language)
    .map((s) => s.text.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= 40 && s.length <= 400 && /[.!?"“”]$/.test(s));
}

/** Real German and English sentences to build synthetic articles from. */
export function sentencePool(seeds: Article[]): SentencePool {
  const pool: SentencePool = { de: [], en: [], sources: [] };
  const add = (text: string, name: string) => {
    const language = detectLanguage(text);
    if (language !== 'de' && language !== 'en') return;
    const found = sentencesOf(text, language);
    pool[language].push(...found);
    pool.sources.push(`${name} (${language}, ${found.length} sentences)`);
  };
  for (const folder of ['story2', 'near']) {
    const dir = join(sharedDir, 'data', folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const raw = readFileSync(join(dir, file), 'utf8');
      add(raw.slice(parseHeader(raw).bodyStart), `data/${folder}/${file}`);
    }
  }
  const pagesDir = join(sharedDir, 'data', 'pages');
  if (existsSync(pagesDir)) {
    for (const file of readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort()) {
      add(extractHtml(readFileSync(join(pagesDir, file), 'utf8')).text, `data/pages/${file}`);
    }
  }
  if (pool.de.length + pool.en.length === 0) {
    // Without ../shared the seeds are the only realistic text there is; their sentences, shuffled across articles, still vary the index.
    for (const s of seeds) add(s.raw.slice(s.bodyStart), `seeds/${s.file}`);
  }
  pool.de = [...new Set(pool.de)];
  pool.en = [...new Set(pool.en)];
  return pool;
}

/** A synthetic article: 6–30 sentences of one language, in paragraphs, with a date and address. */
export function syntheticArticle(i: number, pool: SentencePool, next: () => number): Article {
  const language = pool.en.length === 0 || (pool.de.length > 0 && next() < 0.5) ? 'de' : 'en';
  const sentences = pool[language as 'de' | 'en'];
  const count = 6 + Math.floor(next() * 25);
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (let k = 0; k < count; k++) {
    current.push(sentences[Math.floor(next() * sentences.length)]);
    if (current.length >= 1 + Math.floor(next() * 4)) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 700) * 86_400_000).toISOString().slice(0, 10);
  const outlet = `Synthetic ${i % 300}`;
  return makeArticle({
    id: `syn-${i}`,
    raw: paragraphs.join('\n\n'),
    source: 'user',
    outlet,
    language,
    date: day,
    url: `https://synthetic-${i % 300}.example/${day.replace(/-/g, '/')}/article-${i}`,
    addedAt: i,
  });
}

interface SizeResult {
  articles: number;
  total: Stats;
  /** CPU time of the same runs (all threads of the process): less sensitive than wall time to other load on the machine. */
  cpu: Stats;
  contentTerms: Stats;
  candidates: Stats;
  engine: Stats;
  candidatesReturned: number;
  storyOutletsAmongCandidates: string;
  story: string;
  sameStoryOutlets: number;
  /**
   * A fresh connection per run (as after the background restarts, or after the
   * corpus changed): nothing kept in memory, so document frequencies, articles
   * and features are all read from the database.
   */
  cold: Stats;
  coldCpu: Stats;
  /** Cold, and without passing the stored features: the engine analyses every candidate again. */
  coldWithoutStoredFeatures: Stats;
}

async function timeAnnotate(dbName: string, store: CorpusStore, page: Page, seeds: Article[], pageId: string, runs: number, warmup: number, coldRuns: number): Promise<SizeResult> {
  const total: number[] = [];
  const termsT: number[] = [];
  const candT: number[] = [];
  const engineT: number[] = [];
  const cpuT: number[] = [];
  let last: { candidates: Article[]; annotation: ReturnType<typeof annotate> } | null = null;
  for (let r = -warmup; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const terms = contentTerms(page.text, page.language ?? 'de');
    const t1 = performance.now();
    const candidates = await store.candidates(terms);
    const t2 = performance.now();
    const annotation = annotate(page, candidates, { featuresOf: store.featuresOf });
    const t3 = performance.now();
    const cpu = process.cpuUsage(c0);
    sampleMemory();
    if (r < 0) continue; // warm-up: JIT, first reads
    cpuT.push((cpu.user + cpu.system) / 1000);
    termsT.push(t1 - t0);
    candT.push(t2 - t1);
    engineT.push(t3 - t2);
    total.push(t3 - t0);
    last = { candidates, annotation };
  }
  const cold: number[] = [];
  const coldCpu: number[] = [];
  const coldPlain: number[] = [];
  for (let r = 0; r < coldRuns; r++) {
    for (const withFeatures of [true, false]) {
      const fresh = await CorpusStore.open(dbName);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const candidates = await fresh.candidates(contentTerms(page.text, page.language ?? 'de'));
      annotate(page, candidates, withFeatures ? { featuresOf: fresh.featuresOf } : {});
      const dt = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      fresh.close();
      sampleMemory();
      if (withFeatures) {
        cold.push(dt);
        coldCpu.push((cpu.user + cpu.system) / 1000);
      } else coldPlain.push(dt);
    }
  }
  const others = seeds.filter((s) => s.id !== pageId).map((s) => s.id);
  const ids = new Set(last!.candidates.map((a) => a.id));
  return {
    articles: await store.count(),
    total: stats(total),
    cpu: stats(cpuT),
    contentTerms: stats(termsT),
    candidates: stats(candT),
    engine: stats(engineT),
    candidatesReturned: last!.candidates.length,
    storyOutletsAmongCandidates: `${others.filter((id) => ids.has(id)).length}/${others.length}`,
    story: last!.annotation.story.match,
    sameStoryOutlets: last!.annotation.outlets.filter((o) => o.sameStory).length,
    cold: stats(cold),
    coldCpu: stats(coldCpu),
    coldWithoutStoredFeatures: stats(coldPlain),
  };
}

function timeReadability(html: string, runs: number, warmup: number): { parse: Stats; parseCpu: Stats; jsdomAndParse: Stats } {
  const parse: number[] = [];
  const parseCpu: number[] = [];
  const both: number[] = [];
  for (let r = -warmup; r < runs; r++) {
    const t0 = performance.now();
    const dom = new JSDOM(html, { url: 'https://outlet.example/article' });
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const article = new Readability(dom.window.document).parse();
    const t2 = performance.now();
    const cpu = process.cpuUsage(c1);
    if (!article?.textContent) throw new Error('Readability found no article in the demo page');
    dom.window.close();
    sampleMemory();
    if (r < 0) continue;
    parse.push(t2 - t1);
    parseCpu.push((cpu.user + cpu.system) / 1000);
    both.push(t2 - t0);
  }
  return { parse: stats(parse), parseCpu: stats(parseCpu), jsdomAndParse: stats(both) };
}

const fmt = (s: Stats) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { values: ['sizes', 'runs', 'warmup', 'page'], flags: ['json'] });
  const sizes = (args.values.sizes ?? '5,1000,10000').split(',').map((s) => Number(s.trim()));
  const runs = Number(args.values.runs ?? 30);
  const warmup = Number(args.values.warmup ?? 3);
  const pageIndex = Number(args.values.page ?? 0);
  if (sizes.some((s) => !Number.isInteger(s) || s < 5) || [...sizes].sort((a, b) => a - b).join() !== sizes.join()) {
    throw new CliError('--sizes takes increasing whole numbers of at least 5 (the seeds), e.g. 5,1000,10000');
  }
  if (!Number.isInteger(runs) || runs < 1) throw new CliError('--runs takes a whole number of at least 1');
  if (!Number.isInteger(warmup) || warmup < 0) throw new CliError('--warmup takes a whole number of at least 0');
  const log = (line: string) => {
    if (!args.flags.json) console.log(line);
    else console.error(line);
  };
  const timer = setInterval(sampleMemory, 25);
  timer.unref();

  const seeds = loadSeeds(join(repoRoot, 'seeds'));
  if (!seeds[pageIndex]) throw new CliError(`--page must be 0..${seeds.length - 1}`);
  const demo = await loadDemoSeeds(join(repoRoot, 'seeds'));
  const html = renderArticlePage(demo.articles[pageIndex], pageIndex);
  const extracted = extractHtml(html);
  const page: Page = { text: extracted.text, title: extracted.title, language: seeds[pageIndex].language, date: seeds[pageIndex].date };
  const pool = sentencePool(seeds);

  log('crossread bench — Node ' + process.version + ', ' + (os.cpus()[0]?.model ?? 'unknown CPU') + `, ${os.cpus().length} cores`);
  log('IndexedDB: fake-indexeddb (in memory, in Node) — a browser stores on disk; treat store timings as indicative.');
  log(`Page: the demo HTML page of ${seeds[pageIndex].file} (${html.length} chars of HTML, ${page.text.length} chars of text as Readability extracts it).`);
  log(`Synthetic corpus text: ${pool.de.length} German and ${pool.en.length} English sentences from ${pool.sources.length} sources${existsSync(sharedDir) ? '' : ' (../shared is absent: seeds only)'}.`);
  log(`Each corpus holds the ${seeds.length} seed articles (the page's own among them) and synthetic articles; ${runs} timed runs after ${warmup} warm-up runs (of each: Readability's parse and each annotate).`);
  log('Annotate = contentTerms(page) + store.candidates (IndexedDB) + annotate(page, candidates, { featuresOf: store.featuresOf }).');
  log('"Warm": the same store again (frequencies and recent candidates in memory); "cold": a fresh connection per run.');

  const readability = timeReadability(html, runs, warmup);
  log(`Readability parse of the page: ${fmt(readability.parse)}; CPU ${fmt(readability.parseCpu)} (with building the jsdom document: ${fmt(readability.jsdomAndParse)})`);

  const dbName = `bench-${Date.now()}`;
  const store = await CorpusStore.open(dbName);
  const next = random(20250212);
  const ingestPerArticle: number[] = [];
  const ingestCpuPerArticle: number[] = [];
  let ingested = 0;
  let ingestMs = 0;
  const BATCH = 50;

  // The seeds go in through the same path (ensureSeeds) as in the extension.
  const tSeeds = performance.now();
  await store.ensureSeeds(seeds);
  ingestMs += performance.now() - tSeeds;
  ingested += seeds.length;

  const results: Record<string, SizeResult> = {};
  let made = 0;
  for (const size of sizes) {
    const want = size - seeds.length;
    const start = performance.now();
    while (made < want) {
      const batch: Article[] = [];
      while (batch.length < BATCH && made < want) batch.push(syntheticArticle(made++, pool, next));
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await store.addArticles(batch);
      const dt = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      ingestMs += dt;
      ingested += batch.length;
      ingestPerArticle.push(dt / batch.length);
      ingestCpuPerArticle.push((cpu.user + cpu.system) / 1000 / batch.length);
      sampleMemory();
    }
    if (made > 0 && performance.now() - start > 1000) log(`  built the ${size}-article corpus (${((performance.now() - start) / 1000).toFixed(1)} s including generation)`);
    const coldRuns = Math.max(1, Math.min(20, runs));
    const r = await timeAnnotate(dbName, store, page, seeds, seeds[pageIndex].id, runs, warmup, coldRuns);
    results[String(size)] = r;
    log(
      `Annotate against ${size}: ${fmt(r.total)}; CPU ${fmt(r.cpu)} — contentTerms ${r.contentTerms.median.toFixed(1)}, candidates from IDB ${fmt(r.candidates)}, engine ${fmt(r.engine)};` +
        ` ${r.candidatesReturned} candidates, story's other outlets among them ${r.storyOutletsAmongCandidates}, story ${r.story} with ${r.sameStoryOutlets} outlets`,
    );
    log(`  cold (fresh connection, nothing in memory): ${fmt(r.cold)}; CPU ${fmt(r.coldCpu)}`);
    log(`  cold and without stored features (annotate(page, candidates): the engine analyses each candidate): ${fmt(r.coldWithoutStoredFeatures)}`);
  }
  store.close();
  sampleMemory();

  const ingest = {
    articles: ingested,
    seconds: Math.round(ingestMs) / 1000,
    articlesPerSecond: Math.round((ingested / ingestMs) * 1000 * 10) / 10,
    perArticleMs: stats(ingestPerArticle),
    perArticleCpuMs: stats(ingestCpuPerArticle),
    batchSize: BATCH,
  };
  log(`Ingest through the store (index + features, batches of ${BATCH}): ${ingest.articlesPerSecond} articles/s over ${ingested} articles; per article ${fmt(ingest.perArticleMs)}; CPU per article ${fmt(ingest.perArticleCpuMs)}`);
  const mb = (x: number) => Math.round(x / 1048576);
  log(`Peak memory: rss ${mb(peak.rss)} MB, heapUsed ${mb(peak.heapUsed)} MB`);

  const targets = {
    annotate10000P95AtMost150ms: results['10000'] ? results['10000'].total.p95 <= 150 : null,
    annotate10000ColdP95AtMost150ms: results['10000'] ? results['10000'].cold.p95 <= 150 : null,
    annotate5FasterThanReadabilityParse: results['5'] ? results['5'].total.median < readability.parse.median : null,
    annotate5FasterThanReadabilityParseCpu: results['5'] ? results['5'].cpu.median < readability.parseCpu.median : null,
  };
  log(`Targets: annotate against 10,000 p95 ≤ 150 ms: warm ${targets.annotate10000P95AtMost150ms ?? 'not measured'}, cold ${targets.annotate10000ColdP95AtMost150ms ?? 'not measured'}; against 5 faster than Readability's parse (median wall / CPU): ${targets.annotate5FasterThanReadabilityParse ?? 'not measured'} / ${targets.annotate5FasterThanReadabilityParseCpu ?? 'not measured'}`);
  log(`Load average during the run (1 min): ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores — wall times grow with other load, CPU times much less.`);

  if (args.flags.json) {
    console.log(
      JSON.stringify({
        indexedDB: 'fake-indexeddb (in-memory, Node)',
        node: process.version,
        cpu: os.cpus()[0]?.model ?? null,
        page: { file: seeds[pageIndex].file, htmlChars: html.length, textChars: page.text.length },
        corpusText: { german: pool.de.length, english: pool.en.length, sources: pool.sources.length, shared: existsSync(sharedDir) },
        runs,
        warmup,
        ingest,
        annotate: results,
        readability,
        memory: { peakRssMB: mb(peak.rss), peakHeapUsedMB: mb(peak.heapUsed) },
        targets,
        loadAverage: os.loadavg()[0],
      }),
    );
  }
  return 0;
}

// Runs when started as a script (npm run bench), not when imported for its corpus generator.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli(main);
