/**
 * Messages between the extension's parts. The content script, the popup and
 * the options page never open the database: they ask the background, which
 * owns the corpus and runs the engine. The request and event tables, their
 * checks and the typed senders and receivers are in ./protocol.
 */
export * from './protocol';
