/**
 * crossread's privacy promise, one sentence per language, said word for word
 * in the popup, the corpus manager's Sources section and docs/privacy.md (a
 * test holds the document to it). It restates issue #17's item 6: there is
 * one promise, so there is one place to change it.
 */
import type { Locale } from './messages';

export const PRIVACY_PROMISE: Record<Locale, string> = {
  en: 'A default install makes no request. With sources, requests go only to the origins you followed, only from the background, carrying nothing about you.',
  de: 'Eine Standardinstallation stellt keine Anfrage. Mit Quellen gehen Anfragen nur an die Ursprünge (Origins), denen Sie folgen, nur aus dem Hintergrund der Erweiterung, und sie tragen nichts über Sie.',
};
