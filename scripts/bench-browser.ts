/**
 * npm run bench:browser -- [--browser chromium|firefox] [--articles 10000] [--runs 20] [--json] [--no-build] [--trace file.json] [--bg-cpu]
 *
 * crossread's speed where readers are: Debian's browser, headless, with the
 * e2e build (which records crossread's steps as User Timing measures) and
 * real, on-disk IndexedDB. It imports the multi-story corpus of `npm run
 * bench` (scripts/lib/bench-corpus.ts) through the corpus manager's import,
 * then opens pages of a local server and reports:
 *
 * - importPerSecond: articles per second from choosing the files to the
 *   corpus manager saying they were imported, and the longest frame of the
 *   corpus manager meanwhile (was it responsive), with what its longest
 *   stutters consisted of;
 * - filterLongestFrame: the corpus manager's longest frame while a filter is
 *   typed into the list just imported, a letter at a time, cleared, and the
 *   list scrolled (with --trace, Chromium: a trace of that is written to the
 *   file, chrome://tracing's format, and its longest main-thread stalls are
 *   named by their events' self time);
 * - firstNote: from the page's load event to crossread's first note, on the
 *   seed story's pages, with a warm worker, after the browser stopped the
 *   worker, and on the first page after install (before the import);
 * - noStoryBackground: the background's own time (its measures) for a page
 *   that matches no story; with --bg-cpu (Chromium), noStoryBackgroundCpu
 *   beside it: the worker thread's CPU within those measures, from a
 *   browser-wide trace of each such page (tasks' thread time): the wall time
 *   less what the worker waited for (IndexedDB, the other threads' turn on
 *   the cores). Tracing costs the machine some CPU itself;
 * - longestTask: the longest main-thread work crossread caused on story pages,
 *   no-story pages and a 2 MB page: Long Animation Frames' script attribution
 *   to crossread's content script (Chromium), else crossread's longest own step
 *   (User Timing, Firefox);
 * - workerHeapMB: the service worker's live JS heap after the import, after a
 *   garbage collection (Chromium); workerHeapUsedMB: before it, garbage included.
 *
 * `--json` prints one JSON object last. Generated corpus and pages live in a
 * temporary folder and are removed at the end.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../lib/article/article';
import { exportCorpus, serialiseExport } from '../lib/article/transfer';
import { startDemoServer, type DemoServer } from './demo/server';
import { renderArticlePage } from './demo/article-page';
import { loadDemoSeeds, type DemoArticle } from './demo/demo-seeds';
import { parseArgs, runCli } from './lib/cli';
import { CliError, loadSeeds } from './lib/articles';
import { benchCorpus } from './lib/bench-corpus';
import { summarise, type Summary } from './lib/bench-stats';
import { FILTER_TYPED, type BrowserDriver, type PageRun } from './lib/bench-driver';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = path.resolve(repoRoot, '../shared');

/** One import file stays well under the corpus manager's 50 MB limit per file. */
const MAX_FILE_BYTES = 30 * 1024 * 1024;

