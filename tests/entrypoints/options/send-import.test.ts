import { describe, expect, it } from 'vitest';
import { makeArticle } from '../../../lib/article/make-article';
import type { Article } from '../../../lib/article/article';
import type { Reply } from '../../../platform/protocol';
import type { ImportAnalyser, ImportPartHead } from '../../../entrypoints/options/read-import';
import { ProblemError } from '../../../lib/i18n/problem-messages';
import { importSource, sendImport, type ImportPart } from '../../../entrypoints/options/send-import';

const articles = (prefix: string, count: number): Article[] =>
  Array.from({ length: count }, (_, i) =>
    makeArticle({ id: `${prefix}-${i}`, raw: `Meldung ${i} aus ${prefix}: Der Gemeinderat tagte lange.`, outlet: 'Test', source: 'user', addedAt: i }),
  );

/** An analyser handing out, slice by slice and a little later each time, each article's id as its "terms". */
function analyserOf(list: readonly Article[], slice: number, options: { failAfter?: number } = {}): ImportAnalyser & { closed: () => boolean } {
  let closed = false;
  return {
    closed: () => closed,
    close: () => void (closed = true),
    run: async (onSlice) => {
      for (let start = 0; start < list.length; start += slice) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (options.failAfter !== undefined && start >= options.failAfter) throw new Error('the articles could not be analysed (the import worker stopped)');
        const items = list.slice(start, start + slice);
        onSlice({ featuresVersion: 1, count: items.length, analysis: { featuresVersion: 1, features: items.map((a) => JSON.stringify({ version: 1, url: a.id })), terms: JSON.stringify(items.map((a) => [a.id])) } });
      }
    },
  };
}

function recorder(reply: (part: ImportPart, received: number) => Reply<'crossread:import-articles'> = (_, n) => ({ ok: true, count: n })) {
  const parts: ImportPart[] = [];
  let received = 0;
  return {
    parts,
    send: async (part: ImportPart) => {
      parts.push(part);
      received += part.articles.length;
      return reply(part, received);
    },
  };
}

describe('sending an import in parts', () => {
  it('numbers the parts of every file, each with the analysis of exactly its articles, `more` on all but the last', async () => {
    const a = articles('a', 23);
    const b = articles('b', 5);
    const analyser = analyserOf(a, 4);
    const { parts, send } = recorder();
    const partChars = a[0].raw.length * 6;
    const count = await sendImport([importSource(a, analyser), importSource(b, null)], { operation: 'op', signal: new AbortController().signal, send, partChars });
    expect(count).toBe(28);
    expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
    expect(parts.every((p) => p.total === 28 && p.operation === 'op')).toBe(true);
    expect(parts.map((p) => p.more ?? false)).toEqual(parts.map((_, i) => i < parts.length - 1));
    expect(parts.flatMap((p) => p.articles.map((x) => x.id))).toEqual([...a, ...b].map((x) => x.id));
    for (const p of parts) {
      if (p.articles[0].id.startsWith('a')) {
        expect(JSON.parse(p.analysis!.terms).map((x: string[]) => x[0])).toEqual(p.articles.map((x) => x.id));
        expect(p.analysis!.features.map((x) => JSON.parse(x).url)).toEqual(p.articles.map((x) => x.id));
      } else expect(p.analysis).toBeUndefined();
      // Whole slices up to the part's text.
      expect(p.articles.reduce((n, x) => n + x.raw.length, 0)).toBeLessThanOrEqual(partChars);
    }
    expect(parts.length).toBeGreaterThan(3);
    expect(analyser.closed()).toBe(true);
  });

  it('stops at the background’s refusal, and says so plainly when the background stopped', async () => {
    const a = articles('a', 20);
    const refused = recorder((part, n) => (part.part === 1 ? { ok: false, error: 'The browser’s storage for crossread is full, so nothing was saved.' } : { ok: true, count: n }));
    await expect(sendImport([importSource(a, analyserOf(a, 2))], { operation: 'op', signal: new AbortController().signal, send: refused.send, partChars: 200 })).rejects.toThrow(/storage for crossread is full/);
    expect(refused.parts).toHaveLength(2);

    // Chromium's words when the service worker stopped before it answered.
    const lost = recorder(() => ({ ok: false, error: 'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received' }));
    await expect(sendImport([importSource(a, analyserOf(a, 2))], { operation: 'op', signal: new AbortController().signal, send: lost.send })).rejects.toThrow(
      /background stopped during the import.*nothing was saved; the corpus is as it was/,
    );
  });

  it('fails when the worker fails, and stops on a cancel without sending further parts', async () => {
    const a = articles('a', 20);
    const failing = recorder();
    const analyser = analyserOf(a, 2, { failAfter: 10 });
    await expect(sendImport([importSource(a, analyser)], { operation: 'op', signal: new AbortController().signal, send: failing.send, partChars: 100 })).rejects.toThrow(/import worker stopped/);
    expect(failing.parts.flatMap((p) => p.articles).length).toBeLessThan(20);
    expect(analyser.closed()).toBe(true);

    const controller = new AbortController();
    const cancelled = recorder((part, n) => {
      if (part.part === 1) controller.abort();
      return { ok: true, count: n };
    });
    await expect(sendImport([importSource(a, analyserOf(a, 2))], { operation: 'op', signal: controller.signal, send: cancelled.send, partChars: 100 })).rejects.toThrow(/cancelled/);
    expect(cancelled.parts).toHaveLength(2);
  });
});

