/**
 * Messages between the extension's parts. The content script, the popup and
 * the options page never open the database: they ask the background, which
 * owns the corpus and runs the engine. The request and event tables, their
 * checks and the typed senders and receivers are in ./protocol.
 */
export * from './protocol';
import { readMessage, type AddArticleRequest, type AnnotateRequest, type CorpusChangedMessage, type ExtractRequest, type TabStateRequest } from './protocol';

export const isAnnotateRequest = (m: unknown): m is AnnotateRequest => readMessage('crossread:annotate', m) !== null;
export const isAddArticleRequest = (m: unknown): m is AddArticleRequest => readMessage('crossread:add-article', m) !== null;
export const isTabStateRequest = (m: unknown): m is TabStateRequest => readMessage('crossread:tab-state', m) !== null;
export const isExtractRequest = (m: unknown): m is ExtractRequest => readMessage('crossread:extract', m) !== null;
export const isCorpusChanged = (m: unknown): m is CorpusChangedMessage => readMessage('crossread:corpus-changed', m) !== null;
