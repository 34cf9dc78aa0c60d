/**
 * What went wrong, and what the engine noticed about a page, in English and
 * German. A problem travels as a kind plus its values (in an Error's
 * `problem`, in a Failure's `problem`) from wherever it arose — the
 * background, a worker, the core — and is put into words only where the
 * reader sees it, in the reader's language. The English table also gives
 * the Error's own message, so logs and the command line read the same.
 * Values that are someone else's words (a parser's message, the browser's)
 * travel as they are.
 */
import type { Locale } from './messages';

export type Problem =
  // A write to the corpus that did not happen.
  | { kind: 'cancelled' }
  | { kind: 'import-cancelled' }
  | { kind: 'storage-full' }
  | { kind: 'import-interrupted' }
  | { kind: 'import-lost' }
  | { kind: 'twice-in-import'; id: string }
  | { kind: 'background-stopped'; detail: string }
  | { kind: 'busy' }
  | { kind: 'page-stored' }
  | { kind: 'page-text-stored'; title: string; outlet: string }
  | { kind: 'text-stored'; title: string; outlet: string }
  | { kind: 'no-article'; id: string }
  | { kind: 'no-story'; id: string }
  | { kind: 'empty-outlet' }
  | { kind: 'bad-date'; date: string }
  | { kind: 'corpus-changing' }
  // An article's text that cannot become an article (lib/article/make-article.ts).
  | { kind: 'article-no-id' }
  | { kind: 'article-not-text'; id: string }
  | { kind: 'article-too-long'; id: string; length: number; limit: number }
  | { kind: 'article-empty'; id: string; headerOnly: boolean }
  // An import file that cannot be imported (lib/article/transfer.ts).
  | { kind: 'import-file'; file: string; issue: ImportIssue }
  // The corpus manager's import workers.
  | { kind: 'worker-read-stopped' }
  | { kind: 'worker-analyse-stopped' }
  | { kind: 'worker-failed' }
  | { kind: 'worker-closed' }
  | { kind: 'worker-short' }
  // Feed settings and OPML lists.
  | { kind: 'bad-interval'; min: number; max: number }
  | { kind: 'bad-retention'; min: number; max: number }
  | { kind: 'opml-unreadable'; detail: string }
  | { kind: 'opml-no-body' }
  | { kind: 'opml-empty' }
  // A page the popup was asked to add.
  | { kind: 'not-an-article' }
  | { kind: 'too-short' }
  | { kind: 'too-large' }
  // Messages between crossread's parts.
  | { kind: 'no-answer' }
  | { kind: 'own-pages-only' }
  | { kind: 'invalid-request'; detail: string }
  | { kind: 'keep-own-pages' };

/** An article of an export: its place in the file, and its title where it has one. */
export interface ArticleName {
  index: number;
  title: string | null;
}

/** What is wrong with an import file (lib/article/transfer.ts's ImportIssue, which the core cannot import from here). */
export type ImportIssue =
  | { kind: 'not-text' }
  | { kind: 'file-too-large'; bytes: number; limit: number }
  | { kind: 'empty-file' }
  | { kind: 'wrong-type'; extension: string }
  | { kind: 'not-json'; detail: string }
  | { kind: 'not-export'; format: string | null }
  | { kind: 'bad-version'; version: string; supported: number }
  | { kind: 'no-list' }
  | { kind: 'no-articles' }
  | { kind: 'not-object'; index: number }
  | { kind: 'bad-field'; article: ArticleName; field: string }
  | { kind: 'empty-text'; article: ArticleName }
  | { kind: 'too-long'; article: ArticleName | null; length: number; limit: number }
  | { kind: 'unreadable'; article: ArticleName | null; detail: string };

/** Why an article of an import file was skipped (lib/article/transfer.ts's SkipWhy); `as`: the title of the copy already there. */
export type ImportSkip =
  | { kind: 'stored'; as: string }
  | { kind: 'same-address'; url: string; inCorpus: boolean; as: string }
  | { kind: 'same-text'; inCorpus: boolean; as: string };

