import type { CorpusUpdate, TabState } from '../../platform/protocol';
import type { UiMessages } from '../../lib/i18n/ui-messages';
import type { EngineWarning } from '../../lib/i18n/problem-messages';

export interface TabStatusProps {
  state: TabState | null;
  t: UiMessages;
  /** The tab's site, when notes are switched off on it: said instead of what the tab showed before. */
  offHere?: string | null;
  /** The corpus being updated by the background (a new version's first start): said above the tab's state, which waits for it. */
  update?: CorpusUpdate | null;
}

/**
 * What the current tab shows, and why: the outlets compared and the counts, or
 * the reason for no notes. The counts are of sentences and points (the notes
 * count outlets), and say so. Below, the engine's warnings on the page, in the reader's language.
 */
export function TabStatus({ update = null, ...props }: TabStatusProps) {
  if (!update) return <TabState {...props} />;
  return (
    <>
      <p class="status updating" role="status">
        {props.t.updatingCorpus(update.what, update.articles)}
      </p>
      <TabState {...props} />
    </>
  );
}

function TabState({ state, t, offHere = null }: Omit<TabStatusProps, 'update'>) {
  if (offHere) return <p class="status">{t.offHere(offHere)}</p>;
  if (!state) return <p class="status">{t.notRunning}</p>;
  if (state.status !== 'notes')
    return (
      <>
        <p class="status">{t.reasons[state.status]}</p>
        <Warnings t={t} warnings={state.warnings} />
      </>
    );
  const counts = state.counts;
  return (
    <>
      <div class="status">
        <p>{t.comparedWith(state.outlets.length, state.outlets.join(', '))}</p>
        {counts && (
          <ul class="counts" aria-label={t.relationsLabel}>
            <li>{t.sharedSentences(counts.agree)}</li>
            <li>{t.detailsAdded(counts.adds)}</li>
            <li>{t.onlyHereSentences(counts.omits)}</li>
            <li>{t.missingPoints(counts.missing, counts.missingByMany)}</li>
          </ul>
        )}
      </div>
      <Warnings t={t} warnings={state.warnings} />
    </>
  );
}

/** The engine's warnings on the page, as kinds the reader's table words. */
function Warnings({ t, warnings }: { t: UiMessages; warnings: readonly EngineWarning[] | undefined }) {
  if (!warnings?.length) return null;
  return (
    <ul class="warnings">
      {warnings.map((w, i) => (
        <li key={i}>{t.problems.warning(w)}</li>
      ))}
    </ul>
  );
}
