/**
 * What an import's duplicate check asks of the corpus: each stored article's
 * key (labels and a hash of its folded text, 'crossread:import-keys') instead
 * of its text – at 10,000 articles some 16 MB of text that crossed to this
 * page and was folded here – and, for the few stored articles whose hash a
 * file's article has, their folded texts ('crossread:folded-texts') to
 * confirm the match. Keys are read a page at a time (read-in-pages.ts).
 */
import type { FoldedTexts, StoredKey } from '../../lib/article/transfer';
import { ProblemError } from '../../lib/i18n/problem-messages';
import type { Failure, Payload, Reply } from '../../platform/protocol';
import { readInPages } from './read-in-pages';

type AskKeys = (payload: Payload<'crossread:import-keys'>) => Promise<Reply<'crossread:import-keys'>>;
type AskTexts = (payload: Payload<'crossread:folded-texts'>) => Promise<Reply<'crossread:folded-texts'>>;

export async function corpusKeys(askPage: AskKeys): Promise<{ ok: true; keys: StoredKey[] } | Failure> {
  const read = await readInPages(askPage, (page) => page.keys);
  return read.ok ? { ok: true, keys: read.items } : read;
}

/** FoldedTexts asked of the background: it answers as many as fit in a reply, so this asks again for the rest. */
export function foldedTexts(ask: AskTexts): FoldedTexts {
  return async (ids) => {
    const texts: Array<string | null> = [];
    while (texts.length < ids.length) {
      const reply = await ask({ ids: ids.slice(texts.length) });
      if (!reply.ok) throw reply.problem ? new ProblemError(reply.problem) : new Error(reply.error);
      // An empty answer would ask the same forever; the background answers at least one.
      if (reply.texts.length === 0) throw new ProblemError({ kind: 'no-answer' });
      for (const text of reply.texts) texts.push(text);
    }
    return texts;
  };
}
