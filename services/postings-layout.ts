/**
 * How a term's postings are laid out in the \`postings\` store: chunks of
 * about POSTINGS_CHUNK ids, each chunk's ids one string (see \`PostingsChunk\`).
 */
import type { PostingsChunk } from './corpus-schema';

/**
 * Ids per postings chunk before a new chunk is started (a soft limit:
 * deletions leave gaps that later additions fill, and an import appends all
 * its ids of a term to one chunk). Larger chunks mean fewer records for a
 * lookup to read; each added article rewrites the last chunk of each of its
 * terms, at most this many ids.
 */
export const POSTINGS_CHUNK = 256;

/** Between the ids of a postings chunk stored as one string. */
const POSTINGS_SEPARATOR = '\n';

/** The ids of a postings chunk, in the order added. */
export function chunkIds(chunk: Pick<PostingsChunk, 'ids'>): string[] {
  return typeof chunk.ids === 'string' ? chunk.ids.split(POSTINGS_SEPARATOR) : chunk.ids;
}

/** Ids as a postings chunk stores them (see `PostingsChunk`); never empty: an empty chunk is deleted. */
export function packIds(ids: readonly string[]): string | string[] {
  for (const id of ids) if (id.includes(POSTINGS_SEPARATOR)) return [...ids];
  return ids.join(POSTINGS_SEPARATOR);
}

/** A term's postings as the chunks of a new index: POSTINGS_CHUNK ids in each, numbered from 0. */
export function chunksOf(term: string, ids: readonly string[]): PostingsChunk[] {
  const chunks: PostingsChunk[] = [];
  for (let at = 0; at < ids.length; at += POSTINGS_CHUNK) chunks.push({ term, chunk: chunks.length, ids: packIds(ids.slice(at, at + POSTINGS_CHUNK)) });
  return chunks;
}

/** Every postings chunk of a term. */
export function termChunks(term: string): IDBKeyRange {
  return IDBKeyRange.bound([term, -Infinity], [term, Infinity]);
}
