/**
 * The corpus manager's Sources section, connected: it asks the background for
 * the followed feeds and their state, and asks the browser for a site's
 * permission in the click that follows a feed (a permission can only be asked
 * for in answer to the reader's gesture, so that call comes first).
 */
import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { Sources } from '../../components/options/Sources';
import { StoryTimeline } from '../../components/options/StoryTimeline';
import type { DroppedLog, FeedSettings, FeedView } from '../../lib/feeds/feed-state';
import { readOpml } from '../../lib/feeds/opml';
import { permissionPattern } from '../../lib/feeds/permission';
import '../../components/options/Sources.css';
import { ask, listen, type ArticleSummary, type StorySummary } from '../../platform/protocol';


function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/x-opml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function SourcesSection() {
  const [feeds, setFeeds] = useState<FeedView[]>([]);
  const [settings, setSettings] = useState<FeedSettings | null>(null);
  const [dropped, setDropped] = useState<DroppedLog | null>(null);
  const [running, setRunning] = useState(false);
  const [usage, setUsage] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [pending, setPending] = useState<{ text: string; feeds: number; origins: string[] } | null>(null);
  const [stories, setStories] = useState<Array<{ id: string; articles: ArticleSummary[] }>>([]);

  const reload = async () => {
    const [list, stats, corpus] = await Promise.all([ask('crossread:feeds', {}), ask('crossread:corpus-stats', {}), ask('crossread:list-articles', {})]);
    if (list.ok) {
      setFeeds(list.feeds);
      setSettings(list.settings);
      setDropped(list.dropped);
      setRunning(list.running);
    }
    if (stats.ok) setUsage(stats.usage);
    if (corpus.ok) {
      const byId = new Map(corpus.articles.map((a) => [a.id, a]));
      const multi = corpus.stories.filter((s: StorySummary) => s.articleIds.length > 1);
      setStories(multi.map((s) => ({ id: s.id, articles: s.articleIds.flatMap((id) => byId.get(id) ?? []) })));
    }
  };

  useEffect(() => {
    void reload();
    const stop = listen({ 'crossread:feeds-changed': () => void reload(), 'crossread:corpus-changed': () => void reload() });
    return stop;
  }, []);

  const report = (reply: { ok: boolean; error?: string }, done: string) => {
    setMessage(reply.ok ? { text: done } : { text: reply.error ?? 'Something went wrong.', error: true });
    void reload();
    return reply.ok;
  };

  const follow = async (address: string): Promise<boolean> => {
    let pattern: string;
    try {
      pattern = permissionPattern(address.trim());
    } catch {
      setMessage({ text: `“${address}” is not a web address.`, error: true });
      return false;
    }
    // First, in the reader's click: the browser asks for this one site.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) {
      setMessage({ text: 'Not followed: the browser did not grant crossread this site.', error: true });
      return false;
    }
    setMessage({ text: 'Following… (fetching the feed)' });
    const reply = await ask('crossread:follow-feed', { url: address.trim() });
    if (!reply.ok) {
      // Give the site back unless another followed feed needs it.
      const others = feeds.some((f) => permissionPattern(f.origin) === pattern);
      if (!others) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    }
    return report(reply, reply.ok ? `Following ${reply.feed.title}: ${reply.feed.state}` : '');
  };

  return (
    <>
      <Sources
        feeds={feeds}
        settings={settings}
        dropped={dropped}
        running={running}
        usage={usage}
        message={message}
        onFollow={follow}
        onUnfollow={(f) => void ask('crossread:unfollow-feed', { url: f.url }).then((r) => report(r, `Unfollowed ${f.title}. Its articles stay until retention drops them.`))}
        onFetch={(f) => {
          setRunning(true);
          void ask('crossread:fetch-feeds', f ? { url: f.url } : {}).then((r) => report(r, 'Fetched.'));
        }}
        onPause={(paused, f) =>
          void ask('crossread:pause-feeds', f ? { url: f.url, paused } : { paused }).then((r) => report(r, paused ? 'Paused.' : 'Resumed.'))
        }
        onImportOpml={(file) =>
          void file.text().then(
            (text) => {
              try {
                const { feeds: listed } = readOpml(text);
                if (listed.length === 0) return setMessage({ text: 'This OPML file lists no feed addresses.', error: true });
                setPending({ text, feeds: listed.length, origins: [...new Set(listed.map((f) => new URL(f.url).origin))] });
              } catch (error) {
                setMessage({ text: `${file.name}: ${error instanceof Error ? error.message : String(error)}`, error: true });
              }
            },
            (error) => setMessage({ text: `${file.name} could not be read: ${String(error)}`, error: true }),
          )
        }
        pendingImport={pending}
        onCancelImport={() => setPending(null)}
        onConfirmImport={() => {
          if (!pending) return;
          const { text, origins } = pending;
          setPending(null);
          void browser.permissions
            .request({ origins: [...new Set(origins.map(permissionPattern))] })
            .catch(() => false)
            .then(async (granted) => {
              if (!granted) return setMessage({ text: 'Nothing imported: the browser did not grant crossread these sites.', error: true });
              const r = await ask('crossread:import-opml', { text });
              report(r, r.ok ? `Following ${r.added} new ${r.added === 1 ? 'feed' : 'feeds'}${r.skipped ? ` (${r.skipped} skipped: followed already or not a feed address)` : ''}; fetching them now.` : '');
            });
        }}
        onExportOpml={() =>
          void ask('crossread:export-opml', {}).then((r) => {
            if (r.ok) download(`crossread-feeds-${new Date().toISOString().slice(0, 10)}.opml`, r.text);
            else setMessage({ text: r.error, error: true });
          })
        }
        onRetentionDays={(days) => void ask('crossread:feed-settings', { retentionDays: days }).then((r) => report(r, `Articles from feeds and from reading are kept ${days} days.`))}
      />
      {stories.length > 0 && (
        <section class="timelines" aria-label="Story timelines">
          <h2>Who reported when</h2>
          {stories.map((s) => (
            <details key={s.id} data-story={s.id}>
              <summary>
                {s.articles[0]?.title} <span class="count">({s.articles.length} articles)</span>
              </summary>
              <StoryTimeline articles={s.articles} />
            </details>
          ))}
        </section>
      )}
    </>
  );
}
