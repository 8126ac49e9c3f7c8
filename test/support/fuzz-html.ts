import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import type { DomDocument } from '../../src/ingest/dom-types.js';
import { findInfoboxTables, type InfoboxEntry, readInfobox } from '../../src/ingest/html-infobox.js';
import { anyScriptNumber, DARI_WORDS, INVISIBLE_MARKS, mixedScriptText, PASHTO_WORDS } from './fuzz.js';

const TAGS = [
  'p',
  'div',
  'span',
  'b',
  'i',
  'a',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'caption',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'br',
  'hr',
  'img',
  'script',
  'style',
  'sup',
  'article',
  'main',
  'section',
  'pre',
  'blockquote',
  'dl',
  'dt',
  'dd',
  'noscript',
  'svg',
  'template',
  'iframe',
  'time',
  'title',
  'font',
  'center',
  'textarea',
];
const ATTRIBUTES = [
  'class="infobox"',
  'class="infobox vevent"',
  'class="reference"',
  'class="mw-editsection"',
  'dir="rtl"',
  'lang="fa"',
  'lang="ps-AF"',
  'hidden',
  'style="display:none"',
  'aria-hidden="true"',
  'colspan="2"',
  'rowspan="3"',
  'datetime="2021-03-04"',
  'href="#x"',
  'id="content"',
  'title="a > b"',
  "data-x='<td>'",
  'class=unquoted',
];
/** Pieces that break markup: stray tags, unclosed comments, entities good and bad, a doctype mid-page. */
const MARKUP_JUNK = [
  '<',
  '>',
  '</td>',
  '</table>',
  '</p>',
  '<!--',
  '-->',
  '&nbsp;',
  '&#1777;',
  '&#x6F1;',
  '&#0;',
  '&#x110000;',
  '&bogus;',
  '&amp',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE html>',
  '<?xml version="1.0"?>',
  '<td',
  '"',
  "'",
  '<br/>',
  '<p/>',
];

const text = fc.oneof(
  { weight: 3, arbitrary: mixedScriptText(12) },
  { weight: 1, arbitrary: fc.constantFrom(...MARKUP_JUNK) },
);

interface Element {
  tag: string;
  attributes: string[];
  children: Node[];
  closed: boolean;
}
type Node = string | Element;

const { node } = fc.letrec<{ node: Node; element: Element }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')),
  element: fc.record({
    tag: fc.constantFrom(...TAGS),
    attributes: fc.subarray(ATTRIBUTES, { maxLength: 2 }),
    children: fc.array(tie('node'), { maxLength: 4 }),
    closed: fc.boolean(),
  }),
}));

function render(n: Node): string {
  if (typeof n === 'string') return n;
  const attributes = n.attributes.map((a) => ` ${a}`).join('');
  return `<${n.tag}${attributes}>${n.children.map(render).join('')}${n.closed ? `</${n.tag}>` : ''}`;
}

