/**
 * Import and export of the corpus.
 *
 * Export file (JSON, UTF-8), schema version 1:
 *
 *   {
 *     "format": "crossread-corpus",       // always this string
 *     "version": 1,                        // bumped when the shape changes; readers refuse versions they do not know
 *     "exportedAt": "2025-02-12T10:00:00.000Z",
 *     "articles": [
 *       {
 *         "id": "seed-000",                // unique within the corpus
 *         "outlet": "Outlet A",            // the label the reader sees
 *         "title": "…",
 *         "language": "de",                // 'de', 'en', or another ISO 639 code
 *         "date": "2025-02-12",            // YYYY-MM-DD (or YYYY-MM, YYYY), or null when unknown
 *         "url": "https://…",              // or null
 *         "source": "seed",                // 'seed' (shipped with crossread) or 'user'
 *         "addedAt": 0,                    // milliseconds since 1970 when it was added
 *         "file": "000_….txt",             // optional: the file it came from
 *         "text": "…"                      // the raw text exactly as stored, header lines included
 *       }
 *     ]
 *   }
 *
 * What cleaning derives from the text (where the body starts, which ranges
 * are not reporting) is not exported; it is computed again on import, so an
 * export stays valid when cleaning improves.
 *
 * Import accepts such a file, or a plain `.txt` article (optional `url:`,
 * `title:`, `date:` header lines, a blank line, then the text). Everything is
 * validated before anything is written: a bad file is refused as a whole
 * with an ImportError naming the file and the problem; duplicates are
 * skipped and reported. Titles and texts are kept as plain text – markup in
 * them is never interpreted here or by the UI that shows them.
 */
import { ISO_DATE, type Article, type ArticleSource } from './article';
import { makeArticle, MAX_BODY_CHARS } from './make-article';
import { textHash, textKey } from './duplicate';

export const EXPORT_FORMAT = 'crossread-corpus';
export const EXPORT_VERSION = 1;
/** Longest article text accepted, in characters (JavaScript string length). */
export const MAX_ARTICLE_CHARS = MAX_BODY_CHARS;
/** Largest import file accepted, in bytes of UTF-8 (50 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ExportedArticle {
  id: string;
  outlet: string;
  title: string;
  language: string;
  date: string | null;
  url: string | null;
  source: ArticleSource;
  addedAt: number;
  file?: string;
  text: string;
}

export interface CorpusExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  articles: ExportedArticle[];
}

export interface SkippedArticle {
  /** Why, in English; `why` is the same as a kind plus values, for the reader's language. */
  reason: string;
  why: SkipWhy;
  title: string;
}

/** Why an article of a file was skipped; `as`: the title of the copy already there. */
export type SkipWhy =
  | { kind: 'stored'; as: string }
  | { kind: 'same-address'; url: string; inCorpus: boolean; as: string }
  | { kind: 'same-text'; inCorpus: boolean; as: string };

/** An article of an export named as the reader knows it: its place in the file, and its title where it has one. */
export interface ArticleName {
  index: number;
  title: string | null;
}

/**
 * What is wrong with an import file, as a kind plus values: the reader's page
 * words it in its language (lib/i18n/problem-messages.ts, whose English the
 * ImportError's message repeats).
 */
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

/**
 * What the import's duplicate check needs of a stored article, as the
 * background sends it ('crossread:import-keys'): its labels, and its folded
 * text (`textKey`) as a hash instead of the text itself – the texts of a large
 * corpus are tens of megabytes to carry to the corpus manager, the keys a few
 * percent of that. A file's article whose hash matches one is confirmed with
 * the stored article's folded text (`FoldedTexts`), so the decisions are the
 * ones the texts themselves give.
 */
export interface StoredKey {
  id: string;
  title: string;
  outlet: string;
  date: string | null;
  url: string | null;
  /** textHash(textKey(article)) */
  textHash: string;
}

export function storedKey(article: Article): StoredKey {
  return { id: article.id, title: article.title, outlet: article.outlet, date: article.date, url: article.url, textHash: textHash(textKey(article)) };
}

/** What the corpus already holds, for the duplicate check: articles (their texts at hand), or stored articles' keys. */
export type Held = Article | StoredKey;

