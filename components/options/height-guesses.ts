/**
 * A virtual list's height guesses brought closer by the items it has measured:
 * per kind of item, the measured heights' sum over the guesses' sum scales the
 * guesses of the items not measured yet. The corpus manager guessed 34 px a row
 * where the bench's 50,000 stories measure ~70 (their titles wrap): a screen of
 * guesses held twice the pieces that fit, every one rendered, laid out and
 * measured, and each measurement moved everything after it.
 */
export class HeightGuesses {
  private readonly ids = new Map<string, number>();
  private readonly measured: number[] = [];
  private readonly guessed: number[] = [];
  /** Items already learned from, by key: an item resized (a chart arriving) is not counted twice. */
  private readonly seen = new Set<string>();

  /** A small number for a kind of item, the same for the same kind. */
  kind(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(name, id);
      this.measured.push(0);
      this.guessed.push(0);
    }
    return id;
  }

  /** An item of `kind` guessed at `guess` px measured `size` px: counted once per key. */
  learn(kind: number, key: string, guess: number, size: number): void {
    if (guess <= 0 || this.seen.has(key)) return;
    this.seen.add(key);
    this.measured[kind] += size;
    this.guessed[kind] += guess;
  }

  /** A guess for an item of `kind`, scaled by what that kind's items measured (unscaled until one has). */
  guess(kind: number, guess: number): number {
    const guessed = this.guessed[kind];
    return guessed > 0 ? Math.round((guess * this.measured[kind]) / guessed) : guess;
  }
}
