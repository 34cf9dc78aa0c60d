/**
 * What an import's duplicate check asks of the corpus: each stored article's
 * key (labels and a hash of its folded text, 'crossread:import-keys') instead
 * of its text – at 10,000 articles some 16 MB of text that crossed to this
 * page and was folded here – and, for the few stored articles whose hash a
 * file's article has, their folded texts ('crossread:folded-texts') to
 * confirm the match. Keys are read a page at a time; pages read in different
 * generations would mix two states of the corpus, so the reading starts
 * again then.
 */
import type { FoldedTexts, StoredKey } from '../../lib/article/transfer';
import { ProblemError } from '../../lib/i18n/problem-messages';
import { refusal, type Failure, type Payload, type Reply } from '../../platform/protocol';

type AskKeys = (payload: Payload<'crossread:import-keys'>) => Promise<Reply<'crossread:import-keys'>>;
type AskTexts = (payload: Payload<'crossread:folded-texts'>) => Promise<Reply<'crossread:folded-texts'>>;

/** Starts over at most this often when the corpus changes while it is read. */
const MAX_ATTEMPTS = 3;

export async function corpusKeys(askPage: AskKeys): Promise<{ ok: true; keys: StoredKey[] } | Failure> {
  attempts: for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const keys: StoredKey[] = [];
    let generation: number | null = null;
    let after: string | undefined;
    for (;;) {
      const reply = await askPage(after === undefined ? {} : { after });
      if (!reply.ok) return reply;
      if (generation !== null && reply.generation !== generation) continue attempts;
      generation = reply.generation;
      for (const key of reply.keys) keys.push(key);
      if (reply.next === null) return { ok: true, keys };
      after = reply.next;
    }
  }
  return refusal({ kind: 'corpus-changing' });
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
