/** crossread's privacy promise once it can follow feeds, word for word in the popup, the corpus manager and docs/privacy.md. */
export const PRIVACY_PROMISE =
  'A default install makes no request. With sources, requests go only to the origins you followed, only from the background, carrying nothing about you.';
