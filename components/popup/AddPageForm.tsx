import { useState } from 'preact/hooks';
import type { UiMessages } from '../../lib/i18n/ui-messages';

export interface AddPageFormProps {
  title: string;
  defaultOutlet: string;
  defaultDate: string;
  onSave: (outlet: string, date: string | null) => Promise<string | null>;
  onCancel: () => void;
  t: UiMessages;
}

/** Confirms the outlet label and date of the page before it joins the corpus. */
export function AddPageForm({ title, defaultOutlet, defaultDate, onSave, onCancel, t }: AddPageFormProps) {
  const [outlet, setOutlet] = useState(defaultOutlet);
  const [date, setDate] = useState(defaultDate);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="add-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!outlet.trim()) {
          setError(t.nameOutlet);
          return;
        }
        setBusy(true);
        const problem = await onSave(outlet.trim(), date || null);
        setBusy(false);
        setError(problem);
      }}
    >
      <p class="add-title">{title}</p>
      <label>
        {t.outlet}
        <input name="outlet" value={outlet} onInput={(e) => setOutlet((e.currentTarget as HTMLInputElement).value)} required />
      </label>
      <label>
        {t.date}
        <input name="date" type="date" value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="buttons">
        <button type="submit" disabled={busy}>
          {t.saveToCorpus}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
