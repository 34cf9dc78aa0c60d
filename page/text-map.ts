/**
 * A map from the visible characters of a live DOM subtree to the text nodes
 * that hold them (works on the DOM). Whitespace, soft hyphens and zero-width
 * characters are left out of the map: the extracted article and the page
 * differ in exactly those, so matching on the remaining characters finds a
 * paragraph whatever inline markup or line breaking the page uses.
 */
export interface TextMap {
  /** The mapped characters, in document order, without whitespace or invisible characters. */
  chars: string;
  nodes: Text[];
  /** For each character of `chars`: the index of its node in `nodes`… */
  node: Int32Array;
  /** …and its UTF-16 offset inside that node. */
  offset: Int32Array;
}

/** Characters that never count when comparing page text with extracted text. */
const IGNORED = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/;
const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'SVG', 'svg']);

/** Whether a character is kept in a text map (and so in every string compared against one). */
export function isMapped(char: string): boolean {
  return !IGNORED.test(char);
}

/** `text` without the characters a text map leaves out. */
export function mappedChars(text: string): string {
  let out = '';
  for (const char of text) if (isMapped(char)) out += char;
  return out;
}

/** A character code that is certainly kept (printable ASCII but space), without testing IGNORED. */
const plain = (code: number) => code > 32 && code < 127;

/** Typed arrays grown by doubling: the map of a long page holds millions of entries, which plain arrays would box and copy piecemeal. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** The entries (a view, not a copy: copying millions of entries would be a long step of its own). */
  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Builds the text map of `root`, leaving out `skip` (crossread's own host),
 * and ending with `until` where given (the text after it is not mapped).
 * A generator so callers can spread the walk over several tasks: it yields
 * after every `batch` text nodes, or sooner after a long text, and returns
 * the map.
 */
export function* buildTextMap(root: Node, skip?: Node | null, batch = 150, until?: Node | null): Generator<void, TextMap, void> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* elements and text */, {
    acceptNode(node) {
      if (skip && node === skip) return 2; // FILTER_REJECT: skips the subtree
      if (node.nodeType === 1) return SKIPPED_ELEMENTS.has((node as Element).nodeName) ? 2 : 3; // SKIP: descend
      return 1;
    },
  });
  const nodes: Text[] = [];
  // Each node's kept characters, joined by batch and the batches at the end: one flat string to search,
  // never built a character at a time, and no join of thousands of parts in one step.
  let parts: string[] = [];
  const chunks: string[] = [];
  const nodeIndex = new IntList();
  const offsets = new IntList();
  let seen = 0;
  let since = 0;
  let inside = false;
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (until) {
      // Text nodes come in document order: the first one out of `until` after one in it is past its end.
      if (until.contains(current)) inside = true;
      else if (inside || until.compareDocumentPosition(current) & 4 /* FOLLOWING */) break;
    }
    const text = (current as Text).data;
    const index = nodes.length;
    nodes.push(current as Text);
    let kept = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      if (plain(text.charCodeAt(i)) || isMapped(text[i])) {
        nodeIndex.push(index);
        offsets.push(i);
        continue;
      }
      kept += text.slice(from, i);
      from = i + 1;
    }
    parts.push(from === 0 ? text : kept + text.slice(from));
    since += text.length;
    if (++seen % batch === 0 || since > BATCH_CHARS) {
      chunks.push(parts.join(''));
      parts = [];
      since = 0;
      yield;
    }
  }
  chunks.push(parts.join(''));
  return { chars: chunks.join(''), nodes, node: nodeIndex.done(), offset: offsets.done() };
}

/** Characters mapped between two yields at most, besides the batch of nodes: a page may hold a few very long texts. */
const BATCH_CHARS = 60_000;

/** [start, end) positions in a text map's `chars`. */
export interface MapSpan {
  start: number;
  end: number;
}

/**
 * Finds `text` in the map at or after `from`. Exact (ignoring whitespace and
 * invisible characters) first; failing that, the text's head and tail found
 * close together, which survives a changed word in the middle.
 */
export function locate(map: TextMap, text: string, from = 0): MapSpan | null {
  const wanted = mappedChars(text);
  if (!wanted) return null;
  const exact = map.chars.indexOf(wanted, from);
  if (exact >= 0) return { start: exact, end: exact + wanted.length };
  if (wanted.length < 40) return null;
  const edge = Math.min(40, Math.floor(wanted.length / 3));
  const head = map.chars.indexOf(wanted.slice(0, edge), from);
  if (head < 0) return null;
  const tail = map.chars.indexOf(wanted.slice(-edge), head + edge);
  if (tail < 0) return null;
  const end = tail + edge;
  // Only a span of about the same length is the same paragraph.
  if (end - head > wanted.length * 1.3 + 20) return null;
  return { start: head, end };
}

/** The DOM range covering map characters [start, end). */
export function rangeOf(map: TextMap, span: MapSpan): Range {
  const doc = map.nodes[0]?.ownerDocument;
  if (!doc || span.end <= span.start) throw new RangeError('empty span');
  const range = doc.createRange();
  range.setStart(map.nodes[map.node[span.start]], map.offset[span.start]);
  const last = span.end - 1;
  const lastNode = map.nodes[map.node[last]];
  const lastOffset = map.offset[last];
  // A surrogate pair is one character on screen: the range ends after both halves.
  const width = /[\ud800-\udbff]/.test(lastNode.data[lastOffset] ?? '') ? 2 : 1;
  range.setEnd(lastNode, lastOffset + width);
  return range;
}

/**
 * The map span of the characters [from, to) of `text`, where `text` is known
 * to sit at `span` in the map. Offsets count every UTF-16 unit of `text`,
 * whitespace included, as the extracted article's offsets do.
 */
export function subSpan(text: string, span: MapSpan, from: number, to: number): MapSpan | null {
  let mapped = 0;
  let start = -1;
  let end = -1;
  for (let i = 0; i < text.length && i < to; i++) {
    if (!isMapped(text[i])) continue;
    if (i >= from && start < 0) start = mapped;
    mapped++;
    end = mapped;
  }
  if (start < 0 || end <= start) return null;
  const result = { start: span.start + start, end: Math.min(span.start + end, span.end) };
  return result.end > result.start ? result : null;
}
