import type { TabState } from '../../platform/messages';
import type { UiMessages } from '../../lib/i18n/ui-messages';

export interface TabStatusProps {
  state: TabState | null;
  t: UiMessages;
}

/** What the current tab shows, and why: the outlets compared and the counts, or the reason for no notes. */
export function TabStatus({ state, t }: TabStatusProps) {
  if (!state) return <p class="status">{t.notRunning}</p>;
  if (state.status !== 'notes') return <p class="status">{t.reasons[state.status]}</p>;
  const counts = state.counts;
  return (
    <div class="status">
      <p>{t.comparedWith(state.outlets.length, state.outlets.join(', '))}</p>
      {counts && (
        <ul class="counts" aria-label={t.relationsLabel}>
          <li>{t.agree(counts.agree)}</li>
          <li>{t.addDetail(counts.adds)}</li>
          <li>{t.omit(counts.omits)}</li>
          <li>{t.missingHere(counts.missing)}</li>
        </ul>
      )}
    </div>
  );
}