/** What the engine noticed about a page (or an article's header), shown below the popup's reason. */
export type EngineWarning =
  | { kind: 'header-bad-lines'; count: number; first: string }
  | { kind: 'header-no-blank' }
  | { kind: 'header-repeated'; key: string; line: number }
  | { kind: 'header-bad-date'; date: string }
  | { kind: 'empty-page' }
  | { kind: 'page-too-long'; limit: number }
  | { kind: 'unsupported-language'; language: string }
  | { kind: 'no-sentences' }
  | { kind: 'few-sentences'; count: number };

type WordsOf<T extends { kind: string }> = { [K in T['kind']]: (value: Extract<T, { kind: K }>) => string };
export type ProblemWords = WordsOf<Problem>;
export type ImportIssueWords = WordsOf<ImportIssue>;
export type ImportSkipWords = WordsOf<ImportSkip>;
export type WarningWords = WordsOf<EngineWarning>;

const count = (locale: Locale, n: number) => n.toLocaleString(locale === 'de' ? 'de' : 'en');
const megabytes = (locale: Locale, bytes: number) => `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;

/** The field of an export's article and what it must hold, as the English message says it. */
const FIELD_EN: Record<string, string> = {
  id: 'a non-empty string', outlet: 'a string', title: 'a string', language: 'a language code such as "de"', date: 'YYYY-MM-DD or null',
  url: 'a string or null', source: '"seed" or "user"', addedAt: 'a number', file: 'a string when given', text: 'the article text',
};
const FIELD_DE: Record<string, string> = {
  id: 'eine nicht leere Zeichenkette', outlet: 'eine Zeichenkette', title: 'eine Zeichenkette', language: 'ein Sprachcode wie "de"',
  date: 'JJJJ-MM-TT oder null', url: 'eine Zeichenkette oder null', source: '"seed" oder "user"', addedAt: 'eine Zahl',
  file: 'eine Zeichenkette, wenn angegeben', text: 'der Text des Artikels',
};

const nameEn = (a: ArticleName) => (a.title ? `article ${a.index + 1} ("${a.title}")` : `article ${a.index + 1}`);
const nameDe = (a: ArticleName) => (a.title ? `Artikel ${a.index + 1} („${a.title}“)` : `Artikel ${a.index + 1}`);

const issuesEn: ImportIssueWords = {
  'not-text': () => 'the file could not be read as text',
  'file-too-large': (i) => `the file is too large (${megabytes('en', i.bytes)}; the limit is ${megabytes('en', i.limit)})`,
  'empty-file': () => 'the file is empty',
  'wrong-type': (i) => `crossread imports corpus exports (.json) and articles as plain text (.txt), not ${i.extension ? `.${i.extension} files` : 'files without an extension'}`,
  'not-json': (i) => `the file is not valid JSON (${i.detail})`,
  'not-export': (i) =>
    i.format === null
      ? 'the file is not a crossread corpus export (expected an object with "format": "crossread-corpus")'
      : `the file is not a crossread corpus export ("format" is ${i.format}, expected "crossread-corpus")`,
  'bad-version': (i) => `export version ${i.version} is not supported; this version of crossread reads version ${i.supported}`,
  'no-list': () => 'the export has no "articles" list',
  'no-articles': () => 'the export holds no articles',
  'not-object': (i) => `article ${i.index + 1} is not an object`,
  'bad-field': (i) => `${nameEn(i.article)} has no valid "${i.field}" field (${FIELD_EN[i.field] ?? 'a value'})`,
  'empty-text': (i) => `${nameEn(i.article)} has an empty text`,
  'too-long': (i) => `${i.article ? nameEn(i.article) : 'the article'} is too long (${count('en', i.length)} characters; the limit is ${count('en', i.limit)})`,
  unreadable: (i) => `${i.article ? nameEn(i.article) : 'the article'} cannot be read: ${i.detail}`,
};

const issuesDe: ImportIssueWords = {
  'not-text': () => 'die Datei konnte nicht als Text gelesen werden',
  'file-too-large': (i) => `die Datei ist zu groß (${megabytes('de', i.bytes)}; die Grenze liegt bei ${megabytes('de', i.limit)})`,
  'empty-file': () => 'die Datei ist leer',
  'wrong-type': (i) =>
    `crossread importiert Korpus-Exporte (.json) und Artikel als reinen Text (.txt), keine ${i.extension ? `.${i.extension}-Dateien` : 'Dateien ohne Endung'}`,
  'not-json': (i) => `die Datei ist kein gültiges JSON (${i.detail})`,
  'not-export': (i) =>
    i.format === null
      ? 'die Datei ist kein Korpus-Export von crossread (erwartet: ein Objekt mit "format": "crossread-corpus")'
      : `die Datei ist kein Korpus-Export von crossread ("format" ist ${i.format}, erwartet: "crossread-corpus")`,
  'bad-version': (i) => `die Export-Version ${i.version} wird nicht unterstützt; diese Version von crossread liest Version ${i.supported}`,
  'no-list': () => 'der Export hat keine Liste "articles"',
  'no-articles': () => 'der Export enthält keine Artikel',
  'not-object': (i) => `Artikel ${i.index + 1} ist kein Objekt`,
  'bad-field': (i) => `${nameDe(i.article)} hat kein gültiges Feld "${i.field}" (${FIELD_DE[i.field] ?? 'ein Wert'})`,
  'empty-text': (i) => `${nameDe(i.article)} hat einen leeren Text`,
  'too-long': (i) =>
    `${i.article ? nameDe(i.article) : 'der Artikel'} ist zu lang (${count('de', i.length)} Zeichen; die Grenze liegt bei ${count('de', i.limit)})`,
  unreadable: (i) => `${i.article ? nameDe(i.article) : 'der Artikel'} kann nicht gelesen werden: ${i.detail}`,
};

const skipsEn: ImportSkipWords = {
  stored: (w) => `already in the corpus${w.as ? ` as "${w.as}"` : ''}`,
  'same-address': (w) => `same address (${w.url}) ${w.inCorpus ? 'already in the corpus' : 'appears earlier in this file'}${w.as ? ` as "${w.as}"` : ''}`,
  'same-text': (w) => `same text ${w.inCorpus ? 'already in the corpus' : 'appears earlier in this file'}${w.as ? ` as "${w.as}"` : ''}`,
};

const skipsDe: ImportSkipWords = {
  stored: (w) => `schon im Korpus${w.as ? ` als „${w.as}“` : ''}`,
  'same-address': (w) => `dieselbe Adresse (${w.url}) ${w.inCorpus ? 'ist schon im Korpus' : 'steht schon weiter oben in dieser Datei'}${w.as ? ` als „${w.as}“` : ''}`,
  'same-text': (w) => `derselbe Text ${w.inCorpus ? 'ist schon im Korpus' : 'steht schon weiter oben in dieser Datei'}${w.as ? ` als „${w.as}“` : ''}`,
};

const issueText = (words: ImportIssueWords, issue: ImportIssue) => (words[issue.kind] as (i: ImportIssue) => string)(issue);

const problemsEn: ProblemWords = {
  cancelled: () => 'Cancelled; nothing was saved and the corpus is as it was.',
  'import-cancelled': () => 'The import was cancelled; nothing was imported.',
  'storage-full': () =>
    "The browser's storage for crossread is full, so nothing was saved; the corpus is as it was. Free some space (delete articles, or other sites' data) and try again.",
  'import-interrupted': () => 'The import was interrupted before its last part arrived, so nothing was saved; the corpus is as it was. Try again.',
  'twice-in-import': (p) => `The import holds the article ${p.id} twice, so nothing was saved; the corpus is as it was.`,
  'import-lost': () =>
    "The import was interrupted (crossread's background restarted or missed a part of it), so nothing was saved; the corpus is as it was. Try again.",
  'background-stopped': (p) => `crossread's background stopped during the import (${p.detail}), so nothing was saved; the corpus is as it was. Try again.`,
  busy: () => 'This change is already under way.',
  'page-stored': () => 'This page is already in your corpus.',
  'page-text-stored': (p) => `This page's text is already in your corpus, as “${p.title}” (${p.outlet}). It was not added again.`,
  'text-stored': (p) => `This text is already in your corpus, as “${p.title}” (${p.outlet}). It was not added again.`,
  'no-article': (p) => `There is no article ${p.id} in the corpus.`,
  'no-story': (p) => `There is no story ${p.id} in the corpus.`,
  'empty-outlet': () => 'The outlet label cannot be empty.',
  'bad-date': (p) => `"${p.date}" is not a date of the form YYYY-MM-DD.`,
  'corpus-changing': () => 'The corpus kept changing while it was read (feeds being fetched?); try again in a moment.',
  'article-no-id': () => 'Cannot add article: it has no id',
  'article-not-text': (p) => `Cannot add article ${p.id}: its text is not a string`,
  'article-too-long': (p) => `Cannot add article ${p.id}: its text is too long (${count('en', p.length)} characters; the limit is ${count('en', p.limit)})`,
  'article-empty': (p) => `Cannot add article ${p.id}: its text is empty${p.headerOnly ? ' (only header lines)' : ''}`,
  'import-file': (p) => `${p.file}: ${issueText(issuesEn, p.issue)}`,
  'worker-read-stopped': () => 'the file could not be read (the import worker stopped)',
  'worker-analyse-stopped': () => 'the articles could not be analysed (the import worker stopped)',
  'worker-failed': () => 'the import worker failed',
  'worker-closed': () => 'the import worker was closed',
  'worker-short': () => 'the import worker analysed fewer articles than it read',
  'bad-interval': (p) => `Fetch every ${p.min} to ${p.max} minutes.`,
  'bad-retention': (p) => `Keep articles between ${p.min} and ${p.max} days.`,
  'opml-unreadable': (p) => `This file is not an OPML list of feeds (${p.detail}).`,
  'opml-no-body': () => 'This file is not an OPML list of feeds: it has no body.',
  'opml-empty': () => 'This OPML file lists no feed addresses.',
  'not-an-article': () => 'This page is not an article crossread can read.',
  'too-short': () => 'This page holds too little text to be an article.',
  'too-large': () => 'This page is too large to read.',
  'no-answer': () => 'crossread did not answer (it may be restarting after an update); try again.',
  'own-pages-only': () => "This is answered for crossread's own pages only.",
  'invalid-request': (p) => `Invalid request: ${p.detail}.`,
  'keep-own-pages': () => 'Only crossread’s own pages set “Keep what I read”.',
};

