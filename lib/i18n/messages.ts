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
  /** The missing points, those two or more outlets make apart from those one makes: "6 points reported by 2+ outlets are missing here · 40 more by one outlet". */
  missingSummary(many: number, single: number): string;
  /** The top marker on narrow pages: no symbol before a number, so nothing reads as a minus. */
  compactSummary(outlets: number, many: number, single: number): string;
  missingTitle: string;
  reportedBy(outlets: string): string;
  /** The heading of the missing points made by this many outlets. */
  madeBy(n: number): string;
  /** After a point's outlets, when they made it in more reports than outlets. */
  reports(n: number): string;
  showAll(n: number): string;
  /** Outlets whose report is too short to judge what it leaves out: said once for the page. */
  shortReports(outlets: string, n: number): string;
  /** Outlets a paragraph could not be compared with (below crossread's confidence): never an omission. */
  notCompared(outlets: string): string;
  /** Closed-note part for those outlets. */
  unclear(n: number): string;
  /** An agreement crossread is less sure of. */
  agreesLikely: string;
  confidence(percent: number): string;
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
  missingSummary: (many, single) =>
    many === 0 && single === 0
      ? 'no point of other outlets missing here'
      : many === 0
        ? `${plural(single, 'point', 'points')} missing here, each reported by one outlet`
        : `${plural(many, 'point', 'points')} reported by 2+ outlets ${many === 1 ? 'is' : 'are'} missing here${single ? ` · ${single} more by one outlet` : ''}`,
  compactSummary: (outlets, many, single) =>
    `⇄ ${plural(outlets, 'outlet', 'outlets')} · ${
      many + single === 0 ? 'nothing missing' : many === 0 ? `missing: ${single} by one outlet each` : `missing: ${many} by 2+ outlets${single ? `, ${single} by one` : ''}`
    }`,
  missingTitle: 'Points other outlets make that this article leaves out',
  reportedBy: (outlets) => `— ${outlets}`,
  madeBy: (n) => (n === 1 ? 'Reported by one outlet' : `Reported by ${n} outlets`),
  reports: (n) => `(${n} reports)`,
  showAll: (n) => `Show all ${n} points`,
  shortReports: (outlets, n) => `${outlets}: ${n === 1 ? 'a short report' : 'short reports'}, not judged for what ${n === 1 ? 'it leaves' : 'they leave'} out`,
  notCompared: (outlets) => `Not compared with ${outlets} — no outlet says this in words crossread can match`,
  unclear: (n) => `? ${n} not compared`,
  agreesLikely: 'probably agrees:',
  confidence: (percent) => `crossread is ${percent} % sure of this`,
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
  missingSummary: (many, single) =>
    many === 0 && single === 0
      ? 'kein Punkt anderer Medien fehlt hier'
      : many === 0
        ? `${n(single, 'Punkt fehlt', 'Punkte fehlen')} hier, ${single === 1 ? '' : 'jeweils '}von einem Medium berichtet`
        : `${n(many, 'Punkt, den 2+ Medien berichten, fehlt', 'Punkte, die 2+ Medien berichten, fehlen')} hier${single ? ` · ${single} ${single === 1 ? 'weiterer' : 'weitere'} von einem Medium` : ''}`,
  compactSummary: (outlets, many, single) =>
    `⇄ ${n(outlets, 'Medium', 'Medien')} · ${
      many + single === 0 ? 'nichts fehlt' : many === 0 ? `es fehlen: ${single} von je einem Medium` : `es fehlen: ${many} von 2+ Medien${single ? `, ${single} von einem` : ''}`
    }`,
  missingTitle: 'Was andere Medien berichten und dieser Artikel auslässt',
  reportedBy: (outlets) => `— ${outlets}`,
  madeBy: (count) => (count === 1 ? 'Von einem Medium berichtet' : `Von ${count} Medien berichtet`),
  reports: (count) => `(${count} Berichte)`,
  showAll: (count) => `Alle ${count} Punkte zeigen`,
  shortReports: (outlets, count) =>
    `${outlets}: ${count === 1 ? 'kurzer Bericht' : 'kurze Berichte'}, nicht danach beurteilt, was ${count === 1 ? 'er auslässt' : 'sie auslassen'}`,
  notCompared: (outlets) => `Nicht verglichen mit ${outlets} — kein Medium sagt das in Worten, die crossread zuordnen kann`,
  unclear: (count) => `? ${count} nicht verglichen`,
  agreesLikely: 'stimmt wohl zu:',
  confidence: (percent) => `crossread ist sich zu ${percent} % sicher`,
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
