import type { PageNotes } from '../lib/notes/page-notes';

/**
 * Messages between the extension's parts. The content script and the popup
 * never open the database: they ask the background, which owns the corpus.
 */

/** The page's article, as the content script extracted it. */
export interface PagePayload {
  text: string;
  url: string;
  title: string;
  language: string | null;
  publishedTime: string | null;
  /** The site's own name where the page states it (Readability's siteName). */
  siteName?: string | null;
}

export interface AnnotateRequest {
  type: 'crossread:annotate';
  page: PagePayload;
  /** Only the story decision and the outlets: the answer carries no notes. */
  storyOnly?: boolean;
}

export type AnnotateResponse = { ok: true; notes: PageNotes } | { ok: false; error: string };

/** Why a tab shows what it shows, for the popup. */
export type TabStatus = 'notes' | 'not-article' | 'other-language' | 'no-match' | 'related' | 'off' | 'pending' | 'error';

export interface TabState {
  status: TabStatus;
  outlets: string[];
  counts: { agree: number; adds: number; omits: number; missing: number } | null;
}

/** Popup → content script: what does this tab show, and why. */
export interface TabStateRequest {
  type: 'crossread:tab-state';
}

/** Popup → content script: the page's article, for "Add this page to the corpus". */
export interface ExtractRequest {
  type: 'crossread:extract';
}

export type ExtractResponse = { ok: true; page: PagePayload } | { ok: false; error: string };

/** Popup → background: store a page the reader confirmed. */
export interface AddArticleRequest {
  type: 'crossread:add-article';
  page: PagePayload;
  outlet: string;
  date: string | null;
}

export type AddArticleResponse = { ok: true; id: string } | { ok: false; error: string };

/** Background or options page → everyone: the corpus changed; notes should be recomputed. */
export interface CorpusChangedMessage {
  type: 'crossread:corpus-changed';
}

function hasType(message: unknown, type: string): message is { type: string } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

function isPage(page: unknown): page is PagePayload {
  const p = page as Partial<PagePayload> | undefined;
  return typeof p?.text === 'string' && typeof p?.url === 'string';
}

export function isAnnotateRequest(message: unknown): message is AnnotateRequest {
  return hasType(message, 'crossread:annotate') && isPage((message as AnnotateRequest).page);
}

export function isAddArticleRequest(message: unknown): message is AddArticleRequest {
  const m = message as AddArticleRequest;
  return hasType(message, 'crossread:add-article') && isPage(m.page) && typeof m.outlet === 'string';
}

export const isTabStateRequest = (m: unknown): m is TabStateRequest => hasType(m, 'crossread:tab-state');
export const isExtractRequest = (m: unknown): m is ExtractRequest => hasType(m, 'crossread:extract');
export const isCorpusChanged = (m: unknown): m is CorpusChangedMessage => hasType(m, 'crossread:corpus-changed');
