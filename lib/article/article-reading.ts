/**
 * What Readability read of a page's copy (page/extract-article.ts,
 * readArticle): its fields as Readability gives them and the text of the
 * article's blocks. Plain data, so that a copy read in another of the
 * extension's contexts (the background's offscreen document) comes back as
 * the same reading.
 */
export interface ArticleReading {
  title: string | null;
  /** The copy's language as Readability reads it ('' or null where none). */
  lang: string | null;
  publishedTime: string | null;
  siteName: string | null;
  /** The text of each innermost block of the article, whitespace collapsed, in document order. */
  blocks: string[];
}
