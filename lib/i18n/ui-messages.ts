/**
 * The words of the popup and the corpus manager in English and German, as
 * plain tables so the wording is testable without a browser.
 */
import type { Locale } from './messages';
import { PRIVACY_PROMISE } from './privacy';
import { problemMessages, type ProblemMessages } from './problem-messages';

export interface UiMessages {
  showEverywhere: string;
  offOnSite(host: string): string;
  notRunning: string;
  reasons: Record<'not-article' | 'other-language' | 'no-match' | 'related' | 'off' | 'pending' | 'error', string>;
  comparedWith(n: number, outlets: string): string;
  relationsLabel: string;
  /** Counts of sentences and points, not of outlets (the notes count outlets): the words say which. */
  sharedSentences(n: number): string;
  detailsAdded(n: number): string;
  onlyHereSentences(n: number): string;
  missingPoints(total: number, byMany: number | undefined): string;
  /** The tab's site is switched off. */
  offHere(host: string): string;
  /** "Add this page" refused: its text is already stored. */
  duplicateText(title: string, outlet: string): string;
  /** The name of the section about the tab's page, for assistive technology. */
  thisPage: string;
  addPage: string;
  outlet: string;
  date: string;
  saveToCorpus: string;
  cancel: string;
  nameOutlet: string;
  added(outlet: string): string;
  cannotRead: string;
  /** The privacy promise, word for word (lib/i18n/privacy.ts). */
  privacy: string;
  /** What went wrong, and the engine's warnings, in this language (lib/i18n/problem-messages.ts). */
  problems: ProblemMessages;
  manageCorpus: string;
  followSection: string;
  /** "Follow ‹site›", with the feed's title where the page announces several. */
  followSite(site: string, feedTitle: string | null): string;
  youFollow(site: string): string;
  followNotGranted: string;
  followingSite(site: string): string;
  followed(title: string, newArticles: number): string;
  keepOn(host: string): string;
  keepHint: string;
  /**
   * Why the notes are late on a new version's first pages: the corpus is being brought to the new
   * version's database, or sorted into stories again for a newer engine; `articles` when known.
   */
  updatingCorpus(what: 'database' | 'stories', articles: number | null): string;
}

const en: UiMessages = {
  showEverywhere: 'Show notes on all sites',
  offOnSite: (host) => `Off on this site (${host})`,
  notRunning: 'crossread does not run on this page.',
  reasons: {
    'not-article': 'No notes: this page is not an article.',
    'other-language': 'No notes: crossread reads German and English articles, and this page is in another language.',
    'no-match': 'No notes: no article in your corpus reports this story.',
    related: 'Related coverage only: other articles are about the same people, but a different event.',
    off: 'Notes are turned off.',
    pending: 'Reading this page…',
    error: 'Something went wrong reading this page.',
  },
  comparedWith: (n, outlets) => `Compared with ${n} ${n === 1 ? 'outlet' : 'outlets'}: ${outlets}`,
  relationsLabel: 'What this page shares and lacks',
  sharedSentences: (n) => `${n} ${n === 1 ? 'sentence' : 'sentences'} shared with other outlets`,
  detailsAdded: (n) => `${n} ${n === 1 ? 'detail' : 'details'} other outlets add`,
  onlyHereSentences: (n) => `${n} ${n === 1 ? 'sentence' : 'sentences'} only in this article`,
  missingPoints: (total, byMany) =>
    `${total} ${total === 1 ? 'point' : 'points'} of other outlets missing here${byMany ? ` (${byMany} reported by 2+ outlets)` : ''}`,
  offHere: (host) => `Notes are off on this site (${host}). Switch “Off on this site” off to see them again.`,
  duplicateText: (title, outlet) => `This page’s text is already in your corpus, as “${title}” (${outlet}). It was not added again.`,
  thisPage: 'This page',
  addPage: 'Add this page to the corpus',
  outlet: 'Outlet',
  date: 'Date',
  saveToCorpus: 'Save to corpus',
  cancel: 'Cancel',
  nameOutlet: 'Give the outlet a name.',
  added: (outlet) => `Added to your corpus as “${outlet}”.`,
  cannotRead: 'This page cannot be read: reload it and try again.',
  privacy: PRIVACY_PROMISE.en,
  problems: problemMessages('en'),
  manageCorpus: 'Manage corpus',
  followSection: 'Follow this site',
  followSite: (site, title) => `Follow ${site}${title ? ` (${title})` : ''}`,
  youFollow: (site) => `You follow ${site}’s feed.`,
  followNotGranted: 'Not followed: the browser did not grant crossread this site.',
  followingSite: (site) => `Following ${site}… (fetching its feed)`,
  followed: (title, n) => `Following ${title}: ${n === 0 ? 'no new articles yet' : n === 1 ? '1 article added' : `${n} articles added`}.`,
  keepOn: (host) => `Keep what I read on ${host}`,
  keepHint: 'Articles you stay on are added to your corpus, from the page you read: no request is made.',
  updatingCorpus: (what, n) => {
    const corpus = n === null ? 'your corpus' : `your corpus (${n.toLocaleString('en')} ${n === 1 ? 'article' : 'articles'})`;
    return what === 'database'
      ? `crossread is updating ${corpus} for its new version. The notes follow when it is done; no article is lost.`
      : `crossread is sorting ${corpus} into stories again, for its new version. The notes follow when it is done.`;
  },
};