const problemsDe: ProblemWords = {
  cancelled: () => 'Abgebrochen; nichts wurde gespeichert, der Korpus ist unverändert.',
  'import-cancelled': () => 'Der Import wurde abgebrochen; nichts wurde importiert.',
  'storage-full': () =>
    'Der Speicher des Browsers für crossread ist voll, daher wurde nichts gespeichert; der Korpus ist unverändert. Geben Sie Platz frei (löschen Sie Artikel oder Daten anderer Websites) und versuchen Sie es erneut.',
  'import-interrupted': () =>
    'Der Import wurde unterbrochen, bevor sein letzter Teil ankam, daher wurde nichts gespeichert; der Korpus ist unverändert. Versuchen Sie es erneut.',
  'twice-in-import': (p) => `Der Import enthält den Artikel ${p.id} zweimal, daher wurde nichts gespeichert; der Korpus ist unverändert.`,
  'import-lost': () =>
    'Der Import wurde unterbrochen (der Hintergrund von crossread wurde neu gestartet oder hat einen Teil verpasst), daher wurde nichts gespeichert; der Korpus ist unverändert. Versuchen Sie es erneut.',
  'background-stopped': (p) =>
    `Der Hintergrund von crossread hat während des Imports angehalten (${p.detail}), daher wurde nichts gespeichert; der Korpus ist unverändert. Versuchen Sie es erneut.`,
  busy: () => 'Diese Änderung läuft schon.',
  'page-stored': () => 'Diese Seite ist schon in Ihrem Korpus.',
  'page-text-stored': (p) => `Der Text dieser Seite ist schon in Ihrem Korpus, als „${p.title}“ (${p.outlet}). Er wurde nicht noch einmal hinzugefügt.`,
  'text-stored': (p) => `Dieser Text ist schon in Ihrem Korpus, als „${p.title}“ (${p.outlet}). Er wurde nicht noch einmal hinzugefügt.`,
  'no-article': (p) => `Im Korpus gibt es keinen Artikel ${p.id}.`,
  'no-story': (p) => `Im Korpus gibt es kein Ereignis ${p.id}.`,
  'empty-outlet': () => 'Der Name des Mediums darf nicht leer sein.',
  'bad-date': (p) => `„${p.date}“ ist kein Datum der Form JJJJ-MM-TT.`,
  'corpus-changing': () => 'Der Korpus hat sich beim Lesen ständig geändert (werden Feeds abgerufen?); versuchen Sie es gleich noch einmal.',
  'article-no-id': () => 'Der Artikel kann nicht hinzugefügt werden: Er hat keine Kennung',
  'article-not-text': (p) => `Der Artikel ${p.id} kann nicht hinzugefügt werden: Sein Text ist keine Zeichenkette`,
  'article-too-long': (p) =>
    `Der Artikel ${p.id} kann nicht hinzugefügt werden: Sein Text ist zu lang (${count('de', p.length)} Zeichen; die Grenze liegt bei ${count('de', p.limit)})`,
  'article-empty': (p) => `Der Artikel ${p.id} kann nicht hinzugefügt werden: Sein Text ist leer${p.headerOnly ? ' (nur Kopfzeilen)' : ''}`,
  'import-file': (p) => `${p.file}: ${issueText(issuesDe, p.issue)}`,
  'worker-read-stopped': () => 'die Datei konnte nicht gelesen werden (der Import-Worker hat angehalten)',
  'worker-analyse-stopped': () => 'die Artikel konnten nicht analysiert werden (der Import-Worker hat angehalten)',
  'worker-failed': () => 'der Import-Worker ist fehlgeschlagen',
  'worker-closed': () => 'der Import-Worker wurde geschlossen',
  'worker-short': () => 'der Import-Worker hat weniger Artikel analysiert, als er gelesen hat',
  'bad-interval': (p) => `Abruf alle ${p.min} bis ${p.max} Minuten.`,
  'bad-retention': (p) => `Artikel zwischen ${p.min} und ${p.max} Tagen behalten.`,
  'opml-unreadable': (p) => `Diese Datei ist keine OPML-Liste von Feeds (${p.detail}).`,
  'opml-no-body': () => 'Diese Datei ist keine OPML-Liste von Feeds: Sie hat keinen Body.',
  'opml-empty': () => 'Diese OPML-Datei enthält keine Feed-Adressen.',
  'not-an-article': () => 'Diese Seite ist kein Artikel, den crossread lesen kann.',
  'too-short': () => 'Diese Seite enthält zu wenig Text für einen Artikel.',
  'too-large': () => 'Diese Seite ist zu groß zum Lesen.',
  'no-answer': () => 'crossread hat nicht geantwortet (es startet vielleicht nach einem Update neu); versuchen Sie es erneut.',
  'own-pages-only': () => 'Das wird nur den eigenen Seiten von crossread beantwortet.',
  'invalid-request': (p) => `Ungültige Anfrage: ${p.detail}.`,
  'keep-own-pages': () => 'Nur die eigenen Seiten von crossread schalten „Behalten, was ich lese“.',
};

