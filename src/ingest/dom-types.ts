/**
 * The slice of the DOM the HTML reader uses. tsconfig has no DOM lib (this is Node code) and linkedom
 * types its documents as `any`, so we name what we rely on once, here, and cast at the parse.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  readonly parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly children: ArrayLike<DomElement> & Iterable<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
  closest(selectors: string): DomElement | null;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

export const TEXT_NODE = 3;
export const ELEMENT_NODE = 1;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

export function tagOf(element: DomElement): string {
  return element.tagName.toLowerCase();
}

export function hasClass(element: DomElement, fragment: string): boolean {
  return (element.getAttribute('class') ?? '').toLowerCase().includes(fragment);
}

/** Footnote marks ("[1]", "[a]", "[citation needed]") that mean nothing once the footnotes are gone. */
export function isReferenceMark(element: DomElement): boolean {
  if (tagOf(element) !== 'sup') return false;
  return hasClass(element, 'reference') || /^\s*\[[^\]]{1,25}\]\s*$/.test(element.textContent ?? '');
}

export function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(element.getAttribute('style') ?? '');
}

/** Never text: code, styling, embedded media, form controls. */
export const NON_TEXT_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'img',
  'picture',
  'video',
  'audio',
  'map',
  'button',
  'select',
  'textarea',
  'input',
  'head',
  'title',
  'meta',
  'link',
]);
