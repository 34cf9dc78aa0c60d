import type { PageNotes } from '../../lib/notes/page-notes';
import { ask, type PagePayload } from '../../platform/protocol';
import type { EngineWarning } from '../../lib/i18n/problem-messages';
import { measure } from '../../platform/timing';

/** The background's answer for a page: its notes, and the engine's warnings (kinds, worded by the popup). */
export interface NotesReply {
  notes: PageNotes;
  warnings: EngineWarning[];
}

/** Asks the background for a page's notes; null when it cannot answer (restarting after an update): no notes this time. */
export async function requestNotes(page: PagePayload, opts: { storyOnly?: boolean } = {}): Promise<NotesReply | null> {
  const start = performance.now();
  const response = await ask('crossread:annotate', { page, ...opts });
  // The round trip, waking a stopped worker included (e2e build only), apart from crossread's own steps on the page (`crossread:*`): it is waiting, not work.
  measure(`crossread-wait:${opts.storyOnly ? 'request-story' : 'request'}`, start);
  return response.ok ? { notes: response.notes, warnings: response.warnings } : null;
}
