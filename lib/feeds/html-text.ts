/**
 * Feed text to plain text, without a DOM: feeds carry HTML in titles,
 * summaries and content, and crossread stores and shows text only, so a
 * feed's markup (a script included) can never run or load anything.
 */
import { decodeHTML } from 'entities';

/** Elements whose content is never reading text. */
const DROPPED = /<(script|style|noscript|template|iframe|object|svg|math|head|title|select|button)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Tags that end a paragraph: they become a blank line, as the content script's extraction joins blocks. */
const BLOCK = /<\/?(?:p|div|section|article|header|footer|aside|main|blockquote|pre|h[1-6]|ul|ol|li|dl|dt|dd|table|tr|figure|figcaption|hr)\b[^>]*>/gi;
const BREAK = /<br\s*\/?>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
/** Any other tag, also one left open at the end of the text. */
const TAG = /<\/?[a-zA-Z][^>]*(?:>|$)/g;

/** Plain text of an HTML fragment: paragraphs separated by blank lines, whitespace folded within them, entities decoded. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(CDATA, '$1')
    .replace(COMMENT, ' ')
    .replace(DROPPED, ' ')
    // An element of DROPPED left open (a truncated feed): what follows it is its content.
    .replace(/<(script|style|noscript|template|iframe)\b[\s\S]*$/i, ' ')
    .replace(BLOCK, '\n\n')
    .replace(BREAK, '\n')
    .replace(TAG, ' ');
  return decodeHTML(marked)
    .split(/\n\s*\n/)
    .map((block) => block.replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n').trim())
    .filter((block) => block !== '')
    .join('\n\n');
}

/** One line of plain text (a title, a feed's name): markup dropped, whitespace folded. */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}

/** Folds whitespace of a text that is already plain (Atom's type="text", JSON Feed's content_text) into paragraphs. */
export function plainParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.replace(/[^\S\n]+/g, ' ').trim())
    .filter((block) => block !== '')
    .join('\n\n');
}
