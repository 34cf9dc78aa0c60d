import { describe, expect, it } from 'vitest';
import {
  importCancelled,
  isProblem,
  PROBLEM_KINDS,
  ProblemError,
  problemMessages,
  problemOf,
  WARNING_KINDS,
  type EngineWarning,
  type Problem,
} from '../../../lib/i18n/problem-messages';
import { optionsMessages } from '../../../lib/i18n/options-messages';
import { sourcesMessages } from '../../../lib/i18n/sources-messages';
import { uiMessages } from '../../../lib/i18n/ui-messages';
import { ArticleError, makeArticle } from '../../../lib/article/make-article';
import { readOpml } from '../../../lib/feeds/opml';
import { ImportError, parseImport, type ImportIssue as TransferIssue, type SkipWhy } from '../../../lib/article/transfer';
import type { ImportIssue, ImportSkip } from '../../../lib/i18n/problem-messages';

// The core's issues and skips are these tables' (the core cannot import them): each type is the other.
const sameIssues: [TransferIssue, ImportIssue] = [{} as ImportIssue, {} as TransferIssue];
const sameSkips: [SkipWhy, ImportSkip] = [{} as ImportSkip, {} as SkipWhy];

/** A problem of each kind, with values that show up in the words. */
const SAMPLE: { [K in Problem['kind']]: Extract<Problem, { kind: K }> } = {
  cancelled: { kind: 'cancelled' },
  'import-cancelled': { kind: 'import-cancelled' },
  'storage-full': { kind: 'storage-full' },
  'import-interrupted': { kind: 'import-interrupted' },
  'import-lost': { kind: 'import-lost' },
  'twice-in-import': { kind: 'twice-in-import', id: 'a7' },
  'background-stopped': { kind: 'background-stopped', detail: 'port closed' },
  busy: { kind: 'busy' },
  'page-stored': { kind: 'page-stored' },
  'page-text-stored': { kind: 'page-text-stored', title: 'T', outlet: 'O' },
  'text-stored': { kind: 'text-stored', title: 'T', outlet: 'O' },
  'no-article': { kind: 'no-article', id: 'a1' },
  'no-story': { kind: 'no-story', id: 's1' },
  'empty-outlet': { kind: 'empty-outlet' },
  'bad-date': { kind: 'bad-date', date: '12.2.' },
  'corpus-changing': { kind: 'corpus-changing' },
  'article-no-id': { kind: 'article-no-id' },
  'article-not-text': { kind: 'article-not-text', id: 'a1' },
  'article-too-long': { kind: 'article-too-long', id: 'a1', length: 1_000_001, limit: 1_000_000 },
  'article-empty': { kind: 'article-empty', id: 'a1', headerOnly: true },
  'import-file': { kind: 'import-file', file: 'a.json', issue: { kind: 'bad-field', article: { index: 2, title: 'Rat' }, field: 'date' } },
  'worker-read-stopped': { kind: 'worker-read-stopped' },
  'worker-analyse-stopped': { kind: 'worker-analyse-stopped' },
  'worker-failed': { kind: 'worker-failed' },
  'worker-closed': { kind: 'worker-closed' },
  'worker-short': { kind: 'worker-short' },
  'bad-interval': { kind: 'bad-interval', min: 15, max: 1440 },
  'bad-retention': { kind: 'bad-retention', min: 1, max: 365 },
  'opml-unreadable': { kind: 'opml-unreadable', detail: 'unexpected end' },
  'opml-no-body': { kind: 'opml-no-body' },
  'opml-empty': { kind: 'opml-empty' },
  'not-an-article': { kind: 'not-an-article' },
  'too-short': { kind: 'too-short' },
  'too-large': { kind: 'too-large' },
  'no-answer': { kind: 'no-answer' },
  'own-pages-only': { kind: 'own-pages-only' },
  'invalid-request': { kind: 'invalid-request', detail: 'x is not a string' },
  'keep-own-pages': { kind: 'keep-own-pages' },
};