const warningsEn: WarningWords = {
  'header-bad-lines': (w) => `header ignored: ${w.count} line(s) before the first blank line are not "key: value" (first: "${w.first}")`,
  'header-no-blank': () => 'header ignored: "key: value" lines are not followed by a blank line',
  'header-repeated': (w) => `header key "${w.key}" repeated on line ${w.line}; the first value is kept`,
  'header-bad-date': (w) => `header date "${w.date}" is not a recognised date (YYYY-MM-DD, DD.MM.YYYY or ISO timestamp); kept as written`,
  'empty-page': () => 'The page is empty.',
  'page-too-long': (w) => `The page is longer than ${w.limit} characters; not annotated.`,
  'unsupported-language': (w) => `The page's language (${w.language}) is not supported; only German and English pages are annotated.`,
  'no-sentences': () => 'The page has no sentences with content.',
  'few-sentences': (w) => `The page has only ${w.count} sentence${w.count === 1 ? '' : 's'} with content: too few to tell which story it reports.`,
};

const warningsDe: WarningWords = {
  'header-bad-lines': (w) =>
    `Kopf ignoriert: ${w.count} ${w.count === 1 ? 'Zeile' : 'Zeilen'} vor der ersten Leerzeile ${w.count === 1 ? 'hat' : 'haben'} nicht die Form „Schlüssel: Wert“ (erste: „${w.first}“)`,
  'header-no-blank': () => 'Kopf ignoriert: Auf die Zeilen „Schlüssel: Wert“ folgt keine Leerzeile',
  'header-repeated': (w) => `Kopfschlüssel „${w.key}“ in Zeile ${w.line} wiederholt; der erste Wert gilt`,
  'header-bad-date': (w) => `Kopfdatum „${w.date}“ ist kein bekanntes Datum (JJJJ-MM-TT, TT.MM.JJJJ oder ISO-Zeitstempel); so übernommen, wie es steht`,
  'empty-page': () => 'Die Seite ist leer.',
  'page-too-long': (w) => `Die Seite ist länger als ${count('de', w.limit)} Zeichen; sie erhält keine Notizen.`,
  'unsupported-language': (w) => `Die Sprache der Seite (${w.language}) wird nicht unterstützt; nur deutsche und englische Seiten erhalten Notizen.`,
  'no-sentences': () => 'Die Seite hat keine Sätze mit Inhalt.',
  'few-sentences': (w) =>
    `Die Seite hat nur ${w.count} ${w.count === 1 ? 'Satz' : 'Sätze'} mit Inhalt: zu wenige, um zu erkennen, über welches Ereignis sie berichtet.`,
};

