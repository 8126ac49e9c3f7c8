import { findHtmlInfobox } from './infobox-html.js';
import type { CanonicalKey } from './infobox-keys.js';
import type { Line } from './infobox-line-kinds.js';
import { findLineInfobox } from './infobox-lines.js';

/** A cell of an infobox row: offsets into the document text. */
export interface Cell {
  start: number;
  end: number;
  header: boolean;
  /** The side a cell belongs to when the reader of its rendering has already told (null: all sides). */
  side?: number | null;
}
export interface Row {
  cells: Cell[];
  /** Set when the rendering's reader has already read the key: then every cell is a value. */
  key?: CanonicalKey;
}
export interface InfoboxSource {
  start: number;
  end: number;
  rows: Row[];
  /** The table's own title (HTML caption or first full-width header), when it has one. */
  caption: string | null;
  /** False when the caption is a guess from the lines above a flattened infobox. */
  captionSure?: boolean;
}
export interface TextBlock {
  start: number;
  end: number;
  kind: 'heading' | 'paragraph';
  source: 'prose' | 'headline' | 'caption' | 'citation';
}
export interface Layout {
  title: string | null;
  infobox: InfoboxSource | null;
  blocks: TextBlock[];
}

const HEADING = /^[ \t]*(={1,6})[ \t]*([^=\n]{0,300}?)[ \t]*=+[ \t]*$/;
const ONLY_EQUALS = /^[ \t]*={3,}[ \t]*$/;
const MD_HEADING = /^[ \t]*(#{1,6})[ \t]+(\S.{0,300})$/;
const CAPTION = /^[ \t]*(?:\(?(?:photo|caption|image|picture|pictured|file)\b[^a-z]|\[(?:photo|image))/i;
const BULLETED = /^[ \t]*[-*•|]/;
/**
 * An entry of a reference list: a number or a caret, then a title in quotation marks, then where and
 * when it was published ('1. ^ Khan, A. (2022-10-02). "Blast in Kabul kills 25". Reuters.').
 */
const CITATION =
  /^[ \t]*(?:\d{1,3}[.)][ \t]*)?\^?[ \t]*[^"“\n]{0,200}["“][^"”\n]{3,300}["”][^\n]{0,300}\b(?:1[89]|20)\d{2}\b/;
const NUMBERED = /^[ \t]*(?:\d{1,3}[.)]|\^)/;
const REFERENCE_HEADING =
  /^(?:references|notes|sources|citations|footnotes|bibliography|further reading|external links)$/i;
const MAX_BLOCK = 20_000;

function splitLines(text: string, from: number, to: number, out: Line[]): void {
  let start = from;
  while (start <= to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 0x0d) stop--;
    out.push({ start, end: stop, text: text.slice(start, stop) });
    if (end >= to) break;
    start = end + 1;
  }
}

/** Splits the document into title, infobox and text blocks (headings and paragraphs), in order. */
export function analyseLayout(text: string): Layout {
  const html = findHtmlInfobox(text);
  const lines: Line[] = [];
  if (html) {
    splitLines(text, 0, html.start, lines);
    lines.push({ start: html.start, end: html.start, text: '' });
    splitLines(text, html.end, text.length, lines);
  } else {
    splitLines(text, 0, text.length, lines);
  }
  const found = findLineInfobox(text, lines);
  let infobox: InfoboxSource | null = null;
  let skipFrom = -1;
  let skipTo = -1;
  if (found && (!html || found.source.start < html.start)) {
    infobox = found.source;
    skipFrom = found.first;
    skipTo = found.last;
  } else if (html) {
    infobox = html;
  }

  const blocks: TextBlock[] = [];
  let title: string | null = null;
  let paragraph: { start: number; end: number; lastText: string } | null = null;
  let firstParagraph = true;
  // After a "References" heading (or a line that says only that), entries are other sources' titles.
  let inReferences = false;
  const flush = () => {
    if (!paragraph) return;
    const first = text.slice(paragraph.start, paragraph.end);
    const source: TextBlock['source'] = CAPTION.test(first.slice(0, 40))
      ? 'caption'
      : CITATION.test(first) && (inReferences || NUMBERED.test(first))
        ? 'citation'
        : 'prose';
    pushChunks(text, paragraph.start, paragraph.end, source, blocks);
    firstParagraph = false;
    paragraph = null;
  };
  for (let k = 0; k < lines.length; k++) {
    if (k >= skipFrom && k <= skipTo) {
      flush();
      continue;
    }
    const line = lines[k] as Line;
    const t = line.text.trim();
    if (t === '') {
      flush();
      continue;
    }
    const h = line.text.length < 400 ? (HEADING.exec(line.text) ?? MD_HEADING.exec(line.text)) : null;
    if (h || ONLY_EQUALS.test(line.text)) {
      flush();
      const level = h ? (h[1] as string).length : 0;
      const label = h ? (h[2] as string).trim() : '';
      if (level === 1 && title === null && label) title = label;
      inReferences = REFERENCE_HEADING.test(label);
      blocks.push({ start: line.start, end: line.end, kind: 'heading', source: 'headline' });
      firstParagraph = false;
      continue;
    }
    const soft =
      paragraph &&
      paragraph.lastText.length >= 40 &&
      !/[.!?:;"”’)\]]\s*$/.test(paragraph.lastText) &&
      /^[\p{L}\p{N}"“(]/u.test(t) &&
      !BULLETED.test(line.text);
    if (paragraph && soft) {
      paragraph.end = line.end;
      paragraph.lastText = line.text;
      continue;
    }
    flush();
    if (REFERENCE_HEADING.test(t)) inReferences = true;
    const next = lines[k + 1];
    const headline =
      firstParagraph && title === null && t.length <= 160 && !/[.:]$/.test(t) && (!next || next.text.trim() === '');
    if (headline) {
      title = t;
      blocks.push({ start: line.start, end: line.end, kind: 'paragraph', source: 'headline' });
      firstParagraph = false;
      continue;
    }
    paragraph = { start: line.start, end: line.end, lastText: line.text };
  }
  flush();
  if (infobox && title === null && infobox.caption) title = infobox.caption;
  if (title === null) {
    // A first short line without a full stop names the document ("Siege of Wadi Samra").
    const first = lines.find((l) => l.text.trim() !== '');
    const t = first?.text.trim() ?? '';
    if (first && (!infobox || first.start < infobox.start) && t.length <= 120 && !/[.!?:]$/.test(t) && !t.includes('|'))
      title = t;
  }
  return { title, infobox, blocks };
}

/** Very long paragraphs (a 10 MB line) are cut at spaces so no sentence grows without bound. */
function pushChunks(text: string, start: number, end: number, source: TextBlock['source'], out: TextBlock[]): void {
  let s = start;
  while (end - s > MAX_BLOCK) {
    let cut = s + MAX_BLOCK;
    const floor = cut - 500;
    while (cut > floor && !/\s/.test(text[cut] as string)) cut--;
    if (cut <= floor) cut = s + MAX_BLOCK;
    const c = text.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--;
    out.push({ start: s, end: cut, kind: 'paragraph', source });
    s = cut;
  }
  out.push({ start: s, end, kind: 'paragraph', source });
}
