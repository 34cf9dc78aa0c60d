import browser from 'webextension-polyfill';
import { CorpusStore } from '../services/corpus-store';
import { serveBackground, tell, tellTab, type AnnotateRequest, type AnnotateResponse } from '../platform/protocol';
import { annotateFromStore } from '../services/annotate-page';
import { corpusService } from '../services/corpus-service';
import { bundledSeedSource, bundledSeeds } from '../services/seeds';
import { measure } from '../platform/timing';
import { startFeeds } from '../services/feeds/feeds-background';
import { copyReader } from '../services/copy-reader';
import { storeOpening } from '../services/store-opening';
import { storeStatus } from '../services/store-status';
import { idleWarmUp } from '../services/idle-warm-up';
import { warmUpSteps } from '../lib/match/warm-up';

/** One step of an annotate request, as `crossread-bg:<step>` (e2e build only); returns the start of the next. */
const step = (name: string, start: number): number => measure(`crossread-bg:${name}`, start);

export default defineBackground(() => {
  // From the worker's start to here: starting it, compiling and running the bundle's top level (e2e build: `crossread-start:eval`).
  measure('crossread-start:eval', 0);
  // Seeds are added if absent on every start: install, update and browser
  // restart all pass here, and ensureSeeds never duplicates or drops anything.
  // A failed opening is tried again by the next request (see storeOpening).
  // The popup and the corpus manager hear when an opening updates the corpus (a new version's first start), and ask meanwhile.
  const status = storeStatus((state) => void tell('crossread:store-state-changed', state));
  let opened: CorpusStore | null = null;
  const ready = storeOpening(() => status.track(async (updating): Promise<CorpusStore> => {
    // The e2e build records a start's two parts (`crossread-start:*`), apart from the requests' steps that wait for them.
    let t = performance.now();
    const s = await CorpusStore.open(undefined, { updating });
    t = measure('crossread-start:open', t);
    try {
      await s.ensureSeeds(bundledSeedSource());
    } catch (error) {
      // The next request opens it again.
      s.close();
      throw error;
    }
    measure('crossread-start:seeds', t);
    opened = s;
    return s;
  }));

  let firstRequest = true;
  // The engine's code and tables made ready for every language once a started worker's first page is answered (the next pages' first use of them).
  const warmUp = idleWarmUp(warmUpSteps);
  const annotatePage = async ({ page, storyOnly }: AnnotateRequest): Promise<AnnotateResponse> => {
    let t = performance.now();
    // When a started worker's first page reached it, from the worker's start (e2e build: `crossread-start:request`).
    if (firstRequest) measure('crossread-start:request', 0);
    firstRequest = false;
    warmUp.started();
    let more = false;
    try {
      // Until the store is open (a started worker's first pages), the page is analysed while the browser opens it.
      const { notes, annotation } = await annotateFromStore(opened ?? ready(), page, { storyOnly: storyOnly === true, lap: (name) => (t = step(name, t)) });
      // A first look that found a story is followed by the page's request on its extracted article (entrypoints/content/read-page.ts).
      more = storyOnly === true && notes.story !== 'none';
      return { ok: true, notes, warnings: annotation.warnings ?? [] };
    } finally {
      // The page's requests all answered: the store's idle work (its index read whole) need not wait longer for them.
      if (warmUp.ended(more)) opened?.requestsDone();
    }
  };

  // Every open tab recomputes its notes against the new corpus; open extension pages (the options page) list it again.
  const corpusChanged = async () => {
    const tabs = await browser.tabs.query({});
    await Promise.all([
      tell('crossread:corpus-changed', {}),
      ...tabs.flatMap((tab) => (tab.id !== undefined ? [tellTab(tab.id, 'crossread:corpus-changed', {})] : [])),
    ]);
  };

  // Opened early so the first page waits less; a failure here is told to the request that meets it.
  const openEarly = () => void ready().catch(() => undefined);
  browser.runtime.onInstalled.addListener(openEarly);
  browser.runtime.onStartup.addListener(openEarly);
  openEarly();

  // The one place requests are answered: each payload is checked against the protocol's tables first.
  serveBackground({
    'crossread:annotate': annotatePage,
    'crossread:read-copy': copyReader(),
    'crossread:store-state': async () => status.get(),
    ...startFeeds({ store: ready, changed: () => corpusChanged().catch(() => undefined) }),
    ...corpusService({
      store: ready,
      seeds: bundledSeeds,
      // Not awaited: a write's reply does not wait for every tab to hear of it.
      changed: async () => void corpusChanged().catch(() => undefined),
      progress: (operation, done, total) => void tell('crossread:progress', { operation, done, total }),
      estimate: async () => navigator.storage?.estimate?.(),
    }),
  });
});
