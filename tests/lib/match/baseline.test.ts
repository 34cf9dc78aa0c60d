import { describe, expect, it } from 'vitest';
import { baselineAnnotate } from '../../../lib/match/baseline';
import { article, BRIDGE } from './fixtures';

describe('baselineAnnotate', () => {
  const corpus = [article('b', BRIDGE.sameB), article('o', BRIDGE.other)];
  const ann = baselineAnnotate({ text: BRIDGE.page }, corpus);

  it('matches by plain word overlap: the same-story outlet, not the other story', () => {
    expect(ann.story.match).toBe('same');
    expect(ann.outlets.map((o) => o.doc)).toEqual(['b.txt']);
  });

  it('agrees only where the very same words recur (no stemming)', () => {
    const at = (needle: string) => ann.sentences.find((s) => BRIDGE.page.slice(s.start, s.end).includes(needle))!;
    expect(at('Radfahrer').relations['b.txt'].relation).toBe('agree');
    expect(at('Autos').relations['b.txt'].relation).toBe('omits');
  });

  it('keeps stopwords when asked, which makes sentences alike through function words alone', () => {
    const page = { text: 'Der Hafen ist in der Stadt an dem Fluss. Die Brücke ist neu.' };
    const other = [article('x', 'Der Bahnhof ist in der Mitte an dem Platz. Die Brücke ist neu.')];
    const first = (a: ReturnType<typeof baselineAnnotate>) => a.sentences[0]?.relations['x.txt']?.relation;
    expect(first(baselineAnnotate(page, other, { dropStopwords: false }))).toBe('agree');
    expect(first(baselineAnnotate(page, other))).not.toBe('agree');
  });

  it('skips header lines of the page', () => {
    const text = `url: https://example.org/a\ntitle: Brücke\n\n${BRIDGE.page}`;
    const withHeader = baselineAnnotate({ text }, corpus);
    expect(Math.min(...withHeader.sentences.map((s) => s.start))).toBeGreaterThanOrEqual(text.indexOf('Die Bürgermeisterin'));
  });
});
