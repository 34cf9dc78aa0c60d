import { notesSummary, type NotesSummary } from '../../lib/notes/paragraph-notes';
import { rankMissing, shortReports, type RankedMissing } from '../../lib/notes/missing-ranking';
import type { PageNotes } from '../../lib/notes/page-notes';

/**
 * What the page's notes add up to, worked out once per reading: the overlay's
 * article-level line and the popup's counts both read it.
 */
export interface PageSummary {
  counts: NotesSummary;
  missing: RankedMissing;
  /** Outlets whose report is too short to judge what it leaves out. */
  short: string[];
}

export function summarise(notes: PageNotes): PageSummary {
  return { counts: notesSummary(notes), missing: rankMissing(notes.missing), short: shortReports(notes) };
}
