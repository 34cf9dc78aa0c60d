import { describe, expect, it } from 'vitest';
import { readPage } from '../../../entrypoints/content/read-page';
import type { OverlayInput } from '../../../entrypoints/content/overlay-mount';
import type { PagePayload, TabState } from '../../../platform/protocol';
import type { NotesReply } from '../../../entrypoints/content/request';
import { articleDocument, indexDocument, notesOn, paragraphs } from './fixtures';

type Mounted = { input: Omit<OverlayInput, 'locale' | 'keys'>; removed: boolean; remove(): void };

/** readPage with a background that answers `reply` (the first look gets `first` where given), recording what it is asked, the states and the mount. */
function reading(doc: Document, answer: (page: PagePayload, storyOnly: boolean) => NotesReply | null, current = () => true, onMount = () => {}) {
  const asked: Array<{ storyOnly: boolean; text: string }> = [];
  const states: TabState[] = [];
  const mounts: Mounted[] = [];
  const run = readPage(doc, doc.location.href, {
    current,
    setState: (s) => states.push(s),
    request: async (page, opts) => {
      asked.push({ storyOnly: opts?.storyOnly === true, text: page.text });
      return answer(page, opts?.storyOnly === true);
    },
    mount: async (input) => {
      const mounted: Mounted = { input, removed: false, remove: () => (mounted.removed = true) };
      mounts.push(mounted);
      onMount();
      return mounted;
    },
  });
  return { run, asked, states, mounts };
}

const none = (language: string, warnings: NotesReply['warnings']): NotesReply => ({ notes: { story: 'none', language, outlets: [], sentences: [], missing: [] }, warnings });

describe('reading a page', () => {
  it('stops after the first look when the corpus has no story of the page, passing the engine’s warnings on', async () => {
    const warnings: NotesReply['warnings'] = [{ kind: 'unsupported-language', language: 'fr' }];
    const r = reading(articleDocument(), () => none('fr', warnings));
    expect(await r.run).toBeNull();
    expect(r.asked.map((a) => a.storyOnly)).toEqual([true]);
    expect(r.states.map((s) => s.status)).toEqual(['pending', 'other-language']);
    expect(r.states[1].warnings).toEqual(warnings);
    expect(r.mounts).toEqual([]);
  });

  it('says "not an article" without asking the background where the page has no article text', async () => {
    const r = reading(indexDocument(), () => none('de', []));
    expect(await r.run).toBeNull();
    expect(r.asked).toEqual([]);
    expect(r.states.map((s) => s.status)).toEqual(['pending', 'not-article']);
  });

  it('extracts, annotates and mounts the notes of a page of a story; the popup gets the counts of the same summary', async () => {
    const warnings: NotesReply['warnings'] = [{ kind: 'few-sentences', count: 3 }];
    const r = reading(articleDocument(), (page) => ({ notes: notesOn(page.text, paragraphs[2]), warnings }));
    const mounted = await r.run;
    expect(r.asked.map((a) => a.storyOnly)).toEqual([true, false]);
    expect(r.mounts).toHaveLength(1);
    expect(mounted).toBe(r.mounts[0]);
    const { input } = r.mounts[0];
    expect(input.paragraphs.map((p) => input.anchors.blocks[p.block]?.element?.textContent)).toEqual([paragraphs[2]]);
    expect(input.summary.counts.shared).toBe(1);
    const last = r.states.at(-1)!;
    expect(last).toEqual({ status: 'notes', outlets: ['B', 'C'], counts: { agree: 1, adds: 1, omits: 0, missing: 2, missingByMany: 1 }, warnings });
    // One summary for both: the popup's missing count is the overlay's ranked list.
    expect(last.counts!.missing).toBe(input.summary.missing.points.length);
  });

  it('drops a reading that no longer counts: no state, the notes taken out again', async () => {
    let current = true;
    const r = reading(articleDocument(), (page, storyOnly) => {
      if (!storyOnly) current = false;
      return { notes: notesOn(page.text, paragraphs[2]), warnings: [] };
    }, () => current);
    expect(await r.run).toBeNull();
    expect(r.states.map((s) => s.status)).toEqual(['pending']);
    expect(r.mounts).toEqual([]);
  });

  it('takes out notes mounted just as the reading stopped counting', async () => {
    let mounted = false;
    const answer = (page: PagePayload) => ({ notes: notesOn(page.text, paragraphs[2]), warnings: [] });
    const r = reading(articleDocument(), answer, () => !mounted, () => (mounted = true));
    expect(await r.run).toBeNull();
    expect(r.mounts).toHaveLength(1);
    expect(r.mounts[0].removed).toBe(true);
    expect(r.states.map((s) => s.status)).toEqual(['pending']);
  });

  it('says "error" when the background cannot answer', async () => {
    const r = reading(articleDocument(), () => null);
    expect(await r.run).toBeNull();
    expect(r.states.map((s) => s.status)).toEqual(['pending', 'error']);
  });
});