export interface ProblemMessages {
  problems: ProblemWords;
  warnings: WarningWords;
  /** A problem in words. */
  problem(problem: Problem): string;
  /** An engine warning in words. */
  warning(warning: EngineWarning): string;
  /** Why an article of an import file was skipped, in words. */
  skip(why: ImportSkip): string;
  /**
   * What went wrong, for the reader: a failure's or an error's problem in
   * words; else its message as it came (someone else's words, such as the
   * browser's, or a background older than this page).
   */
  failure(failure: unknown): string;
}

function table(problems: ProblemWords, warnings: WarningWords, skips: ImportSkipWords): ProblemMessages {
  const problem = (p: Problem) => (problems[p.kind] as (value: Problem) => string)(p);
  return {
    problems,
    warnings,
    problem,
    warning: (w) => (warnings[w.kind] as (value: EngineWarning) => string)(w),
    skip: (why) => (skips[why.kind] as (value: ImportSkip) => string)(why),
    failure: (failure) => {
      const known = problemOf(failure);
      if (known) return problem(known);
      const error = typeof failure === 'object' && failure !== null ? (failure as { error?: unknown }).error : undefined;
      if (typeof error === 'string') return error;
      return failure instanceof Error ? failure.message : String(failure);
    },
  };
}

const tables: Record<Locale, ProblemMessages> = { en: table(problemsEn, warningsEn, skipsEn), de: table(problemsDe, warningsDe, skipsDe) };

