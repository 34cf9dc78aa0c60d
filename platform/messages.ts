import type { PageNotes } from '../lib/notes/page-notes';

/** The page's article, as the content script extracted it. */
export interface PagePayload {
  text: string;
  url: string;
  title: string;
  language: string | null;
  publishedTime: string | null;
}

export interface AnnotateRequest {
  type: 'crossread:annotate';
  page: PagePayload;
}

export type AnnotateResponse = { ok: true; notes: PageNotes } | { ok: false; error: string };

export function isAnnotateRequest(message: unknown): message is AnnotateRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<AnnotateRequest>;
  return m.type === 'crossread:annotate' && typeof m.page?.text === 'string' && typeof m.page?.url === 'string';
}
