import type { PageNotes } from '../../lib/notes/page-notes';
import { ask, type PagePayload } from '../../platform/protocol';
import type { EngineWarning } from '../../lib/i18n/problem-messages';

/** The background's answer for a page: its notes, and the engine's warnings (kinds, worded by the popup). */
export interface NotesReply {
  notes: PageNotes;
  warnings: EngineWarning[];
}

/** Asks the background for a page's notes; null when it cannot answer (restarting after an update): no notes this time. */
export async function requestNotes(page: PagePayload, opts: { storyOnly?: boolean } = {}): Promise<NotesReply | null> {
  const response = await ask('crossread:annotate', { page, ...opts });
  return response.ok ? { notes: response.notes, warnings: response.warnings } : null;
}
