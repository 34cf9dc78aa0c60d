/**
 * The background's own words for feeds: English, from the same table the
 * pages use (lib/i18n/sources-messages.ts), for the `state` and `error` texts
 * of its replies and for errors thrown with a reason. Pages say the reasons
 * in the reader's language from the kinds that travel beside these texts.
 */
import { FeedProblem, reasonText, type FeedReason } from '../../lib/feeds/feed-reason';
import type { FeedStateWords } from '../../lib/feeds/feed-state';
import { sourcesMessages } from '../../lib/i18n/sources-messages';

export const BACKGROUND_WORDS: FeedStateWords = sourcesMessages('en').feedState;

export const englishReason = (reason: FeedReason | string): string => reasonText(reason, BACKGROUND_WORDS);

/** A refusal or failure with its reason, its message in the background's English. */
export const problem = (reason: FeedReason): FeedProblem => new FeedProblem(reason, englishReason(reason));
