/**
 * The corpus manager's words in English and German, as plain tables so the
 * wording is testable without a browser.
 */
import type { Locale } from './messages';
import { problemMessages, type ProblemMessages } from './problem-messages';

export interface OptionsMessages {
  heading: string;
  articles(n: number): string;
  usage(usedMb: string, quotaMb: string): string;
  mayEvict: string;
  cannotOpen(problem: string): string;
  importStopped: string;
  reading(file: string): string;
  saving: string;
  imported(n: number): string;
  skipped(file: string, title: string, reason: string): string;
  filter: string;
  /** The name of the section with the filter, import, export and reset, for assistive technology. */
  toolsLabel: string;
  importLabel: string;
  exportLabel: string;
  reset: string;
  resetConfirm: string;
  resetFailed: string;
  resetDone: string;
  cannotAdd: string;
  added(title: string): string;
  story(title: string): string;
  storyLabel(n: number): string;
  count(n: number): string;
  columns: { outlet: string; title: string; date: string; source: string; length: string; actions: string };
  cannotDelete: string;
  deleted(title: string): string;
  cannotRestore: string;
  restored(title: string): string;
  undo: string;
  article: string;
  noDate: string;
  close: string;
  paste: string;
  address: string;
  text: string;
  addToCorpus: string;
  open: string;
  openLabel(title: string): string;
  edit: string;
  editLabel(title: string): string;
  delete: string;
  deleteLabel(title: string): string;
  save: string;
  cancel: string;
  seed: string;
  chartLabel(title: string): string;
  kinds: { shared: string; only: string; omits: string };
  /** The chart's axis: what its bars count. */
  chartAxis: string;
  /** One bar's tooltip: outlet, count and what it counts. */
  chartBar(outlet: string, n: number, kind: string): string;
  /** The story timeline's visible caption. */
  timeline: string;
  /** The story timeline's name for assistive technology. */
  timelineLabel: string;
  /** Said after a day that is when undated articles were added, not when they were published. */
  timelineUndated: string;
  cancelImport: string;
  progress(label: string, done: string, total: string): string;
  shortcuts: string;
  shortcutsOn: string;
  nextNote: string;
  previousNote: string;
  badShortcut: string;
  /** What went wrong, and the engine's warnings, in this language (lib/i18n/problem-messages.ts). */
  problems: ProblemMessages;
}

const en: OptionsMessages = {
  heading: 'crossread — your corpus',
  articles: (n) => `${n} ${n === 1 ? 'article' : 'articles'}`,
  usage: (used, quota) => `${used} MB used of ${quota} MB available`,
  mayEvict: 'the browser may evict this storage under pressure',
  cannotOpen: (problem) => `The corpus cannot be opened: ${problem}`,
  importStopped: 'Import stopped; your corpus is unchanged',
  reading: (file) => `Reading ${file}`,
  saving: 'Saving',
  imported: (n) => `Imported ${n} ${n === 1 ? 'article' : 'articles'}.`,
  skipped: (file, title, reason) => `${file}: skipped “${title}” (${reason}).`,
  filter: 'Filter',
  toolsLabel: 'Corpus tools',
  importLabel: 'Import (.json export or .txt articles)',
  exportLabel: 'Export',
  reset: 'Reset to seeds',
  resetConfirm: 'Reset to the seed corpus? Every article you added or edited is removed. Export first to keep them.',
  resetFailed: 'Reset failed; your corpus is unchanged',
  resetDone: 'The corpus is back to the seed articles.',
  cannotAdd: 'Could not add the article',
  added: (title) => `Added “${title}”.`,
  story: (title) => `Story: ${title}`,
  storyLabel: (n) => `Story ${n}`,
  count: (n) => `(${n} ${n === 1 ? 'article' : 'articles'})`,
  columns: { outlet: 'Outlet', title: 'Title', date: 'Date', source: 'Source', length: 'Length', actions: 'Actions' },
  cannotDelete: 'Could not delete',
  deleted: (title) => `Deleted “${title}”.`,
  cannotRestore: 'Could not restore',
  restored: (title) => `Restored “${title}”.`,
  undo: 'Undo',
  article: 'Article',
  noDate: 'no date',
  close: 'Close',
  paste: 'Add an article by pasting its text',
  address: 'Address',
  text: 'Text',
  addToCorpus: 'Add to corpus',
  open: 'Open',
  openLabel: (title) => `Open the text of ${title}`,
  edit: 'Edit',
  editLabel: (title) => `Edit ${title}`,
  delete: 'Delete',
  deleteLabel: (title) => `Delete ${title}`,
  save: 'Save',
  cancel: 'Cancel',
  seed: 'seed',
  chartLabel: (title) => `How the outlets of “${title}” compare`,
  kinds: { shared: 'shared with other outlets', only: 'only this outlet reports', omits: 'of the others’ points it leaves out' },
  chartAxis: 'points (sentences) per outlet',
  chartBar: (outlet, n, kind) => `${outlet}: ${n} ${n === 1 ? 'point' : 'points'} ${kind}`,
  timeline: 'Who reported when:',
  timelineLabel: 'Which outlet reported when',
  timelineUndated: '(added; no date given)',
  cancelImport: 'Cancel',
  progress: (label, done, total) => `${label} (${done} of ${total})`,
  shortcuts: 'Keyboard shortcuts for the notes',
  shortcutsOn: 'Move between notes with the keyboard',
  nextNote: 'Next note',
  previousNote: 'Previous note',
  badShortcut: 'Write a shortcut as modifier keys and a key, e.g. Alt+Shift+N.',
  problems: problemMessages('en'),
};

