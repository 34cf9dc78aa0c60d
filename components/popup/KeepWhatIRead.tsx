import { Switch } from '../Switch';

export interface KeepWhatIReadProps {
  host: string;
  on: boolean | null;
  onChange: (on: boolean) => void;
}

/** The per-site "Keep what I read" switch, off until the reader turns it on. */
export function KeepWhatIRead({ host, on, onChange }: KeepWhatIReadProps) {
  return (
    <div class="keep">
      <Switch label={`Keep what I read on ${host}`} checked={on ?? false} disabled={on === null} onChange={onChange} />
      <p class="hint">Articles you stay on are added to your corpus, from the page you read: no request is made.</p>
    </div>
  );
}
