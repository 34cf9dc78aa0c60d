/**
 * The popup's feed parts for the tab it speaks about: "Follow ‹site›" when the
 * page announces a feed, and the site's "Keep what I read" switch (the
 * privacy promise stands once, at the popup's foot). The site's permission
 * is asked for in the click itself, before anything else (the browser
 * requires the reader's gesture).
 */
import browser, { type Tabs } from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { FollowSite } from '../../components/popup/FollowSite';
import { KeepWhatIRead } from '../../components/popup/KeepWhatIRead';
import type { FeedLink } from '../../lib/feeds/feed-links';
import type { UiMessages } from '../../lib/i18n/ui-messages';
import { localeFor } from '../../lib/i18n/messages';
import { sourcesMessages } from '../../lib/i18n/sources-messages';
import { reasonText } from '../../lib/feeds/feed-reason';
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

export function PopupFeeds({ tab, t }: { tab: Tabs.Tab; t: UiMessages }) {
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
    if (!granted) return setMessage({ text: t.followNotGranted, error: true });
    setBusy(true);
    setMessage({ text: t.followingSite(site) });
    const reply = await ask('crossread:follow-feed', { url: link.url, title: '' });
    setBusy(false);
    if (reply.ok) {
      setFollowed(new Set([...followed, link.url]));
      setMessage({ text: t.followed(reply.feed.title, reply.feed.lastNew) });
    } else {
      // Why following was refused, in the reader's language (the popup's own words do not hold the feed reasons).
      const words = sourcesMessages(localeFor(browser.i18n.getUILanguage())).feedState;
      setMessage({ text: 'reason' in reply ? reasonText(reply.reason, words) : t.problems.failure(reply), error: true });
    }
  };

  return (
    <>
      <FollowSite site={site} links={links} followed={followed} message={message} busy={busy} onFollow={(l) => void follow(l)} t={t} />
      <KeepWhatIRead
        host={host}
        t={t}
        on={keep}
        onChange={(on) => {
          setKeep(on);
          void ask('crossread:keep-site', { host, on }).then((r) => setKeep(r.ok ? r.on : !on));
        }}
      />
    </>
  );
}
