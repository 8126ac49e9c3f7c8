import { type DomDocument, type DomNode, isElement, NON_TEXT_TAGS, TEXT_NODE, tagOf } from './dom-types.js';

/**
 * How deep elements may nest before the reader folds the rest into text. Real pages nest a few
 * dozen deep; a file of 100,000 unclosed <div>s costs the parser quadratic time, overflows the
 * stack of every recursive walk and takes Readability minutes per thousand levels.
 */
export const MAX_NESTING = 100;

/**
 * More elements than this is a data dump, not a page: linkedom needs about 1 KB per element, so a
 * 20 MB file of "<li>x" would take gigabytes to lay out.
 */
export const MAX_ELEMENTS = 200_000;

/**
 * Readability scores every container by the text of everything under it, so its time grows with
 * elements times depth: 190,000 list items under 95 <div>s took it three minutes. Above this
 * product the reader takes the whole body's text instead, as it does when Readability finds no
 * article. Large real articles stay well below it (40,000 elements 30 deep is 1.2 million).
 */
export const READABILITY_BUDGET = 2_000_000;

// The parser linkedom uses (htmlparser2) closes these implicitly when one of the keys opens.
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const IMPLIED_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, new Set(FORM)] as const),
  ...[
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t) => [t, new Set(P)] as const),
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const FOREIGN = new Set(['svg', 'math']);

/**
 * The markup with every element that would open deeper than `max` taken out (its tags become
 * spaces, its text stays), in one linear pass that follows the parser's implicit-close rules, with
 * how many elements are left and how deep they go. The markup is the input itself when nothing is that deep, which is
 * every ordinary page.
 */
export function limitNesting(html: string, max = MAX_NESTING): { html: string; elements: number; depth: number } {
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  const cuts: Array<[number, number]> = [];
  let foreign = 0;
  let elements = 0;
  let depth = 0;
  const n = html.length;
  let i = html.indexOf('<');
  while (i >= 0 && i < n) {
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      i = skipPast(html, '-->', i + 4);
    } else if (html.startsWith('<![CDATA[', i)) {
      i = skipPast(html, ']]>', i + 9);
    } else if (next === 0x21 || next === 0x3f) {
      i = skipPast(html, '>', i + 2);
    } else if (next === 0x2f && isAsciiLetter(html.charCodeAt(i + 2))) {
      const { name, end } = readTag(html, i + 2);
      const pending = dropped.get(name) ?? 0;
      if (pending > 0) {
        dropped.set(name, pending - 1);
        cuts.push([i, end]);
      } else if (!VOID.has(name)) {
        const at = stack.lastIndexOf(name);
        if (at >= 0) {
          for (let k = at; k < stack.length; k++) if (FOREIGN.has(stack[k] as string)) foreign--;
          stack.length = at;
        }
      }
      i = end;
    } else if (isAsciiLetter(next)) {
      const { name, end, selfClosing } = readTag(html, i + 1);
      const closes = IMPLIED_CLOSE.get(name);
      if (closes !== undefined) {
        while (stack.length > 0 && closes.has(stack[stack.length - 1] as string)) stack.pop();
      }
      const opens = !VOID.has(name) && !(selfClosing && foreign > 0);
      if (opens && stack.length >= max) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        cuts.push([i, end]);
      } else {
        elements++;
        if (opens) {
          stack.push(name);
          depth = Math.max(depth, stack.length);
          if (FOREIGN.has(name)) foreign++;
        }
      }
      i = end;
      if (RAW_TEXT.has(name)) {
        const close = indexOfCloseTag(html, name, i);
        i = close < 0 ? n : close;
      }
    } else {
      i++;
    }
    i = html.indexOf('<', i);
  }
  if (cuts.length === 0) return { html, elements, depth };
  const parts: string[] = [];
  let last = 0;
  for (const [start, end] of cuts) {
    parts.push(html.slice(last, start), ' ');
    last = end;
  }
  parts.push(html.slice(last));
  return { html: parts.join(''), elements, depth };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function skipPast(html: string, marker: string, from: number): number {
  const at = html.indexOf(marker, from);
  return at < 0 ? html.length : at + marker.length;
}

/** The tag's lower-cased name and the offset past its ">", minding quoted attribute values. */
function readTag(html: string, from: number): { name: string; end: number; selfClosing: boolean } {
  let j = from;
  while (j < html.length && !/[\s/>]/.test(html[j] as string)) j++;
  const name = html.slice(from, j).toLowerCase();
  let afterEquals = false;
  while (j < html.length) {
    const c = html[j] as string;
    if (c === '>') return { name, end: j + 1, selfClosing: html[j - 1] === '/' };
    if ((c === '"' || c === "'") && afterEquals) {
      const close = html.indexOf(c, j + 1);
      if (close < 0) return { name, end: html.length, selfClosing: false };
      j = close + 1;
      afterEquals = false;
      continue;
    }
    if (c === '=') afterEquals = true;
    else if (!/\s/.test(c)) afterEquals = false;
    j++;
  }
  return { name, end: html.length, selfClosing: false };
}

/** Offset of `</name` (any case) at or after `from`, or -1. */
function indexOfCloseTag(html: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}`, 'gi');
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

const COMMENT_NODE = 8;

interface MutableNode extends DomNode {
  textContent: string | null;
  remove?(): void;
}

/**
 * After parsing: removes comments and folds anything still nested deeper than `max` into its text.
 * Comments go because linkedom writes one holding "-->" back unescaped; when Readability re-parses
 * the body (it does, to retry), the rest of the comment comes back as markup, even as a doctype
 * inside <body> that Readability then tries to move forever.
 */
export function tidyTree(document: DomDocument, max = MAX_NESTING): void {
  const root = document.documentElement;
  if (root === null) return;
  const pending: Array<[DomNode, number]> = [[root, 1]];
  const comments: MutableNode[] = [];
  const deep: MutableNode[] = [];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [DomNode, number];
    for (const child of node.childNodes) {
      if (child.nodeType === COMMENT_NODE) comments.push(child as MutableNode);
      else if (!isElement(child)) continue;
      else if (depth + 1 >= max && child.children.length > 0) deep.push(child as MutableNode);
      else pending.push([child, depth + 1]);
    }
  }
  for (const comment of comments) comment.remove?.();
  for (const element of deep) element.textContent = textOf(element);
}

/** Text under a node without recursion, leaving out what is never text (scripts, styles...). */
function textOf(node: DomNode): string {
  const parts: string[] = [];
  const pending: DomNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as DomNode;
    if (current.nodeType === TEXT_NODE) {
      parts.push(current.textContent ?? '');
      continue;
    }
    if (isElement(current) && current !== node && NON_TEXT_TAGS.has(tagOf(current))) continue;
    const children = [...current.childNodes];
    for (let k = children.length - 1; k >= 0; k--) pending.push(children[k] as DomNode);
  }
  return parts.join(' ');
}
