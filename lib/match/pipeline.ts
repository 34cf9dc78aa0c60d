/**
 * The text pipeline as the matching engine sees it. Everything the engine needs
 * from lib/text and lib/corpus passes through here, so the engine does not care
 * which implementation of segmentation, stemming or cleaning is behind it.
 */
export {
  segmentSentences,
  tokenize,
  isStopword,
  normalise,
  stem,
  extractQuantities,
  findNonReporting,
  isReporting,
} from './text-fallback';
export { detectLanguage } from './text-fallback';
export { parseHeader } from '../corpus/header';
export type { Sentence, Token, Quantity } from './text-fallback';
