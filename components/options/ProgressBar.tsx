import type { OptionsMessages } from '../../lib/i18n/options-messages';
import { formatCount } from './format-count';

export interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
  onCancel?: () => void;
  t: OptionsMessages;
}

/** Progress of a long write, with a way out. */
export function ProgressBar({ label, done, total, onCancel, t }: ProgressBarProps) {
  return (
    <div class="progress">
      <label>
        {t.progress(label, formatCount(done), formatCount(total))}
        <progress max={total} value={done} />
      </label>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t.cancelImport}
        </button>
      )}
    </div>
  );
}
