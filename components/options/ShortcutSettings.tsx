import { useState } from 'preact/hooks';
import { parseShortcut } from '../../lib/i18n/shortcut';
import type { NoteShortcuts } from '../../platform/shortcuts';
import type { OptionsMessages } from '../../lib/i18n/options-messages';

export interface ShortcutSettingsProps {
  value: NoteShortcuts;
  onChange: (value: NoteShortcuts) => void;
  t: OptionsMessages;
}

/** The keys that move between margin notes: on or off, and which keys. */
export function ShortcutSettings({ value, onChange, t }: ShortcutSettingsProps) {
  const [next, setNext] = useState(value.next);
  const [previous, setPrevious] = useState(value.previous);
  const [error, setError] = useState<string | null>(null);
  return (
    <details class="shortcuts">
      <summary>{t.shortcuts}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!parseShortcut(next) || !parseShortcut(previous)) return setError(t.badShortcut);
          setError(null);
          onChange({ ...value, next, previous });
        }}
      >
        <label class="inline">
          <input type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: (e.currentTarget as HTMLInputElement).checked })} />{' '}
          {t.shortcutsOn}
        </label>
        <label>
          {t.nextNote} <input value={next} onInput={(e) => setNext((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          {t.previousNote} <input value={previous} onInput={(e) => setPrevious((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t.save}</button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
