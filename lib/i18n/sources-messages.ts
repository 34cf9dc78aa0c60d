/**
 * The words of the corpus manager's Sources section (followed feeds, their
 * states, the fetch interval, retention) and of its story timelines, in
 * English and German, as plain tables so the wording is testable without a
 * browser. The reasons a feed failed are the background's, in English.
 */
import type { Locale } from './messages';
import { PRIVACY_PROMISE } from './privacy';

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
  timelines: string;
  timelinesHeading: string;
  articles(n: number): string;
  timelineLabel: string;
  published: string;
  addedUndated: string;
}

const number = (locale: Locale, n: number, digits = 0) => n.toLocaleString(locale, { maximumFractionDigits: digits });
const megabytes = (locale: Locale, bytes: number) => `${number(locale, bytes / 1024 / 1024, 1)} MB`;

const en: SourcesMessages = {
  heading: 'Sources',
  feedCount: (n) => `${n} ${n === 1 ? 'feed' : 'feeds'}`,
  privacy: PRIVACY_PROMISE.en,
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
  withdrawn: (origin) =>
    `crossread may no longer reach ${origin}: the permission was withdrawn in the browser’s settings. Unfollow and follow again to give it back.`,
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
  },
  somethingWrong: 'Something went wrong.',
  notAnAddress: (address) => `“${address}” is not a web address.`,
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
  timelines: 'Story timelines',
  timelinesHeading: 'Who reported when',
  articles: (n) => `(${n} ${n === 1 ? 'article' : 'articles'})`,
  timelineLabel: 'Which outlet reported when',
  published: 'Published',
  addedUndated: 'Added to the corpus (the article gives no date)',
};

const de: SourcesMessages = {
  heading: 'Quellen',
  feedCount: (n) => `${n} ${n === 1 ? 'Feed' : 'Feeds'}`,
  privacy: PRIVACY_PROMISE.de,
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
  withdrawn: (origin) =>
    `crossread darf ${origin} nicht mehr erreichen: Die Berechtigung wurde in den Einstellungen des Browsers entzogen. Folgen Sie dem Feed nicht mehr und dann wieder, um sie erneut zu erteilen.`,
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
  },
  somethingWrong: 'Etwas ist schiefgegangen.',
  notAnAddress: (address) => `„${address}“ ist keine Webadresse.`,
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
  timelines: 'Zeitleisten der Ereignisse',
  timelinesHeading: 'Wer wann berichtete',
  articles: (n) => `(${n} Artikel)`,
  timelineLabel: 'Welches Medium wann berichtete',
  published: 'Veröffentlicht',
  addedUndated: 'Zum Korpus hinzugefügt (der Artikel nennt kein Datum)',
};

export function sourcesMessages(locale: Locale): SourcesMessages {
  return locale === 'de' ? de : en;
}
