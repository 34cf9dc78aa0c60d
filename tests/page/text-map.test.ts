import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildTextMap, locate, mappedChars, rangeOf, subSpan } from '../../page/text-map';
import { drain } from '../helpers/drain';

const dom = (body: string) => new JSDOM(`<!doctype html><html><body>${body}</body></html>`).window.document;

describe('text map', () => {
  it('keeps visible characters only, mapped to their text nodes, and skips scripts and the skipped subtree', () => {
    const doc = dom('<p>Ein <b>fet\u00adter</b>\n  Satz.</p><script>var x = 1;</script><div id="skip">Nicht</div>');
    const map = drain(buildTextMap(doc.body, doc.getElementById('skip')));
    expect(map.chars).toBe('EinfetterSatz.');
    const t = map.chars.indexOf('t');
    expect(map.nodes[map.node[t]].data).toBe('fet\u00adter');
    expect(map.offset[t]).toBe(2);
  });

  it('yields between batches so the walk can be spread over tasks', () => {
    const doc = dom(Array.from({ length: 10 }, (_, i) => `<p>Absatz ${i}</p>`).join(''));
    const walk = buildTextMap(doc.body, null, 3);
    let yields = 0;
    let step = walk.next();
    while (!step.done) {
      yields++;
      step = walk.next();
    }
    expect(yields).toBe(3);
    expect(step.value.chars).toContain('Absatz9');
  });

  it('locates text despite whitespace, soft hyphens and markup, and turns it into a DOM range', () => {
    const doc = dom('<p>Vorher.</p><div>Die Ver\u00adhand\u00adlungen <em>dauerten</em>\u00a0<a href="#">lange</a>.</div>');
    const map = drain(buildTextMap(doc.body));
    const span = locate(map, 'Die Verhandlungen dauerten lange.');
    expect(span).not.toBeNull();
    const range = rangeOf(map, span!);
    expect(range.toString()).toBe('Die Ver\u00adhand\u00adlungen dauerten\u00a0lange.');
    expect(locate(map, 'Gibt es nicht.')).toBeNull();
  });

  it('finds a long paragraph whose middle differs by its head and tail, but not a span far longer', () => {
    const words = Array.from({ length: 30 }, (_, i) => `wort${i}`);
    const doc = dom(`<p>${words.join(' ')}</p>`);
    const map = drain(buildTextMap(doc.body));
    const changed = [...words.slice(0, 15), 'anders', ...words.slice(16)].join(' ');
    expect(locate(map, changed)).toEqual({ start: 0, end: map.chars.length });
    const short = [...words.slice(0, 5), ...words.slice(-5)].join(' ');
    expect(locate(map, short)).toBeNull();
  });

  it('maps offsets of the extracted text (whitespace counted) into the span', () => {
    const text = 'Erster Satz. Zweiter Satz.';
    const doc = dom(`<p>Erster   Satz. <i>Zweiter</i> Satz.</p>`);
    const map = drain(buildTextMap(doc.body));
    const span = locate(map, text)!;
    const second = subSpan(text, span, text.indexOf('Zweiter'), text.length)!;
    expect(rangeOf(map, second).toString()).toBe('Zweiter Satz.');
    expect(mappedChars(text.slice(0, 12))).toBe(map.chars.slice(span.start, subSpan(text, span, 0, 12)!.end));
  });
});
