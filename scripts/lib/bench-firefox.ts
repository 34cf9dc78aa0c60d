/**
 * The browser bench's Firefox: Debian's Firefox ESR, headless, with the e2e
 * build, over WebDriver BiDi (the e2e tests' launcher). Firefox has neither
 * Long Animation Frames nor long tasks, so crossread's main-thread work is its
 * own longest step (User Timing). Its MV2 background page is persistent (a
 * reader never meets it stopped), so there is no stopped-worker run, and
 * Firefox reports no heap. The background's own measures are read from an
 * extension page the bench keeps open (`backgroundPage`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { FILTER_PAUSE_MS, FILTER_TYPED, IMPORT_TIMEOUT, longestFrames, restartFrameWatch, SCROLL_PX, SCROLLS, SETTLE_MS, NOTE_TIMEOUT, QUIET_AFTER_LOAD, type BrowserDriver, type FrameWatchWindow, type PageRun } from './bench-driver';

/** An extension page's global: its background page, the same window Firefox runs the background in (MV2). */
type ExtensionPageGlobal = { browser: { extension: { getBackgroundPage(): Window | null }; runtime: { reload(): void } } };
/** The extension page the bench keeps open to read the background's measures: the popup, about no tab (?target names none), so it asks nothing as pages change. */
const CONTROL_PAGE = 'popup.html?target=none';
/** After a restart of the extension, the wait before the next page: time to register its content script again. */
const RESTART_MS = 300;

/** The e2e tests' launchers find the repository by CommonJS's __dirname, which vitest provides and tsx's ES modules do not. */
async function e2eSetup(): Promise<typeof import('../../tests/e2e/firefox-setup')> {
  const g = globalThis as { __dirname?: string };
  g.__dirname ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/e2e');
  return import('../../tests/e2e/firefox-setup');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout: number): Promise<T | null> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null && ok(value)) return value;
    if (Date.now() > end) return null;
    await sleep(50);
  }
}

/** crossread's longest own step on the page (its User Timing measures). */
const longestStep = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('crossread:'))
      .reduce((a, m) => (m.duration > a.ms ? { ms: m.duration, name: m.name.slice(10) } : a), { ms: 0, name: '' }),
  );

/**
 * The background page's steps (`crossread-bg:*`) copied into the corpus manager's timeline as `crossread:bg-*`, on the
 * manager's clock (the two pages' time origins differ), each once: the background runs on the manager's thread, so its
 * steps are what a stutter of the manager may be, and longestFrames names the page's measures under way. Runs in the page.
 */
function copyBackgroundSteps(): void {
  const bg = (globalThis as unknown as ExtensionPageGlobal).browser.extension.getBackgroundPage();
  if (!bg) return;
  const w = window as unknown as { __crossreadCopied?: number };
  const shift = bg.performance.timeOrigin - performance.timeOrigin;
  const steps = bg.performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread-bg:'));
  // Steps that ended before this page opened are left out (a measure cannot start before its page's time origin).
  for (const m of steps.slice(w.__crossreadCopied ?? 0)) {
    const end = m.startTime + shift + m.duration;
    if (end > 0) performance.measure(`crossread:bg-${m.name.slice(13)}`, { start: Math.max(0, m.startTime + shift), end });
  }
  w.__crossreadCopied = steps.length;
}