/**
 * The folded texts (`textKey`) of these stored articles, in the order asked;
 * null for one no longer stored. Asked only for the stored keys whose hash a
 * file's article has.
 */
export type FoldedTexts = (ids: string[]) => Promise<Array<string | null>>;

export interface ImportResult {
  /** Articles to store. Some may carry the id of an article already stored (see `replaced`): storing replaces that one. */
  articles: Article[];
  skipped: SkippedArticle[];
  /**
   * Ids of stored articles that the file holds with the same text but another
   * label, title, address or date – typically an export made after the reader
   * edited them. Importing restores the file's version.
   */
  replaced: string[];
}

/** A cancelled import: an AbortError, with its problem as a kind for the reader's language (lib/i18n/problem-messages.ts). */
const cancelledImport = () => Object.assign(new DOMException('The import was cancelled; nothing was imported.', 'AbortError'), { problem: { kind: 'import-cancelled' } as const });

/** A file that cannot be imported; the message names the file and the problem. Nothing was written. */
export class ImportError extends Error {
  readonly problem: { kind: 'import-file'; file: string; issue: ImportIssue };
  constructor(
    readonly fileName: string,
    problem: string,
    issue: ImportIssue,
  ) {
    super(`${fileName}: ${problem}`);
    this.name = 'ImportError';
    this.problem = { kind: 'import-file', file: fileName, issue };
  }
}

export function exportCorpus(articles: readonly Article[], now: Date = new Date()): CorpusExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    articles: articles.map((a) => ({
      id: a.id,
      outlet: a.outlet,
      title: a.title,
      language: a.language,
      date: a.date,
      url: a.url,
      source: a.source,
      addedAt: a.addedAt,
      ...(a.file !== undefined ? { file: a.file } : {}),
      text: a.raw,
    })),
  };
}

/** The export as the file's content. */
export function serialiseExport(data: CorpusExport): string {
  return `${JSON.stringify(data, null, 1)}\n`;
}

/** A file name for an export made at `now`: crossread-corpus-YYYY-MM-DD.json. */
export function exportFileName(now: Date = new Date()): string {
  return `crossread-corpus-${now.toISOString().slice(0, 10)}.json`;
}

function utf8Bytes(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
const count = (n: number) => n.toLocaleString('en');

/** A short, quotable name of an article for messages. */
/** An article's title as `label` shows it (one line, at most 60 characters), or null. */
function shownTitle(title: unknown): string | null {
  const t = typeof title === 'string' ? title.replace(/\s+/g, ' ').trim() : '';
  return t ? (t.length > 60 ? `${t.slice(0, 59)}…` : t) : null;
}

const nameOf = (title: unknown, index: number): ArticleName => ({ index, title: shownTitle(title) });

function label(title: unknown, index: number): string {
  const t = typeof title === 'string' ? title.replace(/\s+/g, ' ').trim() : '';
  return t ? `article ${index + 1} ("${t.length > 60 ? `${t.slice(0, 59)}…` : t}")` : `article ${index + 1}`;
}

/** One exported article checked field by field; the problem, or the fields to build the Article from. */
function checkArticle(value: unknown, index: number): { problem: string; issue: ImportIssue } | { article: ExportedArticle } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: `article ${index + 1} is not an object`, issue: { kind: 'not-object', index } };
  const a = value as Record<string, unknown>;
  const name = label(a.title, index);
  const article = nameOf(a.title, index);
  const missing = (field: string, what: string) => ({ problem: `${name} has no valid "${field}" field (${what})`, issue: { kind: 'bad-field' as const, article, field } });
  if (typeof a.id !== 'string' || a.id.trim() === '') return missing('id', 'a non-empty string');
  if (typeof a.outlet !== 'string') return missing('outlet', 'a string');
  if (typeof a.title !== 'string') return missing('title', 'a string');
  if (typeof a.language !== 'string' || a.language.trim() === '') return missing('language', 'a language code such as "de"');
  if (a.date !== null && (typeof a.date !== 'string' || !ISO_DATE.test(a.date))) return missing('date', 'YYYY-MM-DD or null');
  if (a.url !== null && typeof a.url !== 'string') return missing('url', 'a string or null');
  if (a.source !== 'seed' && a.source !== 'user') return missing('source', '"seed" or "user"');
  if (typeof a.addedAt !== 'number' || !Number.isFinite(a.addedAt)) return missing('addedAt', 'a number');
  if (a.file !== undefined && typeof a.file !== 'string') return missing('file', 'a string when given');
  if (typeof a.text !== 'string') return missing('text', 'the article text');
  if (a.text.trim() === '') return { problem: `${name} has an empty text`, issue: { kind: 'empty-text', article } };
  if (a.text.length > MAX_ARTICLE_CHARS) {
    return {
      problem: `${name} is too long (${count(a.text.length)} characters; the limit is ${count(MAX_ARTICLE_CHARS)})`,
      issue: { kind: 'too-long', article, length: a.text.length, limit: MAX_ARTICLE_CHARS },
    };
  }
  return {
    article: {
      id: a.id,
      outlet: a.outlet,
      title: a.title,
      language: a.language,
      date: a.date as string | null,
      url: a.url as string | null,
      source: a.source,
      addedAt: a.addedAt,
      ...(a.file !== undefined ? { file: a.file as string } : {}),
      text: a.text,
    },
  };
}

