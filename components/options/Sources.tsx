import { useState } from 'preact/hooks';
import {
  describeFeed,
  DEFAULT_INTERVAL_MINUTES,
  MAX_INTERVAL_MINUTES,
  MIN_INTERVAL_MINUTES,
  type DroppedLog,
  type FeedSettings,
  type FeedView,
} from '../../lib/feeds/feed-state';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../lib/feeds/retention';
import type { SourcesMessages } from '../../lib/i18n/sources-messages';

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
  /** The moment the feeds' states are told from ("5 min ago"). */
  now: number;
  t: SourcesMessages;
  onFollow: (url: string) => Promise<boolean>;
  onUnfollow: (feed: FeedView) => void;
  onFetch: (feed?: FeedView) => void;
  onPause: (paused: boolean, feed?: FeedView) => void;
  onImportOpml: (file: File) => void;
  onExportOpml: () => void;
  /** Saves a checked value; resolves whether it was saved. */
  onIntervalMinutes: (minutes: number) => Promise<boolean>;
  onRetentionDays: (days: number) => Promise<boolean>;
  /** An OPML file read and waiting for the reader to grant its sites (a permission needs a click of its own). */
  pendingImport: { feeds: number; origins: string[] } | null;
  onConfirmImport: () => void;
  onCancelImport: () => void;
}

/** The whole number the reader typed, when it lies in [min, max]; null for anything else (empty, a fraction, "30 min"). */
function wholeNumberIn(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : null;
}

/**
 * A setting typed as a whole number: checked here, so a bad value gets a
 * clear message in the reader's language and nothing is sent (noValidate: the
 * browser's own bubble would speak the browser's language and block the
 * message).
 */
function NumberSetting(props: {
  class: string;
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  save: string;
  problem: (min: number, max: number) => string;
  onSave: (n: number) => Promise<boolean>;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      class={props.class}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (typed === null) return;
        const n = wholeNumberIn(typed, props.min, props.max);
        if (n === null) return setProblem(props.problem(props.min, props.max));
        setProblem(null);
        void props.onSave(n).then((saved) => saved && setTyped(null));
      }}
    >
      <label>
        {props.label}{' '}
        <input
          type="number"
          min={props.min}
          max={props.max}
          step={1}
          aria-invalid={problem !== null}
          value={typed ?? String(props.value)}
          onInput={(e) => {
            setTyped((e.currentTarget as HTMLInputElement).value);
            setProblem(null);
          }}
        />{' '}
        {props.unit}
      </label>{' '}
      <button type="submit" disabled={typed === null}>
        {props.save}
      </button>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** The corpus manager's sources: followed feeds with their state, what to do with them, how often they are fetched and what retention keeps. */
export function Sources(props: SourcesProps) {
  const { feeds, settings, dropped, running, usage, message, now, t } = props;
  const [address, setAddress] = useState('');
  const allPaused = settings?.paused ?? false;
  const stateOf = (f: FeedView) => (f.permitted ? describeFeed(f, now, allPaused, t.feedState) : t.withdrawn(f.origin));
  return (
    <section class="sources" aria-label={t.heading}>
      <h2>
        {t.heading} <span class="count">({t.feedCount(feeds.length)})</span>
      </h2>
      <p class="privacy">
        {t.privacy} {t.schedule(settings?.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES)}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void props.onFollow(address).then((ok) => ok && setAddress(''));
        }}
      >
        <label>
          {t.feedAddress}{' '}
          <input type="url" required placeholder="https://example.org/feed.xml" value={address} onInput={(e) => setAddress((e.currentTarget as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit">{t.follow}</button>
      </form>
      <div class="tools">
        <button type="button" disabled={running || feeds.length === 0} onClick={() => props.onFetch()}>
          {running ? t.fetching : t.fetchNow}
        </button>
        <button type="button" disabled={feeds.length === 0} onClick={() => props.onPause(!allPaused)}>
          {allPaused ? t.resumeAll : t.pauseAll}
        </button>
        <label class="file">
          {t.importOpml}{' '}
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
          {t.exportOpml}
        </button>
      </div>
      {props.pendingImport && (
        <p class="message" role="status">
          {t.pendingImport(props.pendingImport.feeds, props.pendingImport.origins)}{' '}
          <button type="button" onClick={() => props.onConfirmImport()}>
            {t.allowAndFollow}
          </button>{' '}
          <button type="button" onClick={() => props.onCancelImport()}>
            {t.cancel}
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
              <th>{t.columns.feed}</th>
              <th>{t.columns.state}</th>
              <th>
                <span class="visually-hidden">{t.columns.actions}</span>
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
                <td class={f.lastError || !f.permitted ? 'state error' : 'state'}>{stateOf(f)}</td>
                <td class="actions">
                  <button type="button" disabled={running} onClick={() => props.onFetch(f)}>
                    {t.fetchNow}
                  </button>
                  <button type="button" onClick={() => props.onPause(!f.paused, f)}>
                    {f.paused ? t.resume : t.pause}
                  </button>
                  <button type="button" onClick={() => props.onUnfollow(f)}>
                    {t.unfollow}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {settings && (
        <>
          <NumberSetting
            class="interval"
            label={t.intervalLabel}
            unit={t.minutes}
            value={settings.intervalMinutes}
            min={MIN_INTERVAL_MINUTES}
            max={MAX_INTERVAL_MINUTES}
            save={t.save}
            problem={t.badInterval}
            onSave={props.onIntervalMinutes}
          />
          <NumberSetting
            class="retention"
            label={t.retentionLabel}
            unit={t.days}
            value={settings.retention.days}
            min={MIN_RETENTION_DAYS}
            max={MAX_RETENTION_DAYS}
            save={t.save}
            problem={t.badDays}
            onSave={props.onRetentionDays}
          />
          <p class="stats">
            {[
              t.limits(settings.retention.maxArticles),
              usage !== null ? t.storageUsed(usage) : '',
              dropped && dropped.total > 0 ? t.droppedSoFar(dropped.total) : t.nothingDropped,
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
          {dropped && dropped.recent.length > 0 && (
            <details>
              <summary>{t.recentlyDropped}</summary>
              <ul>
                {dropped.recent.map((d, i) => (
                  <li key={i}>{t.droppedItem(d.title, d.outlet, day(d.addedAt), day(d.droppedAt))}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** A moment as its ISO day, which reads the same in both languages. */
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
