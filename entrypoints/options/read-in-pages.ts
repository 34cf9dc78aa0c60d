/**
 * A list the background answers a page at a time (one message cannot carry a
 * large corpus), read whole. Pages read in different generations would mix
 * two states of the corpus (a feed's article added in between), so the
 * reading starts again then, at most MAX_ATTEMPTS times.
 */
import { refusal, type Failure } from '../../platform/protocol';

/** One page of the list: its items, where the next page starts (null: the last), and the corpus generation it was read in. */
export type PageOf<T> = { ok: true; next: string | null; generation: number } & T;

const MAX_ATTEMPTS = 3;

export async function readInPages<P extends object, T>(
  askPage: (payload: { after?: string }) => Promise<PageOf<P> | Failure>,
  itemsOf: (page: PageOf<P>) => readonly T[],
): Promise<{ ok: true; items: T[] } | Failure> {
  attempts: for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const items: T[] = [];
    let generation: number | null = null;
    let after: string | undefined;
    for (;;) {
      const reply = await askPage(after === undefined ? {} : { after });
      if (!reply.ok) return reply;
      if (generation !== null && reply.generation !== generation) continue attempts;
      generation = reply.generation;
      for (const item of itemsOf(reply)) items.push(item);
      if (reply.next === null) return { ok: true, items };
      after = reply.next;
    }
  }
  return refusal({ kind: 'corpus-changing' });
}
