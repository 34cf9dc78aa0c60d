/**
 * Whether an article holds what the corpus manager's filter typed: its
 * outlet, title, address or text, lower-cased, contains the query. The
 * answer is the one of `${outlet} ${title} ${url} ${raw}`.toLowerCase()
 * .includes(needle), but without making those strings where it can: in
 * Firefox the background shares the corpus manager's thread, and each letter
 * typed searched every stored article's text that way, a joined copy and a
 * lower-cased copy of it each (~32 MB at the bench's 10,000 articles). Their
 * garbage started major collections whose slices stalled the manager for up
 * to ~190 ms while the reader typed (a Gecko profile of the bench's filter).
 */
export interface SearchedArticle {
  outlet: string;
  title: string;
  url: string | null;
  raw: string;
}

/**
 * Whether `article` holds `needle`, which is lower-cased and not empty.
 *
 * Exact, field by field, for a needle without a space: the fields are joined
 * by single spaces, so such a needle lies within one field; and lower-casing
 * the joined string gives each field's own lower case (the one letter whose
 * lower case depends on its neighbours, capital sigma, sees a space or a
 * string's end alike: neither is a letter nor ignored by casing). A field
 * holding the needle as it is holds it lower-cased too (the needle's own
 * letters are their own lower case), so only the others are lower-cased.
 */
export function articleHasText(article: SearchedArticle, needle: string): boolean {
  // A needle with a space may span two fields: the joined string answers.
  if (needle.includes(' ')) return `${article.outlet} ${article.title} ${article.url ?? ''} ${article.raw}`.toLowerCase().includes(needle);
  const fields = [article.raw, article.title, article.outlet, article.url ?? ''];
  for (const field of fields) if (field.includes(needle)) return true;
  for (const field of fields) if (field.toLowerCase().includes(needle)) return true;
  return false;
}
