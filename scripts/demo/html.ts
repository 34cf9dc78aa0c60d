/**
 * Escapes text for HTML element content and double-quoted attribute values.
 * Seed texts and test pages may hold hostile markup; nothing reaches a page unescaped.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON for an inline `<script type="application/ld+json">`: `<` is escaped so a
 * value containing `</script>` cannot end the element early.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** "2025-02-12" → "12.02.2025", the way German news sites print dates. */
export function germanDate(isoDate: string | null): string {
  const match = isoDate ? /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate) : null;
  return match ? `${match[3]}.${match[2]}.${match[1]}` : '';
}

/** Cuts text at a word boundary to at most `max` characters, marking the cut with an ellipsis. */
export function truncateText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')} …`;
}