const de: OptionsMessages = {
  heading: 'crossread — Ihr Korpus',
  articles: (n) => `${n} ${n === 1 ? 'Artikel' : 'Artikel'}`,
  usage: (used, quota) => `${used} MB von ${quota} MB belegt`,
  mayEvict: 'der Browser darf diesen Speicher bei Platzmangel löschen',
  cannotOpen: (problem) => `Der Korpus lässt sich nicht öffnen: ${problem}`,
  importStopped: 'Import abgebrochen; Ihr Korpus ist unverändert',
  reading: (file) => `${file} wird gelesen`,
  saving: 'Speichern',
  imported: (n) => `${n} Artikel importiert.`,
  skipped: (file, title, reason) => `${file}: „${title}“ übersprungen (${reason}).`,
  filter: 'Filter',
  toolsLabel: 'Korpuswerkzeuge',
  importLabel: 'Importieren (.json-Export oder .txt-Artikel)',
  exportLabel: 'Exportieren',
  reset: 'Auf Startkorpus zurücksetzen',
  resetConfirm:
    'Auf den Startkorpus zurücksetzen? Alle Artikel, die Sie hinzugefügt oder bearbeitet haben, werden entfernt. Exportieren Sie vorher, um sie zu behalten.',
  resetFailed: 'Zurücksetzen fehlgeschlagen; Ihr Korpus ist unverändert',
  resetDone: 'Der Korpus enthält wieder die Startartikel.',
  cannotAdd: 'Der Artikel konnte nicht hinzugefügt werden',
  added: (title) => `„${title}“ hinzugefügt.`,
  story: (title) => `Ereignis: ${title}`,
  storyLabel: (n) => `Ereignis ${n}`,
  count: (n) => `(${n} Artikel)`,
  columns: { outlet: 'Medium', title: 'Titel', date: 'Datum', source: 'Quelle', length: 'Länge', actions: 'Aktionen' },
  cannotDelete: 'Löschen fehlgeschlagen',
  deleted: (title) => `„${title}“ gelöscht.`,
  cannotRestore: 'Wiederherstellen fehlgeschlagen',
  restored: (title) => `„${title}“ wiederhergestellt.`,
  undo: 'Rückgängig',
  article: 'Artikel',
  noDate: 'kein Datum',
  close: 'Schließen',
  paste: 'Artikel durch Einfügen des Textes hinzufügen',
  address: 'Adresse',
  text: 'Text',
  addToCorpus: 'Zum Korpus hinzufügen',
  open: 'Öffnen',
  openLabel: (title) => `Text von ${title} öffnen`,
  edit: 'Bearbeiten',
  editLabel: (title) => `${title} bearbeiten`,
  delete: 'Löschen',
  deleteLabel: (title) => `${title} löschen`,
  save: 'Speichern',
  cancel: 'Abbrechen',
  seed: 'Start',
  chartLabel: (title) => `Wie die Medien zu „${title}“ im Vergleich berichten`,
  kinds: { shared: 'auch bei anderen Medien', only: 'nur bei diesem Medium', omits: 'der anderen, die hier fehlen' },
  chartAxis: 'Punkte (Sätze) je Medium',
  chartBar: (outlet, n, kind) => `${outlet}: ${n} ${n === 1 ? 'Punkt' : 'Punkte'} ${kind}`,
  timeline: 'Wer wann berichtete:',
  timelineLabel: 'Welches Medium wann berichtete',
  timelineUndated: '(hinzugefügt; ohne Datum)',
  cancelImport: 'Abbrechen',
  progress: (label, done, total) => `${label} (${done} von ${total})`,
  shortcuts: 'Tastenkürzel für die Notizen',
  shortcutsOn: 'Mit der Tastatur zwischen Notizen wechseln',
  nextNote: 'Nächste Notiz',
  previousNote: 'Vorige Notiz',
  badShortcut: 'Schreiben Sie ein Kürzel als Zusatztasten und eine Taste, z. B. Alt+Shift+N.',
  problems: problemMessages('de'),
};

export function optionsMessages(locale: Locale): OptionsMessages {
  return locale === 'de' ? de : en;
}