/** Address compared for duplicates: no fragment, no trailing slash, host in lower case. */
function urlKey(url: string | null): string | null {
  if (!url || !url.trim()) return null;
  try {
    const u = new URL(url.trim());
    u.hash = '';
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url.trim();
  }
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export interface ParseOptions {
  /** The time an imported `.txt` article is recorded as added (ms); now by default. */
  now?: number;
}

/**
 * Reads an import file (a corpus export `.json`, or one article as `.txt`)
 * into articles ready to store, checking everything first. Throws ImportError
 * (naming the file and the problem) for an empty, oversized, malformed or
 * unknown file, an unknown format version, a missing or invalid field, or an
 * oversized article – nothing of such a file is imported. Articles already in
 * `existing` (same address, or the same text) or repeated in the file are
 * skipped and listed; an id already taken by a different article gets a new
 * one. A stored article the file holds with the same id and text but other
 * labels or date is returned for replacing (listed in `replaced`), so
 * export → reset → import restores the reader's edits of seeds too.
 */
export function parseImport(fileName: string, content: string, existing: readonly Article[], options: ParseOptions = {}): ImportResult {
  const plan = readFile(fileName, content, options);
  for (let i = 0; i < plan.length; i++) plan.check(i);
  const result = new Deduplicator();
  for (const a of existing) result.keep(a);
  for (let i = 0; i < plan.length; i++) result.offer(plan.build(i));
  return result.done();
}

/**
 * parseImport for large files: yields to the event loop while it builds
 * articles, reports progress, and stops (rejecting with an AbortError) when
 * the signal aborts. Nothing is written either way.
 */
export async function parseImportAsync(
  fileName: string,
  content: string,
  existing: readonly Held[],
  options: ParseOptions & { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; foldedTexts?: FoldedTexts } = {},
): Promise<ImportResult> {
  const { signal, onProgress, foldedTexts } = options;
  const abortError = cancelledImport;
  if (signal?.aborted) throw abortError();
  const plan = readFile(fileName, content, options);
  let last = performance.now();
  const breathe = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal?.aborted) throw abortError();
    last = performance.now();
  };
  // Reading the JSON is one task of its own; checking ten thousand articles is another long one, so it breathes too.
  // Every article is checked before any is built, as parseImport does.
  await breathe();
  for (let i = 0; i < plan.length; i++) {
    plan.check(i);
    if (performance.now() - last > 30) await breathe();
  }
  const built: Article[] = new Array(plan.length);
  for (let i = 0; i < plan.length; i++) {
    built[i] = plan.build(i);
    if (performance.now() - last > 30) {
      onProgress?.(i + 1, plan.length);
      await breathe();
    }
  }
  onProgress?.(plan.length, plan.length);
  return dedupeImportAsync(existing, built, { ...(signal ? { signal } : {}), ...(foldedTexts ? { foldedTexts } : {}) });
}

/**
 * The first half of parseImport, for a Web Worker: reads the file and checks
 * every article (throwing ImportError as parseImport does), then builds them
 * one by one with `build`. Duplicates are not looked for here: the corpus is
 * not at hand, `dedupeImportAsync` does that with what was built.
 */
