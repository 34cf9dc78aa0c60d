/** One block of the extracted article (a paragraph, heading or list item), located in `text`. */
export interface Block {
  start: number;
  end: number;
  text: string;
}
