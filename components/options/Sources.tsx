import { useState } from 'preact/hooks';
import type { DroppedLog, FeedSettings, FeedView } from '../../lib/feeds/feed-state';
import { PRIVACY_PROMISE } from '../../lib/feeds/privacy';

export interface SourcesProps {
  feeds: FeedView[];
  settings: FeedSettings | null;
  dropped: DroppedLog | null;
  /** A fetch round is running. */
  running: boolean;
  /** Bytes the extension stores, where the browser says. */
  usage: number | null;
  /** The last outcome, in words. */
  message: { text: string; error?: boolean } | null;
  onFollow: (url: string) => Promise<boolean>;
  onUnfollow: (feed: FeedView) => void;
  onFetch: (feed?: FeedView) => void;
  onPause: (paused: boolean, feed?: FeedView) => void;
  onImportOpml: (file: File) => void;
  onExportOpml: () => void;
  onRetentionDays: (days: number) => void;
  /** An OPML file read and waiting for the reader to grant its sites (a permission needs a click of its own). */
  pendingImport: { feeds: number; origins: string[] } | null;
  onConfirmImport: () => void;
  onCancelImport: () => void;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

/** The corpus manager's sources: followed feeds with their state, what to do with them, and what retention keeps. */
export function Sources(props: SourcesProps) {
  const { feeds, settings, dropped, running, usage, message } = props;
  const [address, setAddress] = useState('');
  const [days, setDays] = useState<string | null>(null);
  const allPaused = settings?.paused ?? false;
  return (
    <section class="sources" aria-label="Sources">
      <h2>
        Sources <span class="count">({feeds.length === 1 ? '1 feed' : `${feeds.length} feeds`})</span>
      </h2>
      <p class="privacy">
        {PRIVACY_PROMISE} Followed feeds are fetched every {settings?.intervalMinutes ?? 30} minutes, without cookies or referrer; each site is asked
        for only when you follow one of its feeds.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void props.onFollow(address).then((ok) => ok && setAddress(''));
        }}
      >
        <label>
          Feed address{' '}
          <input type="url" required placeholder="https://example.org/feed.xml" value={address} onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit">Follow</button>
      </form>
      <div class="tools">
        <button type="button" disabled={running || feeds.length === 0} onClick={() => props.onFetch()}>
          {running ? 'Fetching…' : 'Fetch now'}
        </button>
        <button type="button" disabled={feeds.length === 0} onClick={() => props.onPause(!allPaused)}>
          {allPaused ? 'Resume all' : 'Pause all'}
        </button>
        <label class="file">
          Import OPML{' '}
          <input
            type="file"
            accept=".opml,.xml,text/x-opml,application/xml,text/xml"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (file) props.onImportOpml(file);
              input.value = '';
            }}
          />
        </label>
        <button type="button" disabled={feeds.length === 0} onClick={() => props.onExportOpml()}>
          Export OPML
        </button>
      </div>
      {props.pendingImport && (
        <p class="message" role="status">
          This list has {props.pendingImport.feeds} {props.pendingImport.feeds === 1 ? 'feed' : 'feeds'} on {props.pendingImport.origins.length}{' '}
          {props.pendingImport.origins.length === 1 ? 'site' : 'sites'} ({props.pendingImport.origins.join(', ')}). Following them lets crossread
          reach these sites.{' '}
          <button type="button" onClick={() => props.onConfirmImport()}>
            Allow and follow
          </button>{' '}
          <button type="button" onClick={() => props.onCancelImport()}>
            Cancel
          </button>
        </p>
      )}
      {message && (
        <p class={message.error ? 'message error' : 'message'} role="status">
          {message.text}
        </p>
      )}
      {feeds.length > 0 && (
        <table class="feeds">
          <thead>
            <tr>
              <th>Feed</th>
              <th>State</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {feeds.map((f) => (
              <tr key={f.url} data-feed={f.url}>
                <td>
                  <strong>{f.title}</strong>
                  <div class="url">{f.url}</div>
                </td>
                <td class={f.lastError || !f.permitted ? 'state error' : 'state'}>{f.state}</td>
                <td class="actions">
                  <button type="button" disabled={running} onClick={() => props.onFetch(f)}>
                    Fetch now
                  </button>
                  <button type="button" onClick={() => props.onPause(!f.paused, f)}>
                    {f.paused ? 'Resume' : 'Pause'}
                  </button>
                  <button type="button" onClick={() => props.onUnfollow(f)}>
                    Unfollow
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {settings && (
        <form
          class="retention"
          onSubmit={(e) => {
            e.preventDefault();
            if (days !== null) props.onRetentionDays(Number(days));
          }}
        >
          <label>
            Keep articles from feeds and from reading for{' '}
            <input type="number" min={1} max={3650} value={days ?? String(settings.retention.days)} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} /> days
          </label>{' '}
          <button type="submit" disabled={days === null}>
            Save
          </button>
          <p class="stats">
            At most {settings.retention.maxArticles.toLocaleString('en')} articles; your own additions and the seed articles are always kept.
            {usage !== null ? ` Storage used: ${megabytes(usage)}.` : ''}
            {dropped && dropped.total > 0 ? ` Dropped so far: ${dropped.total.toLocaleString('en')}.` : ' Nothing dropped so far.'}
          </p>
          {dropped && dropped.recent.length > 0 && (
            <details>
              <summary>Recently dropped</summary>
              <ul>
                {dropped.recent.map((d, i) => (
                  <li key={i}>
                    {d.title} ({d.outlet}), added {new Date(d.addedAt).toISOString().slice(0, 10)}, dropped {new Date(d.droppedAt).toISOString().slice(0, 10)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </form>
      )}
    </section>
  );
}
