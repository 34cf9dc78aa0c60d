/**
 * The copy of a page that Readability reads: the page's head and the element
 * holding its article (or the whole page where none does), without the
 * subtrees that cannot hold article text. Readability rewrites the tree it is
 * given, and the reader's page must stay exactly as it is.
 *
 * The copy is made either as a document here, or as a string from which
 * rebuildReadingCopy makes the same document in another of the extension's
 * contexts (the background's offscreen document, Firefox's background page),
 * so that Readability's parse of a large page need not hold the page's main
 * thread. The string is a description of the tree, node by node, not HTML:
 * HTML parsing does not give back every tree a page's scripts can build
 * (a <p> inside a <p>, adjacent text nodes, which the copy makes wherever it
 * leaves a script out, are merged), and the two readings must be the same.
 */

/** Subtrees that never hold article text; Readability drops them anyway, so they are not copied. */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT', 'EMBED', 'LINK']);
const COPY_BATCH = 120;
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Where the walk puts the nodes it copies: `P` is the copy of a parent (a node, or its number in the string). */
interface CopyBuilder<P> {
  /** The copy of `element` (without its children) appended to `parent`; a script is copied with its text. */
  element(parent: P, element: Element): P;
  text(parent: P, data: string): void;
}

/**
 * Walks what the copy holds, in the order its nodes are appended: the head
 * and then the article root into `body` where there is a root, else the
 * document element's children into `top`.
 */
function* walk<P>(doc: Document, root: Element | null, top: P, body: P | null, builder: CopyBuilder<P>): Generator<void, void, void> {
  const stack: Array<[Node, P]> = [];
  if (root && doc.head && body !== null) {
    stack.push([root, body], [doc.head, top]);
  } else {
    for (let child = doc.documentElement.lastChild; child; child = child.previousSibling) stack.push([child, top]);
  }
  let copied = 0;
  while (stack.length) {
    const [node, parent] = stack.pop()!;
    if (node.nodeType === 1) {
      const element = node as Element;
      // JSON-LD, which carries the article's metadata, is kept.
      if (NOT_TEXT.has(element.nodeName) && !(element.nodeName === 'SCRIPT' && element.getAttribute('type') === 'application/ld+json')) continue;
      if (element.hasAttribute('hidden')) continue;
      const clone = builder.element(parent, element);
      if (element.nodeName === 'SCRIPT') continue;
      for (let child = element.lastChild; child; child = child.previousSibling) stack.push([child, clone]);
    } else if (node.nodeType === 3) {
      builder.text(parent, (node as Text).data);
    }
    if (++copied % COPY_BATCH === 0) yield;
  }
}

/** Whether the copy holds the head and the article root (in a body of its own) rather than the whole page. */
const rooted = (doc: Document, root: Element | null) => root !== null && doc.head !== null;

/** An empty copy with the page's <html> attributes, and its body where the copy is rooted. */
function blankCopy(implementation: DOMImplementation, htmlAttributes: ReadonlyArray<readonly [string, string]>, withBody: boolean): { copy: Document; body: Element | null } {
  const copy = implementation.createHTMLDocument('');
  const html = copy.documentElement;
  html.replaceChildren();
  for (const [name, value] of htmlAttributes) html.setAttribute(name, value);
  if (!withBody) return { copy, body: null };
  const body = copy.createElement('body');
  html.append(body);
  return { copy, body };
}

/** The head before the body, and a <base> so that relative links in the article resolve against the page, as in the original. */
function finishCopy(copy: Document, baseURI: string): Document {
  const html = copy.documentElement;
  if (copy.head && copy.body && copy.body.nextSibling === copy.head) html.insertBefore(copy.head, copy.body);
  const base = copy.createElement('base');
  base.setAttribute('href', baseURI);
  (copy.head ?? html).prepend(base);
  return copy;
}

const htmlAttributesOf = (doc: Document) => Array.from(doc.documentElement.attributes, (a) => [a.name, a.value] as const);

