import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Switch } from '../../components/Switch';
import { overlaysEnabled } from '../../platform/settings';
import './popup.css';

function Popup() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    void overlaysEnabled.getValue().then(setEnabled);
    return overlaysEnabled.watch((value) => setEnabled(value));
  }, []);
  return (
    <main>
      <h1>crossread</h1>
      <Switch
        label="Show notes on all sites"
        checked={enabled ?? false}
        disabled={enabled === null}
        onChange={(value) => {
          setEnabled(value);
          void overlaysEnabled.setValue(value);
        }}
      />
      <p class="hint">Notes compare the article you read with other outlets in your local corpus. Nothing leaves your machine.</p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
