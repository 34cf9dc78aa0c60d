/**
 * The text pipeline as the matching engine sees it. Everything the engine needs
 * from lib/text and lib/article passes through here, so the engine does not care
 * which implementation of segmentation, stemming or cleaning is behind it.
 */
export { segmentSentences, type Sentence } from '../text/segment';
export { tokenize, type Token } from '../text/tokens';
export { isStopword } from '../text/stopwords';
export { normalise } from '../text/normalise';
export { stem } from '../text/stem';
export { isSupportedLanguage, languageOf } from '../text/language';
export { findNonReporting, reportingRanges } from '../article/clean';
export { parseHeader } from '../article/header';
export { extractQuantities, mayStartQuantity, type Quantity } from '../text/numbers';
export { de } from '../text/vocabulary/de';
export { en } from '../text/vocabulary/en';
export { attributionSources, attributionsDiffer } from '../text/attribution';
export { extractScores, type Score } from '../text/scores';
export { extractMinutes, type MatchMinute } from '../text/minutes';
