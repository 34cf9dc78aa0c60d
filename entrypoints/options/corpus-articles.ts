/**
 * The whole corpus, texts included, for an export (an import's duplicate
 * check asks for keys instead: corpus-keys.ts): asked for a page at a time
 * ('crossread:export-articles'), since one message cannot carry a large
 * corpus. Pages read in different generations would mix two states of the
 * corpus (a feed's article added in between), so the reading starts again
 * then.
 */
import type { Article } from '../../lib/article/article';
import { refusal, type Failure, type Payload, type Reply } from '../../platform/protocol';

type AskPage = (payload: Payload<'crossread:export-articles'>) => Promise<Reply<'crossread:export-articles'>>;

/** Starts over at most this often when the corpus changes while it is read. */
const MAX_ATTEMPTS = 3;

export async function corpusArticles(askPage: AskPage): Promise<{ ok: true; articles: Article[] } | Failure> {
  attempts: for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const articles: Article[] = [];
    let generation: number | null = null;
    let after: string | undefined;
    for (;;) {
      const reply = await askPage(after === undefined ? {} : { after });
      if (!reply.ok) return reply;
      if (generation !== null && reply.generation !== generation) continue attempts;
      generation = reply.generation;
      for (const article of reply.articles) articles.push(article);
      if (reply.next === null) return { ok: true, articles };
      after = reply.next;
    }
  }
  return refusal({ kind: 'corpus-changing' });
}
