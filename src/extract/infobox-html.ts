import { canonicalKey } from './infobox-keys.js';
import type { Cell, InfoboxSource, Row } from './layout.js';

/**
 * An HTML infobox table embedded in the text. Cells keep their offsets into the document, so
 * figures read from them carry exact spans; markup inside a cell is cleaned when read.
 */

const TABLE_TAG = /<(\/?)table\b[^<>]{0,2000}>/gi;
const CELL_TAG = /<(\/?)(table|tr|td|th|caption)\b[^<>]{0,2000}>/gi;
const ANY_TAG = /<[^<>]{0,2000}>/g;

export function stripTags(html: string): string {
  return html
    .replace(ANY_TAG, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function tableEnd(text: string, from: number): number {
  const re = new RegExp(TABLE_TAG.source, 'gi');
  re.lastIndex = from;
  let depth = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return text.length;
}

function readTable(text: string, start: number, end: number): InfoboxSource {
  const rows: Row[] = [];
  let row: Cell[] | null = null;
  let cell: { start: number; header: boolean } | null = null;
  let captionStart = -1;
  let caption: string | null = null;
  let depth = 0;
  const closeCell = (at: number) => {
    if (cell && row) row.push({ start: cell.start, end: at, header: cell.header });
    cell = null;
  };
  const closeRow = () => {
    if (row && row.length > 0) rows.push({ cells: row });
    row = null;
  };
  const re = new RegExp(CELL_TAG.source, 'gi');
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const closing = m[1] === '/';
    const tag = (m[2] as string).toLowerCase();
    if (tag === 'table') {
      depth += closing ? -1 : 1;
      continue;
    }
    // Tables nested in a cell are part of that cell's content.
    if (depth !== 1) continue;
    const after = m.index + m[0].length;
    if (tag === 'caption') {
      if (!closing) captionStart = after;
      else if (captionStart >= 0) caption = stripTags(text.slice(captionStart, m.index)) || null;
      continue;
    }
    if (tag === 'tr') {
      closeCell(m.index);
      closeRow();
      if (!closing) row = [];
      continue;
    }
    if (closing) {
      closeCell(m.index);
      continue;
    }
    closeCell(m.index);
    if (!row) row = [];
    cell = { start: after, header: tag === 'th' };
  }
  closeCell(end);
  closeRow();
  return { start, end, rows, caption };
}

function looksLikeInfobox(text: string, openTag: string, source: InfoboxSource): boolean {
  if (/infobox/i.test(openTag)) return true;
  let known = 0;
  let sided = 0;
  for (const row of source.rows) {
    const first = row.cells[0];
    if (!first) continue;
    const key = canonicalKey(stripTags(text.slice(first.start, first.end)));
    if (key && key.base !== 'ignore') {
      known++;
      if (key.base === 'combatant' || key.base === 'commander' || key.base === 'casualties' || key.base === 'strength')
        sided++;
    }
  }
  return known >= 3 && sided > 0;
}

/** The first table in the text that reads as a conflict infobox. */
export function findHtmlInfobox(text: string): InfoboxSource | null {
  const re = new RegExp(TABLE_TAG.source, 'gi');
  let tries = 0;
  for (let m = re.exec(text); m && tries < 30; m = re.exec(text)) {
    if (m[1] === '/') continue;
    tries++;
    const end = tableEnd(text, m.index);
    const source = readTable(text, m.index, end);
    if (looksLikeInfobox(text, m[0], source)) return source;
    re.lastIndex = Math.max(end, m.index + m[0].length);
  }
  return null;
}
