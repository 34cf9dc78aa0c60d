import type { TabState } from '../../platform/messages';

const REASONS: Record<TabState['status'], string> = {
  notes: '',
  'not-article': 'No notes: this page is not an article.',
  'no-match': 'No notes: no article in your corpus reports this story.',
  related: 'Related coverage only: other articles are about the same people, but a different event.',
  off: 'Notes are turned off.',
  pending: 'Reading this page…',
  error: 'Something went wrong reading this page.',
};

export interface TabStatusProps {
  state: TabState | null;
}

/** What the current tab shows, and why: the outlets compared and the counts, or the reason for no notes. */
export function TabStatus({ state }: TabStatusProps) {
  if (!state) return <p class="status">crossread does not run on this page.</p>;
  if (state.status !== 'notes') return <p class="status">{REASONS[state.status]}</p>;
  const counts = state.counts;
  return (
    <div class="status">
      <p>
        Compared with {state.outlets.length} {state.outlets.length === 1 ? 'outlet' : 'outlets'}: {state.outlets.join(', ')}
      </p>
      {counts && (
        <ul class="counts" aria-label="Relations on this page">
          <li>✓ {counts.agree} agree</li>
          <li>+ {counts.adds} add detail</li>
          <li>– {counts.omits} omit</li>
          <li>… {counts.missing} missing here</li>
        </ul>
      )}
    </div>
  );
}
