/**
 * The words of the corpus manager's Sources section (followed feeds, their
 * states, the fetch interval, retention) in English and German, as plain
 * tables so the wording is testable without a browser. A feed's reasons (why it failed, what its fetch left out, why
 * following it was refused) arrive as a kind plus values and are told here;
 * the background takes its own English from the English table.
 */
import type { Locale } from './messages';
import { PRIVACY_PROMISE } from './privacy';
import { problemMessages, type ProblemMessages } from './problem-messages';

export interface SourcesMessages {
  heading: string;
  feedCount(n: number): string;
  privacy: string;
  schedule(minutes: number): string;
  feedAddress: string;
  follow: string;
  fetchNow: string;
  fetching: string;
  pauseAll: string;
  resumeAll: string;
  importOpml: string;
  exportOpml: string;
  pendingImport(feeds: number, origins: readonly string[]): string;
  allowAndFollow: string;
  cancel: string;
  columns: { feed: string; state: string; actions: string };
  pause: string;
  resume: string;
  unfollow: string;
  intervalLabel: string;
  minutes: string;
  badInterval(min: number, max: number): string;
  intervalSaved(minutes: number): string;
  retentionLabel: string;
  days: string;
  badDays(min: number, max: number): string;
  kept(days: number): string;
  save: string;
  limits(maxArticles: number): string;
  storageUsed(bytes: number): string;
  droppedSoFar(n: number): string;
  nothingDropped: string;
  recentlyDropped: string;
  droppedItem(title: string, outlet: string, added: string, dropped: string): string;
  /** The state of a feed whose site the reader took back in the browser's settings. */
  withdrawn(origin: string): string;
  /** The words of describeFeed (lib/feeds/feed-state.ts), in this language. */
  feedState: {
    notFetched: string;
    failed(ago: string, error: string): string;
    lastSuccess(ago: string): string;
    fetched(ago: string, articles: number): string;
    total(articles: number): string;
    paused: string;
    retry(when: string): string;
    justNow: string;
    minutesAgo(n: number): string;
    hoursAgo(n: number): string;
    daysAgo(n: number): string;
    inMinutes(n: number): string;
    inHours(n: number): string;
    /** Each reason kind of lib/feeds/feed-reason.ts, whose describing functions take these words. */
    reasons: FeedReasonWords;
    /** Why an item did not become an article: a clause after "because" ("weil"). */
    skips: SkipReasonWords;
  };
  somethingWrong: string;
  notAnAddress(address: string): string;
  notGranted: string;
  following: string;
  followed(title: string, state: string): string;
  unfollowed(title: string): string;
  fetched: string;
  paused: string;
  resumed: string;
  opmlEmpty: string;
  opmlUnreadable(file: string, problem: string): string;
  importNotGranted: string;
  imported(added: number, skipped: number): string;
  /** What went wrong, and the engine's warnings, in this language (lib/i18n/problem-messages.ts). */
  problems: ProblemMessages;
}

export interface FeedReasonWords {
  timeout(seconds: number): string;
  'timeout-body'(seconds: number): string;
  unreachable(cause: string | null): string;
  'connection-broke': string;
  'redirect-loop': string;
  'redirect-elsewhere'(origin: string): string;
  'http-status'(status: number): string;
  'too-large'(bytes: number | null, limit: number): string;
  'web-page': string;
  'not-a-feed': string;
  malformed(detail: string): string;
  'permission-withdrawn'(origin: string): string;
  'disk-full': string;
  unexpected(detail: string): string;
  unchanged: string;
  skipped(total: number, parts: ReadonlyArray<{ n: number; why: string }>): string;
  'not-an-address'(address: string): string;
  'not-http': string;
  'already-followed': string;
  'not-granted'(origin: string): string;
  'not-followed'(cause: string | null): string;
  'not-following': string;
}

