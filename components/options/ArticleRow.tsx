import { useState } from 'preact/hooks';
import type { ArticleSummary } from '../../platform/protocol';
import type { OptionsMessages } from '../../lib/i18n/options-messages';
import { formatCount } from './format-count';

export interface ArticleRowProps {
  article: ArticleSummary;
  onSave: (outlet: string, date: string | null) => Promise<string | null>;
  onDelete: () => void;
  onOpen: () => void;
  t: OptionsMessages;
}

/** One article of the corpus: its label, title, date, address and length, with edit, open and delete. */
export function ArticleRow({ article, onSave, onDelete, onOpen, t }: ArticleRowProps) {
  const [editing, setEditing] = useState(false);
  const [outlet, setOutlet] = useState(article.outlet);
  const [date, setDate] = useState(article.date ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <tr>
      <td class="outlet">
        {editing ? (
          <input aria-label={t.columns.outlet} value={outlet} onInput={(e) => setOutlet((e.currentTarget as HTMLInputElement).value)} />
        ) : (
          article.outlet
        )}
      </td>
      <td class="title">{article.title}</td>
      <td class="date">
        {editing ? (
          <input aria-label={t.columns.date} type="date" value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
        ) : (
          (article.date ?? '—')
        )}
      </td>
      <td class="url">{article.url ?? (article.source === 'seed' ? t.seed : '—')}</td>
      <td class="num">{formatCount(article.length)}</td>
      <td class="actions">
        {editing ? (
          <>
            <button
              type="button"
              onClick={async () => {
                const problem = await onSave(outlet.trim(), date || null);
                setError(problem);
                if (!problem) setEditing(false);
              }}
            >
              {t.save}
            </button>
            <button type="button" onClick={() => (setEditing(false), setOutlet(article.outlet), setDate(article.date ?? ''))}>
              {t.cancel}
            </button>
            {error && (
              <span class="error" role="alert">
                {error}
              </span>
            )}
          </>
        ) : (
          <>
            <button type="button" onClick={onOpen} aria-label={t.openLabel(article.title)}>
              {t.open}
            </button>
            <button type="button" onClick={() => setEditing(true)} aria-label={t.editLabel(article.title)}>
              {t.edit}
            </button>
            <button type="button" onClick={onDelete} aria-label={t.deleteLabel(article.title)}>
              {t.delete}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