export function checkImport(fileName: string, content: string, options: ParseOptions = {}): { length: number; build(index: number): Article } {
  const plan = readFile(fileName, content, options);
  for (let i = 0; i < plan.length; i++) plan.check(i);
  return { length: plan.length, build: (i) => plan.build(i) };
}

/**
 * The second half of parseImport: the articles built by `checkImport` (in the
 * file's order), with what the corpus or the file already has skipped and ids
 * kept unique. `existing` may hold stored articles' keys instead of the
 * articles; the folded texts of those whose hash a built article has are
 * asked of `foldedTexts` (one call), to confirm the match. Yields to the
 * event loop every 30 ms, and rejects with an AbortError when the signal
 * aborts. `hashOf`: an article's textHash(textKey(…)) where it was worked out
 * already (the import worker does it as it builds them): such an article's
 * text is folded here only when another has the same hash, where folding every
 * text was a second of this thread's time at 10,000 articles.
 */
export async function dedupeImportAsync(
  existing: readonly Held[],
  articles: readonly Article[],
  options: { signal?: AbortSignal; foldedTexts?: FoldedTexts; hashOf?: (article: Article) => string | undefined } = {},
): Promise<ImportResult> {
  const { signal, foldedTexts, hashOf } = options;
  let last = performance.now();
  const breatheNow = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal?.aborted) throw cancelledImport();
    last = performance.now();
  };
  if (signal?.aborted) throw cancelledImport();
  const folded: Array<string | undefined> = new Array(articles.length);
  const hashes: string[] = new Array(articles.length);
  for (let i = 0; i < articles.length; i++) {
    const known = hashOf?.(articles[i]);
    if (known !== undefined) hashes[i] = known;
    else hashes[i] = textHash((folded[i] = textKey(articles[i])));
    if (performance.now() - last > 30) await breatheNow();
  }
  const confirmed = await confirmations(existing, new Set(hashes), foldedTexts);
  if (signal?.aborted) throw cancelledImport();
  const result = new Deduplicator(confirmed);
  for (const a of existing) {
    result.keep(a, hashOf && isArticle(a) ? hashOf(a) : undefined);
    if (performance.now() - last > 30) await breatheNow();
  }
  for (let i = 0; i < articles.length; i++) {
    result.offer(articles[i], folded[i], hashes[i]);
    if (performance.now() - last > 30) await breatheNow();
  }
  return result.done();
}

const isArticle = (held: Held): held is Article => 'raw' in held;

/**
 * A file's article as the corpus manager's duplicate check sees it where the
 * import worker keeps the texts (and sends the parts itself): its labels, its
 * text hash (textHash(textKey(…))), its text's length and its place in the
 * file. As what later files are checked against, it is a stored key whose
 * folded text the page asks of the worker that holds it.
 */
export interface ImportKey extends StoredKey {
  index: number;
  chars: number;
}

/**
 * dedupeImportAsync for a file's keys: the same decisions, with the folded
 * texts of the file's articles asked of `keyTexts` (one call) only for those
 * whose hash another article has, in the file or in `existing` (stored keys'
 * texts are asked of `foldedTexts`, as there). The kept keys come back in
 * the file's order, a key under a taken id as a copy under a new one.
 */
