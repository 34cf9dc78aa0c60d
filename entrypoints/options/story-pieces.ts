/**
 * The corpus manager's list as pieces of stories: a story's heading with its
 * first rows, then its further rows a few at a time. The virtual list keeps in
 * the DOM only the pieces on screen and one each way: with a story as the unit,
 * the bench's 50,000 corpus had stories of 30–70 rows (2,400–5,100 px) and
 * ~130 rows in the DOM for a 1,000 px window, every one laid out and its text
 * shaped in the frame that showed it (clearing the filter, each scroll step).
 */
import type { StoryGroup } from './arrange-listing';

/** Rows in one piece: the bench's stories of 3–12 articles stay whole; a longer one is ~800 px a piece at its 70 px rows. */
export const ROWS_PER_PIECE = 12;

export interface StoryPiece {
  group: StoryGroup;
  /** The story's place in the list, from 1. */
  n: number;
  /** The rows of `group.articles` this piece shows: [from, to). The piece with `from` 0 carries the story's heading. */
  from: number;
  to: number;
}

/** Every group cut into pieces of at most `per` rows, in the groups' order. */
export function storyPieces(groups: readonly StoryGroup[], per = ROWS_PER_PIECE): StoryPiece[] {
  const pieces: StoryPiece[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    const rows = group.articles.length;
    for (let from = 0; from === 0 || from < rows; from += per) pieces.push({ group, n: i + 1, from, to: Math.min(rows, from + per) });
  }
  return pieces;
}
