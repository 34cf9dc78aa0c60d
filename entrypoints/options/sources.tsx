/**
 * The corpus manager's Sources section, connected: it asks the background for
 * the followed feeds and their state, and asks the browser for a site's
 * permission in the click that follows a feed (a permission can only be asked
 * for in answer to the reader's gesture, so that call comes first).
 */
import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { Sources } from '../../components/options/Sources';
import { describeFeed, type DroppedLog, type FeedSettings, type FeedView } from '../../lib/feeds/feed-state';
import { reasonText, type FeedReason } from '../../lib/feeds/feed-reason';
import { readOpml } from '../../lib/feeds/opml';
import { permissionPattern } from '../../lib/feeds/permission';
import { localeFor } from '../../lib/i18n/messages';
import { sourcesMessages } from '../../lib/i18n/sources-messages';
import '../../components/options/Sources.css';
import { ask, listen } from '../../platform/protocol';
import { download } from './download';

const t = sourcesMessages(localeFor(browser.i18n.getUILanguage()));

export function SourcesSection() {
  const [feeds, setFeeds] = useState<FeedView[]>([]);
  const [settings, setSettings] = useState<FeedSettings | null>(null);
  const [dropped, setDropped] = useState<DroppedLog | null>(null);
  const [running, setRunning] = useState(false);
  const [usage, setUsage] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [pending, setPending] = useState<{ text: string; feeds: number; origins: string[] } | null>(null);
  // The feeds' states are told from when the list was last read ("5 min ago").
  const [now, setNow] = useState(() => Date.now());

  const reload = async () => {
    const [list, stats] = await Promise.all([ask('crossread:feeds', {}), ask('crossread:corpus-stats', {})]);
    if (list.ok) {
      setNow(Date.now());
      setFeeds(list.feeds);
      setSettings(list.settings);
      setDropped(list.dropped);
      setRunning(list.running);
    }
    if (stats.ok) setUsage(stats.usage);
  };

  useEffect(() => {
    void reload();
    const stop = listen({ 'crossread:feeds-changed': () => void reload(), 'crossread:corpus-changed': () => void reload() });
    return stop;
  }, []);

  const report = (reply: { ok: boolean; error?: string; reason?: FeedReason }, done: string) => {
    // A feed's refusal has a reason, others (settings, OPML) a problem: both are told in the reader's language.
    const refusal = reply.reason ? reasonText(reply.reason, t.feedState) : reply.error === undefined ? t.somethingWrong : t.problems.failure(reply);
    setMessage(reply.ok ? { text: done } : { text: refusal, error: true });
    void reload();
    return reply.ok;
  };

  const follow = async (address: string): Promise<boolean> => {
    let pattern: string;
    try {
      pattern = permissionPattern(address.trim());
    } catch {
      setMessage({ text: t.notAnAddress(address), error: true });
      return false;
    }
    // First, in the reader's click: the browser asks for this one site.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) {
      setMessage({ text: t.notGranted, error: true });
      return false;
    }
    setMessage({ text: t.following });
    const reply = await ask('crossread:follow-feed', { url: address.trim() });
    if (!reply.ok) {
      // Give the site back unless another followed feed needs it.
      const others = feeds.some((f) => permissionPattern(f.origin) === pattern);
      if (!others) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    }
    return report(reply, reply.ok ? t.followed(reply.feed.title, describeFeed(reply.feed, Date.now(), false, t.feedState)) : '');
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
        now={now}
        t={t}
        onFollow={follow}
        onUnfollow={(f) => void ask('crossread:unfollow-feed', { url: f.url }).then((r) => report(r, t.unfollowed(f.title)))}
        onFetch={(f) => {
          setRunning(true);
          void ask('crossread:fetch-feeds', f ? { url: f.url } : {}).then((r) => report(r, t.fetched));
        }}
        onPause={(paused, f) =>
          void ask('crossread:pause-feeds', f ? { url: f.url, paused } : { paused }).then((r) => report(r, paused ? t.paused : t.resumed))
        }
        onImportOpml={(file) =>
          void file.text().then(
            (text) => {
              try {
                const { feeds: listed } = readOpml(text);
                if (listed.length === 0) return setMessage({ text: t.opmlEmpty, error: true });
                setPending({ text, feeds: listed.length, origins: [...new Set(listed.map((f) => new URL(f.url).origin))] });
              } catch (error) {
                setMessage({ text: `${file.name}: ${t.problems.failure(error)}`, error: true });
              }
            },
            (error) => setMessage({ text: t.opmlUnreadable(file.name, String(error)), error: true }),
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
              if (!granted) return setMessage({ text: t.importNotGranted, error: true });
              const r = await ask('crossread:import-opml', { text });
              report(r, r.ok ? t.imported(r.added, r.skipped) : '');
            });
        }}
        onExportOpml={() =>
          void ask('crossread:export-opml', {}).then((r) => {
            if (r.ok) download(`crossread-feeds-${new Date().toISOString().slice(0, 10)}.opml`, r.text, 'text/x-opml');
            else setMessage({ text: t.problems.failure(r), error: true });
          })
        }
        onIntervalMinutes={(minutes) => ask('crossread:feed-settings', { intervalMinutes: minutes }).then((r) => report(r, t.intervalSaved(minutes)))}
        onRetentionDays={(days) => ask('crossread:feed-settings', { retentionDays: days }).then((r) => report(r, t.kept(days)))}
      />
    </>
  );
}
