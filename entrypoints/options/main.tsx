import browser from 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CorpusStore } from '../../lib/corpus/store';
import type { Article } from '../../lib/corpus/article';
import { makeArticle } from '../../lib/corpus/make-article';
import { groupStories, type StoryGroup } from '../../lib/corpus/stories';
import { exportCorpus, exportFileName, parseImportAsync, serialiseExport } from '../../lib/corpus/transfer';
import { annotate } from '../../lib/match/annotate';
import { outletProfile, type OutletProfile } from '../../lib/notes/outlet-profile';
import { ArticleRow } from '../../components/options/ArticleRow';
import { ProgressBar } from '../../components/options/ProgressBar';
import { StoryChart } from '../../components/options/StoryChart';
import { ShortcutSettings } from '../../components/options/ShortcutSettings';
import { defaultNoteShortcuts, noteShortcuts, type NoteShortcuts } from '../../platform/shortcuts';
import { bundledSeedSource, bundledSeeds } from '../../platform/seeds';
import type { CorpusChangedMessage } from '../../platform/messages';
import { localeFor } from '../../lib/i18n/messages';
import { optionsMessages } from '../../lib/i18n/options-messages';
import './options.css';

const locale = localeFor(browser.i18n.getUILanguage());
const t = optionsMessages(locale);
document.documentElement.lang = locale;
document.title = t.heading;

/** Above this many articles, stories are not grouped here: pairwise judgement would freeze the page. */
const MAX_GROUPED = 300;

interface StoryView extends StoryGroup {
  profiles: Map<string, OutletProfile>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function pageOf(article: Article) {
  return { text: article.raw, url: article.url, title: article.title, date: article.date, language: article.language };
}

/** Groups the corpus by story with the matching engine, and profiles each outlet against its story. */
function stories(articles: Article[]): StoryView[] {
  if (articles.length > MAX_GROUPED) return [{ articles, profiles: new Map() }];
  const annotations = new Map(articles.map((a) => [a.id, annotate(pageOf(a), articles.filter((b) => b.id !== a.id))]));
  const byDoc = new Map(articles.map((a) => [a.file ?? a.id, a]));
  const groups = groupStories(articles, (a) =>
    (annotations.get(a.id)?.outlets ?? []).filter((o) => o.sameStory).map((o) => byDoc.get(o.doc)!).filter(Boolean),
  );
  return groups.map((group) => {
    const profiles = new Map<string, OutletProfile>();
    if (group.articles.length > 1) {
      for (const a of group.articles) {
        profiles.set(a.id, outletProfile(annotate(pageOf(a), group.articles.filter((b) => b.id !== a.id))));
      }
    }
    return { ...group, profiles };
  });
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Options() {
  const [store, setStore] = useState<CorpusStore | null>(null);
  const [articles, setArticles] = useState<Article[]>([]);
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<{ text: string; error?: boolean; undo?: () => void } | null>(null);
  const [opened, setOpened] = useState<Article | null>(null);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [usage, setUsage] = useState<string>('');
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [shortcuts, setShortcuts] = useState<NoteShortcuts | null>(null);
  const cancel = useRef<AbortController | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const reload = async (s = store) => {
    if (!s) return;
    setArticles(await s.listArticles());
    const estimate = await navigator.storage?.estimate?.();
    if (estimate?.usage !== undefined) {
      setUsage(t.usage((estimate.usage / 1_048_576).toFixed(1), ((estimate.quota ?? 0) / 1_048_576).toFixed(0)));
    }
  };

  const changed = async (s = store) => {
    await reload(s);
    const note: CorpusChangedMessage = { type: 'crossread:corpus-changed' };
    await browser.runtime.sendMessage(note).catch(() => undefined);
  };

  useEffect(() => {
    void CorpusStore.open()
      .then(async (s) => {
        // The background seeds the corpus too; if it is doing so right now, its write wins and ours is moot.
        await s.ensureSeeds(bundledSeedSource()).catch(() => undefined);
        setStore(s);
        await reload(s);
      })
      .catch((error: unknown) => setMessage({ text: t.cannotOpen(errorText(error)), error: true }));
    void noteShortcuts.getValue().then((v) => setShortcuts(v ?? defaultNoteShortcuts));
    // Ask the browser not to evict the corpus under storage pressure.
    void navigator.storage?.persist?.().then(setPersisted);
  }, []);

  useEffect(() => {
    if (opened) dialog.current?.showModal();
  }, [opened]);

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return articles;
    return articles.filter((a) => `${a.outlet} ${a.title} ${a.url ?? ''} ${a.raw}`.toLowerCase().includes(needle));
  }, [articles, filter]);
  const grouped = useMemo(() => stories(visible), [visible]);

  const run = async (label: string, body: () => Promise<string>) => {
    try {
      setMessage({ text: await body() });
    } catch (error) {
      setMessage({ text: `${label}: ${errorText(error)}`, error: true });
    }
  };

