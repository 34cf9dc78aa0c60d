import { describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { Sources, type SourcesProps } from '../../components/options/Sources';
import { DEFAULT_INTERVAL_MINUTES, MINUTE, type FeedSettings, type FeedView } from '../../lib/feeds/feed-state';
import { sourcesMessages } from '../../lib/i18n/sources-messages';
import { useDom } from './dom';

const { mount, window } = useDom();
const NOW = Date.UTC(2026, 11, 6);
const settings: FeedSettings = { paused: false, intervalMinutes: DEFAULT_INTERVAL_MINUTES, retention: { days: 60, maxArticles: 50_000 }, keepSites: [] };
const feed: FeedView = {
  url: 'https://a.example/feed.xml', title: 'Outlet A', siteUrl: null, origin: 'https://a.example', addedAt: 0, paused: false, etag: null, lastModified: null,
  lastFetch: NOW - 5 * MINUTE, lastSuccess: NOW - 5 * MINUTE, lastError: null, errors: 0, retryAfter: 0, lastNew: 2, totalNew: 9, lastSkipped: 0, lastNote: null,
  state: 'the background’s English words', permitted: true,
};

/** The Sources section with every action recorded. */
function render(overrides: Partial<SourcesProps> = {}) {
  const calls: Array<[string, unknown]> = [];
  const props: SourcesProps = {
    feeds: [feed], settings, dropped: { total: 0, lastRun: null, recent: [] }, running: false, usage: null, message: null, now: NOW,
    t: sourcesMessages('en'),
    onFollow: async () => true, onUnfollow: () => {}, onFetch: () => {}, onPause: () => {}, onImportOpml: () => {}, onExportOpml: () => {},
    onIntervalMinutes: async (m) => (calls.push(['interval', m]), true),
    onRetentionDays: async (d) => (calls.push(['days', d]), true),
    pendingImport: null, onConfirmImport: () => {}, onCancelImport: () => {},
    ...overrides,
  };
  return { root: mount(<Sources {...props} />), calls };
}

function type(form: Element, value: string) {
  const input = form.querySelector('input')!;
  act(() => {
    input.value = value;
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
  });
}
const submit = async (form: Element) => {
  await act(async () => {
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  });
};

describe('the Sources section’s fetch interval', () => {
  it('shows the interval, 30 minutes by default, and saves a whole number from 15 to 1440', async () => {
    const { root, calls } = render();
    const form = root.querySelector('form.interval')!;
    expect(form.querySelector('input')!.value).toBe('30');
    expect(form.textContent).toContain('Fetch followed feeds every');
    expect(form.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    type(form, '45');
    await submit(form);
    expect(calls).toEqual([['interval', 45]]);
    expect(form.querySelector('.problem')).toBeNull();
  });

  it('refuses a bad value with a clear message and sends nothing', async () => {
    const { root, calls } = render();
    const form = root.querySelector('form.interval')!;
    for (const bad of ['5', '1441', '30.5', '', 'abc', '-30']) {
      type(form, bad);
      await submit(form);
      expect(form.querySelector('[role="alert"]')?.textContent, bad).toBe('Fetch every 15 to 1440 minutes, as a whole number; nothing was saved.');
      expect(form.querySelector('input')!.getAttribute('aria-invalid')).toBe('true');
    }
    expect(calls).toEqual([]);
    // Typing again clears the message; a good value then goes through.
    type(form, '60');
    expect(form.querySelector('[role="alert"]')).toBeNull();
    await submit(form);
    expect(calls).toEqual([['interval', 60]]);
  });

  it('keeps what was typed when the background refuses it, and says so in German for a German reader', async () => {
    const { root, calls } = render({ t: sourcesMessages('de'), onIntervalMinutes: async (m) => (calls.push(['interval', m]), false) });
    const form = root.querySelector('form.interval')!;
    type(form, '0');
    await submit(form);
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('Abruf alle 15 bis 1440 Minuten, als ganze Zahl; nichts wurde gespeichert.');
    type(form, '90');
    await submit(form);
    expect(calls).toEqual([['interval', 90]]);
    expect(form.querySelector('input')!.value).toBe('90');
  });
});

describe('the Sources section’s retention days', () => {
  it('saves whole days from 1 to 3650 and refuses others with a message', async () => {
    const { root, calls } = render();
    const form = root.querySelector('form.retention')!;
    expect(form.querySelector('input')!.value).toBe('60');
    type(form, '0');
    await submit(form);
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('Keep articles 1 to 3650 days, as a whole number; nothing was saved.');
    type(form, '90');
    await submit(form);
    expect(calls).toEqual([['days', 90]]);
  });
});

describe('the Sources section’s words', () => {
  it('tells each feed’s state in the reader’s language, from its record, and a withdrawn permission as such', () => {
    const withdrawn = { ...feed, url: 'https://b.example/feed.xml', origin: 'https://b.example', permitted: false };
    const en = render({ feeds: [feed, withdrawn] }).root;
    const states = () => [...en.querySelectorAll('td.state')].map((td) => td.textContent);
    expect(states()).toEqual([
      'Fetched 5 min ago: 2 new articles. 9 articles from this feed in all.',
      'crossread may no longer reach https://b.example: the permission was withdrawn in the browser’s settings. Unfollow and follow again to give it back.',
    ]);
    const de = render({ feeds: [feed, withdrawn], t: sourcesMessages('de'), settings: { ...settings, paused: true } }).root;
    expect([...de.querySelectorAll('td.state')].map((td) => td.textContent)).toEqual([
      'Abgerufen vor 5 Min.: 2 neue Artikel. 9 Artikel aus diesem Feed insgesamt. Pausiert.',
      expect.stringMatching(/^crossread darf https:\/\/b\.example nicht mehr erreichen/),
    ]);
    expect(de.querySelector('section')!.getAttribute('aria-label')).toBe('Quellen');
    expect([...de.querySelectorAll('button')].map((b) => b.textContent)).toEqual(
      expect.arrayContaining(['Folgen', 'Jetzt abrufen', 'Alle fortsetzen', 'OPML exportieren', 'Nicht mehr folgen']),
    );
    expect(de.querySelector('.privacy')!.textContent).toMatch(/^Eine Standardinstallation stellt keine Anfrage\./);
    expect(de.textContent).not.toMatch(/Fetch|Follow|Keep articles|feeds are/);
  });

  it('tells a feed’s stored reasons in the reader’s language, and a sentence stored by an earlier version as it is', () => {
    const failing: FeedView = { ...feed, url: 'https://a.example/2', lastSuccess: null, lastError: { kind: 'redirect-loop' }, errors: 1, retryAfter: NOW + 25 * MINUTE };
    const noted: FeedView = {
      ...feed, url: 'https://a.example/3', lastNew: 0,
      lastNote: { kind: 'skipped', total: 2, counts: [{ n: 2, why: { kind: 'page-failed', cause: { kind: 'timeout', seconds: 15 } } }] },
    };
    const old: FeedView = { ...feed, url: 'https://a.example/4', lastSuccess: null, lastError: 'The server answered 500 (server error).', errors: 1, retryAfter: NOW + 25 * MINUTE };
    const de = render({ feeds: [failing, noted, old], t: sourcesMessages('de') }).root;
    expect([...de.querySelectorAll('td.state')].map((td) => td.textContent)).toEqual([
      'Letzter Abruf vor 5 Min. fehlgeschlagen: Die Adresse leitet im Kreis weiter (oder mehr als 20-mal, oder zu einem Server, der nicht erreichbar ist), daher konnte das Dokument nicht abgerufen werden. 9 Artikel aus diesem Feed insgesamt. Neuer Versuch in 25 Minuten.',
      'Abgerufen vor 5 Min.: nichts Neues. 2 Einträge nicht hinzugefügt: 2, weil seine Seite nicht abgerufen werden konnte (Der Server hat nicht innerhalb von 15 Sekunden geantwortet.). 9 Artikel aus diesem Feed insgesamt.',
      'Letzter Abruf vor 5 Min. fehlgeschlagen: The server answered 500 (server error). 9 Artikel aus diesem Feed insgesamt. Neuer Versuch in 25 Minuten.',
    ]);
    expect([...de.querySelectorAll('td.state')].map((td) => td.className)).toEqual(['state error', 'state', 'state error']);
    const en = render({ feeds: [noted] }).root;
    expect(en.querySelector('td.state')!.textContent).toBe(
      'Fetched 5 min ago: nothing new. 2 items not added: 2 because its page could not be fetched (The server did not answer within 15 seconds.). 9 articles from this feed in all.',
    );
  });
});