/** A cell as Wikipedia writes them: lines, lists, flags, footnotes, hidden sort keys, numbers in any script. */
const cell = fc
  .array(
    fc.oneof(
      mixedScriptText(6),
      anyScriptNumber.map((n) => `${n} killed`),
      fc.constantFrom(
        '<br>',
        '<ul><li>Taliban</li><li>ISKP</li></ul>',
        '<sup class="reference">[1]</sup>',
        '<span style="display:none">sortkey</span>',
        '<img src="flag.png">',
        '<abbr title="Killed in action">KIA</abbr>',
        '<table><tr><th>x</th><td>y</td></tr></table>',
        '<p>',
        '</p>',
        '[2]',
        ':',
        ', ,',
        'Part of',
      ),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(' '));

const SECTIONS = ['Belligerents', 'Commanders and leaders', 'Strength', 'Casualties and losses', 'Units involved'];
const KEYS = ['Date', 'Location', 'Result', 'Territorial changes', 'Status', ':', '[1]', ...DARI_WORDS.slice(0, 3)];

const row = fc.oneof(
  fc.constantFrom(...SECTIONS, ...PASHTO_WORDS.slice(0, 2)).map((s) => `<tr><th colspan="2">${s}</th></tr>`),
  fc.tuple(fc.constantFrom(...KEYS), cell).map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`),
  fc.tuple(cell, cell).map(([a, b]) => `<tr><td>${a}</td><td>${b}</td></tr>`),
  fc.tuple(cell, cell, cell).map(([a, b, c]) => `<tr><td>${a}</td><td>${b}</td><td>${c}</td></tr>`),
  cell.map((c) => `<tr><td colspan="2">${c}</td></tr>`),
  cell.map((c) => `<tr><th colspan="2">${c}</th></tr>`),
  fc.constant('<tr></tr>'),
);

/** A conflict infobox, well or badly formed. */
export const infoboxTable = fc
  .tuple(
    fc.constantFrom('class="infobox vevent"', 'class="infobox"', ''),
    fc.option(cell, { nil: undefined }),
    fc.array(row, { maxLength: 14 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(
    ([cls, caption, rows, tbody, closed]) =>
      `<table ${cls}>${caption === undefined ? '' : `<caption>${caption}</caption>`}${tbody ? '<tbody>' : ''}${rows.join('')}${tbody ? '</tbody>' : ''}${closed ? '</table>' : ''}`,
  );

/** Whole pages with head metadata, fragments, and markup soups. */
export const htmlPage = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('en', 'fa', 'ps-AF', 'ar', '', 'x-'),
      fc.option(mixedScriptText(8), { nil: undefined }),
      fc.constantFrom('', '<meta name="date" content="3 March 2021">', '<meta property="og:type" content="article">'),
      fc.option(infoboxTable, { nil: undefined }),
      fc.array(node, { maxLength: 6 }),
    )
    .map(
      ([lang, title, meta, infobox, body]) =>
        `<!DOCTYPE html><html lang="${lang}"><head>${title === undefined ? '' : `<title>${title}</title>`}${meta}</head><body dir="rtl">${infobox ?? ''}${body.map(render).join('')}</body></html>`,
    ),
  fc.array(node, { minLength: 1, maxLength: 8 }).map((nodes) => `<div>${nodes.map(render).join('')}</div>`),
  fc.tuple(infoboxTable, mixedScriptText(40)).map(([table, prose]) => `${table}<p>${prose}</p>`),
  fc
    .array(fc.oneof(fc.constantFrom(...MARKUP_JUNK, ...TAGS.map((t) => `<${t}>`)), text), { maxLength: 40 })
    .map((parts) => `<html>${parts.join('')}`),
  // Nesting bombs and floods of closing tags: thousands deep, or thousands of closes for nothing open.
  fc
    .tuple(
      fc.array(fc.constantFrom(...TAGS, 'ul><li', 'table><tr><td'), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 50, max: 4000 }),
      text,
      fc.constantFrom('', '</span>', '</div>', '</td>'),
    )
    .map(
      ([tags, times, inner, close]) =>
        `${tags
          .map((t) => `<${t}>`)
          .join('')
          .repeat(times)}${inner}${close.repeat(times)}`,
    ),
);

/** Markdown as people write it, with the odd stray tag and right-to-left line. */
export const markdownText = fc
  .array(
    fc.oneof(
      mixedScriptText(10).map((t) => `# ${t}`),
      mixedScriptText(10).map((t) => `## ${t}`),
      mixedScriptText(10).map((t) => `- ${t}`),
      mixedScriptText(10).map((t) => `> ${t}`),
      mixedScriptText(20),
      fc.constantFrom(
        '',
        '===',
        '---',
        '* * *',
        '| Date | Killed |',
        '|---|---|',
        '| ۳ July | ۱۲ |',
        '```',
        '[link](http://example.org)',
        '![map](map.png)',
        '<div>',
        '</div>',
        '<br>',
        ...INVISIBLE_MARKS,
      ),
    ),
    { minLength: 1, maxLength: 25 },
  )
  .map((lines) => lines.join('\n'));

/** The HTML reader's infobox entries for every infobox table in a fragment. */
export function readInfoboxEntries(fragment: string): InfoboxEntry[] {
  const document = parseHTML(`<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`)
    .document as DomDocument;
  const body = document.body;
  if (body === null) return [];
  return findInfoboxTables(body).flatMap((table) => readInfobox(table));
}