export async function dedupeKeysAsync(
  existing: readonly Held[],
  keys: readonly ImportKey[],
  options: { signal?: AbortSignal; foldedTexts?: FoldedTexts; keyTexts: (keys: ImportKey[]) => Promise<string[]> },
): Promise<{ keys: ImportKey[]; skipped: SkippedArticle[]; replaced: string[] }> {
  const { signal, foldedTexts, keyTexts } = options;
  let last = performance.now();
  const breathe = async () => {
    if (performance.now() - last <= 30) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal?.aborted) throw cancelledImport();
    last = performance.now();
  };
  if (signal?.aborted) throw cancelledImport();
  // How often each hash occurs: a key whose hash occurs once nowhere needs its text.
  const seen = new Map<string, number>();
  const count = (hash: string) => seen.set(hash, (seen.get(hash) ?? 0) + 1);
  for (const held of existing) {
    count(isArticle(held) ? textHash(textKey(held)) : held.textHash);
    await breathe();
  }
  for (const key of keys) count(key.textHash);
  const confirmed = await confirmations(existing, new Set(keys.map((k) => k.textHash)), foldedTexts);
  if (signal?.aborted) throw cancelledImport();
  const asked = keys.filter((k) => seen.get(k.textHash)! > 1);
  const answers = asked.length > 0 ? await keyTexts(asked) : [];
  if (signal?.aborted) throw cancelledImport();
  const texts = new Map<ImportKey, string>(asked.map((k, i) => [k, answers[i]]));
  const result = new Deduplicator<ImportKey>(confirmed, (key) => {
    const text = texts.get(key);
    if (text === undefined) throw new Error(`The duplicate check has no text for the file's article ${key.id}.`);
    return text;
  });
  for (const held of existing) {
    result.keep(held);
    await breathe();
  }
  for (const key of keys) {
    result.offer(key, undefined, key.textHash);
    await breathe();
  }
  const { articles, skipped, replaced } = result.done();
  return { keys: articles, skipped, replaced };
}

/** The folded texts of the stored keys whose hash is among `hashes` (by id): only those can be the same text as a file's article. */
async function confirmations(existing: readonly Held[], hashes: ReadonlySet<string>, foldedTexts: FoldedTexts | undefined): Promise<Map<string, string | null>> {
  const ids: string[] = [];
  for (const held of existing) if (!isArticle(held) && hashes.has(held.textHash)) ids.push(held.id);
  const confirmed = new Map<string, string | null>();
  if (ids.length === 0) return confirmed;
  if (!foldedTexts) throw new Error('The duplicate check got stored keys without a way to read their texts.');
  const texts = await foldedTexts(ids);
  for (let i = 0; i < ids.length; i++) confirmed.set(ids[i], texts[i] ?? null);
  return confirmed;
}

/**
 * An import file read: its articles, each to be checked (throwing ImportError)
 * and then built (building is the slow part: cleaning each text). Every
 * article is checked before any is built, so the first problem in the file is
 * the one reported.
 */
interface ImportPlan {
  length: number;
  check(index: number): void;
  build(index: number): Article;
}

/** Checks the file as a whole (size, format, version), and plans reading its articles. */
function readFile(fileName: string, content: string, options: ParseOptions): ImportPlan {
  const fail: Fail = (problem, issue) => {
    throw new ImportError(fileName, problem, issue);
  };
  if (typeof content !== 'string') fail('the file could not be read as text', { kind: 'not-text' });
  if (content.length > MAX_IMPORT_BYTES || (content.length * 3 > MAX_IMPORT_BYTES && utf8Bytes(content) > MAX_IMPORT_BYTES)) {
    fail(`the file is too large (${megabytes(utf8Bytes(content))}; the limit is ${megabytes(MAX_IMPORT_BYTES)})`, {
      kind: 'file-too-large',
      bytes: utf8Bytes(content),
      limit: MAX_IMPORT_BYTES,
    });
  }
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') fail('the file is empty', { kind: 'empty-file' });
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'json') return readExport(text, fail);
  if (extension === 'txt' || extension === 'text') {
    const build = readTextArticle(fileName, text, options.now ?? Date.now(), fail);
    return { length: 1, check: () => undefined, build: () => build() };
  }
  return fail(`crossread imports corpus exports (.json) and articles as plain text (.txt), not ${extension ? `.${extension} files` : 'files without an extension'}`, {
    kind: 'wrong-type',
    extension,
  });
}

/** Throws an ImportError: the problem in English, and as a kind plus values. */
type Fail = (problem: string, issue: ImportIssue) => never;

