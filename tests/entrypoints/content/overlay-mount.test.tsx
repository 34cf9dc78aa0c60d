import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fillOverlay } from '../../../entrypoints/content/overlay-mount';
import { summarise } from '../../../entrypoints/content/page-summary';
import { messages } from '../../../lib/i18n/messages';
import { paragraphNotes } from '../../../lib/notes/paragraph-notes';
import { extractArticle } from '../../../page/extract-article';
import { anchorArticle } from '../../../page/anchor';
import { defaultNoteShortcuts } from '../../../platform/shortcuts';
import { drain } from '../../helpers/drain';
import { notesOn, paragraphs } from './fixtures';

// The page's globals, as the content script sees them, from a jsdom page.
const { window } = new JSDOM(
  `<!doctype html><html lang="de"><head><title>Testartikel</title></head><body><main><article><h1>Testartikel</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main><div id="host"></div></body></html>`,
  { url: 'http://news.example/a' },
);
// jsdom lays nothing out: each paragraph (and the headline) gets a box of its own, one below the other.
const blocks = () => Array.from(window.document.querySelectorAll('h1, p'));
function boxOf(range: Range) {
  const node = range.startContainer;
  const element = (node.nodeType === 1 ? (node as Element) : node.parentElement)!.closest('h1, p');
  const top = 100 + blocks().indexOf(element!) * 100;
  return { left: 100, right: 700, top, bottom: top + 80, width: 600, height: 80, x: 100, y: top, toJSON() {} } as DOMRect;
}
window.Range.prototype.getClientRects = function (this: Range) {
  return [boxOf(this)] as unknown as DOMRectList;
};
window.Range.prototype.getBoundingClientRect = function (this: Range) {
  return boxOf(this);
};
const saved: Record<string, unknown> = {};
const globals = {
  document: window.document,
  window,
  Node: window.Node,
  Element: window.Element,
  HTMLElement: window.HTMLElement,
  Event: window.Event,
  KeyboardEvent: window.KeyboardEvent,
  getComputedStyle: window.getComputedStyle.bind(window),
  innerWidth: 1400,
  innerHeight: 900,
  matchMedia: () => ({ matches: false, addEventListener() {}, removeEventListener() {} }),
  ResizeObserver: class {
    observe() {}
    disconnect() {}
  },
};
beforeAll(() => {
  for (const key of Object.keys(globals)) saved[key] = (globalThis as Record<string, unknown>)[key];
  Object.assign(globalThis, globals);
});
afterAll(() => Object.assign(globalThis, saved));

describe('the overlay mount', () => {
  it('marks the host with what it shows, renders the notes and the summary line in the next task, and undoes it all', async () => {
    const doc = window.document;
    const extraction = extractArticle(doc, doc.location.href);
    if (!extraction.ok) throw new Error('no article');
    const article = extraction.article;
    const notes = notesOn(article.text, paragraphs[2]);
    const summary = summarise(notes);
    const anchors = drain(anchorArticle(doc, article.blocks, null));
    const host = doc.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const container = doc.createElement('div');
    shadow.append(container);
    const input = {
      locale: 'en' as const,
      notes,
      summary,
      paragraphs: paragraphNotes(notes, article.blocks),
      anchors,
      headline: null,
      keys: { current: defaultNoteShortcuts },
    };
    const cleanup = fillOverlay({ container, shadow, host }, { ...input, t: messages('en'), related: null });
    expect(host.getAttribute('data-outlets')).toBe('2');
    expect(host.getAttribute('data-story')).toBe('same');
    expect(host.hasAttribute('data-notes')).toBe(false);
    await vi.waitFor(() => expect(host.getAttribute('data-notes')).toBe('1'));
    expect(shadow.querySelectorAll('.note')).toHaveLength(1);
    // The summary line reads the one summary: the ranked missing points and the short report.
    const line = shadow.querySelector('.article-summary summary')?.textContent ?? '';
    expect(line).toContain(messages('en').missingSummary(summary.missing.many, summary.missing.single));
    expect(line).toContain(messages('en').shortReports('C', 1));
    cleanup();
    expect(shadow.querySelectorAll('.note')).toHaveLength(0);
  });
});
