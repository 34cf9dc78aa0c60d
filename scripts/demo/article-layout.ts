/**
 * Lays a plain seed text out the way a news page would present it: body blocks
 * (paragraphs, subheadings, photo captions) and, separately, the reader-comment
 * area that scraped texts often drag along at their end.
 */

export type BodyBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  /** A heading with nothing under it before the next heading: a teaser-box label ("Also read"). */
  | { kind: 'teaser-label'; text: string }
  /** Lines set apart in a box inside the article (an embed's consent notice, an info box). */
  | { kind: 'box'; items: Array<{ kind: 'title' | 'text'; text: string }> }
  /** A photo: `label` is the short image title that precedes a caption line, used as alt text. */
  | { kind: 'figure'; caption: string; label: string | null };

export type CommentAreaItem =
  /** Comment-area chrome: "show comments", "leave a reply", notes under the form. */
  | { kind: 'ui'; text: string }
  /** One reader comment: paragraphs, each a list of lines. */
  | { kind: 'comment'; paragraphs: string[][] };

export interface ArticleLayout {
  blocks: BodyBlock[];
  comments: CommentAreaItem[];
}

const BULLET = /^\s*[•●▪◦·]\s*/;
/** Short lines that are the UI of a comment area, not reporting ("Kommentare anzeigen", "Leave a Reply", "12 Kommentare"). */
const COMMENT_UI =
  /^(?:\d+\s+)?(?:kommentare?|leserkommentare|comments?|reader comments)(?:\s*\(\d+\))?(?:\s+(?:anzeigen|einblenden|ausblenden|laden|zeigen|lesen|schreiben|verfassen|show|view|load))?$|^(?:leave|post|write) a (?:reply|comment)$|^(?:diskutieren sie mit|jetzt kommentieren)$/i;
const CAPTION = /©|^(?:foto|fotos|bild|photo|image)\s*:/i;
const MAX_HEADING_CHARS = 90;
const MIN_GROUPS_FOR_BOXES = 3;
const MAX_HEADING_WORDS = 12;

/** A short line without sentence-final punctuation reads as a subheading; closing quotes do not count as punctuation. */
export function isHeadingLike(line: string): boolean {
  const text = line.trim();
  if (!text || text.length > MAX_HEADING_CHARS) return false;
  if (text.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  if (CAPTION.test(text)) return false;
  const core = text.replace(/[\s"'“”„‟»«›‹’‘)\]]+$/u, '');
  return core.length > 0 && !/[.!?:;,…]$/.test(core);
}

export function isCaption(line: string): boolean {
  return CAPTION.test(line.trim());
}

export function isCommentUi(line: string): boolean {
  return COMMENT_UI.test(line.trim());
}

function isBullet(line: string): boolean {
  return BULLET.test(line);
}

export function layoutArticle(text: string, title: string): ArticleLayout {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const commentStart = lines.findIndex((line) => isBullet(line) || isCommentUi(line));
  const bodyLines = commentStart === -1 ? lines : lines.slice(0, commentStart);
  const commentLines = commentStart === -1 ? [] : lines.slice(commentStart);
  return { blocks: layoutBody(bodyLines, title), comments: layoutComments(commentLines) };
}

function layoutBody(lines: string[], title: string): BodyBlock[] {
  const normalizedTitle = title.trim().replace(/\s+/g, ' ');
  const groups = splitGroups(lines);
  // Scraped texts often repeat the headline as their first line; the page already shows it as <h1>.
  if (groups[0]?.[0]?.replace(/\s+/g, ' ') === normalizedTitle) groups[0].shift();
  const blankSeparated = groups.length >= MIN_GROUPS_FOR_BOXES;
  const blocks: BodyBlock[] = [];
  for (const group of groups) {
    if (blankSeparated && isBox(group)) {
      blocks.push({ kind: 'box', items: group.map((text) => ({ kind: isHeadingLike(text) ? 'title' : 'text', text })) });
      continue;
    }
    group.forEach((text, i) => {
      if (isCaption(text)) {
        // A short line directly above a caption (no blank line between) is the image's own title.
        const previous = blocks[blocks.length - 1];
        const labelled = i > 0 && previous?.kind === 'heading' && previous.text === group[i - 1];
        if (labelled) blocks.pop();
        blocks.push({ kind: 'figure', caption: text, label: labelled ? group[i - 1] : null });
      } else if (isHeadingLike(text)) {
        blocks.push({ kind: 'heading', text });
      } else {
        blocks.push({ kind: 'paragraph', text });
      }
    });
  }
  return blocks.map((block, index) => {
    const next = blocks[index + 1];
    return block.kind === 'heading' && next?.kind === 'heading' ? { kind: 'teaser-label', text: block.text } : block;
  });
}

/** Runs of consecutive non-blank lines, trimmed. */
function splitGroups(lines: string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const text = line.trim();
    if (!text) {
      current = null;
    } else {
      if (!current) groups.push((current = []));
      current.push(text);
    }
  }
  return groups.filter((group) => group.length > 0);
}

/**
 * In a text whose paragraphs are separated by blank lines, a run of several lines with titles
 * of its own is a box set into the article (an embed's consent notice, an info box), not body copy.
 */
function isBox(group: string[]): boolean {
  const titles = group.filter(isHeadingLike).length;
  return group.length >= 3 && titles >= 2 && titles < group.length && !group.some(isCaption);
}

function layoutComments(lines: string[]): CommentAreaItem[] {
  const items: CommentAreaItem[] = [];
  let current: { kind: 'comment'; paragraphs: string[][] } | null = null;
  let paragraph: string[] | null = null;
  for (const line of lines) {
    if (!line.trim()) {
      paragraph = null;
      continue;
    }
    if (isBullet(line)) {
      current = { kind: 'comment', paragraphs: [] };
      items.push(current);
      paragraph = [line.replace(BULLET, '').trim()];
      current.paragraphs.push(paragraph);
    } else if (current && /^\s/.test(line)) {
      // Indented lines continue the comment above them; a blank line starts a new paragraph of it.
      if (!paragraph) {
        paragraph = [];
        current.paragraphs.push(paragraph);
      }
      paragraph.push(line.trim());
    } else {
      current = null;
      paragraph = null;
      items.push({ kind: 'ui', text: line.trim() });
    }
  }
  return items;
}