describe('parts the import worker sends itself', () => {
  /** analyserOf's slices without their JSON, and a sendPart recording what the worker was asked to send. */
  function directAnalyser(list: readonly Article[], slice: number, reply: (head: ImportPartHead, n: number) => Promise<Reply<'crossread:import-articles'>> | Reply<'crossread:import-articles'> = (_, n) => ({ ok: true, count: n })) {
    const inner = analyserOf(list, slice);
    const asked: Array<{ head: ImportPartHead; start: number; end: number; slices: number }> = [];
    let received = 0;
    const analyser: ImportAnalyser = {
      close: inner.close,
      run: (onSlice) => inner.run((x) => onSlice({ ...x, analysis: null })),
      sendPart: async (head, start, end, slices) => {
        asked.push({ head, start, end, slices });
        received += end - start;
        return reply(head, received);
      },
    };
    return { analyser, asked, closed: inner.closed };
  }

  it('asks for the same parts the page would send, by range and slice count, and nothing through the page', async () => {
    const a = articles('a', 23);
    const b = articles('b', 5);
    const partChars = a[0].raw.length * 6;
    const viaPage = recorder();
    await sendImport([importSource(a, analyserOf(a, 4)), importSource(b, null)], { operation: 'op', signal: new AbortController().signal, send: viaPage.send, partChars });

    const direct = directAnalyser(a, 4);
    const rest = recorder((_, n) => ({ ok: true, count: n + 23 }));
    // The page keeps the texts only of the articles it sends itself.
    const sources = [importSource(a, direct.analyser), importSource(b, null)];
    expect(sources.map((s) => s.articles)).toEqual([null, b]);
    const count = await sendImport(sources, { operation: 'op', signal: new AbortController().signal, send: rest.send, partChars });
    expect(count).toBe(28);
    // The first file's parts went through its worker: the same boundaries, numbers and `more` as through the page.
    const pageParts = viaPage.parts.filter((p) => p.articles[0].id.startsWith('a'));
    expect(direct.asked.map((x) => [x.head.part, x.end - x.start, x.head.more ?? false])).toEqual(pageParts.map((p) => [p.part, p.articles.length, p.more ?? false]));
    expect(direct.asked.map((x) => x.start)).toEqual(direct.asked.map((_, i) => (i === 0 ? 0 : direct.asked[i - 1].end)));
    expect(direct.asked.at(-1)!.end).toBe(23);
    // Whole slices of 4 each part: the worker's slice count covers exactly the part's articles.
    expect(direct.asked.every((x) => x.slices === Math.ceil((x.end - x.start) / 4))).toBe(true);
    expect(direct.asked.every((x) => x.head.operation === 'op' && x.head.total === 28)).toBe(true);
    // The second file (no worker) through the page, numbered on.
    expect(rest.parts.map((p) => p.part)).toEqual(rest.parts.map((_, i) => direct.asked.length + i));
    expect(direct.closed()).toBe(true);
  });

  it('says plainly that the background stopped when it stops while a part is on its way', async () => {
    const a = articles('a', 20);
    const direct = directAnalyser(a, 2, () => new Promise(() => undefined));
    let stop: (error: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => (stop = reject));
    // As the page's watch does: nobody may be waiting on it when it rejects.
    lost.catch(() => undefined);
    const sending = sendImport([importSource(a, direct.analyser)], { operation: 'op', signal: new AbortController().signal, send: recorder().send, partChars: 200, lost });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop(new ProblemError({ kind: 'background-stopped', detail: 'its port closed' }));
    await expect(sending).rejects.toThrow(/background stopped during the import.*nothing was saved; the corpus is as it was/);
    expect(direct.asked).toHaveLength(1);
  });

  it('a cancel waits for the background’s word on the part on its way', async () => {
    const a = articles('a', 20);
    const controller = new AbortController();
    const direct = directAnalyser(a, 2, (head, n) => {
      if (head.part === 1) {
        controller.abort();
        return { ok: false, error: 'Cancelled; nothing was saved and the corpus is as it was.', cancelled: true };
      }
      return { ok: true, count: n };
    });
    await expect(sendImport([importSource(a, direct.analyser)], { operation: 'op', signal: controller.signal, send: recorder().send, partChars: 100 })).rejects.toThrow(/Cancelled; nothing was saved/);
    expect(direct.asked).toHaveLength(2);
  });
});