  const importFiles = async (files: FileList | null) => {
    if (!store || !files?.length) return;
    const controller = new AbortController();
    cancel.current = controller;
    await run(t.importStopped, async () => {
      try {
        // Every file is read and checked before anything is written; the write is one transaction.
        const prepared: Article[] = [];
        const notes: string[] = [];
        for (const file of Array.from(files)) {
          const result = await parseImportAsync(file.name, await file.text(), [...articles, ...prepared], {
            signal: controller.signal,
            onProgress: (done, total) => setProgress({ label: t.reading(file.name), done, total }),
          });
          prepared.push(...result.articles);
          for (const skipped of result.skipped) notes.push(t.skipped(file.name, skipped.title, skipped.reason));
        }
        await store.importArticles(prepared, {
          signal: controller.signal,
          onProgress: (done, total) => setProgress({ label: t.saving, done, total }),
        });
        await changed();
        return [t.imported(prepared.length), ...notes].join(' ');
      } finally {
        setProgress(null);
        cancel.current = null;
      }
    });
  };

  return (
    <main>
      <header>
        <h1>{t.heading}</h1>
        <p class="stats">
          {t.articles(articles.length)} · {usage}
          {persisted === false && ` · ${t.mayEvict}`}
        </p>
      </header>

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

      <section class="tools" aria-label="Corpus tools">
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
          onClick={() => download(exportFileName(), serialiseExport(exportCorpus(articles)))}
        >
          {t.exportLabel}
        </button>
        <button
          type="button"
          onClick={() => {
            if (!store) return;
            const ok = confirm(t.resetConfirm);
            if (ok)
              void run(t.resetFailed, async () => {
                await store.replaceWithSeeds(bundledSeeds());
                await changed();
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
            if (!store) return '';
            const article = makeArticle({ ...input, id: `user-${crypto.randomUUID()}`, source: 'user', addedAt: Date.now() });
            await store.addArticles([article]);
            await changed();
            return t.added(article.title);
          })
        }
      />

      {grouped.map((story, i) => (
        <section class="story" key={story.articles[0]?.id ?? i} aria-label={t.storyLabel(i + 1)}>
          <h2>
            {story.articles.length > 1 ? t.story(story.articles[0].title) : story.articles[0]?.title}{' '}
            <span class="count">{t.count(story.articles.length)}</span>
          </h2>
          {story.profiles.size > 0 && (
            <StoryChart
              t={t}
              title={story.articles[0].title}
              outlets={story.articles.map((a) => ({ label: a.outlet, profile: story.profiles.get(a.id)! }))}
            />
          )}
          <table>
            <thead>
              <tr>
                <th>{t.columns.outlet}</th>
                <th>{t.columns.title}</th>
                <th>{t.columns.date}</th>
                <th>{t.columns.source}</th>
                <th>{t.columns.length}</th>
                <th>
                  <span class="visually-hidden">{t.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {story.articles.map((article) => (
                <ArticleRow
                  t={t}
                  key={article.id}
                  article={article}
                  onOpen={() => setOpened(article)}
                  onSave={async (outlet, date) => {
                    if (!store) return null;
                    try {
                      await store.updateArticle(article.id, { outlet, date });
                      await changed();
                      return null;
                    } catch (error) {
                      return errorText(error);
                    }
                  }}
                  onDelete={() =>
                    void run(t.cannotDelete, async () => {
                      if (!store) return '';
                      await store.deleteArticle(article.id);
                      await changed();
                      setMessage({
                        text: t.deleted(article.title),
                        undo: () =>
                          void run(t.cannotRestore, async () => {
                            await store.addArticles([article]);
                            await changed();
                            return t.restored(article.title);
                          }),
                      });
                      return t.deleted(article.title);
                    }).then(() => undefined)
                  }
                />
              ))}
            </tbody>
          </table>
        </section>
      ))}

      <dialog ref={dialog} onClose={() => setOpened(null)} aria-label={opened?.title ?? t.article}>
        {opened && (
          <>
            <h2>{opened.title}</h2>
            <p>
              {opened.outlet} · {opened.date ?? t.noDate} · {opened.url ?? ''}
            </p>
            <pre class="text">{opened.raw}</pre>
            <form method="dialog">
              <button type="submit">{t.close}</button>
            </form>
          </>
        )}
      </dialog>
    </main>
  );
}

interface PastedArticle {
  raw: string;
  outlet?: string;
  title?: string;
  date?: string | null;
  url?: string | null;
}

function AddByPaste({ onAdd }: { onAdd: (input: PastedArticle) => Promise<void> }) {
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
          await onAdd({ raw, outlet: outlet || undefined, title: title || undefined, date: date || null, url: url || null });
          setRaw('');
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
