import type { FeedLink } from '../../lib/feeds/feed-links';

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
}

/** "Follow ‹site›" where the page announces a feed; nothing where it announces none. */
export function FollowSite({ site, links, followed, message, busy, onFollow }: FollowSiteProps) {
  if (links.length === 0) return null;
  const open = links.filter((l) => !followed.has(l.url));
  return (
    <section class="follow" aria-label="Follow this site">
      {open.length === 0 ? (
        <p>You follow {site}’s feed.</p>
      ) : (
        open.slice(0, 3).map((link) => (
          <button type="button" key={link.url} disabled={busy} onClick={() => onFollow(link)} title={link.url}>
            Follow {site}
            {open.length > 1 && link.title ? ` (${link.title})` : ''}
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