export interface BrowserBenchResult {
  browser: string;
  browserVersion: string;
  articles: number;
  importPerSecond: number;
  importSeconds: number;
  /** The corpus manager's longest frame (ms) while it imported: above 100 ms, it stuttered. */
  importLongestFrame: number;
  /** Where the import's time went (ms): the corpus manager's steps (import-read, -save, -list) and the background's (background-import-prepare, -write, background-list). */
  importSteps: Record<string, number>;
  /** The corpus manager's longest scripts during the import, by invoker (Chromium's Long Animation Frames). */
  importLongScripts: string[];
  /** What the corpus manager's longest stutters during the import consisted of, longest first: when, how long, the page's steps under way, and (Chromium) the long animation frames inside with their layout time and scripts by invoker. */
  importFrames: string[];
  /** The corpus manager's longest frame (ms) while, after the import, a filter was typed into its list a letter at a time, cleared, and the list scrolled (target: none over 100 ms); null where the driver does not do it. */
  filterLongestFrame: number | null;
  /** What those longest frames consisted of, as importFrames. */
  filterFrames: string[];
  /** With --trace (Chromium): the longest main-thread stalls while filtering and scrolling, by their trace events' self time (ms). */
  filterTrace?: string[];
  /** With --trace (Chromium): the import's reading's longest stalls by their trace events' self time, and the rest's busiest stretches by function (a CPU profile). */
  importTrace?: string[];
  firstNote: { warm: Summary; stoppedWorker: Summary | null; afterInstall: number | null };
  noStoryBackground: Summary | null;
  /** Its median by step of the background's work. */
  noStoryBackgroundSteps: Record<string, number>;
  /** With --bg-cpu (Chromium): the worker thread's CPU within the background's measures of each no-story page. */
  noStoryBackgroundCpu?: Summary | null;
  longestTask: { story: number; noStory: number; bigPage: number };
  /** What longestTask measured: 'loaf' (Long Animation Frames script attribution) or 'user-timing' (crossread's own steps). */
  longestTaskSource: 'loaf' | 'user-timing';
  /** What each longest task consisted of: crossread's steps inside the frame by name (ms) and the frame's scripts by invoker, or the one step. */
  longestTaskDetail: { story: string; noStory: string; bigPage: string };
  /** crossread's longest own step on any page (its User Timing measures). */
  longestStep: number;
  longestStepName: string;
  /** Live after a garbage collection. */
  workerHeapMB: number | null;
  /** As it stood before that collection, garbage included. */
  workerHeapUsedMB: number | null;
  /** Figures the browser cannot give, with why. */
  notes: string[];
  machine: { cpu: string; cores: number; loadAverage: number[]; date: string };
}

/** A page that reports no event of the corpus: made-up local news, long enough to be read as an article. */
export function noStoryPage(): DemoArticle {
  const sentences = [
    'Der Kleingartenverein Sonnenhang in Quellbach hat am Samstag sein neues Vereinsheim eingeweiht.',
    'Rund achtzig Mitglieder feierten mit Kuchen, Blasmusik und einer Führung durch die Beete.',
    'Der Vorsitzende Hartmut Lindqvist dankte den Helfern, die das Haus in zwei Jahren fast ganz in Eigenarbeit gebaut hatten.',
    'Die Kosten von rund 48.000 Euro trug der Verein größtenteils aus Rücklagen und Spenden.',
    'Im Vereinsheim sollen künftig Kurse zum Obstbaumschnitt und ein monatlicher Tauschmarkt für Saatgut stattfinden.',
    'Die Stadt Quellbach beteiligte sich mit einem Zuschuss für die Solaranlage auf dem Dach.',
    'Auf der Warteliste für eine Parzelle stehen derzeit dreiundzwanzig Familien, sagte die Schriftführerin Agnes Trübner.',
    'Der Verein will deshalb im kommenden Frühjahr eine brachliegende Wiese am Mühlbach pachten.',
    'Die Gespräche mit dem Eigentümer seien gut verlaufen, ein Vertrag werde im Herbst erwartet.',
    'Zum Abschluss der Feier pflanzten die jüngsten Mitglieder einen Apfelbaum der alten Sorte Gravensteiner.',
  ];
  const text = [sentences.slice(0, 3).join(' '), sentences.slice(3, 6).join(' '), sentences.slice(6).join(' ')].join('\n\n');
  return { id: 'bench-no-story', outlet: 'Quellbacher Anzeiger', title: 'Kleingärtner weihen Vereinsheim ein', language: 'de', date: '2025-06-14', text };
}

/**
 * Real pages of ../shared/data/pages held out of the bench corpus (whose
 * synthetic stories are otherwise made of these pages' text too), for the
 * no-story figure: one German, three English.
 */
const NO_STORY_PAGES = ['heise.html', 'cnn.html', 'nytimes-1.html', 'wikipedia.html'];

/**
 * Pages of other subjects for the no-story figure, each opened in turn: a
 * reader's no-story pages are all different, and a page looked up again
 * finds its terms in the browser's caches. The made-up one, and the held-out
 * real pages where ../shared is present.
 */
