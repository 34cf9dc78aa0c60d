import { useState } from 'preact/hooks';
import type { Article } from '../../lib/corpus/article';

export interface ArticleRowProps {
  article: Article;
  onSave: (outlet: string, date: string | null) => Promise<string | null>;
  onDelete: () => void;
  onOpen: () => void;
}

/** One article of the corpus: its label, title, date, address and length, with edit, open and delete. */
export function ArticleRow({ article, onSave, onDelete, onOpen }: ArticleRowProps) {
  const [editing, setEditing] = useState(false);
  const [outlet, setOutlet] = useState(article.outlet);
  const [date, setDate] = useState(article.date ?? '');
  const [error, setError] = useState<string | null>(null);
  const length = article.raw.length - article.bodyStart;
  return (
    <tr>
      <td>
        {editing ? (
          <input aria-label="Outlet" value={outlet} onInput={(e) => setOutlet((e.currentTarget as HTMLInputElement).value)} />
        ) : (
          article.outlet
        )}
      </td>
      <td class="title">{article.title}</td>
      <td>
        {editing ? (
          <input aria-label="Date" type="date" value={date} onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)} />
        ) : (
          (article.date ?? '—')
        )}
      </td>
      <td class="url">{article.url ?? (article.source === 'seed' ? 'seed' : '—')}</td>
      <td class="num">{length.toLocaleString()}</td>
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
              Save
            </button>
            <button type="button" onClick={() => (setEditing(false), setOutlet(article.outlet), setDate(article.date ?? ''))}>
              Cancel
            </button>
            {error && (
              <span class="error" role="alert">
                {error}
              </span>
            )}
          </>
        ) : (
          <>
            <button type="button" onClick={onOpen} aria-label={`Open the text of ${article.title}`}>
              Open
            </button>
            <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${article.title}`}>
              Edit
            </button>
            <button type="button" onClick={onDelete} aria-label={`Delete ${article.title}`}>
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
