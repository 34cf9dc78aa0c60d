import type { BrowserContext, Page } from 'playwright-core';

/** crossread's cost on one page load, from the e2e build's User Timing measures and the page's long tasks. */
export interface PageCost {
  /** The longest synchronous step crossread ran (ms). */
  largestStep: number;
  largestStepName: string;
  /** The longest long task (> 50 ms) that overlaps one of crossread's steps (ms), 0 when none. */
  largestLongTask: number;
  /**
   * The longest long task crossread caused: one that would not have been long
   * without crossread's steps in it (ms), 0 when none.
   */
  causedLongTask: number;
  /** Time from the load event to the first note (ms), null when no note was shown. */
  loadToFirstNote: number | null;
  steps: number;
  /** The background's work for this page, per annotate request (ms), from its own measures (Chromium). */
  background?: BackgroundCost;
}

export interface BackgroundCost {
  /** Per request, in order: the engine (annotate) and the index lookup (candidates). */
  annotate: number[];
  candidates: number[];
}

/**
 * Reads and clears the measures the e2e build's background records per
 * annotate request (`crossread-bg:<step>`), in Chromium's service worker.
 */
export async function backgroundCost(context: BrowserContext): Promise<BackgroundCost> {
  const worker = context.serviceWorkers()[0];
  if (!worker) return { annotate: [], candidates: [] };
  return worker.evaluate(() => {
    const of = (name: string) => performance.getEntriesByName(`crossread-bg:${name}`, 'measure').map((m) => Math.round(m.duration * 10) / 10);
    const cost = { annotate: of('annotate'), candidates: of('candidates') };
    performance.clearMeasures();
    return cost;
  });
}

/** Collects long tasks from the start of every page (Chromium). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Array<{ start: number; duration: number }> = [];
    (window as unknown as { __longTasks: typeof seen }).__longTasks = seen;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) seen.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No long task timing in this browser.
    }
  });
}

export async function pageCost(page: Page): Promise<PageCost> {
  return page.evaluate(() => {
    const steps = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('crossread:'));
    const tasks = (window as unknown as { __longTasks?: Array<{ start: number; duration: number }> }).__longTasks ?? [];
    const inside = (t: { start: number; duration: number }) =>
      steps.reduce((sum, s) => sum + Math.max(0, Math.min(s.startTime + s.duration, t.start + t.duration) - Math.max(s.startTime, t.start)), 0);
    const overlapping = tasks.filter((t) => inside(t) > 0);
    const caused = overlapping.filter((t) => t.duration - inside(t) <= 50);
    const largest = steps.reduce<PerformanceEntry | null>((a, s) => (!a || s.duration > a.duration ? s : a), null);
    const first = performance.getEntriesByName('crossread:first-note')[0];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      largestStep: Math.max(0, ...steps.map((s) => s.duration)),
      largestStepName: largest?.name ?? '',
      largestLongTask: Math.max(0, ...overlapping.map((t) => t.duration)),
      causedLongTask: Math.max(0, ...caused.map((t) => t.duration)),
      loadToFirstNote: first ? first.startTime - (nav?.loadEventEnd ?? 0) : null,
      steps: steps.length,
    };
  });
}

/** Runs `js` in the overlay's (open, e2e build) shadow root. */
export function inRoot<T>(page: Page, fn: (root: ShadowRoot) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(document.querySelector('crossread-overlay').shadowRoot)`) as Promise<T>;
}

/** The seed article's own markup without the site's styles: text across the full width, the headline at the page's very top. */
export function fullWidthPage(article: string): string {
  const head = /<head>([\s\S]*?)<\/head>/.exec(article)![1].replace(/<style>[\s\S]*?<\/style>/g, '');
  const main = /<main id="content">([\s\S]*?)<\/main>/.exec(article)![1].replace(/<p class="kicker">[^<]*<\/p>/, '');
  return `<!doctype html><html lang="de"><head>${head}<style>body{margin:0;font:17px/1.5 Georgia,serif} h1{margin:0 8px;font-size:34px} p{margin:12px 8px} svg.photo{width:100%;max-height:300px}</style></head><body><main>${main}</main></body></html>`;
}

/** The related-event test page (tests/e2e/pages/related.html) across the full width, its headline at the page's very top. */
export function fullWidthRelated(related: string): string {
  return related.replace(/<style>[\s\S]*?<\/style>/, '<style>body{font:18px/1.6 Georgia,serif;margin:0} h1{margin:0 8px} p{margin:12px 8px} header{display:none}</style>');
}

export type Box = { top: number; bottom: number; left: number; right: number };
export const intersects = (a: Box, b: Box): boolean => a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;
