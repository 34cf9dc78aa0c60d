import { Switch } from '../Switch';
import type { UiMessages } from '../../lib/i18n/ui-messages';

export interface KeepWhatIReadProps {
  host: string;
  on: boolean | null;
  onChange: (on: boolean) => void;
  t: UiMessages;
}

/** The per-site "Keep what I read" switch, off until the reader turns it on. */
export function KeepWhatIRead({ host, on, onChange, t }: KeepWhatIReadProps) {
  return (
    <div class="keep">
      <Switch label={t.keepOn(host)} checked={on ?? false} disabled={on === null} onChange={onChange} />
      <p class="hint">{t.keepHint}</p>
    </div>
  );
}
