import type { FeedLink } from '../../lib/feeds/feed-links';
import type { UiMessages } from '../../lib/i18n/ui-messages';

export interface FollowSiteProps {
  /** The site's name as the popup shows it (its host). */
  site: string;
  /** The feeds the page announces; the first is the site's main one. */
  links: FeedLink[];
  /** Addresses already followed. */
  followed: ReadonlySet<string>;
  /** What happened last, in words. */
  message: { text: string; error?: boolean } | null;
  busy: boolean;
  onFollow: (link: FeedLink) => void;
  t: UiMessages;
}

/** "Follow ‹site›" where the page announces a feed; nothing where it announces none. */
export function FollowSite({ site, links, followed, message, busy, onFollow, t }: FollowSiteProps) {
  if (links.length === 0) return null;
  const open = links.filter((l) => !followed.has(l.url));
  return (
    <section class="follow" aria-label={t.followSection}>
      {open.length === 0 ? (
        <p>{t.youFollow(site)}</p>
      ) : (
        open.slice(0, 3).map((link) => (
          <button type="button" key={link.url} disabled={busy} onClick={() => onFollow(link)} title={link.url}>
            {t.followSite(site, open.length > 1 && link.title ? link.title : null)}
          </button>
        ))
      )}
      {message && (
        <p class={message.error ? 'message error' : 'message'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
