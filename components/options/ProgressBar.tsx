export interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
  onCancel?: () => void;
}

/** Progress of a long write, with a way out. */
export function ProgressBar({ label, done, total, onCancel }: ProgressBarProps) {
  return (
    <div class="progress">
      <label>
        {label} ({done.toLocaleString()} of {total.toLocaleString()})
        <progress max={total} value={done} />
      </label>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