function noStoryPages(): Record<string, string> {
  const pages: Record<string, string> = { 'no-story': renderArticlePage(noStoryPage(), 7) };
  const dir = path.join(sharedDir, 'data', 'pages');
  for (const file of NO_STORY_PAGES) {
    const at = path.join(dir, file);
    if (fs.existsSync(at)) pages[`no-story-${file.replace(/\.html$/, '')}`] = fs.readFileSync(at, 'utf8');
  }
  return pages;
}

/** A story page of about 2 MB: the seed article followed by a long comment section, as large news pages have. */
export function bigPage(seed: DemoArticle, bytes = 2 * 1024 * 1024): string {
  const page = renderArticlePage(seed, 0);
  const comments: string[] = [];
  let size = page.length;
  for (let i = 0; size < bytes; i++) {
    const c = `<li class="comment"><p class="who">Leser ${i}</p><p>Kommentar ${i}: ${seed.text.slice((i * 97) % Math.max(1, seed.text.length - 400), ((i * 97) % Math.max(1, seed.text.length - 400)) + 380)}</p></li>\n`;
    comments.push(c);
    size += c.length;
  }
  return page.replace('</body>', `<section class="comments"><h2>Kommentare</h2><ol>${comments.join('')}</ol></section></body>`);
}

/** The export files of `articles` (one file when it fits), written to `dir`. */
function writeExports(dir: string, articles: readonly Article[]): string[] {
  const whole = serialiseExport(exportCorpus(articles));
  const parts = Math.max(1, Math.ceil(Buffer.byteLength(whole) / MAX_FILE_BYTES));
  const files: string[] = [];
  const per = Math.ceil(articles.length / parts);
  for (let i = 0; i < parts; i++) {
    const file = path.join(dir, `corpus-${i + 1}.json`);
    fs.writeFileSync(file, parts === 1 ? whole : serialiseExport(exportCorpus(articles.slice(i * per, (i + 1) * per))));
    files.push(file);
  }
  return files;
}

/**
 * The e2e build (with `build`, made first), copied to `dir`: the run keeps its
 * own copy while tests or other runs build into .output again.
 */
function extensionCopy(browser: 'chromium' | 'firefox', build: boolean, dir: string, log: (line: string) => void): string {
  if (build) {
    const args = ['wxt', 'build', '--mode', 'e2e', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])];
    log(`Building: npx ${args.join(' ')}`);
    const r = spawnSync('npx', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new CliError(`The build failed:\n${r.stdout}\n${r.stderr}`);
  }
  const built = path.join(repoRoot, '.output', browser === 'firefox' ? 'firefox-mv2-e2e' : 'chrome-mv3-e2e');
  if (!fs.existsSync(path.join(built, 'manifest.json'))) throw new CliError(`No e2e build in ${built}: run without --no-build.`);
  const copy = path.join(dir, 'extension');
  fs.cpSync(built, copy, { recursive: true });
  return copy;
}