function readExport(text: string, fail: Fail): ImportPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`the file is not valid JSON (${(error as Error).message})`, { kind: 'not-json', detail: (error as Error).message });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(`the file is not a crossread corpus export (expected an object with "format": "${EXPORT_FORMAT}")`, { kind: 'not-export', format: null });
  }
  const d = data as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT) {
    const format = d.format === undefined ? null : JSON.stringify(d.format);
    return fail(`the file is not a crossread corpus export ("format" is ${format ?? 'missing'}, expected "${EXPORT_FORMAT}")`, { kind: 'not-export', format });
  }
  if (d.version !== EXPORT_VERSION) {
    const version = JSON.stringify(d.version ?? null);
    return fail(`export version ${version} is not supported; this version of crossread reads version ${EXPORT_VERSION}`, { kind: 'bad-version', version, supported: EXPORT_VERSION });
  }
  if (!Array.isArray(d.articles)) return fail('the export has no "articles" list', { kind: 'no-list' });
  if (d.articles.length === 0) return fail('the export holds no articles', { kind: 'no-articles' });
  const items: unknown[] = d.articles;
  const checked: ExportedArticle[] = new Array(items.length);
  const check = (i: number) => {
    const c = checkArticle(items[i], i);
    if ('problem' in c) fail(c.problem, c.issue);
    else checked[i] = c.article;
  };
  const build = (i: number): Article => {
    const e = checked[i];
    try {
      return makeArticle({
        id: e.id,
        raw: e.text,
        ...(e.file !== undefined ? { file: e.file } : {}),
        outlet: e.outlet,
        title: e.title,
        language: e.language,
        date: e.date,
        url: e.url,
        source: e.source,
        addedAt: e.addedAt,
      });
    } catch (error) {
      return fail(`${label(e.title, i)} cannot be read: ${(error as Error).message}`, { kind: 'unreadable', article: nameOf(e.title, i), detail: (error as Error).message });
    }
  };
  return { length: items.length, check, build };
}

function readTextArticle(fileName: string, text: string, now: number, fail: Fail): () => Article {
  const raw = text.replace(/\r\n?/g, '\n');
  if (raw.length > MAX_ARTICLE_CHARS) {
    fail(`the article is too long (${count(raw.length)} characters; the limit is ${count(MAX_ARTICLE_CHARS)})`, { kind: 'too-long', article: null, length: raw.length, limit: MAX_ARTICLE_CHARS });
  }
  const base = fileName.replace(/^.*[/\\]/, '');
  let article: Article;
  try {
    article = makeArticle({ id: `user-${fnv1a(raw)}`, raw, file: base, source: 'user', addedAt: now });
  } catch (error) {
    const message = (error as Error).message.replace(/^Cannot add article \S+: /, '');
    return fail(`the article cannot be read: ${message}`, { kind: 'unreadable', article: null, detail: message });
  }
  return () => article;
}

/**
 * Where a duplicate's first copy is; `folded`: its folded text, null for a stored key (its text is among the confirmed ones)
 * or for an article whose hash came worked out (`fold`: when another article has the same hash).
 */
interface Seen {
  id: string;
  inCorpus: boolean;
  title: string;
  hash: string;
  folded: string | null;
  /** Folds the text, where `folded` is not worked out yet. */
  fold?: () => string;
}

/** A stored article as the check of a re-imported one (same id) needs it. */
interface Kept extends Seen {
  outlet: string;
  date: string | null;
  url: string | null;
}

/** What the duplicate check reads of an article (besides its text). */
type Labels = Pick<Article, 'id' | 'title' | 'outlet' | 'date' | 'url'>;

/** Skips what the corpus or the file already has, and keeps ids unique; `T`: the file's articles, or their keys (dedupeKeysAsync). */
class Deduplicator<T extends Labels = Article> {
  private readonly urls = new Map<string, Seen>();
  /** By text hash: every article with that hash, in the order met (a collision puts two texts under one). */
  private readonly texts = new Map<string, Seen[]>();
  private readonly ids = new Set<string>();
  private readonly stored = new Map<string, Kept>();
  private readonly articles: T[] = [];
  private readonly skipped: SkippedArticle[] = [];
  private readonly replaced: string[] = [];

  /**
   * `confirmed`: the folded texts of the stored keys a file's article may repeat (by id; null: no longer stored). `fold`: a
   * file's article's folded text (textKey for an article).
   */
  constructor(
    private readonly confirmed: ReadonlyMap<string, string | null> = new Map(),
    private readonly fold: (item: T) => string = (item) => textKey(item as unknown as Article),
  ) {}

