/**
 * The browser bench's Chromium: Debian's Chromium, headless, with the e2e
 * build, driven by playwright-core (the e2e tests' launcher). crossread's
 * main-thread work is read from Long Animation Frames' script attribution:
 * the frames' scripts whose source is the extension's content script.
 */
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { busyStretches, busyTotals, describeStalls, stallFunctions, threadTimeInMeasures, traceStalls, type CpuProfile, type TraceEvent } from './bench-trace';
import { FILTER_PAUSE_MS, FILTER_TYPED, IMPORT_TIMEOUT, longestFrames, restartFrameWatch, SCROLL_PX, SCROLLS, SETTLE_MS, NOTE_TIMEOUT, QUIET_AFTER_LOAD, type BrowserDriver, type FrameWatchWindow, type PageRun } from './bench-driver';

/** Installed in every page before its scripts: collects Long Animation Frames and the frames' longest gap. */
function observeFrames(): void {
  const state: FrameWatchWindow['__crossreadBench'] = { scripts: [], frames: [], spans: [], gap: 0, gaps: [], layout: [], parts: [] };
  (window as unknown as FrameWatchWindow).__crossreadBench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as Array<{ startTime: number; duration: number; renderStart?: number; styleAndLayoutStart?: number; blockingDuration?: number; scripts?: Array<{ sourceURL: string; duration: number; invoker?: string; sourceFunctionName?: string }> }>) {
        state.frames.push(e.duration);
        state.spans.push([e.startTime, e.startTime + e.duration]);
        state.layout.push(e.styleAndLayoutStart ? Math.max(0, e.startTime + e.duration - e.styleAndLayoutStart) : 0);
        // The frame's parts: its tasks before rendering, the rendering's callbacks (animation frames, observers), then style and layout (above), and its blocking time.
        const render = e.renderStart || e.startTime + e.duration;
        state.parts.push({ tasks: Math.max(0, render - e.startTime), callbacks: e.renderStart ? Math.max(0, (e.styleAndLayoutStart || render) - e.renderStart) : 0, blocking: e.blockingDuration ?? 0 });
        for (const s of e.scripts ?? []) state.scripts.push({ url: s.sourceURL, duration: s.duration, invoker: s.invoker, fn: s.sourceFunctionName, frame: state.spans.length - 1 });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames in this browser.
  }
  // The longest time between two frames: what a reader feels as a stutter.
  // (The callback is no named binding: the bench's transpiler would wrap one in a `__name` helper the page does not have, and this script would stop here.)
  let last = performance.now();
  const loop = { tick: null as null | ((now: number) => void) };
  loop.tick = function (now: number) {
    state.gap = Math.max(state.gap, now - last);
    if (now - last > 50) state.gaps.push([last, now]);
    last = now;
    requestAnimationFrame(loop.tick!);
  };
  requestAnimationFrame(loop.tick);
  // Frames may not be produced for a page headless Chromium does not paint: a timer's lateness shows a blocked main thread as well.
  let expected = performance.now() + 16;
  setInterval(() => {
    const now = performance.now();
    state.gap = Math.max(state.gap, now - expected + 16);
    if (now - expected + 16 > 50) state.gaps.push([expected - 16, now]);
    expected = now + 16;
  }, 16);
}

/**
 * The e2e tests' launcher. It finds the repository by CommonJS's __dirname,
 * which vitest provides and an ES module run by tsx does not: the bench gives
 * it the folder it would have had, so both launch the browser the same way.
 */
async function e2eSetup(): Promise<typeof import('../../tests/e2e/chromium-setup')> {
  const g = globalThis as { __dirname?: string };
  g.__dirname ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/e2e');
  return import('../../tests/e2e/chromium-setup');
}

/** The trace's categories: tasks, scripts, style, layout, paint and garbage collection on the page's main thread. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-v8.gc', 'v8.execute'].join(',');

/** A DevTools command, over whichever session speaks to the target. */
type CdpSend = (method: string, params?: object) => Promise<unknown>;

/**
 * Ends a trace started with `transferMode: 'ReturnAsStream'` and reads its events: `completed` (made before this is
 * called, from the session's `Tracing.tracingComplete` event) gives the stream's handle.
 */
