/**
 * The popup's feed parts for the tab it speaks about: "Follow ‹site›" when the
 * page announces a feed, the site's "Keep what I read" switch, and the
 * privacy promise. The site's permission is asked for in the click itself,
 * before anything else (the browser requires the reader's gesture).
 */
import browser, { type Tabs } from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { FollowSite } from '../../components/popup/FollowSite';
import { KeepWhatIRead } from '../../components/popup/KeepWhatIRead';
import type { FeedLink } from '../../lib/feeds/feed-links';
import { PRIVACY_PROMISE } from '../../lib/feeds/privacy';
import { permissionPattern } from '../../lib/feeds/permission';
import { ask, askTab } from '../../platform/protocol';

/** The tab's host with its port: the switch is per site as the address names it. */
const hostOf = (url: string | undefined) => {
  try {
    return new URL(url ?? '').host;
  } catch {
    return '';
  }
};

export function PopupFeeds({ tab }: { tab: Tabs.Tab }) {
  const host = hostOf(tab.url);
  const [links, setLinks] = useState<FeedLink[]>([]);
  const [followed, setFollowed] = useState<Set<string>>(new Set());
  const [keep, setKeep] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const site = host.replace(/^www\./, '');

  useEffect(() => {
    if (tab.id !== undefined) void askTab(tab.id, 'crossread:feed-links', {}).then((r) => setLinks(r.links), () => setLinks([]));
    void ask('crossread:feeds', {}).then((r) => r.ok && setFollowed(new Set(r.feeds.map((f) => f.url))));
    void ask('crossread:keep-site', { host }).then((r) => setKeep(r.ok ? r.on : false));
  }, [tab.id, host]);

  const follow = async (link: FeedLink) => {
    const pattern = permissionPattern(link.url);
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) return setMessage({ text: 'Not followed: the browser did not grant crossread this site.', error: true });
    setBusy(true);
    setMessage({ text: `Following ${site}… (fetching its feed)` });
    const reply = await ask('crossread:follow-feed', { url: link.url, title: '' });
    setBusy(false);
    if (reply.ok) {
      setFollowed(new Set([...followed, link.url]));
      setMessage({ text: `Following ${reply.feed.title}. ${reply.feed.state}` });
    } else setMessage({ text: reply.error, error: true });
  };

  return (
    <>
      <FollowSite site={site} links={links} followed={followed} message={message} busy={busy} onFollow={(l) => void follow(l)} />
      <KeepWhatIRead
        host={host}
        on={keep}
        onChange={(on) => {
          setKeep(on);
          void ask('crossread:keep-site', { host, on }).then((r) => setKeep(r.ok ? r.on : !on));
        }}
      />
      <p class="hint privacy">{PRIVACY_PROMISE}</p>
    </>
  );
}
