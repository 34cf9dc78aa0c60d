import browser from 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { exportCorpus, exportFileName, serialiseExport, type Held } from '../../lib/article/transfer';
import type { OutletProfile } from '../../lib/notes/outlet-profile';
import { ProgressBar } from '../../components/options/ProgressBar';
import { StorySection } from '../../components/options/StorySection';
import { ShortcutSettings } from '../../components/options/ShortcutSettings';
import { VirtualList } from '../../components/options/VirtualList';
import { defaultNoteShortcuts, noteShortcuts, type NoteShortcuts } from '../../platform/shortcuts';
import { ask, listen, type ArticleSummary, type CorpusUpdate, type Failure, type PastedArticle, type StorySummary } from '../../platform/protocol';
import { uiMessages } from '../../lib/i18n/ui-messages';
import { watchCorpusUpdate } from '../../platform/corpus-update';
import { localeFor } from '../../lib/i18n/messages';
import { measure } from '../../platform/timing';
import { optionsMessages } from '../../lib/i18n/options-messages';
import { importCancelled, ProblemError } from '../../lib/i18n/problem-messages';
import { SourcesSection } from './sources';
import { readImportFile } from './read-import';
import { sendImport, type ImportSource } from './send-import';
import './options.css';
import { download } from './download';
import { corpusArticles } from './corpus-articles';
import { corpusKeys, foldedTexts } from './corpus-keys';
import { watchBackground } from './background-watch';
import { corpusListing } from './corpus-listing';
import { arrangeListing, prepareFilterTexts, type ArrangedListing, type StoryGroup } from './arrange-listing';
import { filterInSteps } from './filter-in-steps';
import { afterPaint } from './after-paint';
import { storyPieces } from './story-pieces';
import { watchReaderInput } from './reader-input';

const locale = localeFor(browser.i18n.getUILanguage());
const t = optionsMessages(locale);
document.documentElement.lang = locale;
document.title = t.heading;

/** What went wrong, in the reader's language where crossread knows the problem. */
const errorText = (error: unknown) => t.problems.failure(error);

/** A reply's fields, or its failure thrown as an Error (with its problem). */
function must<T extends { ok: boolean }>(reply: T | Failure): Exclude<T, Failure> {
  if (!reply.ok) {
    const { error, problem } = reply as Failure;
    throw problem ? new ProblemError(problem) : new Error(error);
  }
  return reply as Exclude<T, Failure>;
}

interface Message {
  text: string;
  error?: boolean;
  undo?: () => void;
}


/**
 * The feeds section takes nothing from this page: one element, which Preact
 * does not render again when the page does (ten times a second during an
 * import, for the progress), where its texts format numbers each time.
 */
const sourcesSection = <SourcesSection />;

/** How long the stories shown must stay shown before their charts are asked for (ms). */
const CHARTS_AFTER_MS = 150;
/**
 * How long the reader must have left the page alone (no key, scroll or pointer) before a story's chart is asked for (ms):
 * in Firefox the charts' comparisons run on this page's thread, in stalls of 100-240 ms. Longer than the pause between two
 * keys typed or two scroll steps.
 */
const CHARTS_IDLE_MS = 1000;
/** The reader's input on this page, watched from its first render on. */
const readerInput = typeof window === 'undefined' ? null : watchReaderInput(window);

/** A story's profiles are asked for once per corpus generation. */
const profileKey = (generation: number, story: StorySummary) => `${generation}:${story.id}:${story.articleIds.length}`;

/**
 * The corpus manager. It never opens the database nor runs the engine: it
 * asks the background for the list, the stories and their charts, and for
 * every change.
 */
