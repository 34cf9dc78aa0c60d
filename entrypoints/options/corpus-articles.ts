/**
 * The whole corpus, texts included, for an export (an import's duplicate
 * check asks for keys instead: corpus-keys.ts), a page at a time
 * ('crossread:export-articles', read-in-pages.ts).
 */
import type { Article } from '../../lib/article/article';
import type { Failure, Payload, Reply } from '../../platform/protocol';
import { readInPages } from './read-in-pages';

type AskPage = (payload: Payload<'crossread:export-articles'>) => Promise<Reply<'crossread:export-articles'>>;

export async function corpusArticles(askPage: AskPage): Promise<{ ok: true; articles: Article[] } | Failure> {
  const read = await readInPages(askPage, (page) => page.articles);
  return read.ok ? { ok: true, articles: read.items } : read;
}