export interface BrowserBenchOptions {
  browser: 'chromium' | 'firefox';
  articles: number;
  runs: number;
  build: boolean;
  log: (line: string) => void;
  /** Chromium: where to write a trace of the corpus manager while filtering and scrolling. */
  traceFile?: string;
  /** Chromium: the background's CPU on no-story pages too (a browser-wide trace of each). */
  backgroundCpu?: boolean;
}

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const { log, runs } = options;
  const seeds = loadSeeds(path.join(repoRoot, 'seeds'));
  if (options.articles <= seeds.length) throw new CliError(`--articles must be more than the ${seeds.length} seeds`);
  const t0 = performance.now();
  const corpus = benchCorpus({
    seeds,
    sharedDir: fs.existsSync(path.join(sharedDir, 'data')) ? sharedDir : null,
    repoSeeds: path.join(repoRoot, 'seeds'),
    count: options.articles - seeds.length,
    holdOutPages: NO_STORY_PAGES,
  });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crossread-bench-browser-'));
  const extension = extensionCopy(options.browser, options.build, tmp, log);
  const files = writeExports(
    tmp,
    corpus.articles.map((b) => b.article),
  );
  log(`Corpus: ${seeds.length} seeds + ${corpus.articles.length} generated articles (${corpus.labelled} labelled, ${corpus.syntheticEvents} synthetic stories), ${files.length} export file(s), built in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);

  const demo = await loadDemoSeeds();
  const noStory = noStoryPages();
  let server: DemoServer | null = null;
  let driver: BrowserDriver | null = null;
  const notes: string[] = [];
  try {
    server = await startDemoServer({ port: 0, extraPages: { ...noStory, big: bigPage(demo.articles[0]) } });
    driver = options.browser === 'chromium' ? await (await import('./lib/bench-chromium')).chromiumDriver(extension, { traceFile: options.traceFile, backgroundCpu: options.backgroundCpu }) : await (await import('./lib/bench-firefox')).firefoxDriver(extension);
    log(`Browser: ${driver.version}`);
    const storyUrl = (i: number) => `${server!.url}/article/${i % demo.articles.length}`;

    // The first page after install: the worker is new and puts the seeds in.
    const first = await driver.openPage(storyUrl(0), { wantNote: true });
    const afterInstall = first.loadToFirstNote;
    log(`First page after install: first note ${fmt(afterInstall)} after the load event.`);

    const imported = await driver.importFiles(files, options.articles - seeds.length);
    const importPerSecond = Math.round((imported.imported / imported.seconds) * 10) / 10;
    log(
      `Import of ${imported.imported} articles (of ${options.articles - seeds.length}; copies skipped) through the corpus manager: ${imported.seconds.toFixed(1)} s, ${importPerSecond} articles/s; ` +
        `longest frame of the corpus manager meanwhile ${Math.round(imported.longestFrame)} ms${imported.longScripts?.length ? ` (its longest scripts: ${imported.longScripts.join(', ')})` : ''}. Steps (ms): ${JSON.stringify(imported.phases)}`,
    );
    for (const frame of imported.frames ?? []) log(`  stutter ${frame}`);
    for (const stall of imported.importTrace ?? []) log(`  traced ${stall}`);
    if (imported.filterLongestFrame !== undefined) {
      log(`Filtering the list (typing "${FILTER_TYPED.at(-1)}" a letter at a time, clearing it) and scrolling it: longest frame ${Math.round(imported.filterLongestFrame)} ms.`);
      for (const frame of imported.filterFrames ?? []) log(`  stutter ${frame}`);
      for (const stall of imported.filterTrace ?? []) log(`  traced ${stall}`);
    }
    const heap = await driver.workerHeap();
    const workerHeapMB = heap?.liveMB ?? null;
    const workerHeapUsedMB = heap?.usedMB ?? null;
    if (heap === null) notes.push(`${driver.name} does not report the background's heap to this bench.`);
    else log(`The background's heap after the import: ${heap.usedMB} MB used, ${heap.liveMB} MB live after a garbage collection.`);

    const warm: number[] = [];
    /** crossread's longest own step (User Timing) on any page. */
    const steps: number[] = [];
    let longestStepName = '';
    const measured: PageRun[] = [];
    const step = (r: PageRun) => {
      measured.push(r);
      if (r.longestStep > Math.max(0, ...steps)) longestStepName = r.longestStepName;
      steps.push(r.longestStep);
    };
    const storyTasks: number[] = [];
    // One unmeasured load: the worker has just answered the import, its lookup cache is cold.
    await driver.openPage(storyUrl(1), { wantNote: true });
    const warmSteps: string[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await driver.openPage(storyUrl(i), { wantNote: true });
      if (r.loadToFirstNote !== null) warm.push(r.loadToFirstNote);
      storyTasks.push(r.longestTask);
      step(r);
      warmSteps.push(`${Math.round(r.loadToFirstNote ?? NaN)}: ${Object.entries(r.backgroundSteps ?? {}).map(([name, ms]) => `${name} ${Math.round(ms)}`).join(', ') || 'n/a'}`);
    }
    // Each run too: with five runs the p95 is nearly the slowest, and which page was slow says more than the summary.
    log(`Warm worker, story pages: first note ${fmtS(summarise(warm))} (each run in turn, ms: ${warm.map(Math.round).join(', ')}); longest crossread task ${Math.round(Math.max(0, ...storyTasks))} ms.`);
    // And where each run's background spent it (ms): a slow page's step says which of its reads or its work was slow.
    for (const line of warmSteps) log(`  warm run ${line}`);

    let stoppedWorker: Summary | null = null;
    if (driver.stopWorker) {
      const stopped: number[] = [];
      const stoppedSteps: Record<string, number[]> = {};
      for (let i = 0; i < Math.ceil(runs / 2); i++) {
        await driver.stopWorker();
        const r = await driver.openPage(storyUrl(i), { wantNote: true });
        if (r.loadToFirstNote !== null) stopped.push(r.loadToFirstNote);
        for (const [name, ms] of Object.entries(r.backgroundSteps ?? {})) (stoppedSteps[name] ??= []).push(ms);
        storyTasks.push(r.longestTask);
      }
      stoppedWorker = summarise(stopped);
      if (driver.stoppedWorkerMeans) notes.push(`${driver.name}: the stopped-worker figure is ${driver.stoppedWorkerMeans}.`);
      log(`Stopped worker, story pages: first note ${fmtS(stoppedWorker)} (the background's requests for the page, median by step: ${JSON.stringify(medians(stoppedSteps))}).`);
    } else notes.push(`${driver.name}: the background cannot be stopped from the bench (a persistent background page in Firefox's MV2 build), so no stopped-worker figure.`);

    const background: number[] = [];
    const backgroundCpu: number[] = [];
    const backgroundSteps: Record<string, number[]> = {};
    const noStoryTasks: number[] = [];
    const perPage: string[] = [];
    const noStorySteps: string[] = [];
    for (let i = 0; i < runs; i++) {
      const names = Object.keys(noStory);
      const name = names[i % names.length];
      const r = await driver.openPage(`${server.url}/x/${name}`, { wantNote: false });
      if (r.background !== null) background.push(r.background);
      if (typeof r.backgroundCpu === 'number') backgroundCpu.push(r.backgroundCpu);
      const cpu = r.backgroundCpu === undefined ? '' : ` (CPU ${r.backgroundCpu === null ? 'n/a' : Math.round(r.backgroundCpu)})`;
      perPage.push(`${names[i % names.length].replace(/^no-story-?/, '') || 'made-up'} ${r.background === null ? 'n/a' : Math.round(r.background)}${cpu}`);
      // Each page's steps too: the pages differ in kind (the first after a restarted worker, one that compares candidates, a long undated one).
      noStorySteps.push(`${perPage.at(-1)}: ${Object.entries(r.backgroundSteps ?? {}).map(([step, ms]) => `${step} ${Math.round(ms)}`).join(', ') || 'n/a'}`);
      for (const [step, ms] of Object.entries(r.backgroundSteps ?? {})) (backgroundSteps[step] ??= []).push(ms);
      noStoryTasks.push(r.longestTask);
      step(r);
    }
    const noStoryBackground = background.length > 0 ? summarise(background) : null;
    if (!noStoryBackground) notes.push(`${driver.name}: the background's own measures cannot be read by this bench.`);
    const stepMedians = medians(backgroundSteps);
    log(
      `No-story page: background ${noStoryBackground ? fmtS(noStoryBackground) : 'n/a'} (median by step: ${JSON.stringify(stepMedians)}; each page in turn, ms: ${perPage.join(', ')}); longest crossread task ${Math.round(Math.max(0, ...noStoryTasks))} ms.`,
    );
    for (const line of noStorySteps) log(`  no-story ${line}`);
    const noStoryBackgroundCpu = options.backgroundCpu ? (backgroundCpu.length > 0 ? summarise(backgroundCpu) : null) : undefined;
    if (noStoryBackgroundCpu !== undefined)
      log(`No-story page: the worker thread's CPU within the background's measures ${noStoryBackgroundCpu ? fmtS(noStoryBackgroundCpu) : 'n/a (not in the trace)'}.`);

    const bigTasks: number[] = [];
    for (let i = 0; i < Math.ceil(runs / 4); i++) {
      const r = await driver.openPage(`${server.url}/x/big`, { wantNote: true, noteTimeout: 10_000 });
      bigTasks.push(r.longestTask);
      step(r);
    }
    // Pages opened after the browser stopped the worker keep no detail: their figures are first-note times.
    const detailOf = (tasks: number[]) => measured.find((r) => r.longestTask === Math.max(0, ...tasks))?.longestTaskDetail ?? 'a page opened after the worker was stopped (no detail kept)';
    log(`2 MB page: longest crossread task ${Math.round(Math.max(0, ...bigTasks))} ms (${detailOf(bigTasks)}). crossread's longest own step on any page: ${Math.round(Math.max(0, ...steps))} ms (${longestStepName}).`);

    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      browser: options.browser,
      browserVersion: driver.version,
      articles: options.articles,
      importPerSecond,
      importSeconds: round(imported.seconds),
      importLongestFrame: round(imported.longestFrame),
      importSteps: imported.phases,
      importLongScripts: imported.longScripts ?? [],
      importFrames: imported.frames ?? [],
      filterLongestFrame: imported.filterLongestFrame === undefined ? null : round(imported.filterLongestFrame),
      filterFrames: imported.filterFrames ?? [],
      ...(imported.filterTrace ? { filterTrace: imported.filterTrace } : {}),
      ...(imported.importTrace ? { importTrace: imported.importTrace } : {}),
      firstNote: { warm: summarise(warm), stoppedWorker, afterInstall: afterInstall === null ? null : round(afterInstall) },
      noStoryBackground,
      noStoryBackgroundSteps: stepMedians,
      ...(noStoryBackgroundCpu !== undefined ? { noStoryBackgroundCpu } : {}),
      longestTask: { story: round(Math.max(0, ...storyTasks)), noStory: round(Math.max(0, ...noStoryTasks)), bigPage: round(Math.max(0, ...bigTasks)) },
      longestTaskSource: driver.taskSource,
      longestTaskDetail: { story: detailOf(storyTasks), noStory: detailOf(noStoryTasks), bigPage: detailOf(bigTasks) },
      longestStep: round(Math.max(0, ...steps)),
      longestStepName,
      workerHeapMB,
      workerHeapUsedMB,
      notes,
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100), date: new Date().toISOString() },
    };
  } finally {
    await driver?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The median of each step's times. */
const medians = (steps: Record<string, number[]>): Record<string, number> => Object.fromEntries(Object.entries(steps).map(([step, ms]) => [step, summarise(ms).median]));
const fmt = (x: number | null) => (x === null ? 'none' : `${Math.round(x)} ms`);
const fmtS = (s: Summary) => `median ${Math.round(s.median)} ms, p95 ${Math.round(s.p95)} ms (${s.runs} runs)`;

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  runCli(async () => {
    const args = parseArgs(process.argv.slice(2), { flags: ['json', 'no-build', 'bg-cpu'], values: ['browser', 'articles', 'runs', 'trace'] });
    const browser = args.values.browser ?? 'chromium';
    if (browser !== 'chromium' && browser !== 'firefox') throw new CliError(`--browser is chromium or firefox, not "${browser}"`);
    const articles = Number(args.values.articles ?? 1000);
    const runs = Number(args.values.runs ?? 20);
    if (!Number.isInteger(articles) || articles < 10) throw new CliError('--articles is a whole number of at least 10');
    if (!Number.isInteger(runs) || runs < 1) throw new CliError('--runs is a whole number of at least 1');
    const json = args.flags.json;
    const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
    const result = await runBrowserBench({ browser, articles, runs, build: !args.flags['no-build'], log, traceFile: args.values.trace ? path.resolve(args.values.trace) : undefined, backgroundCpu: args.flags['bg-cpu'] });
    if (args.flags['bg-cpu'] && browser !== 'chromium') log('Note: --bg-cpu is for Chromium only; ignored.');
    for (const note of result.notes) log(`Note: ${note}`);
    if (json) console.log(JSON.stringify(result));
    return 0;
  });
}
