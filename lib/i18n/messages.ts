/**
 * The overlay's words in English and German. Plain tables and functions, so
 * the wording is testable without a browser; the content script picks the
 * table by the browser's UI language.
 */
export type Locale = 'en' | 'de';

export interface Messages {
  notesLabel: string;
  agree(n: number): string;
  addDetail(n: number): string;
  omit(n: number): string;
  conflict(n: number): string;
  agrees: string;
  adds: string;
  contradicts: string;
  notReportedBy(outlets: string): string;
  thisArticle: string;
  noteOn(excerpt: string): string;
  comparedWith(n: number): string;
  shared(n: number): string;
  details(n: number): string;
  onlyHere(n: number): string;
  missingHere(n: number): string;
  compactSummary(outlets: number, missing: number): string;
  missingTitle: string;
  reportedBy(outlets: string): string;
  relatedHint(n: number): string;
  announce(notes: number, outlets: number): string;
  close: string;
  shortcutHint(next: string, previous: string): string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: Messages = {
  notesLabel: 'crossread notes',
  agree: (n) => `✓ ${plural(n, 'agrees', 'agree')}`,
  addDetail: (n) => `+ ${plural(n, 'adds detail', 'add detail')}`,
  omit: (n) => `– ${plural(n, 'omits', 'omit')}`,
  conflict: (n) => `≠ ${plural(n, 'differs', 'differ')}`,
  agrees: 'agrees:',
  adds: 'adds:',
  contradicts: 'reports differently:',
  notReportedBy: (outlets) => `Not reported by ${outlets}`,
  thisArticle: 'this article',
  noteOn: (excerpt) => `Note on “${excerpt}”`,
  comparedWith: (n) => `Compared with ${plural(n, 'outlet', 'outlets')}`,
  shared: (n) => plural(n, 'point shared', 'points shared'),
  details: (n) => plural(n, 'detail others add', 'details others add'),
  onlyHere: (n) => plural(n, 'point only here', 'points only here'),
  missingHere: (n) => plural(n, 'point missing here', 'points missing here'),
  compactSummary: (outlets, missing) => `⇄ ${plural(outlets, 'outlet', 'outlets')} · – ${missing} missing`,
  missingTitle: 'Points other outlets make that this article leaves out',
  reportedBy: (outlets) => `— ${outlets}`,
  relatedHint: (n) =>
    `crossread: ${n > 0 ? plural(n, 'other outlet writes', 'other outlets write') : 'other outlets write'} about the same people, but about a different event. No comparison.`,
  announce: (notes, outlets) => `crossread: ${plural(notes, 'note', 'notes')} comparing this article with ${plural(outlets, 'outlet', 'outlets')}.`,
  close: 'Close',
  shortcutHint: (next, previous) => `Next note: ${next} · previous: ${previous}`,
};

const de: Messages = {
  notesLabel: 'crossread-Notizen',
  agree: (n) => `✓ ${n} ${n === 1 ? 'stimmt zu' : 'stimmen zu'}`,
  addDetail: (n) => `+ ${n} ${n === 1 ? 'ergänzt' : 'ergänzen'}`,
  omit: (n) => `– ${n} ${n === 1 ? 'lässt aus' : 'lassen aus'}`,
  conflict: (n) => `≠ ${n} ${n === 1 ? 'weicht ab' : 'weichen ab'}`,
  agrees: 'stimmt zu:',
  adds: 'ergänzt:',
  contradicts: 'berichtet anders:',
  notReportedBy: (outlets) => `Nicht berichtet von ${outlets}`,
  thisArticle: 'dieser Artikel',
  noteOn: (excerpt) => `Notiz zu „${excerpt}“`,
  comparedWith: (n) => `Verglichen mit ${n} ${n === 1 ? 'Medium' : 'Medien'}`,
  shared: (n) => `${n} ${n === 1 ? 'gemeinsamer Punkt' : 'gemeinsame Punkte'}`,
  details: (n) => `${n} ${n === 1 ? 'Detail' : 'Details'} von anderen`,
  onlyHere: (n) => `${n} ${n === 1 ? 'Punkt' : 'Punkte'} nur hier`,
  missingHere: (n) => `${n} ${n === 1 ? 'Punkt fehlt' : 'Punkte fehlen'} hier`,
  compactSummary: (outlets, missing) => `⇄ ${n(outlets, 'Medium', 'Medien')} · – ${missing} ${missing === 1 ? 'fehlt' : 'fehlen'}`,
  missingTitle: 'Was andere Medien berichten und dieser Artikel auslässt',
  reportedBy: (outlets) => `— ${outlets}`,
  relatedHint: (n) =>
    `crossread: ${n > 0 ? `${n} ` : ''}${n === 1 ? 'anderes Medium schreibt' : 'andere Medien schreiben'} über dieselben Personen, aber über ein anderes Ereignis. Kein Vergleich.`,
  announce: (notes, outlets) => `crossread: ${n(notes, 'Notiz', 'Notizen')} im Vergleich mit ${n(outlets, 'Medium', 'Medien')}.`,
  close: 'Schließen',
  shortcutHint: (next, previous) => `Nächste Notiz: ${next} · vorige: ${previous}`,
};

function n(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const tables: Record<Locale, Messages> = { en, de };

/** The locale for a BCP 47 language tag: German for any German tag, English otherwise. */
export function localeFor(tag: string | null | undefined): Locale {
  return /^de(?:[-_]|$)/i.test(tag ?? '') ? 'de' : 'en';
}

export function messages(locale: Locale): Messages {
  return tables[locale];
}
