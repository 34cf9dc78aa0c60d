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
}

export interface BrowserDriver {
  name: string;
  version: string;
  taskSource: 'loaf' | 'user-timing';
  /** Opens `url` in a new tab, waits for the first note (`wantNote`) or for crossread to finish with the page, and closes it. */
  openPage(url: string, options: { wantNote: boolean; noteTimeout?: number }): Promise<PageRun>;
  /** Imports the files through the corpus manager; seconds until it says the articles were imported, and its longest frame meanwhile. */
  importFiles(files: readonly string[], expected: number): Promise<{ seconds: number; longestFrame: number; imported: number; phases: Record<string, number>; longScripts?: string[] }>;
  /** Stops the background as the browser does after 30 idle seconds; absent where the bench cannot. */
  stopWorker?: () => Promise<void>;
  /** The background's JS heap (MB): as it stands (garbage included) and what is live after a garbage collection; null where the browser does not tell. */
  workerHeap(): Promise<{ usedMB: number; liveMB: number } | null>;
  close(): Promise<void>;
}

/** How long a page may take to show its first note before the bench gives up on it (ms). */
export const NOTE_TIMEOUT = 30_000;
/** How long after the load event a page without a note is watched for crossread's work (ms). */
export const QUIET_AFTER_LOAD = 2_500;
/** How long an import may take (ms). */
export const IMPORT_TIMEOUT = 30 * 60_000;
