import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { makeArticle } from '../../lib/article/make-article';
import { problemMessages } from '../../lib/i18n/problem-messages';
import {
  article,
  ask,
  backgroundChecks,
  dispatch,
  listen,
  analysedTerms,
  type BackgroundHandlers,
  type PagePayload,
} from '../../platform/protocol';

const origin = 'chrome-extension://abc/';
const optionsPage = { url: `${origin}options.html`, tab: { id: 3 } };
const webPage = { url: 'https://news.example/a', tab: { id: 4 } };
const page: PagePayload = { text: 'Text', url: 'https://news.example/a', title: 'A', language: 'de', publishedTime: null };

const stored = () => makeArticle({ id: 'a1', raw: 'title: Rat tagt\n\nDer Stadtrat tagte am Montag. Die Sitzung endete spät.', source: 'user', outlet: 'X', addedAt: 5 });

describe('payload checks', () => {
  it('accepts what the senders send, and says what is wrong with anything else', () => {
    const annotate = backgroundChecks['crossread:annotate'].payload;
    expect(annotate({ type: 'crossread:annotate', page }, 'm')).toBeNull();
    expect(annotate({ page, storyOnly: true }, 'm')).toBeNull();
    expect(annotate({ page: { ...page, text: 5 } }, 'm')).toBe('m.page.text is not a string');
    expect(annotate({ page, storyOnly: 'yes' }, 'm')).toBe('m.storyOnly is not true or false');
    expect(annotate({ page: { ...page, language: undefined } }, 'm')).toBe('m.page.language is not a string');
    expect(annotate(null, 'm')).toBe('m is not an object');
    expect(backgroundChecks['crossread:story-profiles'].payload({ storyId: '' }, 'm')).toBe('m.storyId is empty');
    expect(backgroundChecks['crossread:story-profiles'].payload({ storyId: 's', articleId: 'a' }, 'm')).toBeNull();
    expect(backgroundChecks['crossread:story-profiles'].payload({ storyId: 's', articleId: '' }, 'm')).toBe('m.articleId is empty');
    expect(backgroundChecks['crossread:import-articles'].payload({ operation: 'op', part: 0, total: 2, articles: [stored(), { ...stored(), addedAt: 'now' }] }, 'm')).toBe(
      'm.articles[1].addedAt is not a number',
    );
    // An entry of a list in a list is named by both places.
    expect(analysedTerms([['a'], null, ['b', 3]], 'analysis.terms')).toBe('analysis.terms[2][1] is not a string');
    expect(analysedTerms([['a'], null, ['b']], 'analysis.terms')).toBeNull();
    expect(backgroundChecks['crossread:update-article'].payload({ id: 'a', date: null }, 'm')).toBeNull();
    expect(backgroundChecks['crossread:update-article'].payload({ id: 'a', outlet: 3 }, 'm')).toBe('m.outlet is not a string');
  });

  it('checks a stored article field by field, offsets included', () => {
    const a = stored();
    expect(article(a, 'a')).toBeNull();
    expect(article({ ...a, file: undefined }, 'a')).toBeNull();
    expect(article({ ...a, source: 'web' }, 'a')).toBe('a.source is not one of "seed", "user"');
    expect(article({ ...a, date: '12.02.2025' }, 'a')).toBe('a.date is not a date of the form YYYY-MM-DD');
    expect(article({ ...a, bodyStart: a.raw.length + 1 }, 'a')).toBe('a.bodyStart is past the end of its text');
    expect(article({ ...a, bodyStart: -1 }, 'a')).toBe('a.bodyStart is not a whole number ≥ 0');
    expect(article({ ...a, nonReporting: [{ start: 5, end: 9 }, { start: 2, end: 3 }] }, 'a')).toMatch(/not a sorted list/);
    expect(article({ ...a, nonReporting: [{ start: 0, end: a.raw.length + 1 }] }, 'a')).toMatch(/not a sorted list/);
    expect(article({ ...a, raw: 'x'.repeat(2_000_000), bodyStart: 0, nonReporting: [] }, 'a')).toMatch(/longer than/);
  });
});

