import { collapse, type Block } from './extract-article';

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td';

/**
 * Finds, for each extracted block, the live page element that shows it.
 * Readability worked on a clone, so its elements are not the page's; blocks
 * are matched back by their whitespace-collapsed text, in document order.
 * Returns null for a block with no element on the page.
 */
export function anchorBlocks(doc: Document, blocks: readonly Block[], skip?: Element | null): Array<Element | null> {
  const candidates: Array<{ element: Element; text: string }> = [];
  for (const element of Array.from(doc.body?.querySelectorAll(BLOCK_SELECTOR) ?? [])) {
    if (element.querySelector(BLOCK_SELECTOR)) continue;
    if (skip && skip.contains(element)) continue;
    const text = collapse(element.textContent ?? '');
    if (text) candidates.push({ element, text });
  }
  const used = new Set<Element>();
  let cursor = 0;
  return blocks.map((block) => {
    const found = find(candidates, block.text, cursor, used) ?? find(candidates, block.text, 0, used);
    if (!found) return null;
    used.add(found.element);
    cursor = candidates.indexOf(found) + 1;
    return found.element;
  });
}

function find(
  candidates: Array<{ element: Element; text: string }>,
  text: string,
  from: number,
  used: Set<Element>,
): { element: Element; text: string } | undefined {
  const head = text.slice(0, 80);
  for (let i = from; i < candidates.length; i++) {
    const c = candidates[i];
    if (used.has(c.element)) continue;
    if (c.text === text || c.text.startsWith(head)) return c;
  }
  return undefined;
}
