import { isSupportedLanguage } from '../../lib/text/language-tag';
import type { PageNotes } from '../../lib/notes/page-notes';
import { tell, type TabState, type TabStatus } from '../../platform/protocol';
import type { PageSummary } from './page-summary';
import type { EngineWarning } from '../../lib/i18n/problem-messages';

/** What the tab shows and why, as the popup reads it. */
export function tabState(status: TabStatus, reading: { notes?: PageNotes; summary?: PageSummary; warnings?: EngineWarning[] } = {}): TabState {
  const { notes, summary, warnings = [] } = reading;
  return {
    status,
    outlets: notes?.outlets ?? [],
    counts: summary
      ? {
          agree: summary.counts.shared,
          adds: summary.counts.details,
          omits: summary.counts.onlyHere,
          missing: summary.missing.points.length,
          missingByMany: summary.missing.many,
        }
      : null,
    // The engine's warnings as kinds: the popup words them in the reader's language.
    warnings,
  };
}

/**
 * The tab's state, with every change announced to the extension's pages: an
 * open popup asks again when the tab has read the page, instead of guessing
 * how long that takes.
 */
export function popupState(initial: TabState, announce: () => void = () => void tell('crossread:tab-state-changed', {})) {
  let state = initial;
  return {
    get: (): TabState => state,
    set(next: TabState): void {
      state = next;
      announce();
    },
  };
}

/** Why a page that matches no story shows no notes: a language crossread cannot read (not one it could not tell, 'und'), or no match. */
export function noStoryStatus(notes: PageNotes): 'other-language' | 'no-match' {
  const language = notes.language;
  return language !== undefined && language !== 'und' && !isSupportedLanguage(language) ? 'other-language' : 'no-match';
}
