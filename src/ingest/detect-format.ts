import type { SourceFormat } from '../core/document.js';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
// Readers accept junk before the header (mail gateways, some scanners add it); so do we, a little.
const PDF_MAGIC_WINDOW = 1024;

export function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, PDF_MAGIC_WINDOW);
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < PDF_MAGIC.length; k++) if (bytes[i + k] !== PDF_MAGIC[k]) continue outer;
    return true;
  }
  return false;
}

const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'shtml']);

/** Text (already decoded) to its format: content first, then the extension as a tie-breaker. */
export function detectTextFormat(text: string, name: string): Exclude<SourceFormat, 'pdf'> {
  const ext = extensionOf(name);
  if (looksLikeHtml(text)) return 'html';
  // A page saved as .html still goes through the HTML reader if it has any tag at all.
  if (HTML_EXTENSIONS.has(ext) && /<[a-zA-Z!/]/.test(text)) return 'html';
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (/^#{1,6}[ \t]+\S/m.test(text)) return 'markdown';
  return 'text';
}

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const match = /\.([A-Za-z0-9]+)$/.exec(base);
  return match?.[1]?.toLowerCase() ?? '';
}

const DOCUMENT_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
const DOCUMENT_TAG = /<(?:html|head|body)[\s>]/i;
const DOCUMENT_END_TAG = /<\/(?:html|head|body)\s*>/i;

/**
 * A whole page (doctype, html/head/body), or a fragment that is mostly markup. A plain text file that
 * merely contains an HTML table among prose lines is not HTML: its prose sits outside any element.
 */
export function looksLikeHtml(text: string): boolean {
  if (DOCUMENT_START.test(text)) return true;
  if (DOCUMENT_TAG.test(text) && DOCUMENT_END_TAG.test(text)) return true;
  if (!/^\s*</.test(text)) return false;
  const { enclosed, bare, blockTags } = measureMarkup(text);
  return blockTags > 0 && enclosed / Math.max(1, enclosed + bare) >= 0.8;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'td',
  'th',
  'article',
  'section',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'blockquote',
  'pre',
  'figure',
  'dl',
  'dt',
  'dd',
]);
const RAW_TEXT_TAGS = new Set(['script', 'style']);
const VOID_TAGS = new Set([
  'br',
  'hr',
  'img',
  'meta',
  'link',
  'input',
  'wbr',
  'col',
  'source',
  'area',
  'base',
  'embed',
]);

/** Counts non-space characters inside elements (or tags) versus loose at the top level. */
function measureMarkup(text: string): { enclosed: number; bare: number; blockTags: number } {
  const tag = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>/g;
  const open: string[] = [];
  // How many of each name are open: a closing tag for a name that is not open must not scan the
  // whole stack, or "<div>" x N then "</span>" x N takes quadratic time.
  const openCount = new Map<string, number>();
  let enclosed = 0;
  let bare = 0;
  let blockTags = 0;
  let last = 0;
  for (let m = tag.exec(text); m !== null; m = tag.exec(text)) {
    const between = countNonSpace(text, last, m.index);
    if (open.length > 0) enclosed += between;
    else bare += between;
    enclosed += countNonSpace(m[0], 0, m[0].length);
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue;
    if (BLOCK_TAGS.has(name)) blockTags++;
    if (m[1] === '/') {
      // Close the element and any it implicitly closes (HTML lets </table> end open cells).
      if ((openCount.get(name) ?? 0) > 0) {
        const at = open.lastIndexOf(name);
        for (let k = at; k < open.length; k++)
          openCount.set(open[k] as string, (openCount.get(open[k] as string) ?? 1) - 1);
        open.length = at;
      }
    } else if (RAW_TEXT_TAGS.has(name)) {
      const close = new RegExp(`</${name}`, 'ig');
      close.lastIndex = last;
      const stop = close.exec(text)?.index ?? text.length;
      enclosed += countNonSpace(text, last, stop);
      last = stop;
      tag.lastIndex = stop;
    } else if (!VOID_TAGS.has(name) && !m[0].endsWith('/>')) {
      open.push(name);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
    }
  }
  const tail = countNonSpace(text, last, text.length);
  if (open.length > 0) enclosed += tail;
  else bare += tail;
  return { enclosed, bare, blockTags };
}

function countNonSpace(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) n++;
  }
  return n;
}