export function problemMessages(locale: Locale): ProblemMessages {
  return tables[locale];
}

/** Every kind, for the test that each language has words for each (the tables' types demand them too). */
export const PROBLEM_KINDS = Object.keys(problemsEn) as Array<Problem['kind']>;
export const WARNING_KINDS = Object.keys(warningsEn) as Array<EngineWarning['kind']>;

const isKindOf = (kinds: readonly string[], value: unknown): boolean =>
  typeof value === 'object' && value !== null && kinds.includes((value as { kind?: unknown }).kind as string);

export const isProblem = (value: unknown): value is Problem => isKindOf(PROBLEM_KINDS, value);
export const isEngineWarning = (value: unknown): value is EngineWarning => isKindOf(WARNING_KINDS, value);

/** An Error that carries its problem; its message is the problem in English. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    options?: { cause?: unknown },
  ) {
    super(tables.en.problem(problem), options);
    this.name = 'ProblemError';
  }
}

/** A cancelled import: an AbortError (as fetch and streams throw), carrying its problem. */
export function importCancelled(): DOMException & { problem: Problem } {
  const problem: Problem = { kind: 'import-cancelled' };
  return Object.assign(new DOMException(tables.en.problem(problem), 'AbortError'), { problem });
}

/** The problem an error carries (an Error from any layer may have a `problem`), or null. */
export function problemOf(error: unknown): Problem | null {
  const problem = typeof error === 'object' && error !== null ? (error as { problem?: unknown }).problem : undefined;
  return isProblem(problem) ? problem : null;
}