/** The copy of `doc` as a document of this context, made a few hundred nodes at a time. */
export function* readingCopy(doc: Document, root: Element | null): Generator<void, Document, void> {
  const { copy, body } = blankCopy(doc.implementation, htmlAttributesOf(doc), rooted(doc, root));
  yield* walk<Node>(doc, root, copy.documentElement, body, {
    element: (parent, element) => parent.appendChild(copy.importNode(element, element.nodeName === 'SCRIPT')),
    text: (parent, data) => void parent.appendChild(copy.createTextNode(data)),
  });
  return finishCopy(copy, doc.baseURI);
}

/**
 * The copy as a string (JSON): `html`, the <html> attributes; `rooted`;
 * `base`, the page's base URL; `nodes`, the copy's nodes in the order they
 * are appended, each with the number of its parent (0 the <html>, 1 the
 * rooted copy's body, then the elements in order):
 * - an element: its parent's number, its name (the local name of an HTML
 *   element, else [namespace, qualified name]) and its attributes as a list
 *   of name, value (the name [namespace, qualified name] where it has one);
 * - a text node: -1 minus its parent's number, and its text.
 * A script (JSON-LD) is followed by its text nodes.
 */
export function* encodedReadingCopy(doc: Document, root: Element | null): Generator<void, string, void> {
  const nodes: unknown[] = [];
  const withBody = rooted(doc, root);
  let next = withBody ? 2 : 1;
  yield* walk<number>(doc, root, 0, withBody ? 1 : null, {
    element: (parent, element) => {
      const attributes: unknown[] = [];
      for (const a of Array.from(element.attributes)) attributes.push(a.namespaceURI === null ? a.name : [a.namespaceURI, a.name], a.value);
      nodes.push(parent, element.namespaceURI === HTML_NS && element.prefix === null ? element.localName : [element.namespaceURI, element.nodeName], attributes);
      const number = next++;
      if (element.nodeName === 'SCRIPT') {
        for (let child = element.firstChild; child; child = child.nextSibling) if (child.nodeType === 3) nodes.push(-1 - number, (child as Text).data);
      }
      return number;
    },
    text: (parent, data) => void nodes.push(-1 - parent, data),
  });
  return JSON.stringify({ html: htmlAttributesOf(doc), rooted: withBody, base: doc.baseURI, nodes });
}

type Name = string | [string | null, string];

/**
 * The document encodedReadingCopy describes, made with `implementation`
 * (give it a document without a browsing context's: nothing it holds runs or
 * loads). Throws where the string is not such a description, or names an
 * element the DOM refuses to make.
 */
export function rebuildReadingCopy(encoded: string, implementation: DOMImplementation): Document {
  const parsed = JSON.parse(encoded) as { html: Array<[string, string]>; rooted: boolean; base: string; nodes: unknown[] };
  if (!Array.isArray(parsed?.html) || !Array.isArray(parsed.nodes) || typeof parsed.base !== 'string') throw new Error('not a reading copy');
  const { copy, body } = blankCopy(implementation, parsed.html, parsed.rooted === true);
  const made: Node[] = [copy.documentElement];
  if (body) made.push(body);
  const { nodes } = parsed;
  for (let i = 0; i < nodes.length; ) {
    const at = nodes[i++] as number;
    if (at < 0) {
      const parent = made[-1 - at];
      parent.appendChild(copy.createTextNode(String(nodes[i++])));
      continue;
    }
    const parent = made[at];
    const name = nodes[i++] as Name;
    const attributes = nodes[i++] as unknown[];
    if (!parent || !Array.isArray(attributes)) throw new Error('not a reading copy');
    const element = typeof name === 'string' ? copy.createElementNS(HTML_NS, name) : copy.createElementNS(name[0], name[1]);
    for (let a = 0; a < attributes.length; a += 2) {
      const attribute = attributes[a] as Name;
      const value = String(attributes[a + 1]);
      try {
        if (typeof attribute === 'string') element.setAttribute(attribute, value);
        else element.setAttributeNS(attribute[0], attribute[1], value);
      } catch {
        // A name the page's parser took and the DOM refuses to set (`@click`, in browsers of the older naming
        // rules). Readability reads attributes by their names (class, id, role, style…), never such a one, and
        // drops them itself where it retags an element: the reading is the same without it.
      }
    }
    made.push(parent.appendChild(element));
  }
  return finishCopy(copy, parsed.base);
}