async function endTrace(send: CdpSend, completed: Promise<string>): Promise<TraceEvent[]> {
  await send('Tracing.end');
  const stream = await completed;
  const chunks: string[] = [];
  for (;;) {
    const chunk = (await send('IO.read', { handle: stream, size: 1 << 24 })) as { data: string; eof: boolean; base64Encoded?: boolean };
    chunks.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
    if (chunk.eof) break;
  }
  await send('IO.close', { handle: stream });
  const parsed = JSON.parse(chunks.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Records a Chromium trace of `page` until the returned function is called, which gives its events. */
async function startTrace(page: Page): Promise<() => Promise<{ events: TraceEvent[]; profile: CpuProfile }>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReturnAsStream' });
  // The page's scripts by function: the trace shows a microtask checkpoint's scripts as one event.
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')));
    const events = await endTrace((method, params) => cdp.send(method as never, params as never), done);
    await cdp.detach().catch(() => undefined);
    return { events, profile };
  };
}

/** Records a CPU profile of `page` (no trace: light enough for a whole import) until the returned function is called. */
async function startProfile(page: Page): Promise<() => Promise<CpuProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await cdp.detach().catch(() => undefined);
    return profile;
  };
}

/** A free TCP port on the loopback interface, for DevTools. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The background's CPU trace: tasks (with their thread time) and User Timing only, which is light, over the
 * whole browser (DevTools' port: the extension's worker is in no page's process). Started before a page opens;
 * the returned function ends it and returns its events.
 */
async function browserWideTrace(port: number): Promise<() => Promise<TraceEvent[]>> {
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  // ws (a dev dependency of its own): Node 20 has no WebSocket client.
  const WebSocketClass = createRequire(import.meta.url)('ws') as new (url: string, opts?: object) => {
    send(data: string): void;
    on(event: string, listener: (data: unknown) => void): void;
    close(): void;
  };
  const ws = new WebSocketClass(webSocketDebuggerUrl, { maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  let id = 0;
  const waiting = new Map<number, (result: Record<string, unknown>) => void>();
  let complete: ((stream: string) => void) | null = null;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown>; method?: string; params?: { stream?: string } };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? {});
    if (message.method === 'Tracing.tracingComplete') complete?.(message.params?.stream ?? '');
  });
  const send = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      waiting.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'], recordMode: 'recordUntilFull' } });
  return async () => {
    const done = new Promise<string>((resolve) => (complete = resolve));
    const events = await endTrace(send, done);
    ws.close();
    return events;
  };
}

/**
 * `extensionDir`: the e2e build (a copy of it: other builds may replace .output meanwhile). `traceFile`: where to write a Chromium trace of the filter and scroll.
 * `backgroundCpu`: each page that wants no note traced browser-wide (tasks and User Timing), for the worker's CPU over its measures.
 */
