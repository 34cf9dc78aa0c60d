/** What the browser bench asks of a browser (scripts/lib/bench-chromium.ts, bench-firefox.ts). */
export interface PageRun {
  /** Load event to crossread's first note (ms); null when none came. */
  loadToFirstNote: number | null;
  /**
   * The longest main-thread work attributed to crossread on the page (ms): its
   * scripts' time in a long animation frame (script attribution, or its own
   * steps inside the frame), else its longest step.
   */
  longestTask: number;
  /** What that longest task consisted of (crossread's steps in the frame by name, the frame's scripts by invoker), where the browser tells. */
  longestTaskDetail?: string;
  /** crossread's longest own step on the page (its User Timing measures, ms): a check on the attribution above. */
  longestStep: number;
  longestStepName: string;
  /** The background's own time for the page's annotate request (ms), when the browser lets the bench read it. */
  background: number | null;
  /** The same by step of the background's work (ready, terms, candidates, annotate, notes). */
  backgroundSteps?: Record<string, number>;
  /**
   * The worker thread's CPU within the background's measures (ms; Chromium's `--bg-cpu`, from a trace's task thread
   * times): `background` less what it waited for and the time other threads had the cores. Null where none was traced.
   */
  backgroundCpu?: number | null;
}

export interface BrowserDriver {
  name: string;
  version: string;
  taskSource: 'loaf' | 'user-timing';
  /** Opens `url` in a new tab, waits for the first note (`wantNote`) or for crossread to finish with the page, and closes it. */
  openPage(url: string, options: { wantNote: boolean; noteTimeout?: number }): Promise<PageRun>;
  /**
   * Imports the files through the corpus manager; seconds until it says the articles were imported, and its longest frame
   * meanwhile (`frames`: what its longest stutters consisted of). Then types a filter into the list word by word, clears
   * it and scrolls: the longest frame meanwhile (`filterLongestFrame`, `filterFrames`), and where the driver records a trace
   * of that, its longest main-thread stalls by their events' self time (`filterTrace`), and the import's (`importTrace`: its
   * reading's stalls from a trace, the rest's busiest stretches from a CPU profile).
   */
  importFiles(
    files: readonly string[],
    expected: number,
  ): Promise<{ seconds: number; longestFrame: number; imported: number; phases: Record<string, number>; longScripts?: string[]; frames?: string[]; filterLongestFrame?: number; filterFrames?: string[]; filterTrace?: string[]; importTrace?: string[] }>;
  /** Stops the background as the browser does after 30 idle seconds; absent where the bench cannot. */
  stopWorker?: () => Promise<void>;
  /** Where stopWorker does something else than stop a service worker: what the stopped-worker figure then measures. */
  stoppedWorkerMeans?: string;
  /** The background's JS heap (MB): as it stands (garbage included) and what is live after a garbage collection; null where the browser does not tell. */
  workerHeap(): Promise<{ usedMB: number; liveMB: number } | null>;
  close(): Promise<void>;
}

/** How long a page may take to show its first note before the bench gives up on it (ms). */
export const NOTE_TIMEOUT = 30_000;
/** How long after the load event a page without a note is watched for crossread's work (ms). */
export const QUIET_AFTER_LOAD = 2_500;
/** How long after the import's message the corpus manager's frames are still watched (ms): the frame that showed it must end to be measured. */
export const SETTLE_MS = 300;
/** What the bench types into the corpus manager's filter after the import, one state after another (a letter at a time). */
export const FILTER_TYPED = ['b', 'be', 'ber', 'berl', 'berlin'];
/** Between two keystrokes: longer than the filter's wait before it searches the texts (150 ms), so each search runs. */
export const FILTER_PAUSE_MS = 400;
/** Then the list is scrolled this often by this much (px). */
export const SCROLLS = 10;
export const SCROLL_PX = 3000;
/** How long an import may take (ms). */
export const IMPORT_TIMEOUT = 30 * 60_000;

/** A long animation frame's script (5 ms or more), as the frame watch records it; `frame`: the frame's index. */
export type WatchedScript = { url: string; duration: number; invoker?: string; fn?: string; frame: number };
/** A long animation frame's parts (ms): its tasks before rendering, the rendering's callbacks, and its blocking time. */
export type FrameParts = { tasks: number; callbacks: number; blocking: number };
/**
 * The frame watch a bench keeps in a page as `window.__crossreadBench` (Chromium: `observeFrames` in
 * bench-chromium.ts; Firefox has no Long Animation Frames, so its watch keeps the stutters and the rest stays
 * empty). `gap`: the longest stutter; `gaps`: each over 50 ms as [start, end]; `frames`, `spans`, `layout`,
 * `parts`: each long frame's duration, span, style-and-layout time and parts. Functions run in the page cast
 * `window` to this: a type only, as they are sent to the page as text.
 */
export type FrameWatchWindow = {
  __crossreadBench: { gap: number; gaps: Array<[number, number]>; frames: number[]; spans: Array<[number, number]>; scripts: WatchedScript[]; layout: number[]; parts: FrameParts[] };
};

/** Forgets the stutters watched so far, so that the filter's are reported on their own. Runs in the page. */
export function restartFrameWatch(): void {
  const state = (window as unknown as FrameWatchWindow).__crossreadBench;
  state.gap = 0;
  state.gaps.length = 0;
}

/**
 * What the page's longest stutters since `since` consisted of, longest first:
 * when (seconds after `since`), how long, the page's steps under way
 * (crossread's measures), and the long animation frames inside with their
 * style-and-layout time and scripts by invoker. Runs in the page.
 */
export function longestFrames(since: number): string[] {
  const state = (window as unknown as FrameWatchWindow).__crossreadBench;
  // The frame loop and the timer see the same stall: overlapping gaps are one.
  const merged: Array<[number, number]> = [];
  for (const [a, b] of [...state.gaps].filter((g) => g[1] > since).sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && a < last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const steps = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread:'));
  return merged
    .sort((x, y) => y[1] - y[0] - (x[1] - x[0]))
    .slice(0, 5)
    .map(([a, b]) => {
      const under = steps.filter((m) => m.startTime < b && m.startTime + m.duration > a).map((m) => m.name.slice(10));
      const frames = state.spans
        .map((span, i) => ({ span, i }))
        .filter((f) => f.span[0] < b && f.span[1] > a)
        .map((f) => {
          const scripts = state.scripts.filter((s) => s.frame === f.i);
          const parts = state.parts[f.i];
          // Tasks before rendering hold the scripts listed (each of 5 ms or more) and whatever else ran: what they leave unnamed is the rest.
          const listed = scripts.reduce((sum, s) => sum + s.duration, 0);
          const shape = parts
            ? `tasks ${Math.round(parts.tasks)} (listed scripts ${Math.round(listed)}, rest ${Math.round(Math.max(0, parts.tasks - listed))}), render callbacks ${Math.round(parts.callbacks)}, style and layout ${Math.round(state.layout[f.i] ?? 0)}, blocking ${Math.round(parts.blocking)}`
            : `layout ${Math.round(state.layout[f.i] ?? 0)}`;
          return `frame ${Math.round(f.span[1] - f.span[0])} ms (${shape}; scripts: ${scripts.map((s) => `${s.invoker ?? '?'}${s.fn ? ` ${s.fn}` : ''} ${Math.round(s.duration)}`).join(', ') || 'none'})`;
        });
      return `+${((a - since) / 1000).toFixed(1)} s: ${Math.round(b - a)} ms during ${under.join(', ') || 'no step'}; ${frames.join('; ') || 'no long animation frame'}`;
    });
}