  /** An article of the corpus (or its key), to skip its copies; `knownHash`: an article's textHash(textKey(…)), where worked out already. */
  keep(held: Held, knownHash?: string): void {
    const article = isArticle(held) ? held : null;
    const folded = article && knownHash === undefined ? textKey(article) : null;
    const hash = article ? (knownHash ?? textHash(folded!)) : (held as StoredKey).textHash;
    const kept: Kept = { id: held.id, inCorpus: true, title: held.title, hash, folded, ...(article && folded === null ? { fold: () => textKey(article) } : {}), outlet: held.outlet, date: held.date, url: held.url };
    this.remember(kept, held.url);
    this.stored.set(held.id, kept);
  }

  private remember(seen: Seen, url: string | null): void {
    const u = urlKey(url);
    if (u && !this.urls.has(u)) this.urls.set(u, seen);
    const same = this.texts.get(seen.hash);
    if (same) same.push(seen);
    else this.texts.set(seen.hash, [seen]);
    this.ids.add(seen.id);
  }

  /** Whether `seen` holds this folded text (`folded()`, whose hash is `hash`). */
  private holds(seen: Seen, folded: () => string, hash: string): boolean {
    if (seen.hash !== hash) return false;
    if (seen.fold) seen.folded ??= seen.fold();
    if (seen.folded !== null) return seen.folded === folded();
    const confirmed = this.confirmed.get(seen.id);
    if (confirmed === undefined) throw new Error(`The duplicate check has no text for stored article ${seen.id}.`);
    return confirmed === folded();
  }

  private static where(seen: Seen): string {
    const as = seen.title ? ` as "${seen.title}"` : '';
    return seen.inCorpus ? `already in the corpus${as}` : `appears earlier in this file${as}`;
  }

  /** `folded` and `hash`: the article's textKey and its textHash, when already worked out (the text is folded only when needed where the hash is given). */
  offer(article: T, knownFolded?: string, knownHash?: string): void {
    let folded = knownFolded;
    const hash = knownHash ?? textHash((folded ??= this.fold(article)));
    const foldedText = () => (folded ??= this.fold(article));
    // The same stored article (same id, same text): skipped if nothing differs, else the file's version replaces it.
    const same = this.stored.get(article.id);
    if (same && !this.replaced.includes(article.id) && this.holds(same, foldedText, hash)) {
      const differs = same.outlet !== article.outlet || same.title !== article.title || same.date !== article.date || same.url !== article.url;
      if (!differs) {
        this.skipped.push({ reason: `already in the corpus${same.title ? ` as "${same.title}"` : ''}`, why: { kind: 'stored', as: same.title }, title: article.title });
        return;
      }
      const u = urlKey(article.url);
      const byUrl = u ? this.urls.get(u) : undefined;
      if (!byUrl || byUrl.id === article.id) {
        this.replaced.push(article.id);
        this.articles.push(article);
        return;
      }
    }
    const u = urlKey(article.url);
    const byUrl = u ? this.urls.get(u) : undefined;
    if (byUrl) {
      this.skipped.push({
        reason: `same address (${article.url}) ${Deduplicator.where(byUrl)}`,
        why: { kind: 'same-address', url: article.url ?? '', inCorpus: byUrl.inCorpus, as: byUrl.title },
        title: article.title,
      });
      return;
    }
    const byText = this.texts.get(hash)?.find((seen) => this.holds(seen, foldedText, hash));
    if (byText) {
      this.skipped.push({ reason: `same text ${Deduplicator.where(byText)}`, why: { kind: 'same-text', inCorpus: byText.inCorpus, as: byText.title }, title: article.title });
      return;
    }
    let stored = article;
    if (this.ids.has(article.id)) {
      let n = 2;
      while (this.ids.has(`${article.id}-${n}`)) n++;
      stored = { ...article, id: `${article.id}-${n}` } as T;
    }
    this.remember({ id: stored.id, inCorpus: false, title: stored.title, hash, folded: folded ?? null, ...(folded === undefined ? { fold: foldedText } : {}) }, stored.url);
    this.articles.push(stored);
  }

  done(): { articles: T[]; skipped: SkippedArticle[]; replaced: string[] } {
    return { articles: this.articles, skipped: this.skipped, replaced: this.replaced };
  }
}
