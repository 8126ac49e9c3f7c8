import { findHtmlInfobox } from './infobox-html.js';
import { canonicalKey, SIDED } from './infobox-keys.js';

/** A cell of an infobox row: offsets into the document text. */
export interface Cell {
  start: number;
  end: number;
  header: boolean;
}
export interface Row {
  cells: Cell[];
}
export interface InfoboxSource {
  start: number;
  end: number;
  rows: Row[];
  /** The table's own title (HTML caption or first full-width header), when it has one. */
  caption: string | null;
}
export interface TextBlock {
  start: number;
  end: number;
  kind: 'heading' | 'paragraph';
  source: 'prose' | 'headline' | 'caption';
}
export interface Layout {
  title: string | null;
  infobox: InfoboxSource | null;
  blocks: TextBlock[];
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const HEADING = /^[ \t]*(={1,6})[ \t]*([^=\n]{0,300}?)[ \t]*=+[ \t]*$/;
const ONLY_EQUALS = /^[ \t]*={3,}[ \t]*$/;
const MD_HEADING = /^[ \t]*(#{1,6})[ \t]+(\S.{0,300})$/;
const KV = /^[ \t]*(?:[-*•][ \t]*|\|[ \t]*)?([A-Za-z][A-Za-z0-9 _'’()&/.-]{0,44}?)[ \t]*[:=][ \t]*/;
const SEPARATOR_ROW = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;
const CAPTION = /^[ \t]*(?:\(?(?:photo|caption|image|picture|pictured|file)\b[^a-z]|\[(?:photo|image))/i;
const BULLETED = /^[ \t]*[-*•|]/;
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

type RowKind = { row: Row; known: boolean; sided: boolean; name: boolean } | null;

function kvRow(line: Line): RowKind {
  if (line.text.length > 5000) return null;
  const m = KV.exec(line.text);
  if (!m) return null;
  const keyText = (m[1] as string).trim();
  const key = canonicalKey(keyText);
  const keyStart = line.start + line.text.indexOf(keyText, 0);
  const valueStart = line.start + m[0].length;
  const row: Row = {
    cells: [
      { start: keyStart, end: keyStart + keyText.length, header: true },
      { start: valueStart, end: line.end, header: false },
    ],
  };
  if (key) return { row, known: key.base !== 'ignore', sided: SIDED.has(key.base), name: key.base === 'name' };
  return BULLETED.test(line.text) && keyText.length <= 30 ? { row, known: false, sided: false, name: false } : null;
}

function pipeRow(line: Line): RowKind {
  const text = line.text;
  if (!text.includes('|') || text.length > 5000) return null;
  const cells: Cell[] = [];
  let cellStart = 0;
  for (let k = 0; k <= text.length; k++) {
    if (k === text.length || text[k] === '|') {
      let a = cellStart;
      let b = k;
      while (a < b && /\s/.test(text[a] as string)) a++;
      while (b > a && /\s/.test(text[b - 1] as string)) b--;
      if (b > a) cells.push({ start: line.start + a, end: line.start + b, header: false });
      cellStart = k + 1;
    }
  }
  if (cells.length === 0) return null;
  const first = text.slice((cells[0] as Cell).start - line.start, (cells[0] as Cell).end - line.start);
  const key = first.length <= 48 ? canonicalKey(first) : null;
  const tooLong = cells.some((c) => c.end - c.start > 600);
  if (tooLong) return null;
  if (key) {
    (cells[0] as Cell).header = true;
    return { row: { cells }, known: key.base !== 'ignore', sided: SIDED.has(key.base), name: key.base === 'name' };
  }
  return { row: { cells }, known: false, sided: false, name: false };
}

/** The first run of key/value or pipe lines that reads as a conflict infobox. */
function findLineInfobox(lines: Line[]): { first: number; last: number; rows: Row[] } | null {
  let i = 0;
  while (i < lines.length) {
    const rows: Row[] = [];
    let known = 0;
    let sided = 0;
    let j = i;
    let last = -1;
    for (; j < lines.length; j++) {
      const line = lines[j] as Line;
      const t = line.text.trim();
      if (t === '') {
        const next = lines[j + 1];
        if (rows.length > 0 && next && (kvRow(next)?.known || pipeRow(next)?.known)) continue;
        if (rows.length > 0) break;
        continue;
      }
      if (/^infobox\b/i.test(t) && t.length < 60) {
        last = j;
        continue;
      }
      if (SEPARATOR_ROW.test(line.text)) {
        if (rows.length > 0) last = j;
        continue;
      }
      const r = kvRow(line) ?? pipeRow(line);
      const continues = r && (r.known || (rows.length > 0 && (BULLETED.test(line.text) || line.text.includes('|'))));
      if (!r || !continues) break;
      rows.push(r.row);
      last = j;
      if (r.known) known++;
      if (r.sided) sided++;
    }
    if (known >= 3 && sided > 0 && last >= 0) return { first: i, last, rows };
    i = Math.max(j, i + 1);
  }
  return null;
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
  const found = findLineInfobox(lines);
  let infobox: InfoboxSource | null = null;
  let skipFrom = -1;
  let skipTo = -1;
  if (found && (!html || (lines[found.first] as Line).start < html.start)) {
    infobox = {
      start: (lines[found.first] as Line).start,
      end: (lines[found.last] as Line).end,
      rows: found.rows,
      caption: null,
    };
    skipFrom = found.first;
    skipTo = found.last;
  } else if (html) {
    infobox = html;
  }

  const blocks: TextBlock[] = [];
  let title: string | null = null;
  let paragraph: { start: number; end: number; lastText: string } | null = null;
  let firstParagraph = true;
  const flush = () => {
    if (!paragraph) return;
    const source: TextBlock['source'] = CAPTION.test(text.slice(paragraph.start, paragraph.start + 40))
      ? 'caption'
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
