import { describe, expect, it } from 'vitest';
import { HeightGuesses } from '../../components/options/height-guesses';

describe('HeightGuesses', () => {
  it('scales a kind’s guesses by what its items measured, each item once, other kinds untouched', () => {
    const h = new HeightGuesses();
    const rows = h.kind('rows');
    const story = h.kind('story');
    expect(h.kind('rows')).toBe(rows);
    expect(h.guess(rows, 408)).toBe(408);
    h.learn(rows, 'a', 408, 839);
    h.learn(rows, 'b', 204, 400);
    // (839 + 400) / (408 + 204) of the guess.
    expect(h.guess(rows, 408)).toBe(Math.round((408 * 1239) / 612));
    // The same item resized (a chart arriving) is not counted again.
    h.learn(rows, 'a', 408, 2000);
    expect(h.guess(rows, 408)).toBe(Math.round((408 * 1239) / 612));
    expect(h.guess(story, 682)).toBe(682);
  });
});