const WARNING_SAMPLE: { [K in EngineWarning['kind']]: Extract<EngineWarning, { kind: K }> } = {
  'header-bad-lines': { kind: 'header-bad-lines', count: 2, first: 'oops' },
  'header-no-blank': { kind: 'header-no-blank' },
  'header-repeated': { kind: 'header-repeated', key: 'title', line: 3 },
  'header-bad-date': { kind: 'header-bad-date', date: 'gestern' },
  'empty-page': { kind: 'empty-page' },
  'page-too-long': { kind: 'page-too-long', limit: 2_000_000 },
  'unsupported-language': { kind: 'unsupported-language', language: 'fr' },
  'no-sentences': { kind: 'no-sentences' },
  'few-sentences': { kind: 'few-sentences', count: 2 },
};

/** Words every English sentence of these tables uses somewhere, and no German one should. */
const ENGLISH = /\b(?:the|is|not|and|could|cannot|only|this|your|nothing|every|try|again)\b/i;

describe('problem messages', () => {
  it('words every problem and every warning in English and in German, differently, with the values in them', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...PROBLEM_KINDS].sort());
    expect(Object.keys(WARNING_SAMPLE).sort()).toEqual([...WARNING_KINDS].sort());
    const en = problemMessages('en');
    const de = problemMessages('de');
    for (const problem of Object.values(SAMPLE) as Problem[]) {
      const english = en.problem(problem);
      const german = de.problem(problem);
      expect(english.trim(), problem.kind).not.toBe('');
      expect(german.trim(), problem.kind).not.toBe('');
      expect(german, problem.kind).not.toBe(english);
      expect(`${english} ${german}`, problem.kind).not.toMatch(/undefined|NaN|\[object/);
      // The values are someone else's words (a parser's, the background's): the sentence around them is German.
      const own = Object.values(problem).reduce<string>((text, v) => (typeof v === 'string' && v !== problem.kind ? text.split(v).join('') : text), german);
      expect(own, `${problem.kind}: ${german}`).not.toMatch(ENGLISH);
      for (const value of Object.entries(problem).filter(([k]) => k !== 'kind' && k !== 'headerOnly').map(([, v]) => v)) {
        if (typeof value === 'string') expect(german, problem.kind).toContain(value);
      }
    }
    for (const warning of Object.values(WARNING_SAMPLE) as EngineWarning[]) {
      const german = de.warning(warning);
      expect(german, warning.kind).not.toBe(en.warning(warning));
      expect(german, `${warning.kind}: ${german}`).not.toMatch(ENGLISH);
    }
    expect(de.problem(SAMPLE['article-too-long'])).toContain('1.000.001');
    expect(en.problem(SAMPLE['article-too-long'])).toContain('1,000,001');
  });

  it('is the same table in the popup, the corpus manager and its Sources section', () => {
    for (const locale of ['en', 'de'] as const) {
      expect(uiMessages(locale).problems).toBe(problemMessages(locale));
      expect(optionsMessages(locale).problems).toBe(problemMessages(locale));
      expect(sourcesMessages(locale).problems).toBe(problemMessages(locale));
    }
  });

  it('gives an error its English as message, and the reader its own language from any error or failure that carries a problem', () => {
    const error = new ProblemError({ kind: 'no-article', id: 'x1' });
    expect(error.message).toBe('There is no article x1 in the corpus.');
    expect(problemOf(error)).toEqual({ kind: 'no-article', id: 'x1' });
    const de = problemMessages('de');
    expect(de.failure(error)).toBe('Im Korpus gibt es keinen Artikel x1.');
    expect(de.failure({ ok: false, error: 'There is no article x1 in the corpus.', problem: { kind: 'no-article', id: 'x1' } })).toBe('Im Korpus gibt es keinen Artikel x1.');
    // Someone else's words (the browser's), or a failure of a background older than this page: as they came.
    expect(de.failure(new Error('QuotaExceededError'))).toBe('QuotaExceededError');
    expect(de.failure({ ok: false, error: 'An older English sentence.' })).toBe('An older English sentence.');
    expect(de.failure({ ok: false, error: 'x', problem: { kind: 'no-such-kind' } })).toBe('x');
    expect(isProblem({ kind: 'no-such-kind' })).toBe(false);
    const cancelled = importCancelled();
    expect(cancelled.name).toBe('AbortError');
    expect(de.failure(cancelled)).toBe('Der Import wurde abgebrochen; nichts wurde importiert.');
  });

  it('takes the problems of the core’s own errors (an article, an OPML list), which cannot import these tables', () => {
    const de = problemMessages('de');
    let thrown: unknown = null;
    try {
      makeArticle({ id: 'a1', raw: 'title: T\n\n   ', source: 'user' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ArticleError);
    expect((thrown as Error).message).toBe(problemMessages('en').problem({ kind: 'article-empty', id: 'a1', headerOnly: true }));
    expect(de.failure(thrown)).toBe('Der Artikel a1 kann nicht hinzugefügt werden: Sein Text ist leer (nur Kopfzeilen)');
    const opml = (text: string) => {
      try {
        readOpml(text);
      } catch (error) {
        return { en: (error as Error).message, de: de.failure(error) };
      }
      return null;
    };
    expect(opml('<html><body>no</body></html>')).toEqual({
      en: 'This file is not an OPML list of feeds (Invalid OPML format).',
      de: 'Diese Datei ist keine OPML-Liste von Feeds (Invalid OPML format).',
    });
  });

  it('words an import file’s problem and its skipped articles in the reader’s language, the English as the import says it', () => {
    expect(sameIssues).toHaveLength(2);
    expect(sameSkips).toHaveLength(2);
    const en = problemMessages('en');
    const de = problemMessages('de');
    const refused = (name: string, content: string) => {
      try {
        parseImport(name, content, []);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        return error as ImportError;
      }
      throw new Error('accepted');
    };
    const article = { id: 'a', outlet: 'O', title: 'Der Rat', language: 'de', date: '12.02.2025', url: null, source: 'user', addedAt: 1, text: 'Der Rat tagte.' };
    const cases = [
      refused('a.pdf', 'x'),
      refused('e.json', '   '),
      refused('x.json', '{"format":'),
      refused('f.json', JSON.stringify({ format: 'other' })),
      refused('v.json', JSON.stringify({ format: 'crossread-corpus', version: 99 })),
      refused('n.json', JSON.stringify({ format: 'crossread-corpus', version: 1, articles: [] })),
      refused('d.json', JSON.stringify({ format: 'crossread-corpus', version: 1, articles: [article] })),
      refused('t.json', JSON.stringify({ format: 'crossread-corpus', version: 1, articles: [{ ...article, date: null, text: '  ' }] })),
      refused('o.json', JSON.stringify({ format: 'crossread-corpus', version: 1, articles: [7] })),
    ];
    for (const error of cases) {
      expect(en.failure(error), error.message).toBe(error.message);
      expect(de.failure(error), error.message).not.toBe(error.message);
      expect(de.failure(error).startsWith(`${error.fileName}: `)).toBe(true);
    }
    expect(de.failure(cases[6])).toBe('d.json: Artikel 1 („Der Rat“) hat kein gültiges Feld "date" (JJJJ-MM-TT oder null)');
    const file = JSON.stringify({ format: 'crossread-corpus', version: 1, articles: [{ ...article, date: null }, { ...article, id: 'b', date: null }] });
    const { skipped } = parseImport('s.json', file, []);
    expect(skipped).toHaveLength(1);
    expect(en.skip(skipped[0].why)).toBe(skipped[0].reason);
    expect(de.skip(skipped[0].why)).toBe('derselbe Text steht schon weiter oben in dieser Datei als „Der Rat“');
  });
});