export async function firefoxDriver(extensionDir: string): Promise<BrowserDriver> {
  const { launchFirefox, firefoxExtensionOrigin, gotoLoaded } = await e2eSetup();
  const firefox = await launchFirefox(extensionDir);
  const version = await firefox.browser.version();
  // The background page lives in the extension's process, which WebDriver BiDi does not list: an extension page of the same process reaches it.
  const openControl = async () => {
    const page = await firefox.browser.newPage();
    // WebDriver BiDi does not report a load of an extension page: go there, then wait for the page itself.
    await page.goto(`${firefoxExtensionOrigin}/${CONTROL_PAGE}`, { timeout: 5_000 }).catch(() => undefined);
    const reached = await until(
      () => page.evaluate(() => (globalThis as unknown as ExtensionPageGlobal).browser.extension.getBackgroundPage() !== null),
      (x) => x,
      30_000,
    );
    if (!reached) throw new Error('The bench could not reach the background page from the popup.');
    return page;
  };
  let control = await openControl();
  /** After a restart (stopWorker) the bench's page is closed: opened again only after the next page, whose request then meets the background as it starts. */
  let controlClosed = false;

  /** The background's measures of annotate requests so far (as Chromium's driver reads them from the service worker). */
  const backgroundMeasures = () =>
    control
      .evaluate(() => {
        const bg = (globalThis as unknown as ExtensionPageGlobal).browser.extension.getBackgroundPage();
        if (!bg) return null;
        const all = bg.performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread-bg:') && !m.name.startsWith('crossread-bg:import-') && m.name !== 'crossread-bg:list');
        const total = all.reduce((sum, m) => sum + m.duration, 0);
        const requests = all.filter((m) => m.name === 'crossread-bg:notes').length;
        const steps: Record<string, number> = {};
        for (const m of all) steps[m.name.slice(13)] = (steps[m.name.slice(13)] ?? 0) + m.duration;
        // A restarted background's opening of the database and its seed check, which the first request's 'ready' waits for (not added to the total).
        for (const m of bg.performance.getEntriesByType('measure').filter((e) => e.name.startsWith('crossread-start:'))) steps[`start-${m.name.slice(16)}`] = m.duration;
        return { total, requests, steps };
      })
      .catch(() => null);
  const clearBackground = () =>
    control.evaluate(() => (globalThis as unknown as ExtensionPageGlobal).browser.extension.getBackgroundPage()?.performance.clearMeasures()).catch(() => undefined);

  return {
    name: 'Firefox ESR',
    version,
    taskSource: 'user-timing',

    async openPage(url, { wantNote, noteTimeout = NOTE_TIMEOUT }): Promise<PageRun> {
      if (!controlClosed) await clearBackground();
      const page = await firefox.browser.newPage();
      try {
        // A real page's remote frames fail here (no network), which Firefox's driver takes for the page's failure: gotoLoaded waits for the page's own load.
        await gotoLoaded(page, url);
        let loadToFirstNote: number | null = null;
        if (wantNote) {
          loadToFirstNote = await until(
            () =>
              page.evaluate(() => {
                const first = performance.getEntriesByName('crossread:first-note')[0];
                const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
                return first ? first.startTime - (nav?.loadEventEnd ?? 0) : -1;
              }),
              (x) => x >= 0,
              noteTimeout,
            );
          await sleep(300);
        } else await sleep(QUIET_AFTER_LOAD);
        if (controlClosed) {
          control = await openControl();
          controlClosed = false;
        }
        // The background's answer for this page (a no-story page shows nothing to wait for).
        const end = Date.now() + (wantNote ? 5_000 : QUIET_AFTER_LOAD * 3);
        let bg = await backgroundMeasures();
        while ((bg?.requests ?? 0) === 0 && Date.now() < end) {
          await sleep(50);
          bg = await backgroundMeasures();
        }
        const step = await longestStep(page);
        return { loadToFirstNote, longestTask: step.ms, longestTaskDetail: `step ${step.name}`, longestStep: step.ms, longestStepName: step.name, background: bg && bg.requests > 0 ? bg.total : null, backgroundSteps: bg?.steps };
      } finally {
        await page.close();
      }
    },

    async importFiles(files, expected) {
      const options = await firefox.browser.newPage();
      try {
        // WebDriver BiDi does not report a load of an extension page: go there, then wait for the page itself.
        await options.goto(`${firefoxExtensionOrigin}/options.html`, { timeout: 5_000 }).catch(() => undefined);
        await until(() => options.evaluate(() => /^\d+ articles?/.test(document.querySelector('.stats')?.textContent ?? '')), (x) => x, 60_000);
        // The longest gap of a timer that should fire every 16 ms: how long the page was unresponsive.
        await options.evaluate(() => {
          // gaps: each stall over 50 ms as [start, end], for what the longest ones were (no Long Animation Frames here: spans, scripts and layout stay empty).
          const state: FrameWatchWindow['__crossreadBench'] = { gap: 0, gaps: [], spans: [], scripts: [], layout: [], frames: [], parts: [] };
          const w = window as unknown as FrameWatchWindow & { __crossreadFrames: { gap: number } };
          w.__crossreadBench = state;
          let expectedAt = performance.now() + 16;
          setInterval(() => {
            const now = performance.now();
            state.gap = Math.max(state.gap, now - expectedAt + 16);
            if (now - expectedAt + 16 > 50) state.gaps.push([expectedAt - 16, now]);
            expectedAt = now + 16;
          }, 16);
          // And the longest time between two animation frames, reported beside it: Firefox serves its refresh ticks (and
          // input) ahead of a page's other tasks, so a timer waiting in turn behind many short ones (IndexedDB's events of
          // the background, which shares this thread) may be later than any frame. (No named callback: the bench's
          // transpiler would wrap it in a `__name` helper the page does not have.)
          const frames = { gap: 0 };
          w.__crossreadFrames = frames;
          let last = performance.now();
          const loop = { tick: null as null | ((now: number) => void) };
          loop.tick = function (now: number) {
            frames.gap = Math.max(frames.gap, now - last);
            last = now;
            requestAnimationFrame(loop.tick!);
          };
          requestAnimationFrame(loop.tick);
        });
        /** The longest time between two animation frames since the last call. */
        const frameGap = () =>
          options.evaluate(() => {
            const frames = (window as unknown as { __crossreadFrames: { gap: number } }).__crossreadFrames;
            const gap = frames.gap;
            frames.gap = 0;
            return Math.round(gap);
          });
        const pageStart = await options.evaluate(() => performance.now());
        const input = (await options.$('input[type="file"][multiple]'))!;
        const start = performance.now();
        await input.uploadFile(...files);
        const text = await until(
          () => options.evaluate(() => document.querySelector('.message')?.textContent ?? ''),
          (t) => /Imported \d+|cannot|could not|stopped/i.test(t),
          IMPORT_TIMEOUT,
        );
        const seconds = (performance.now() - start) / 1000;
        const n = Number(/Imported (\d+)/.exec(text ?? '')?.[1] ?? NaN);
        if (!(n >= expected * 0.95)) throw new Error(`The corpus manager imported ${Number.isNaN(n) ? 'nothing' : n} of ${expected} articles: ${(text ?? '').slice(0, 500)}`);
        // The frame that showed the message (with the list's last render) ends, and is reported, only after it: without this wait the page's last stutter went unmeasured.
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const longestFrame = await options.evaluate(() => (window as unknown as FrameWatchWindow).__crossreadBench.gap);
        // Where the time went: the page's steps, and the background's (e2e build measures), as Chromium's driver reports them.
        const phases: Record<string, number> = await options.evaluate(() => {
          const bg = (globalThis as unknown as ExtensionPageGlobal).browser.extension.getBackgroundPage();
          const background = (bg?.performance.getEntriesByType('measure') ?? [])
            .filter((m) => m.name.startsWith('crossread-bg:import-') || m.name === 'crossread-bg:list')
            .map((m) => [`background-${m.name.slice(13)}`, Math.round(m.duration)]);
          const page = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread:import-')).map((m) => [m.name.slice(10), Math.round(m.duration)]);
          return Object.fromEntries([...page, ...background]);
        });
        await options.evaluate(copyBackgroundSteps);
        const frames = [...(await options.evaluate(longestFrames, pageStart)), `longest time between two animation frames meanwhile: ${await frameGap()} ms`];
        // Then the reader filters the list just imported and scrolls it.
        const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        // WebDriver's first key and pointer actions on a page load its event scripts (EventUtils.js and modules) into the
        // page's process, on the thread the manager and the background share: a Gecko profile of the filter showed them as
        // a task of 146 ms at the first letter typed, the bench's own. A key, a move and a wheel that change nothing load
        // them before the watch starts.
        await options.keyboard.press('Shift');
        await options.mouse.move(0, 0);
        await options.mouse.wheel({ deltaY: 0 });
        await pause(SETTLE_MS);
        await options.evaluate(restartFrameWatch);
        const filterStart = await options.evaluate(() => performance.now());
        let typed = '';
        for (const query of FILTER_TYPED) {
          await options.type('input[type="search"]', query.slice(typed.length));
          typed = query;
          await pause(FILTER_PAUSE_MS);
        }
        await options.$eval('input[type="search"]', (el) => {
          (el as HTMLInputElement).value = '';
          el.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await pause(FILTER_PAUSE_MS);
        await options.mouse.move(400, 500);
        for (let i = 0; i < SCROLLS; i++) {
          await options.mouse.wheel({ deltaY: SCROLL_PX });
          await pause(100);
        }
        await pause(SETTLE_MS);
        const filterLongestFrame = await options.evaluate(() => (window as unknown as FrameWatchWindow).__crossreadBench.gap);
        await options.evaluate(copyBackgroundSteps);
        const filterFrames = [...(await options.evaluate(longestFrames, filterStart)), `longest time between two animation frames meanwhile: ${await frameGap()} ms`];
        return { seconds, longestFrame, imported: n, phases, frames, filterLongestFrame, filterFrames };
      } finally {
        await options.close();
      }
    },

    /**
     * Firefox never stops a persistent background page; it starts one with the browser, which opens the database at
     * once. The nearest a Firefox reader comes to a stopped worker is a page opened as the browser starts: the bench
     * restarts the extension (runtime.reload: its pages close, its background page starts again, its database stays)
     * and opens the next page at once, whose request meets the background starting and opening the database.
     */
    async stopWorker() {
      await control.evaluate(() => (globalThis as unknown as ExtensionPageGlobal).browser.runtime.reload()).catch(() => undefined);
      await control.close().catch(() => undefined);
      controlClosed = true;
      // The extension's content script is registered again within this (a page loaded sooner would have none).
      await sleep(RESTART_MS);
    },
    stoppedWorkerMeans: 'the first page opened as the extension restarts (runtime.reload): a persistent background page is never stopped, but starts with the browser',

    workerHeap: async () => null,
    close: async () => {
      await control.close().catch(() => undefined);
      await firefox.close();
    },
  };
}
