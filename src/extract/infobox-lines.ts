import { type CanonicalKey, SIDED } from './infobox-keys.js';
import { classifyLine, type Line, type LineKind } from './infobox-line-kinds.js';
import { splitSides } from './infobox-sides.js';
import type { Cell, InfoboxSource, Row } from './layout.js';

/**
 * A conflict infobox flattened into lines of text, in any of the shapes copies of a page take (see
 * infobox-line-kinds.ts). A key's value runs on over the following lines until the next key, so
 * "Belligerents" followed by one line per party reads like "Belligerents: ...".
 */

type KeyKind = Extract<LineKind, { kind: 'key' }>;
type BodyKind = Extract<LineKind, { kind: 'columns' | 'text' }>;

export interface BodyLine {
  line: Line;
  kind: BodyKind;
  /** Blank-line separated groups under one key: in a plain copy, one group per side. */
  group: number;
}

export interface Entry {
  key: CanonicalKey;
  first: KeyKind;
  line: Line;
  body: BodyLine[];
}

const MAX_VALUE_LINE = 300;
// Two sentences on one line is prose, not an infobox value.
const PROSE = /[a-z)]{2}[.!?]["”’)]?\s+["“]?[A-Z][a-z]/;
const SENTENCE_END = /[.!?]["”’)]?\s*$/;

function isValueLine(text: string): boolean {
  if (text.length > MAX_VALUE_LINE) return false;
  // A sentence of eight words or more, or two sentences: the article's prose has begun.
  if (text.length >= 60 && (PROSE.test(text) || (SENTENCE_END.test(text) && text.split(/\s+/).length >= 8)))
    return false;
  return true;
}

interface Scan {
  entries: Entry[];
  last: number;
  next: number;
}

/** "v t e": the view/talk/edit links of a navigation box that follows the infobox in a page copy. */
function opensNavbox(lines: Line[], j: number): boolean {
  const at = (k: number) => lines[k]?.text.trim() ?? '';
  if (/^v\s*[·•|-]?\s*t\s*[·•|-]?\s*e$/.test(at(j))) return true;
  return at(j) === 'v' && at(j + 1) === 't' && at(j + 2) === 'e';
}

function braceBalance(text: string): number {
  let n = 0;
  for (let k = text.indexOf('{'); k >= 0 && k < text.length - 1; k = text.indexOf('{', k + 2))
    if (text[k + 1] === '{') n++;
  for (let k = text.indexOf('}'); k >= 0 && k < text.length - 1; k = text.indexOf('}', k + 2))
    if (text[k + 1] === '}') n--;
  return n;
}

function scanBlock(lines: Line[], from: number): Scan {
  const entries: Entry[] = [];
  let inWiki = false;
  // Open {{ }} pairs of a wikitext infobox: its own closing "}}" ends it, a "{{plainlist|" one does not.
  let depth = 0;
  let current: Entry | null = null;
  let group = 0;
  let last = -1;
  let j = from;
  for (; j < lines.length; j++) {
    const line = lines[j] as Line;
    if (!inWiki && opensNavbox(lines, j)) break;
    let kind = classifyLine(line, inWiki);
    if (kind.kind === 'open') {
      if (entries.length > 0) break;
      inWiki = true;
      depth = Math.max(1, braceBalance(line.text));
      last = j;
      continue;
    }
    const balance = inWiki ? braceBalance(line.text) : 0;
    if (inWiki && depth + balance > 0 && (kind.kind === 'close' || (kind.kind === 'key' && depth > 1)))
      kind = { kind: 'text' };
    if (kind.kind === 'close') {
      last = j;
      j++;
      break;
    }
    if (kind.kind === 'rule') {
      if (entries.length > 0) last = j;
      continue;
    }
    if (kind.kind === 'key') {
      current = { key: kind.key, first: kind, line, body: [] };
      entries.push(current);
      group = 0;
      last = j;
    } else if (kind.kind === 'columns' || kind.kind === 'text') {
      if (!current || !(inWiki || kind.kind === 'columns' || isValueLine(line.text.trim()))) break;
      current.body.push({ line, kind, group });
      last = j;
    }
    if (inWiki && kind.kind !== 'blank') {
      depth += balance;
      if (depth <= 0) {
        j++;
        break;
      }
    }
    if (kind.kind !== 'blank') continue;
    // A blank line.
    if (inWiki) continue;
    let n = j + 1;
    while (n < lines.length && (lines[n] as Line).text.trim() === '') n++;
    if (n >= lines.length || !current) break;
    const ahead = classifyLine(lines[n] as Line, false);
    const nextText = (lines[n] as Line).text.trim();
    if (ahead.kind === 'key' || ahead.kind === 'columns' || ahead.kind === 'rule') {
      j = n - 1;
      continue;
    }
    // In a plain copy the sides of one section may stand as groups of short lines.
    const opened = current.body.length > 0 || current.first.cells.some((c) => c.end > c.start);
    const sided = SIDED.has(current.key.base) && current.key.side === null && !current.first.wiki;
    if (sided && opened && ahead.kind === 'text' && nextText.length <= 120 && !SENTENCE_END.test(nextText)) {
      group++;
      j = n - 1;
      continue;
    }
    break;
  }
  return { entries, last, next: j };
}

/**
 * Whether keys make an infobox: three known keys, one of them a side's. Under a line that says
 * "Infobox", a small one is one too: a conflict's name or date and one more key (a skirmish's page
 * may give only its name, date and place).
 */
function qualifies(entries: Entry[], marked: boolean): boolean {
  let known = 0;
  let sided = 0;
  let named = false;
  for (const e of entries) {
    if (e.key.base === 'ignore') continue;
    known++;
    if (SIDED.has(e.key.base)) sided++;
    if (e.key.base === 'name' || e.key.base === 'date') named = true;
  }
  return (known >= 3 && sided > 0) || (marked && known >= 2 && named);
}

/** Whether the nearest line above `first` that holds anything says "Infobox". */
function markedAbove(lines: Line[], first: number): boolean {
  for (let k = first - 1; k >= 0 && k >= first - 3; k--) {
    const raw = (lines[k] as Line).text;
    if (!/\S/.test(raw)) continue;
    return /^[ \t]*infobox\b/i.test(raw);
  }
  return false;
}

function spanCell(cells: Cell[]): Cell | null {
  const filled = cells.filter((c) => c.end > c.start);
  const a = filled[0];
  const b = filled[filled.length - 1];
  return a && b ? { start: a.start, end: b.end, header: false } : null;
}

/** The cells of a key's value that holds no sides: everything from its first to its last character. */
function wholeValue(entry: Entry): Cell | null {
  const cells: Cell[] = [...entry.first.cells];
  for (const b of entry.body) {
    if (b.kind.kind === 'columns') cells.push(...b.kind.cells);
    else cells.push({ start: b.line.start, end: b.line.end, header: false });
  }
  return spanCell(cells);
}

// Lines a page copy puts around an infobox that belong to neither its title nor its values.
const PAGE_CHROME =
  /^(?:from wikipedia\b|coordinates\b|show map of\b|show all\b|location within\b|jump to\b|\S.{0,80}\bis located in\b)/i;

interface Header {
  caption: string | null;
  /** The title stood above the "Part of" line, where an infobox puts its own; else it is a guess. */
  sure: boolean;
  partOf: Cell | null;
}

/**
 * Title and "Part of" lines above the first key, as a copied infobox opens: the title is the line
 * above "Part of" (image captions and map legends may stand between it and the keys). Without a
 * "Part of" line, the top of the short lines right above the keys is the best guess.
 */
function readHeader(lines: Line[], first: number): Header {
  const guesses: string[] = [];
  let partOf: Cell | null = null;
  let seen = 0;
  let gap = false;
  for (let k = first - 1; k >= 0 && seen < 10; k--) {
    const line = lines[k] as Line;
    const raw = line.text;
    if (!/\S/.test(raw)) {
      gap = guesses.length > 0;
      continue;
    }
    if (/^[ \t]*\|?[ \t]*:?-{2,}/.test(raw) || /^[ \t]*infobox\b/i.test(raw)) continue;
    seen++;
    // A page heading is the page's title, read elsewhere; above it nothing belongs to the infobox.
    if (/^[ \t]*(?:=|#)/.test(raw) || raw.length > 150) break;
    const m = /[^\s|*_#]/.exec(raw);
    if (!m) continue;
    let end = raw.length;
    while (end > m.index && /[\s|*_]/.test(raw[end - 1] as string)) end--;
    const value = raw.slice(m.index, end).trim();
    if (/[|\t]/.test(value) || SENTENCE_END.test(value)) break;
    if (PAGE_CHROME.test(value)) continue;
    if (/^part of\b/i.test(value)) {
      if (partOf) break;
      partOf = { start: line.start + m.index, end: line.start + end, header: false };
      continue;
    }
    if (partOf) return { caption: value, sure: true, partOf };
    if (!gap && guesses.length < 4) guesses.push(value);
  }
  return { caption: partOf ? null : (guesses[guesses.length - 1] ?? null), sure: false, partOf };
}

/** The first run of lines that reads as a conflict infobox, as rows of keyed cells. */
export function findLineInfobox(
  text: string,
  lines: Line[],
): { first: number; last: number; source: InfoboxSource } | null {
  let i = 0;
  while (i < lines.length) {
    const kind = classifyLine(lines[i] as Line, false);
    const opens = kind.kind === 'open' || (kind.kind === 'key' && kind.key.base !== 'ignore');
    if (!opens) {
      i++;
      continue;
    }
    const scan = scanBlock(lines, i);
    if (scan.last >= i && qualifies(scan.entries, markedAbove(lines, i))) {
      const header = readHeader(lines, i);
      const rows: Row[] = [];
      if (header.partOf) rows.push({ cells: [header.partOf] });
      const sided: Entry[] = [];
      for (const e of scan.entries) {
        if (e.key.base === 'ignore') continue;
        if (SIDED.has(e.key.base) && e.key.side === null) {
          sided.push(e);
          continue;
        }
        const cell = wholeValue(e);
        if (cell) rows.push({ key: e.key, cells: [cell] });
      }
      const numbered = scan.entries.reduce(
        (most, e) => (SIDED.has(e.key.base) ? Math.max(most, e.key.side ?? 0) : most),
        0,
      );
      for (const row of splitSides(text, sided, numbered)) rows.push(row);
      const startLine = lines[i] as Line;
      const endLine = lines[scan.last] as Line;
      return {
        first: i,
        last: scan.last,
        source: { start: startLine.start, end: endLine.end, rows, caption: header.caption, captionSure: header.sure },
      };
    }
    i = Math.max(scan.next, i + 1);
  }
  return null;
}