describe('dispatch', () => {
  const handlers: Partial<BackgroundHandlers> = {
    'crossread:annotate': async (m) => ({ ok: true, notes: { seen: m.page.url } as never, warnings: [{ kind: 'empty-page' }] }),
    'crossread:delete-article': async ({ id }) => {
      if (id === 'boom') throw new Error('The disk is on fire.');
      return { ok: true, article: stored() };
    },
  };

  it('answers a checked request with its handler', async () => {
    expect(await dispatch({ type: 'crossread:annotate', page }, webPage, handlers, origin)).toEqual({ ok: true, notes: { seen: page.url }, warnings: [{ kind: 'empty-page' }] });
    expect(await dispatch({ type: 'crossread:delete-article', id: 'a1' }, optionsPage, handlers, origin)).toMatchObject({ ok: true });
  });

  it('leaves messages that are not its own to other listeners', () => {
    expect(dispatch({ type: 'crossread:progress', operation: 'x', done: 1, total: 2 }, optionsPage, handlers, origin)).toBeUndefined();
    expect(dispatch({ type: 'crossread:tab-state' }, optionsPage, handlers, origin)).toBeUndefined();
    expect(dispatch({ type: 'crossread:list-articles' }, optionsPage, handlers, origin)).toBeUndefined();
    expect(dispatch('crossread:annotate', webPage, handlers, origin)).toBeUndefined();
    expect(dispatch({ type: 'toString' }, webPage, handlers, origin)).toBeUndefined();
  });

  it('refuses a bad payload without calling the handler', async () => {
    expect(await dispatch({ type: 'crossread:annotate', page: { url: 'x' } }, webPage, handlers, origin)).toEqual({
      ok: false,
      error: 'Invalid request: crossread:annotate.page.text is not a string.',
      problem: { kind: 'invalid-request', detail: 'crossread:annotate.page.text is not a string' },
    });
  });

  it('answers corpus requests for extension pages only, never for a web page', async () => {
    const reply = await dispatch({ type: 'crossread:delete-article', id: 'a1' }, webPage, handlers, origin);
    expect(reply).toEqual({ ok: false, error: 'crossread:delete-article is answered for crossread\'s own pages only.', problem: { kind: 'own-pages-only' } });
    expect(await dispatch({ type: 'crossread:delete-article', id: 'a1' }, { url: 'chrome-extension://other/options.html' }, handlers, origin)).toMatchObject({ ok: false });
    expect(await dispatch({ type: 'crossread:delete-article', id: 'a1' }, {}, handlers, origin)).toMatchObject({ ok: false });
  });

  it('turns a handler that throws into a failure', async () => {
    expect(await dispatch({ type: 'crossread:delete-article', id: 'boom' }, optionsPage, handlers, origin)).toEqual({ ok: false, error: 'The disk is on fire.' });
  });
});

describe('ask and listen', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sends the name as type with the payload, and never rejects', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      return Promise.resolve({ ok: true, count: 3, usage: null, quota: null });
    });
    expect(await ask('crossread:corpus-stats', {})).toEqual({ ok: true, count: 3, usage: null, quota: null });
    expect(seen).toEqual([{ type: 'crossread:corpus-stats' }]);
    fakeBrowser.reset();
    expect(await ask('crossread:corpus-stats', {})).toMatchObject({ ok: false });
  });

  it('gives a background it cannot reach its problem, in the reader’s words, and keeps the browser’s own', async () => {
    const unreachable = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const reply = await ask('crossread:corpus-stats', {});
    expect(reply).toEqual({ ok: false, error: 'Could not establish connection. Receiving end does not exist.', problem: { kind: 'no-answer' } });
    expect(problemMessages('de').failure(reply)).toBe('crossread hat nicht geantwortet (es startet vielleicht nach einem Update neu); versuchen Sie es erneut.');
    // Anything else is someone else's words, passed on as they are.
    unreachable.mockRejectedValue(new Error('Message exceeded maximum allowed size of 64MiB'));
    expect(await ask('crossread:corpus-stats', {})).toEqual({ ok: false, error: 'Message exceeded maximum allowed size of 64MiB' });
    unreachable.mockRestore();
  });

  it('hears checked events only', async () => {
    const heard: number[] = [];
    listen({ 'crossread:progress': (p) => heard.push(p.done) });
    await fakeBrowser.runtime.sendMessage({ type: 'crossread:progress', operation: 'op', done: 4, total: 10 }).catch(() => undefined);
    await fakeBrowser.runtime.sendMessage({ type: 'crossread:progress', operation: 'op', done: -1, total: 10 }).catch(() => undefined);
    expect(heard).toEqual([4]);
  });
});
