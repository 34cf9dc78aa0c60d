/**
 * The words of a language that name days, months and numbers. Segmentation
 * (an ordinal before a month ends no sentence), number reading (dates,
 * weekdays, spelled-out counts), an article's features (the weekday of its
 * event) and a page's publication date read them from here, so a word one of
 * them knows the others know too.
 *
 * Words are normalised as tokens are (lib/text/normalise.ts): lowercase,
 * umlauts folded to the bare vowel, ß to ss.
 */
export interface Vocabulary {
  /** Month names and their abbreviations → 1–12. */
  months: Readonly<Record<string, number>>;
  /** Abbreviations that take their period with them ("Feb.", "Mär."): a period after them ends no sentence. */
  monthAbbreviations: readonly string[];
  /** Weekday names → 0–6, Sunday = 0 (as Date.getUTCDay counts). */
  weekdays: Readonly<Record<string, number>>;
  /** Abbreviated weekdays ("Mi.", "Wed."). */
  weekdayAbbreviations: readonly string[];
  /** Parts of the day a weekday joins into one word ("Mittwochabend"); none where the language writes them apart. */
  partsOfDay: readonly string[];
  /** Words for a day counted from the day of writing → days from it (yesterday −1). */
  relativeDays: Readonly<Record<string, number>>;
  /** Stems of adjectives of such a day ("gestrige", "gestrigen") → days from it. */
  relativeDayStems: Readonly<Record<string, number>>;
  /** Phrases of several words for such a day ("the day before yesterday") → days from it. */
  relativeDayPhrases: Readonly<Record<string, number>>;
  /** Spelled-out numbers that are one word by themselves (units, teens, tens). */
  numbers: Readonly<Record<string, number>>;
  /** Articles and numerals that mean "one" before a unit ("eine Stunde", "an hour"). */
  one: readonly string[];
}

/**
 * A lookup table without a prototype: tokens are arbitrary words, and
 * "constructor" must not be found in a table of weekdays.
 */
export function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