const de: UiMessages = {
  showEverywhere: 'Notizen auf allen Websites zeigen',
  offOnSite: (host) => `Auf dieser Website aus (${host})`,
  notRunning: 'crossread läuft auf dieser Seite nicht.',
  reasons: {
    'not-article': 'Keine Notizen: Diese Seite ist kein Artikel.',
    'other-language': 'Keine Notizen: crossread liest deutsche und englische Artikel, und diese Seite ist in einer anderen Sprache.',
    'no-match': 'Keine Notizen: Kein Artikel Ihres Korpus berichtet über dieses Ereignis.',
    related: 'Nur verwandte Berichte: Andere Artikel handeln von denselben Personen, aber von einem anderen Ereignis.',
    off: 'Notizen sind ausgeschaltet.',
    pending: 'Diese Seite wird gelesen …',
    error: 'Beim Lesen dieser Seite ist etwas schiefgegangen.',
  },
  comparedWith: (n, outlets) => `Verglichen mit ${n} ${n === 1 ? 'Medium' : 'Medien'}: ${outlets}`,
  relationsLabel: 'Was diese Seite teilt und was ihr fehlt',
  sharedSentences: (n) => `${n} ${n === 1 ? 'Satz, den' : 'Sätze, die'} auch andere Medien berichten`,
  detailsAdded: (n) => `${n} ${n === 1 ? 'Detail, das' : 'Details, die'} andere Medien ergänzen`,
  onlyHereSentences: (n) => `${n} ${n === 1 ? 'Satz' : 'Sätze'} nur in diesem Artikel`,
  missingPoints: (total, byMany) =>
    `${total} ${total === 1 ? 'Punkt anderer Medien fehlt' : 'Punkte anderer Medien fehlen'} hier${byMany ? ` (${byMany} von 2+ Medien berichtet)` : ''}`,
  offHere: (host) => `Notizen sind auf dieser Website aus (${host}). Schalten Sie „Auf dieser Website aus“ ab, um sie wieder zu sehen.`,
  duplicateText: (title, outlet) => `Der Text dieser Seite ist schon in Ihrem Korpus, als „${title}“ (${outlet}). Er wurde nicht noch einmal hinzugefügt.`,
  thisPage: 'Diese Seite',
  addPage: 'Diese Seite zum Korpus hinzufügen',
  outlet: 'Medium',
  date: 'Datum',
  saveToCorpus: 'Im Korpus speichern',
  cancel: 'Abbrechen',
  nameOutlet: 'Geben Sie dem Medium einen Namen.',
  added: (outlet) => `Als „${outlet}“ zu Ihrem Korpus hinzugefügt.`,
  cannotRead: 'Diese Seite kann nicht gelesen werden: Laden Sie sie neu und versuchen Sie es noch einmal.',
  privacy: PRIVACY_PROMISE.de,
  problems: problemMessages('de'),
  manageCorpus: 'Korpus verwalten',
  followSection: 'Dieser Website folgen',
  followSite: (site, title) => `${site} folgen${title ? ` (${title})` : ''}`,
  youFollow: (site) => `Sie folgen dem Feed von ${site}.`,
  followNotGranted: 'Nicht gefolgt: Der Browser hat crossread diese Website nicht erlaubt.',
  followingSite: (site) => `Sie folgen ${site} … (der Feed wird abgerufen)`,
  followed: (title, n) => `Sie folgen ${title}: ${n === 0 ? 'noch keine neuen Artikel' : n === 1 ? '1 Artikel hinzugefügt' : `${n} Artikel hinzugefügt`}.`,
  keepOn: (host) => `Behalten, was ich auf ${host} lese`,
  keepHint: 'Artikel, auf denen Sie eine Weile bleiben, kommen aus der gelesenen Seite in Ihren Korpus: Es wird keine Anfrage gestellt.',
  updatingCorpus: (what, n) => {
    const corpus = n === null ? 'Ihren Korpus' : `Ihren Korpus (${n.toLocaleString('de')} Artikel)`;
    return what === 'database'
      ? `crossread bringt ${corpus} auf seine neue Version. Die Notizen folgen, sobald das fertig ist; kein Artikel geht verloren.`
      : `crossread ordnet ${corpus} für seine neue Version neu nach Ereignissen. Die Notizen folgen, sobald das fertig ist.`;
  },
};

export function uiMessages(locale: Locale): UiMessages {
  return locale === 'de' ? de : en;
}