function Options() {
  const [listed, setListed] = useState<ArrangedListing>(() => ({ articles: [], groups: [], bySize: [], haystacks: null, indexOf: new Map() }));
  const articles = listed.articles;
  const [generation, setGeneration] = useState<number | null>(null);
  const [profiles, setProfiles] = useState<Map<string, Record<string, OutletProfile>>>(new Map());
  /** The stories the list has in the DOM (on screen and around). */
  const [shownStories, setShownStories] = useState<StorySummary[]>([]);
  const [filter, setFilter] = useState('');
  const [textMatches, setTextMatches] = useState<{ query: string; ids: string[]; allBut: boolean } | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  // A new version's first start may be updating the corpus, which holds the list back: the reader hears why.
  const [update, setUpdate] = useState<CorpusUpdate | null>(null);
  const [opened, setOpened] = useState<(ArticleSummary & { text: string }) | null>(null);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [usage, setUsage] = useState<string>('');
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [shortcuts, setShortcuts] = useState<NoteShortcuts | null>(null);
  const cancel = useRef<AbortController | null>(null);
  /** The write whose progress events this page shows. */
  const operation = useRef<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  /** The listing under way, and the one asked for meanwhile. */
  const listing = useRef<{ running: Promise<void> | null; again: Promise<void> | null }>({ running: null, again: null });
  const currentFilter = useRef('');
  currentFilter.current = filter.trim();

  /**
   * Lists the corpus again. One listing at a time: asked for while one runs
   * (which may have read the corpus before the asker's change), it runs once
   * more afterwards for everyone who asked meanwhile. At 10,000 articles a
   * listing reads every article in the background and is a 3 MB answer here,
   * and the end of an import asked for three at once (its own and the
   * corpus-changed event, which Firefox delivers twice to this page).
   */
  const reload = (): Promise<void> => {
    const state = listing.current;
    if (state.running) {
      state.again ??= state.running
        .catch(() => undefined)
        .then(() => {
          state.again = null;
          return reload();
        });
      return state.again;
    }
    const running = listOnce().finally(() => {
      if (state.running === running) state.running = null;
    });
    state.running = running;
    return running;
  };

  const listOnce = async () => {
    let lap = performance.now();
    const [list, stats] = await Promise.all([corpusListing((page) => ask('crossread:list-articles', page)), ask('crossread:corpus-stats', {})]);
    const { articles, stories, generation } = must(list);
    lap = measure('crossread:list-read', lap);
    // Arranging the list (in slices) and rendering it are frames of their own: together, at 50,000 articles, one long frame after the last page came.
    await afterPaint();
    const arranged = await arrangeListing(articles, stories, afterPaint);
    await afterPaint();
    lap = measure('crossread:list-arrange', lap);
    setListed(arranged);
    setGeneration(generation);
    void afterPaint().then(() => measure('crossread:list-show', lap));
    // The filter's texts, in slices after the list's frame.
    void afterPaint().then(() => prepareFilterTexts(arranged, afterPaint));
    if (stats.ok && stats.usage !== null) {
      setUsage(t.usage((stats.usage / 1_048_576).toFixed(1), ((stats.quota ?? 0) / 1_048_576).toFixed(0)));
    }
  };

  useEffect(() => {
    void reload().catch((error: unknown) => setMessage({ text: t.cannotOpen(errorText(error)), error: true }));
    void noteShortcuts.getValue().then((v) => setShortcuts(v ?? defaultNoteShortcuts));
    // Ask the browser not to evict the corpus under storage pressure.
    void navigator.storage?.persist?.().then(setPersisted);
    const stopWatchingUpdate = watchCorpusUpdate(setUpdate);
    const stopListening = listen({
      // A change made elsewhere (the popup, another options page); this page's own import lists the corpus when it ends.
      'crossread:corpus-changed': () => {
        if (operation.current === null) void reload().catch(() => undefined);
      },
      'crossread:progress': (p) => {
        if (p.operation === operation.current) setProgress({ label: t.saving, done: p.done, total: p.total });
      },
    });
    return () => {
      stopWatchingUpdate();
      stopListening();
    };
  }, []);

  useEffect(() => {
    if (opened) dialog.current?.showModal();
  }, [opened]);

  // The charts of the stories on screen, asked for story by story so the list shows at once: a corpus of
  // thousands of stories would otherwise keep the background comparing stories nobody scrolls to.
  useEffect(() => {
    if (generation === null) return;
    let stale = false;
    void (async () => {
      // Once the list has stayed put a moment: while it scrolls, each step's stories and their charts were frames of work
      // for charts scrolled past before they came.
      await new Promise((resolve) => setTimeout(resolve, CHARTS_AFTER_MS));
      for (const story of shownStories) {
        const key = profileKey(generation, story);
        if (stale) return;
        if (story.articleIds.length < 2 || profiles.has(key)) continue;
        // Article by article, each in a pause of the reader's: one article's comparison is a few stalls in Firefox, a story's
        // (dozens of articles) went on for up to ~750 ms while the reader had started typing. The chart shows when all are in.
        const chart: Record<string, OutletProfile> = {};
        let complete = true;
        for (const articleId of story.articleIds) {
          await readerInput?.idle(CHARTS_IDLE_MS, () => stale);
          if (stale) return;
          const reply = await ask('crossread:story-profiles', { storyId: story.id, articleId });
          if (stale) return;
          if (!reply.ok) {
            complete = false;
            break;
          }
          Object.assign(chart, reply.profiles);
        }
        if (!complete) continue;
        setProfiles((known) => {
          const next = new Map([...known].filter(([k]) => k.startsWith(`${generation}:`)));
          next.set(key, chart);
          return next;
        });
      }
    })();
    return () => {
      stale = true;
    };
  }, [shownStories, generation]);

  // The filter looks in the texts too: the background has them.
  useEffect(() => {
    const query = filter.trim();
    if (!query) return setTextMatches(null);
    const timer = setTimeout(() => {
      void ask('crossread:search-articles', { query }).then((reply) => {
        if (reply.ok && currentFilter.current === query) setTextMatches({ query, ids: reply.ids, allBut: reply.allBut === true });
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [filter, generation]);

  // The stories the filter shows, worked out in steps with frames between (filter-in-steps.ts). A listing without a filter
  // shows at once, as before.
  const [filtered, setFiltered] = useState<StoryGroup[] | null>(null);
  useEffect(() => {
    if (!filter.trim()) return setFiltered(null);
    let stale = false;
    void filterInSteps(listed, filter, textMatches, afterPaint, () => stale).then((groups) => {
      if (!stale && groups) setFiltered(groups);
    });
    return () => {
      stale = true;
    };
  }, [listed, filter, textMatches]);
  // Until a filter's first result is ready the list shows what it showed before (the whole list, or the last result, of
  // this listing or, for a frame or two after a change, of the one before), not the whole list for a frame.
  const grouped = filter.trim() && filtered ? filtered : listed.bySize;
  const pieces = useMemo(() => storyPieces(grouped), [grouped]);

  /** Runs a change and shows what came of it; true when it succeeded. */
  const run = async (label: string, body: () => Promise<string | Message>): Promise<boolean> => {
    try {
      const result = await body();
      setMessage(typeof result === 'string' ? { text: result } : result);
      return true;
    } catch (error) {
      setMessage({ text: `${label}: ${errorText(error)}`, error: true });
      return false;
    }
  };

  const importFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    const controller = new AbortController();
    cancel.current = controller;
    const id = crypto.randomUUID();
    // Once the articles are sent, cancelling stops the background's write.
    controller.signal.addEventListener('abort', () => {
      if (operation.current === id) void ask('crossread:cancel', { operation: id });
    });
    await run(t.importStopped, async () => {
      try {
        // Every file is read and checked before anything is written; the write is one transaction.
        // The e2e build records the steps as `crossread:import-<step>`, for the browser bench.
        let lap = performance.now();
        let imported = 0;
        const sources: ImportSource[] = [];
        const notes: string[] = [];
        /**
         * Reads the files, keeping their sources; resolves with the number of articles kept. A function of its own so that
         * what the reading held goes with its frame: the function below stays suspended through the whole write, and a
         * suspended async function keeps the values of its finished blocks too (V8 keeps their registers), so the last
         * file's result, every kept article's key (labels and hash), stayed on this page through the write (a heap
         * snapshot of the bench's 50,000, 20 s into it: 16,505 keys, ~7 MB of the page's ~17 MB live).
         */
        const readFiles = async (): Promise<number> => {
          // The stored articles' keys, not their texts: a file's article whose hash matches one is confirmed with its folded text.
          const existing = must(await corpusKeys((page) => ask('crossread:import-keys', page))).keys;
          const confirm = foldedTexts((payload) => ask('crossread:folded-texts', payload));
          // What each file kept (its articles, or their keys where its worker keeps the texts): the files after it are checked against them.
          const prepared: Held[] = [];
          for (const file of Array.from(files)) {
            const result = await readImportFile(file, [...existing, ...prepared], {
              signal: controller.signal,
              onProgress: (done, total) => setProgress({ label: t.reading(file.name), done, total }),
              foldedTexts: confirm,
            });
            prepared.push(...result.kept);
            sources.push(result.source);
            for (const skipped of result.skipped) notes.push(t.skipped(file.name, skipped.title, t.problems.skip(skipped.why)));
          }
          return prepared.length;
        };
        try {
          imported = await readFiles();
          if (controller.signal.aborted) throw importCancelled();
          lap = measure('crossread:import-read', lap);
          operation.current = id;
          setProgress({ label: t.saving, done: 0, total: imported });
          // Parts go out as the import workers analyse them (sent by the workers themselves where they reach the background); the background writes them into one transaction.
          const watch = watchBackground();
          try {
            await sendImport(sources, { operation: id, signal: controller.signal, send: (part) => ask('crossread:import-articles', part), lost: watch.lost });
          } finally {
            watch.close();
          }
        } catch (error) {
          // What the corpus holds now (as before: a failed import keeps nothing), e.g. after the background restarted.
          void reload().catch(() => undefined);
          throw error;
        } finally {
          for (const s of sources) s.analyser?.close();
        }
        lap = measure('crossread:import-save', lap);
        await reload();
        measure('crossread:import-list', lap);
        return [t.imported(imported), ...notes].join(' ');
      } finally {
        setProgress(null);
        cancel.current = null;
        operation.current = null;
      }
    });
  };

  const saveArticle = async (article: ArticleSummary, outlet: string, date: string | null): Promise<string | null> => {
    const reply = await ask('crossread:update-article', { id: article.id, outlet, date });
    if (!reply.ok) return errorText(reply);
    await reload().catch(() => undefined);
    return null;
  };

  const deleteArticle = (article: ArticleSummary) =>
    void run(t.cannotDelete, async () => {
      const deleted = must(await ask('crossread:delete-article', { id: article.id })).article;
      await reload();
      return {
        text: t.deleted(article.title),
        undo: () =>
          void run(t.cannotRestore, async () => {
            must(await ask('crossread:restore-article', { article: deleted }));
            await reload();
            return t.restored(article.title);
          }),
      };
    });

  const openArticle = async (article: ArticleSummary) => {
    const reply = await ask('crossread:get-article', { id: article.id });
    if (reply.ok) setOpened(reply.article);
    else setMessage({ text: errorText(reply), error: true });
  };

  // The rows' actions as the same functions in every render, so a story whose articles did not change is not rendered again
  // (StorySection is memoised): the progress, a message or a story's chart arriving re-rendered every row on screen.
  const actions = useRef({ openArticle, saveArticle, deleteArticle });
  actions.current = { openArticle, saveArticle, deleteArticle };
  const rowActions = useMemo(
    () => ({
      onOpen: (article: ArticleSummary) => void actions.current.openArticle(article),
      onSave: (article: ArticleSummary, outlet: string, date: string | null) => actions.current.saveArticle(article, outlet, date),
      onDelete: (article: ArticleSummary) => actions.current.deleteArticle(article),
    }),
    [],
  );

  return (
    <main>
      <header>
        <h1>{t.heading}</h1>
        <p class="stats">
          {t.articles(articles.length)} · {usage}
          {persisted === false && ` · ${t.mayEvict}`}
        </p>
      </header>

      {update && (
        <p class="message updating" role="status">
          {uiMessages(locale).updatingCorpus(update.what, update.articles)}
        </p>
      )}
      {message && (
        <p class={message.error ? 'message error' : 'message'} role={message.error ? 'alert' : 'status'}>
          {message.text}{' '}
          {message.undo && (
            <button type="button" onClick={message.undo}>
              {t.undo}
            </button>
          )}
        </p>
      )}
      {progress && (
        <ProgressBar t={t} label={progress.label} done={progress.done} total={progress.total} onCancel={() => cancel.current?.abort()} />
      )}

      {sourcesSection}

      <section class="tools" aria-label={t.toolsLabel}>
        <label>
          {t.filter} <input type="search" value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label class="file">
          {t.importLabel}
          <input
            type="file"
            multiple
            accept=".json,.txt,application/json,text/plain"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void importFiles(input.files).then(() => (input.value = ''));
            }}
          />
        </label>
        <button
          type="button"
          onClick={() =>
            void corpusArticles((page) => ask('crossread:export-articles', page)).then((reply) => {
              if (reply.ok) download(exportFileName(), serialiseExport(exportCorpus(reply.articles)), 'application/json');
              else setMessage({ text: errorText(reply), error: true });
            })
          }
        >
          {t.exportLabel}
        </button>
        <button
          type="button"
          onClick={() => {
            const ok = confirm(t.resetConfirm);
            if (ok)
              void run(t.resetFailed, async () => {
                must(await ask('crossread:reset-to-seeds', {}));
                await reload();
                return t.resetDone;
              });
          }}
        >
          {t.reset}
        </button>
      </section>

      {shortcuts && (
        <ShortcutSettings
          t={t}
          value={shortcuts}
          onChange={(value) => {
            setShortcuts(value);
            void noteShortcuts.setValue(value);
          }}
        />
      )}

      <AddByPaste
        onAdd={(input) =>
          run(t.cannotAdd, async () => {
            const added = must(await ask('crossread:add-text', input));
            await reload();
            return t.added(added.title);
          })
        }
      />

      <VirtualList
        items={pieces}
        keyOf={(p) => `${p.group.story.id}:${p.from}`}
        // A story's heading and table header, its timeline line and chart once there are two outlets (on its first piece), a row per article.
        estimate={(p) => (p.from === 0 ? 90 + (p.group.articles.length > 1 ? 184 : 0) : 0) + 34 * (p.to - p.from)}
        // Guesses scaled by what pieces of the same kind measured: rows whose titles wrap are twice the 34 px guessed (the bench's 50,000).
        kindOf={(p) => (p.from > 0 ? 'rows' : p.group.articles.length > 1 ? 'story' : 'single')}
        onShown={(shown) => {
          // A story once, however many of its pieces are shown; the same stories keep the same state (no new ask for charts).
          const next = [...new Set(shown.map((p) => p.group.story))];
          setShownStories((before) => (before.length === next.length && before.every((s, i) => s === next[i]) ? before : next));
        }}
        render={({ group: { story, articles: shown }, n, from, to }) => (
          <StorySection
            n={n}
            t={t}
            articles={shown}
            from={from}
            to={to}
            // Only the first piece draws the chart: a later one is not rendered again when it arrives.
            profiles={generation === null || from > 0 ? undefined : profiles.get(profileKey(generation, story))}
            {...rowActions}
          />
        )}
      />

      <dialog ref={dialog} onClose={() => setOpened(null)} aria-label={opened?.title ?? t.article}>
        {opened && (
          <>
            <h2>{opened.title}</h2>
            <p>
              {opened.outlet} · {opened.date ?? t.noDate} · {opened.url ?? ''}
            </p>
            <pre class="text">{opened.text}</pre>
            <form method="dialog">
              <button type="submit">{t.close}</button>
            </form>
          </>
        )}
      </dialog>
    </main>
  );
}

/** Adds a pasted article; once it is added, every field is emptied, so the next article starts with no outlet or date of the last. */
function AddByPaste({ onAdd }: { onAdd: (input: PastedArticle) => Promise<boolean> }) {
  const [raw, setRaw] = useState('');
  const [outlet, setOutlet] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [url, setUrl] = useState('');
  return (
    <details class="paste">
      <summary>{t.paste}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const added = await onAdd({ raw, outlet: outlet || undefined, title: title || undefined, date: date || null, url: url || null });
          if (!added) return;
          setRaw('');
          setOutlet('');
          setTitle('');
          setDate('');
          setUrl('');
        }}
      >
        <label>
          {t.columns.outlet} <input value={outlet} onInput={(e) => setOutlet((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          {t.columns.title} <input value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          {t.columns.date} <input type="date" value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          {t.address} <input type="url" value={url} onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label class="wide">
          {t.text} <textarea rows={8} value={raw} onInput={(e) => setRaw((e.currentTarget as HTMLTextAreaElement).value)} required />
        </label>
        <button type="submit">{t.addToCorpus}</button>
      </form>
    </details>
  );
}

render(<Options />, document.getElementById('app')!);