export async function chromiumDriver(extensionDir: string, { traceFile, backgroundCpu = false }: { traceFile?: string; backgroundCpu?: boolean } = {}): Promise<BrowserDriver> {
  const { launchChromium, requireBuild } = await e2eSetup();
  const debugPort = backgroundCpu ? await freePort() : undefined;
  const browser = await launchChromium(requireBuild(extensionDir), { debugPort });
  const { context, extensionId } = browser;
  await context.addInitScript(observeFrames);
  const origin = `chrome-extension://${extensionId}`;
  // A tab that stays open: the CDP session that stops workers needs a page.
  const control = await context.newPage();
  const version = context.browser()?.version() ?? (await control.evaluate(() => navigator.userAgent.replace(/.*(Chrom\w+\/[\d.]+).*/, '$1')));
  // A stopped worker stays in Playwright's list; asking it anything would never be answered.
  const live = new Set<Worker>(context.serviceWorkers());
  const track = (w: Worker) => {
    live.add(w);
    w.on('close', () => live.delete(w));
  };
  for (const w of live) track(w);
  context.on('serviceworker', track);
  const worker = (): Worker | undefined => [...live].at(-1);
  /** `work`, or null when it has not answered within `ms` (a worker stopping under it). */
  const within = <T>(work: Promise<T>, ms = 5_000): Promise<T | null> =>
    Promise.race([work.catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

  /** The background's measures of annotate requests so far (and clears them). */
  const backgroundMeasures = async (): Promise<{ total: number; requests: number; steps: Record<string, number> } | null> => {
    const w = worker();
    if (!w) return null;
    return within(
      w.evaluate(() => {
        const all = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread-bg:'));
        const total = all.reduce((sum, m) => sum + m.duration, 0);
        const requests = all.filter((m) => m.name === 'crossread-bg:notes').length;
        const steps: Record<string, number> = {};
        for (const m of all) steps[m.name.slice(13)] = (steps[m.name.slice(13)] ?? 0) + m.duration;
        // A started worker's opening of the database and its seed check, which the first request's 'ready' waits for (not added to the total).
        for (const m of performance.getEntriesByType('measure').filter((e) => e.name.startsWith('crossread-start:'))) steps[`start-${m.name.slice(16)}`] = m.duration;
        return { total, requests, steps };
      }),
    );
  };
  const clearBackground = async () => {
    const w = worker();
    if (w) await within(w.evaluate(() => performance.clearMeasures()));
  };

  const crossreadTask = (page: Page) =>
    page.evaluate((prefix) => {
      const state = (window as unknown as Partial<FrameWatchWindow>).__crossreadBench;
      const steps = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread:'));
      // (No named functions in here: the bench's transpiler would wrap them in a helper the page does not have.)
      // crossread's share of each long frame: its own steps inside the frame (a frame's script attribution can miss a content script's work),
      // with what the frame consisted of: crossread's steps by name, the frame's scripts by invoker.
      const frames = (state?.spans ?? []).map(([start, end], i) => {
        const parts = steps.map((m) => ({ name: m.name.slice(10), ms: Math.max(0, Math.min(end, m.startTime + m.duration) - Math.max(start, m.startTime)) }));
        const named = parts.filter((p) => p.ms > 0.5).map((p) => `${p.name} ${Math.round(p.ms)}`);
        const scripts = (state?.scripts ?? [])
          .filter((s) => s.frame === i)
          .map((s) => `${s.url.startsWith(prefix) ? 'crossread' : 'page'}:${s.invoker ?? '?'}${s.fn ? ` ${s.fn}` : ''} ${Math.round(s.duration)}`);
        return {
          ours: parts.reduce((sum, p) => sum + p.ms, 0),
          detail: `frame of ${Math.round(end - start)} ms; crossread steps in it: ${named.join(', ') || 'none'}; its scripts: ${scripts.join(', ') || 'none'}`,
        };
      });
      const longest = steps.reduce((a, m) => (m.duration > a.ms ? { ms: m.duration, name: m.name.slice(10) } : a), { ms: 0, name: '' });
      const ours = (state?.scripts ?? []).filter((s) => s.url.startsWith(prefix));
      const task = Math.max(longest.ms, ...frames.map((f) => f.ours), ...ours.map((s) => s.duration));
      // What that longest task consisted of: the step itself, or its frame.
      const frame = frames.find((f) => f.ours === task) ?? frames[ours.find((s) => s.duration === task)?.frame ?? -1];
      const detail = task > longest.ms && frame ? frame.detail : `step ${longest.name}`;
      return { task, step: longest.ms, stepName: longest.name, detail };
    }, origin);

  return {
    name: 'Chromium',
    version,
    taskSource: 'loaf',

    async openPage(url, { wantNote, noteTimeout = NOTE_TIMEOUT }): Promise<PageRun> {
      await clearBackground();
      // Started before the page, ended after the background's measures are read: outside what the bench times, though tracing costs the browser some CPU meanwhile.
      const stopTrace = debugPort !== undefined && !wantNote ? await browserWideTrace(debugPort) : null;
      const page = await context.newPage();
      try {
        await page.goto(url, { waitUntil: 'load' });
        let loadToFirstNote: number | null = null;
        if (wantNote) {
          const ok = await page
            .waitForFunction(() => performance.getEntriesByName('crossread:first-note').length > 0, undefined, { timeout: noteTimeout, polling: 50 })
            .then(() => true)
            .catch(() => false);
          if (ok)
            loadToFirstNote = await page.evaluate(() => {
              const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
              return performance.getEntriesByName('crossread:first-note')[0].startTime - nav.loadEventEnd;
            });
        }
        // The background's answer for this page (a no-story page shows nothing to wait for).
        const end = Date.now() + (wantNote ? 5_000 : QUIET_AFTER_LOAD * 4);
        let bg = await backgroundMeasures();
        while ((bg?.requests ?? 0) === 0 && Date.now() < end) {
          await page.waitForTimeout(50);
          bg = await backgroundMeasures();
        }
        // What the content script does with the answer, and frames still to be reported.
        await page.waitForTimeout(wantNote ? 300 : 500);
        const { task, step, stepName, detail } = await crossreadTask(page);
        const traced = stopTrace ? threadTimeInMeasures(await stopTrace(), 'crossread-bg:') : null;
        return {
          loadToFirstNote,
          longestTask: task,
          longestTaskDetail: detail,
          longestStep: step,
          longestStepName: stepName,
          background: bg && bg.requests > 0 ? bg.total : null,
          backgroundSteps: bg?.steps,
          ...(stopTrace ? { backgroundCpu: traced?.cpu ?? null } : {}),
        };
      } finally {
        await page.close();
      }
    },

    async importFiles(files, expected) {
      const options = await context.newPage();
      try {
        await options.goto(`${origin}/options.html`);
        await options.locator('.stats').filter({ hasText: /^\d+ articles?/ }).first().waitFor({ timeout: 60_000 });
        await options.waitForTimeout(500);
        // With --trace: a trace of the import's reading (the files parsed and their articles taken in), then a CPU profile of the rest.
        const stopReadTrace = traceFile ? await startTrace(options) : null;
        if (stopReadTrace) await options.waitForTimeout(SETTLE_MS);
        await options.evaluate(() => {
          const state = (window as unknown as FrameWatchWindow).__crossreadBench;
          state.gap = 0;
          state.frames.length = 0;
          state.scripts.length = 0;
          state.spans.length = 0;
          state.gaps.length = 0;
          state.layout.length = 0;
          state.parts.length = 0;
        });
        const pageStart = await options.evaluate(() => performance.now());
        const start = performance.now();
        await options.locator('input[type="file"][multiple]').setInputFiles([...files]);
        const importTrace: string[] = [];
        let stopImportProfile: (() => Promise<CpuProfile>) | null = null;
        if (stopReadTrace) {
          await options.waitForFunction(() => performance.getEntriesByName('crossread:import-read').length > 0, undefined, { timeout: IMPORT_TIMEOUT, polling: 100 });
          const { events, profile } = await stopReadTrace();
          fs.writeFileSync(traceFile!.replace(/(\.json)?$/, '.import-read.json'), JSON.stringify({ traceEvents: events }));
          fs.writeFileSync(traceFile!.replace(/(\.json)?$/, '.import-read.cpuprofile'), JSON.stringify(profile));
          const since = events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity);
          const stalls = traceStalls(events);
          const js = stallFunctions(profile, stalls);
          const read = busyTotals(profile);
          importTrace.push(
            ...describeStalls(stalls, since).map((line) => `reading: ${line}`),
            `reading: scripts in those stalls by self time (ms): ${js.map(([n, ms]) => `${n} ${ms}`).join(', ') || 'none'}`,
            `reading: the page's thread busy ${read.busy} ms in all, collections ${read.gc}, native work ${read.program}`,
          );
          stopImportProfile = await startProfile(options);
        }
        const message = options.locator('.message');
        await message.filter({ hasText: /Imported \d+|cannot|could not|stopped/i }).waitFor({ timeout: IMPORT_TIMEOUT });
        const seconds = (performance.now() - start) / 1000;
        const text = (await message.first().textContent()) ?? '';
        const n = Number(/Imported (\d+)/.exec(text)?.[1] ?? NaN);
        // The generator's short texts repeat now and then: the corpus manager skips the copies, and says so.
        if (!(n >= expected * 0.95)) throw new Error(`The corpus manager imported ${Number.isNaN(n) ? 'nothing' : n} of ${expected} articles: ${text.slice(0, 500)}`);
        // The frame that showed the message (with the list's last render) ends, and is reported, only after it: without this wait the page's last stutter went unmeasured.
        await options.waitForTimeout(SETTLE_MS);
        if (stopImportProfile) {
          const profile = await stopImportProfile();
          fs.writeFileSync(traceFile!.replace(/(\.json)?$/, '.import-rest.cpuprofile'), JSON.stringify(profile));
          const rest = busyTotals(profile);
          importTrace.push(`after reading: the page's thread busy ${rest.busy} ms in all, collections ${rest.gc}, native work ${rest.program}`);
          for (const s of busyStretches(profile).slice(0, 6)) importTrace.push(`after reading: +${(s.at / 1000).toFixed(1)} s: busy ${s.ms} ms; self time: ${s.top.map(([n, ms]) => `${n} ${ms}`).join(', ')}`);
        }
        const longestFrame = await options.evaluate(() => {
          const state = (window as unknown as FrameWatchWindow).__crossreadBench;
          return Math.max(state.gap, ...state.frames);
        });
        // Where the time went: the page's steps, and the background's (e2e build measures).
        const phases: Record<string, number> = await options.evaluate(() =>
          Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread:import-')).map((m) => [m.name.slice(10), Math.round(m.duration)])),
        );
        const w = worker();
        const background = w
          ? await within(
              w.evaluate(() =>
                Object.fromEntries(
                  performance
                    .getEntriesByType('measure')
                    .filter((m) => m.name.startsWith('crossread-bg:import-') || m.name === 'crossread-bg:list')
                    .map((m) => [`background-${m.name.slice(13)}`, Math.round(m.duration)]),
                ),
              ),
            )
          : null;
        // The corpus manager's longest scripts meanwhile, by what invoked them (Long Animation Frames' attribution).
        const longScripts = await options.evaluate(() =>
          (window as unknown as FrameWatchWindow).__crossreadBench.scripts
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 4)
            .map((s) => `${s.invoker ?? '?'} ${Math.round(s.duration)} ms`),
        );
        const frames = await options.evaluate(longestFrames, pageStart);
        // Then the reader filters the list just imported and scrolls it.
        // The trace and the profiler start first: starting them stalls the page for a moment, which is no frame of crossread's.
        const stopTrace = traceFile ? await startTrace(options) : null;
        if (stopTrace) await options.waitForTimeout(SETTLE_MS);
        await options.evaluate(restartFrameWatch);
        const filterStart = await options.evaluate(() => performance.now());
        const search = options.locator('input[type="search"]');
        for (const query of FILTER_TYPED) {
          await search.fill(query);
          await options.waitForTimeout(FILTER_PAUSE_MS);
        }
        await search.fill('');
        await options.waitForTimeout(FILTER_PAUSE_MS);
        for (let i = 0; i < SCROLLS; i++) {
          await options.mouse.wheel(0, SCROLL_PX);
          await options.waitForTimeout(100);
        }
        await options.waitForTimeout(SETTLE_MS);
        const filterLongestFrame = await options.evaluate(() => (window as unknown as FrameWatchWindow).__crossreadBench.gap);
        const filterFrames = await options.evaluate(longestFrames, filterStart);
        let filterTrace: string[] | undefined;
        if (stopTrace) {
          const { events, profile } = await stopTrace();
          fs.writeFileSync(traceFile!, JSON.stringify({ traceEvents: events }));
          fs.writeFileSync(traceFile!.replace(/(\.json)?$/, '.cpuprofile'), JSON.stringify(profile));
          const since = events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity);
          const stalls = traceStalls(events);
          const js = stallFunctions(profile, stalls);
          filterTrace = [...describeStalls(stalls, since), `scripts in those stalls by self time (ms): ${js.map(([n, ms]) => `${n} ${ms}`).join(', ') || 'none'}`];
        }
        return { seconds, longestFrame, imported: n, phases: { ...phases, ...(background ?? {}) }, longScripts, frames, filterLongestFrame, filterFrames, filterTrace, ...(traceFile ? { importTrace } : {}) };
      } finally {
        await options.close();
      }
    },

    async stopWorker() {
      const cdp = await context.newCDPSession(control);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      const end = Date.now() + 5_000;
      while (live.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    },

    async workerHeap() {
      // The worker's heap is only told over its own DevTools session: attached from a page's session, spoken to through it.
      const cdp = await context.newCDPSession(control);
      try {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
        const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(origin));
        if (!target) return null;
        const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
        const replies = new Map<number, (result: { usedSize?: number } | undefined) => void>();
        cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
          if (event.sessionId !== sessionId) return;
          const reply = JSON.parse(event.message) as { id?: number; result?: { usedSize?: number } };
          if (reply.id !== undefined) replies.get(reply.id)?.(reply.result);
        });
        const ask = (id: number, method: string) =>
          within(
            new Promise<{ usedSize?: number } | undefined>((resolve) => {
              replies.set(id, resolve);
              void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
            }),
            30_000,
          );
        // Used size counts garbage not yet collected, which depends on when the collector last ran: what the worker keeps is the live size after a collection.
        const used = (await ask(1, 'Runtime.getHeapUsage'))?.usedSize;
        await ask(2, 'HeapProfiler.collectGarbage');
        const live = (await ask(3, 'Runtime.getHeapUsage'))?.usedSize;
        if (used === undefined || live === undefined) return null;
        const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
        return { usedMB: mb(used), liveMB: mb(live) };
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    },

    close: () => browser.close(),
  };
}
