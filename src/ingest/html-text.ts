import {
  type DomElement,
  type DomNode,
  hasClass,
  isElement,
  isHidden,
  isReferenceMark,
  NON_TEXT_TAGS,
  TEXT_NODE,
  tagOf,
} from './dom-types.js';

const PARAGRAPH_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'figure',
  'figcaption',
  'address',
  'center',
  'form',
  'fieldset',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
  'caption',
  'body',
  'html',
]);

/** Collects lines; blank-line breaks between blocks, single breaks inside lists, tables and <br>. */
class TextBuilder {
  private readonly chunks: string[] = [];
  private line = '';
  private pending: 0 | 1 | 2 = 0;

  inline(raw: string): void {
    let text = raw.replace(/\s+/g, ' ');
    if (this.line === '') text = text.trimStart();
    else if (this.line.endsWith(' ') && text.startsWith(' ')) text = text.slice(1);
    if (text === '') return;
    if (this.line === '') this.startLine();
    this.line += text;
  }

  /** Text placed as is (headings, preformatted blocks), surrounded by blank lines. */
  block(text: string): void {
    this.paragraphBreak();
    this.startLine();
    this.line = text;
    this.paragraphBreak();
  }

  lineBreak(): void {
    this.endLine(1);
  }

  paragraphBreak(): void {
    this.endLine(2);
  }

  toString(): string {
    this.endLine(0);
    return this.chunks.join('');
  }

  private startLine(): void {
    if (this.chunks.length > 0) this.chunks.push(this.pending === 2 ? '\n\n' : '\n');
    this.pending = 0;
  }

  private endLine(kind: 0 | 1 | 2): void {
    const line = this.line.trimEnd();
    this.line = '';
    if (line.trim() !== '') {
      this.chunks.push(line);
      this.pending = kind === 0 ? 1 : kind;
    } else if (this.chunks.length > 0 && kind > this.pending) {
      this.pending = kind;
    }
  }
}

/** The readable text inside `root`: headings as `== Heading ==` lines, paragraphs apart by blank lines. */
export function renderText(root: DomNode, options: { skipHeading?: string | null } = {}): string {
  const out = new TextBuilder();
  let skipHeading = options.skipHeading?.trim() ?? null;

  const walk = (node: DomNode, inList: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      out.inline(node.textContent ?? '');
      return;
    }
    if (!isElement(node) || isNoise(node)) return;
    const tag = tagOf(node);
    if (tag === 'br' || tag === 'hr') {
      if (tag === 'br') out.lineBreak();
      else out.paragraphBreak();
      return;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      const text = flatText(node);
      // The title already heads the text; Readability usually drops it, but not always.
      if (text !== '' && text === skipHeading) skipHeading = null;
      else if (text !== '') {
        const marks = '='.repeat(Number(heading[1]));
        out.block(`${marks} ${text} ${marks}`);
      }
      return;
    }
    if (tag === 'pre') {
      const text = (node.textContent ?? '').replace(/^\n/, '').trimEnd();
      if (text.trim() !== '') out.block(text);
      return;
    }
    if (tag === 'li') {
      out.lineBreak();
      out.inline('- ');
      for (const child of node.childNodes) walk(child, true);
      out.lineBreak();
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      if (inList) out.lineBreak();
      else out.paragraphBreak();
      for (const child of node.childNodes) walk(child, inList);
      if (inList) out.lineBreak();
      else out.paragraphBreak();
      return;
    }
    if (tag === 'tr') {
      out.lineBreak();
      let first = true;
      for (const cell of node.children) {
        const cellTag = tagOf(cell);
        if (cellTag !== 'td' && cellTag !== 'th') continue;
        if (!first) out.inline(' | ');
        first = false;
        for (const child of cell.childNodes) walk(child, inList);
      }
      out.lineBreak();
      return;
    }
    const isParagraph = PARAGRAPH_TAGS.has(tag) || tag === 'table';
    if (isParagraph) out.paragraphBreak();
    for (const child of node.childNodes) walk(child, inList);
    if (isParagraph) out.paragraphBreak();
  };

  // Children only: the root is a container, and flatText() passes headings as roots.
  for (const child of root.childNodes) walk(child, false);
  return out.toString();
}

/** All text under an element on one line, noise removed. */
export function flatText(element: DomElement): string {
  return renderText(element).replace(/\s+/g, ' ').trim();
}

export function isNoise(element: DomElement): boolean {
  return (
    NON_TEXT_TAGS.has(tagOf(element)) ||
    isHidden(element) ||
    isReferenceMark(element) ||
    hasClass(element, 'mw-editsection')
  );
}
