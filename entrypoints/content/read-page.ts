import { anchorArticle, titleRange } from '../../page/anchor';
import { paragraphNotes } from '../../lib/notes/paragraph-notes';
import type { TabState } from '../../platform/protocol';
import { fullReading, payloadOf, quickPage } from './extraction';
import type { OverlayInput } from './overlay-mount';
import { summarise } from './page-summary';
import { noStoryStatus, tabState } from './popup-state';
import { requestNotes, type NotesReply } from './request';
import { runSliced, timed, yieldToPage } from './tasks';

export interface ReadPageSteps<M extends { remove(): void }> {
  /** Whether this reading still counts: no newer one started, the notes not hidden since, the extension still running. */
  current(): boolean;
  /** What the tab shows now, for the popup. */
  setState(state: TabState): void;
  /** Puts the notes in the page. */
  mount(input: Omit<OverlayInput, 'locale' | 'keys'>): Promise<M>;
  /** Asks the background (requestNotes, but for tests). */
  request?: (page: Parameters<typeof requestNotes>[0], opts?: { storyOnly?: boolean }) => Promise<NotesReply | null>;
}

/**
 * Reads the page and shows its notes: a first look at its paragraphs decides
 * whether the page belongs to a story of the corpus; only then is the article
 * extracted in full, annotated and anchored, and the notes mounted. Every step
 * gives the page its main thread back, and stops when the reading no longer
 * counts. Returns the mounted notes, or null where there are none.
 */
export async function readPage<M extends { remove(): void }>(doc: Document, url: string, steps: ReadPageSteps<M>): Promise<M | null> {
  const { current, setState } = steps;
  const request = steps.request ?? requestNotes;
  setState(tabState('pending'));
  await yieldToPage();
  if (!current()) return null;
  const quick = await quickPage(doc, url);
  if (!current()) return null;
  if (!quick) return none(setState, tabState('not-article'));
  const first = await request(quick, { storyOnly: true });
  if (!current()) return null;
  if (!first) return none(setState, tabState('error'));
  if (first.notes.story === 'none') return none(setState, tabState(noStoryStatus(first.notes), { warnings: first.warnings }));
  const reading = await fullReading(doc, url);
  if (!current()) return null;
  if (!reading) return none(setState, tabState('not-article'));
  const { article, root } = reading;
  const reply = await request(payloadOf(article));
  if (!current()) return null;
  if (!reply) return none(setState, tabState('error'));
  const { notes, warnings } = reply;
  if (notes.story === 'none') return none(setState, tabState(noStoryStatus(notes), { warnings }));
  const paragraphs = notes.story === 'same' ? timed('group', () => paragraphNotes(notes, article.blocks)) : [];
  const summary = summarise(notes);
  await yieldToPage();
  if (notes.story === 'same' && paragraphs.length === 0) return none(setState, tabState('no-match', { notes, summary, warnings }));
  const anchors = await runSliced('anchor', anchorArticle(doc, article.blocks, null, root));
  if (!current()) return null;
  const headline = titleRange(anchors, article.title);
  const mounted = await steps.mount({ notes, summary, paragraphs, anchors, headline });
  if (!current()) {
    mounted.remove();
    return null;
  }
  setState(tabState(notes.story === 'related' ? 'related' : 'notes', { notes, summary, warnings }));
  return mounted;
}

function none(setState: (state: TabState) => void, state: TabState): null {
  setState(state);
  return null;
}