export interface SkipReasonWords {
  'no-link': string;
  'page-elsewhere'(origin: string): string;
  'page-missing': string;
  'not-web-page': string;
  'not-article': string;
  'too-short': string;
  'page-too-large': string;
  'reader-silent': string;
  unreadable(detail: string): string;
  'page-failed'(cause: string): string;
  'no-text': string;
  invalid(detail: string): string;
  duplicate: string;
}

const number = (locale: Locale, n: number, digits = 0) => n.toLocaleString(locale, { maximumFractionDigits: digits });
const megabytes = (locale: Locale, bytes: number) => `${number(locale, bytes / 1024 / 1024, 1)} MB`;
/** A size limit's megabytes as the fetch states them: one decimal under 10 MB, none above, in the locale's digits. */
const limitMegabytes = (locale: Locale, bytes: number) => {
  const digits = bytes < 10 * 1024 * 1024 ? 1 : 0;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })} MB`;
};

const STATUS_EN: Record<number, string> = {
  400: 'bad request', 401: 'a login is needed', 403: 'access refused', 404: 'not found', 410: 'gone', 429: 'too many requests',
  500: 'server error', 502: 'bad gateway', 503: 'unavailable', 504: 'gateway timeout',
};
const STATUS_DE: Record<number, string> = {
  400: 'fehlerhafte Anfrage', 401: 'eine Anmeldung ist nötig', 403: 'Zugriff verweigert', 404: 'nicht gefunden', 410: 'entfernt', 429: 'zu viele Anfragen',
  500: 'Serverfehler', 502: 'fehlerhaftes Gateway', 503: 'nicht verfügbar', 504: 'Zeitüberschreitung am Gateway',
};
/** Not found or gone: the feed may have moved, which the reader can act on. */
const isGone = (status: number) => status === 404 || status === 410;

const withdrawnEn = (origin: string) =>
  `crossread may no longer reach ${origin}: the permission was withdrawn in the browser’s settings. Unfollow and follow again to give it back.`;
const withdrawnDe = (origin: string) =>
  `crossread darf ${origin} nicht mehr erreichen: Die Berechtigung wurde in den Einstellungen des Browsers entzogen. Folgen Sie dem Feed nicht mehr und dann wieder, um sie erneut zu erteilen.`;

const reasonsEn: FeedReasonWords = {
  timeout: (s) => `The server did not answer within ${s} seconds.`,
  'timeout-body': (s) => `The server did not send the whole document within ${s} seconds.`,
  unreachable: (cause) => `The server could not be reached: no connection${cause ? ` (${cause})` : ''}.`,
  'connection-broke': 'The connection broke before the whole document arrived.',
  'redirect-loop': 'The address redirects in a loop (or more than 20 times, or to a server that cannot be reached), so the document could not be fetched.',
  'redirect-elsewhere': (origin) => `The address redirects to ${origin}, a site you do not follow.`,
  'http-status': (status) =>
    `The server answered ${status} (${STATUS_EN[status] ?? 'an error'})${isGone(status) ? ': the address may have moved or the feed may be gone' : ''}.`,
  'too-large': (bytes, limit) =>
    bytes === null
      ? `The document is too large (more than ${limitMegabytes('en', limit)}, the limit).`
      : `The document is too large (${limitMegabytes('en', bytes)}; the limit is ${limitMegabytes('en', limit)}).`,
  'web-page': 'This address serves a web page, not a feed. Look for the feed’s own address (often ending in /feed, /rss or .xml).',
  'not-a-feed': 'This document is not an RSS, Atom or JSON feed.',
  malformed: (detail) => `This feed cannot be read: it is malformed (${detail}).`,
  'permission-withdrawn': withdrawnEn,
  'disk-full': 'The disk is full: nothing of this fetch was stored. Free some space, or keep fewer days.',
  unexpected: (detail) => `Something went wrong: ${detail}`,
  unchanged: 'Unchanged since the last fetch.',
  skipped: (total, parts) => `${total} ${total === 1 ? 'item' : 'items'} not added: ${parts.map((p) => `${p.n} because ${p.why}`).join('; ')}.`,
  'not-an-address': (address) => `“${address}” is not a web address.`,
  'not-http': 'A feed’s address starts with http:// or https://.',
  'already-followed': 'You follow this feed already.',
  'not-granted': (origin) => `crossread may not reach ${origin}: the browser did not grant it.`,
  'not-followed': (cause) => `Not followed: ${cause ?? 'the feed could not be read.'}`,
  'not-following': 'You do not follow this feed.',
};

const skipsEn: SkipReasonWords = {
  'no-link': 'it has neither a link nor its full text',
  'page-elsewhere': (origin) => `its page is on ${origin}, a site you do not follow`,
  'page-missing': 'its page did not come',
  'not-web-page': 'its page is not a web page',
  'not-article': 'its page is not an article',
  'too-short': 'its page holds too little text to be an article',
  'page-too-large': 'its page is too large to read',
  'reader-silent': 'its page could not be read (the reader document did not answer)',
  unreadable: (detail) => `its page could not be read (${detail})`,
  'page-failed': (cause) => `its page could not be fetched (${cause})`,
  'no-text': 'it has no text',
  // The engine's own sentence ("Cannot add article …").
  invalid: (detail) => detail,
  duplicate: 'it is already in your corpus',
};

const reasonsDe: FeedReasonWords = {
  timeout: (s) => `Der Server hat nicht innerhalb von ${s} Sekunden geantwortet.`,
  'timeout-body': (s) => `Der Server hat das Dokument nicht innerhalb von ${s} Sekunden vollständig gesendet.`,
  unreachable: (cause) => `Der Server war nicht erreichbar: keine Verbindung${cause ? ` (${cause})` : ''}.`,
  'connection-broke': 'Die Verbindung brach ab, bevor das ganze Dokument ankam.',
  'redirect-loop':
    'Die Adresse leitet im Kreis weiter (oder mehr als 20-mal, oder zu einem Server, der nicht erreichbar ist), daher konnte das Dokument nicht abgerufen werden.',
  'redirect-elsewhere': (origin) => `Die Adresse leitet zu ${origin} weiter, einer Website, der Sie nicht folgen.`,
  'http-status': (status) =>
    `Der Server antwortete ${status} (${STATUS_DE[status] ?? 'ein Fehler'})${isGone(status) ? ': Die Adresse ist vielleicht umgezogen, oder den Feed gibt es nicht mehr' : ''}.`,
  'too-large': (bytes, limit) =>
    bytes === null
      ? `Das Dokument ist zu groß (mehr als ${limitMegabytes('de', limit)}, die Grenze).`
      : `Das Dokument ist zu groß (${limitMegabytes('de', bytes)}; die Grenze liegt bei ${limitMegabytes('de', limit)}).`,
  'web-page': 'Diese Adresse liefert eine Webseite, keinen Feed. Suchen Sie die eigene Adresse des Feeds (sie endet oft auf /feed, /rss oder .xml).',
  'not-a-feed': 'Dieses Dokument ist kein RSS-, Atom- oder JSON-Feed.',
  malformed: (detail) => `Dieser Feed kann nicht gelesen werden: Er ist fehlerhaft (${detail}).`,
  'permission-withdrawn': withdrawnDe,
  'disk-full': 'Der Speicher ist voll: Von diesem Abruf wurde nichts gespeichert. Geben Sie Platz frei, oder behalten Sie Artikel weniger Tage.',
  unexpected: (detail) => `Etwas ist schiefgegangen: ${detail}`,
  unchanged: 'Unverändert seit dem letzten Abruf.',
  skipped: (total, parts) =>
    `${total} ${total === 1 ? 'Eintrag' : 'Einträge'} nicht hinzugefügt: ${parts.map((p) => `${p.n}, weil ${p.why}`).join('; ')}.`,
  'not-an-address': (address) => `„${address}“ ist keine Webadresse.`,
  'not-http': 'Die Adresse eines Feeds beginnt mit http:// oder https://.',
  'already-followed': 'Sie folgen diesem Feed schon.',
  'not-granted': (origin) => `crossread darf ${origin} nicht erreichen: Der Browser hat es nicht erlaubt.`,
  'not-followed': (cause) => `Nicht gefolgt: ${cause ?? 'Der Feed konnte nicht gelesen werden.'}`,
  'not-following': 'Sie folgen diesem Feed nicht.',
};

/** Clauses after "weil": the verb goes last; "er" is the item (der Eintrag). */
const skipsDe: SkipReasonWords = {
  'no-link': 'er weder einen Link noch seinen vollen Text hat',
  'page-elsewhere': (origin) => `seine Seite auf ${origin} liegt, einer Website, der Sie nicht folgen`,
  'page-missing': 'seine Seite nicht geliefert wurde',
  'not-web-page': 'seine Seite keine Webseite ist',
  'not-article': 'seine Seite kein Artikel ist',
  'too-short': 'seine Seite zu wenig Text für einen Artikel enthält',
  'page-too-large': 'seine Seite zu groß zum Lesen ist',
  'reader-silent': 'seine Seite nicht gelesen werden konnte (das Lesedokument hat nicht geantwortet)',
  unreadable: (detail) => `seine Seite nicht gelesen werden konnte (${detail})`,
  'page-failed': (cause) => `seine Seite nicht abgerufen werden konnte (${cause})`,
  'no-text': 'er keinen Text hat',
  invalid: (detail) => `er kein Artikel werden konnte (${detail})`,
  duplicate: 'er schon in Ihrem Korpus ist',
};

const en: SourcesMessages = {
  heading: 'Sources',
  feedCount: (n) => `${n} ${n === 1 ? 'feed' : 'feeds'}`,
  privacy: PRIVACY_PROMISE.en,
  problems: problemMessages('en'),
  schedule: (m) => `Followed feeds are fetched every ${m} minutes, without cookies or referrer; each site is asked for only when you follow one of its feeds.`,
  feedAddress: 'Feed address',
  follow: 'Follow',
  fetchNow: 'Fetch now',
  fetching: 'Fetching…',
  pauseAll: 'Pause all',
  resumeAll: 'Resume all',
  importOpml: 'Import OPML',
  exportOpml: 'Export OPML',
  pendingImport: (feeds, origins) =>
    `This list has ${feeds} ${feeds === 1 ? 'feed' : 'feeds'} on ${origins.length} ${origins.length === 1 ? 'site' : 'sites'} (${origins.join(', ')}). Following them lets crossread reach these sites.`,
  allowAndFollow: 'Allow and follow',
  cancel: 'Cancel',
  columns: { feed: 'Feed', state: 'State', actions: 'Actions' },
  pause: 'Pause',
  resume: 'Resume',
  unfollow: 'Unfollow',
  intervalLabel: 'Fetch followed feeds every',
  minutes: 'minutes',
  badInterval: (min, max) => `Fetch every ${min} to ${max} minutes, as a whole number; nothing was saved.`,
  intervalSaved: (m) => `Followed feeds are fetched every ${m} minutes.`,
  retentionLabel: 'Keep articles from feeds and from reading for',
  days: 'days',
  badDays: (min, max) => `Keep articles ${min} to ${max} days, as a whole number; nothing was saved.`,
  kept: (days) => `Articles from feeds and from reading are kept ${days} days.`,
  save: 'Save',
  limits: (max) => `At most ${number('en', max)} articles; your own additions and the seed articles are always kept.`,
  storageUsed: (bytes) => `Storage used: ${megabytes('en', bytes)}.`,
  droppedSoFar: (n) => `Dropped so far: ${number('en', n)}.`,
  nothingDropped: 'Nothing dropped so far.',
  recentlyDropped: 'Recently dropped',
  droppedItem: (title, outlet, added, dropped) => `${title} (${outlet}), added ${added}, dropped ${dropped}`,
  withdrawn: withdrawnEn,
  feedState: {
    notFetched: 'Not fetched yet.',
    failed: (ago, error) => `Last fetch ${ago} failed: ${error}`,
    lastSuccess: (ago) => `Last success ${ago}.`,
    fetched: (ago, n) => `Fetched ${ago}: ${n === 0 ? 'nothing new' : n === 1 ? '1 new article' : `${n} new articles`}.`,
    total: (n) => `${n} ${n === 1 ? 'article' : 'articles'} from this feed in all.`,
    paused: 'Paused.',
    retry: (when) => `Tried again ${when}.`,
    justNow: 'just now',
    minutesAgo: (n) => `${n} min ago`,
    hoursAgo: (n) => `${n} h ago`,
    daysAgo: (n) => `${n} days ago`,
    inMinutes: (n) => `in ${n} min`,
    inHours: (n) => `in ${n} h`,
    reasons: reasonsEn,
    skips: skipsEn,
  },
  somethingWrong: 'Something went wrong.',
  notAnAddress: reasonsEn['not-an-address'],
  notGranted: 'Not followed: the browser did not grant crossread this site.',
  following: 'Following… (fetching the feed)',
  followed: (title, state) => `Following ${title}: ${state}`,
  unfollowed: (title) => `Unfollowed ${title}. Its articles stay until retention drops them.`,
  fetched: 'Fetched.',
  paused: 'Paused.',
  resumed: 'Resumed.',
  opmlEmpty: 'This OPML file lists no feed addresses.',
  opmlUnreadable: (file, problem) => `${file} could not be read: ${problem}`,
  importNotGranted: 'Nothing imported: the browser did not grant crossread these sites.',
  imported: (added, skipped) =>
    `Following ${added} new ${added === 1 ? 'feed' : 'feeds'}${skipped ? ` (${skipped} skipped: followed already or not a feed address)` : ''}; fetching them now.`,
};

const de: SourcesMessages = {
  heading: 'Quellen',
  feedCount: (n) => `${n} ${n === 1 ? 'Feed' : 'Feeds'}`,
  privacy: PRIVACY_PROMISE.de,
  problems: problemMessages('de'),
  schedule: (m) =>
    `Gefolgte Feeds werden alle ${m} Minuten abgerufen, ohne Cookies und ohne Referrer; um eine Website wird erst gebeten, wenn Sie einem ihrer Feeds folgen.`,
  feedAddress: 'Feed-Adresse',
  follow: 'Folgen',
  fetchNow: 'Jetzt abrufen',
  fetching: 'Wird abgerufen …',
  pauseAll: 'Alle pausieren',
  resumeAll: 'Alle fortsetzen',
  importOpml: 'OPML importieren',
  exportOpml: 'OPML exportieren',
  pendingImport: (feeds, origins) =>
    `Diese Liste enthält ${feeds} ${feeds === 1 ? 'Feed' : 'Feeds'} auf ${origins.length} ${origins.length === 1 ? 'Website' : 'Websites'} (${origins.join(', ')}). Wenn Sie ihnen folgen, darf crossread diese Websites erreichen.`,
  allowAndFollow: 'Erlauben und folgen',
  cancel: 'Abbrechen',
  columns: { feed: 'Feed', state: 'Zustand', actions: 'Aktionen' },
  pause: 'Pausieren',
  resume: 'Fortsetzen',
  unfollow: 'Nicht mehr folgen',
  intervalLabel: 'Gefolgte Feeds abrufen alle',
  minutes: 'Minuten',
  badInterval: (min, max) => `Abruf alle ${min} bis ${max} Minuten, als ganze Zahl; nichts wurde gespeichert.`,
  intervalSaved: (m) => `Gefolgte Feeds werden alle ${m} Minuten abgerufen.`,
  retentionLabel: 'Artikel aus Feeds und aus dem Lesen behalten für',
  days: 'Tage',
  badDays: (min, max) => `Artikel ${min} bis ${max} Tage behalten, als ganze Zahl; nichts wurde gespeichert.`,
  kept: (days) => `Artikel aus Feeds und aus dem Lesen werden ${days} Tage behalten.`,
  save: 'Speichern',
  limits: (max) => `Höchstens ${number('de', max)} Artikel; Ihre eigenen Ergänzungen und die Startartikel bleiben immer erhalten.`,
  storageUsed: (bytes) => `Belegter Speicher: ${megabytes('de', bytes)}.`,
  droppedSoFar: (n) => `Bisher entfernt: ${number('de', n)}.`,
  nothingDropped: 'Bisher nichts entfernt.',
  recentlyDropped: 'Zuletzt entfernt',
  droppedItem: (title, outlet, added, dropped) => `${title} (${outlet}), hinzugefügt ${added}, entfernt ${dropped}`,
  withdrawn: withdrawnDe,
  feedState: {
    notFetched: 'Noch nicht abgerufen.',
    failed: (ago, error) => `Letzter Abruf ${ago} fehlgeschlagen: ${error}`,
    lastSuccess: (ago) => `Zuletzt erfolgreich ${ago}.`,
    fetched: (ago, n) => `Abgerufen ${ago}: ${n === 0 ? 'nichts Neues' : n === 1 ? '1 neuer Artikel' : `${n} neue Artikel`}.`,
    total: (n) => `${n} Artikel aus diesem Feed insgesamt.`,
    paused: 'Pausiert.',
    retry: (when) => `Neuer Versuch ${when}.`,
    justNow: 'gerade eben',
    minutesAgo: (n) => `vor ${n} Min.`,
    hoursAgo: (n) => `vor ${n} Std.`,
    daysAgo: (n) => `vor ${n} Tagen`,
    // Spelt out: the retry sentence ends with them, and "Min.." would read as a typo.
    inMinutes: (n) => `in ${n} ${n === 1 ? 'Minute' : 'Minuten'}`,
    inHours: (n) => `in ${n} ${n === 1 ? 'Stunde' : 'Stunden'}`,
    reasons: reasonsDe,
    skips: skipsDe,
  },
  somethingWrong: 'Etwas ist schiefgegangen.',
  notAnAddress: reasonsDe['not-an-address'],
  notGranted: 'Nicht gefolgt: Der Browser hat crossread diese Website nicht erlaubt.',
  following: 'Wird gefolgt … (der Feed wird abgerufen)',
  followed: (title, state) => `Sie folgen ${title}: ${state}`,
  unfollowed: (title) => `Sie folgen ${title} nicht mehr. Seine Artikel bleiben, bis die Aufbewahrungsfrist sie entfernt.`,
  fetched: 'Abgerufen.',
  paused: 'Pausiert.',
  resumed: 'Fortgesetzt.',
  opmlEmpty: 'Diese OPML-Datei enthält keine Feed-Adressen.',
  opmlUnreadable: (file, problem) => `${file} konnte nicht gelesen werden: ${problem}`,
  importNotGranted: 'Nichts importiert: Der Browser hat crossread diese Websites nicht erlaubt.',
  imported: (added, skipped) =>
    `Sie folgen ${added} ${added === 1 ? 'neuen Feed' : 'neuen Feeds'}${skipped ? ` (${skipped} übersprungen: schon gefolgt oder keine Feed-Adresse)` : ''}; sie werden jetzt abgerufen.`,
};

export function sourcesMessages(locale: Locale): SourcesMessages {
  return locale === 'de' ? de : en;
}
