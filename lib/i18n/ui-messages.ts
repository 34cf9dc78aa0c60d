/**
 * The words of the popup and the corpus manager in English and German, as
 * plain tables so the wording is testable without a browser.
 */
import type { Locale } from './messages';

export interface UiMessages {
  showEverywhere: string;
  offOnSite(host: string): string;
  notRunning: string;
  reasons: Record<'not-article' | 'other-language' | 'no-match' | 'related' | 'off' | 'pending' | 'error', string>;
  comparedWith(n: number, outlets: string): string;
  relationsLabel: string;
  agree(n: number): string;
  addDetail(n: number): string;
  omit(n: number): string;
  missingHere(n: number): string;
  addPage: string;
  outlet: string;
  date: string;
  saveToCorpus: string;
  cancel: string;
  nameOutlet: string;
  added(outlet: string): string;
  cannotRead: string;
  privacy: string;
  manageCorpus: string;
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
  relationsLabel: 'Relations on this page',
  agree: (n) => `✓ ${n} agree`,
  addDetail: (n) => `+ ${n} add detail`,
  omit: (n) => `– ${n} omit`,
  missingHere: (n) => `… ${n} missing here`,
  addPage: 'Add this page to the corpus',
  outlet: 'Outlet',
  date: 'Date',
  saveToCorpus: 'Save to corpus',
  cancel: 'Cancel',
  nameOutlet: 'Give the outlet a name.',
  added: (outlet) => `Added to your corpus as “${outlet}”.`,
  cannotRead: 'This page cannot be read: reload it and try again.',
  privacy: 'Notes compare the article you read with other outlets in your local corpus. Nothing leaves your machine.',
  manageCorpus: 'Manage corpus',
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
  relationsLabel: 'Beziehungen auf dieser Seite',
  agree: (n) => `✓ ${n} stimmen überein`,
  addDetail: (n) => `+ ${n} ergänzen Details`,
  omit: (n) => `– ${n} lassen aus`,
  missingHere: (n) => `… ${n} fehlen hier`,
  addPage: 'Diese Seite zum Korpus hinzufügen',
  outlet: 'Medium',
  date: 'Datum',
  saveToCorpus: 'Im Korpus speichern',
  cancel: 'Abbrechen',
  nameOutlet: 'Geben Sie dem Medium einen Namen.',
  added: (outlet) => `Als „${outlet}“ zu Ihrem Korpus hinzugefügt.`,
  cannotRead: 'Diese Seite kann nicht gelesen werden: Laden Sie sie neu und versuchen Sie es noch einmal.',
  privacy: 'Notizen vergleichen den Artikel, den Sie lesen, mit anderen Medien in Ihrem lokalen Korpus. Nichts verlässt Ihren Rechner.',
  manageCorpus: 'Korpus verwalten',
};

export function uiMessages(locale: Locale): UiMessages {
  return locale === 'de' ? de : en;
}
