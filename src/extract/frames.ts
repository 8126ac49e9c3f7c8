import type { FigureKind } from '../core/figure.js';
import { CASUALTY_NOUNS, IMPLIED_KIND_NOUNS, KIND_VERBS, words } from './lexicon.js';
import { isYearToken } from './quantities.js';
import type { Token } from './tokens.js';
import { type Trigger, trigger } from './trigger.js';

/** "an army of 1,500 troops", "a force of about 800", "a 5,000-strong force". */
export function forceFrame(
  tokens: Token[],
  q: { start: number; end: number },
  floor: number,
  limit: number,
): Trigger | null {
  const of = tokens[q.start - 1];
  const noun = tokens[q.start - 2];
  if (of?.norm === 'of' && noun && q.start - 2 >= floor) {
    const w = noun.norm;
    if (
      /^(army|armies|force|forces|contingent|contingents|garrison|column|militia|detachment|reinforcements|strength|brigade|battalion|division|unit|group)$/.test(
        w,
      )
    ) {
      const trig = trigger('strength', q.start - 2, 'frame', q.start - 1);
      trig.needsFighters = /^(group|unit|brigade|battalion|division)$/.test(w);
      return trig;
    }
  }
  const a = tokens[q.end];
  const b = tokens[q.end + 1];
  if (a && q.end < limit && (a.norm === 'strong' || (a.norm === '-' && b?.norm === 'strong' && q.end + 1 < limit))) {
    return trigger('strength', q.end, 'frame', a.norm === 'strong' ? q.end : q.end + 1);
  }
  return null;
}

const TOLL_BREAKS = words('age ages aged under over above below than with by for');
const COUNT_NOUNS = words('casualties casualty deaths fatalities losses dead injuries refugees idps');
const TOLL_LINKS = words(
  'were are included include numbered number estimated to at of reached hit surpassed exceeded is was stands stood rose climbed totalled totaled now jumped passed topped reaching risen increased : as',
);

/** "the death toll rose to 25", "the number of displaced people has reached 2 million". */
export function tollFrame(tokens: Token[], qStart: number, floor: number): Trigger | null {
  let link = tokens[qStart - 1];
  let linkAt = qStart - 1;
  // "Estimates of Taliban losses ranged from 80 to 150", "deaths range between 200 and 400".
  if (link && (link.norm === 'from' || link.norm === 'between') && RANGE_VERBS.has(tokens[qStart - 2]?.norm ?? '')) {
    linkAt = qStart - 2;
    link = tokens[linkAt];
  }
  // The quantity may hold "from" itself: then the verb stands just before it.
  if (!link || linkAt < floor || !(TOLL_LINKS.has(link.norm) || RANGE_VERBS.has(link.norm))) return null;
  let counted = false;
  let kind: FigureKind | null = null;
  let at = -1;
  for (let k = linkAt - 1; k >= Math.max(floor, qStart - 16); k--) {
    const t = tokens[k] as Token;
    // "the number of soldiers killed since early 2023 rises to 23": a year is when, not a count.
    if (isYearToken(tokens, k)) continue;
    if (t.type === 'num' || t.norm === '.' || t.norm === ';' || (t.norm === ',' && k < qStart - 2)) break;
    const w = t.norm;
    // "the dead were under the age of ten": a measure phrase between noun and number breaks the frame.
    if (TOLL_BREAKS.has(w)) break;
    if (w === 'toll') {
      const before = tokens[k - 1]?.norm ?? '';
      kind = before === 'casualty' ? 'killed_or_injured' : before === 'injury' ? 'injured' : 'killed';
      at = k - 1 >= floor && /^(death|casualty|injury)$/.test(before) ? k - 1 : k;
      break;
    }
    const found =
      CASUALTY_NOUNS.get(w) ??
      IMPLIED_KIND_NOUNS.get(w) ??
      (KIND_VERBS.has(w) && w.endsWith('ed') ? KIND_VERBS.get(w) : undefined);
    if (found && kind === null) {
      kind = found;
      at = k;
    }
    if (/^(?:number|total|count|tally|figure|figures|estimate|estimates)$/.test(w) && kind !== null) counted = true;
    // "among the dead were 5 children"
    if (w === 'among' && kind !== null) counted = true;
  }
  // "casualties were estimated at 1,000", "civilian deaths numbered over 400": a casualty noun is its own count.
  if (kind !== null && at >= 0 && COUNT_NOUNS.has(tokens[at]?.norm ?? '')) counted = true;
  if (kind === null || (at >= 0 && tokens[at]?.norm !== 'toll' && tokens[at + 1]?.norm !== 'toll' && !counted))
    return null;
  return trigger(kind, at, 'frame', linkAt);
}

const RANGE_VERBS = words('ranged range ranges ranging varied vary varies varying');

const FAR_LINKS = words('to at reached hit surpassed exceeded topped passed totalled totaled');

/**
 * "The death toll from a series of attacks on police stations across the province on Saturday has risen
 * to 41": a toll and its number far apart, joined by a verb of reaching. Only "toll" and "the number of
 * <people> killed" carry that far; nothing but words may stand between them.
 */
export function farTollFrame(tokens: Token[], qStart: number, floor: number): Trigger | null {
  const link = tokens[qStart - 1];
  if (!link || qStart - 1 < floor || !FAR_LINKS.has(link.norm)) return null;
  for (let k = qStart - 2; k >= Math.max(floor, qStart - 32); k--) {
    const t = tokens[k] as Token;
    if (t.type === 'num' || t.norm === '.' || t.norm === ';' || t.norm === ':') return null;
    if (t.norm === 'toll') {
      const before = tokens[k - 1]?.norm ?? '';
      const kind = before === 'casualty' ? 'killed_or_injured' : before === 'injury' ? 'injured' : 'killed';
      return trigger(kind, k - 1 >= floor && /^(death|casualty|injury)$/.test(before) ? k - 1 : k, 'frame', qStart - 1);
    }
    if ((t.norm === 'number' || t.norm === 'tally') && tokens[k + 1]?.norm === 'of') {
      for (let j = k + 2; j < Math.min(qStart - 1, k + 6); j++) {
        const w = (tokens[j] as Token).norm;
        const kind = CASUALTY_NOUNS.get(w) ?? (w.endsWith('ed') ? KIND_VERBS.get(w) : undefined);
        if (kind && kind !== 'strength') return trigger(kind, k, 'frame', qStart - 1);
      }
      return null;
    }
  }
  return null;
}

/** "Of those killed, 14 were children", "Of the wounded, 30 are in hospital": the part takes the group's kind. */
export function partitiveFrame(tokens: Token[], qStart: number, floor: number): Trigger | null {
  if (tokens[qStart - 1]?.norm !== ',') return null;
  for (let k = qStart - 2; k >= Math.max(floor, qStart - 6); k--) {
    const w = (tokens[k] as Token).norm;
    if (w !== 'of') continue;
    if (k !== floor && tokens[k - 1]?.norm !== ',') return null;
    for (let j = k + 1; j < qStart - 1; j++) {
      const u = (tokens[j] as Token).norm;
      const kind = CASUALTY_NOUNS.get(u) ?? (u.endsWith('ed') ? KIND_VERBS.get(u) : undefined);
      if (kind && kind !== 'strength') return trigger(kind, j, 'frame', j);
    }
    return null;
  }
  return null;
}

/** "People displaced: 10.7 million", "| Killed | 50 |": a label naming the kind before a colon or cell. */
export function labelFrame(tokens: Token[], qStart: number, floor: number): Trigger | null {
  const sep = tokens[qStart - 1];
  if (!sep || qStart - 1 < floor || (sep.norm !== ':' && sep.norm !== '|')) return null;
  for (let k = qStart - 2; k >= Math.max(floor, qStart - 7); k--) {
    const t = tokens[k] as Token;
    if (t.nl > 0 && k < qStart - 2) break;
    if (t.type !== 'word') {
      if (t.norm === '|' || t.norm === '-' || t.norm === '*') break;
      continue;
    }
    const kind = CASUALTY_NOUNS.get(t.norm) ?? IMPLIED_KIND_NOUNS.get(t.norm) ?? KIND_VERBS.get(t.norm);
    if (kind && kind !== 'strength') return trigger(kind, k, 'frame', qStart - 1);
    if (t.nl > 0) break;
  }
  return null;
}

const CELL_SEPARATOR = /\t|\|/;

/** The cells of one table line: split on tabs or pipes, with each cell's offset in the text. */
function cellsOf(text: string, lineStart: number, lineEnd: number): Array<{ start: number; text: string }> {
  const cells: Array<{ start: number; text: string }> = [];
  let from = lineStart;
  for (let i = lineStart; i <= lineEnd; i++) {
    if (i === lineEnd || CELL_SEPARATOR.test(text[i] as string)) {
      cells.push({ start: from, text: text.slice(from, i) });
      from = i + 1;
    }
  }
  return cells;
}

function columnKind(cell: string): FigureKind | null {
  for (const w of cell.toLowerCase().split(/[^\p{L}]+/u)) {
    const kind = CASUALTY_NOUNS.get(w) ?? IMPLIED_KIND_NOUNS.get(w) ?? KIND_VERBS.get(w);
    if (kind && kind !== 'strength') return kind;
  }
  return null;
}

const MAX_ROW = 600;

/** The start (dir -1) or end (dir 1) of the line around `at`, or -1 when the line is longer than a table row. */
function lineBoundary(text: string, at: number, dir: -1 | 1): number {
  for (let i = at, n = 0; n <= MAX_ROW; n++, i += dir) {
    if (dir < 0 && (i <= 0 || text.charCodeAt(i - 1) === 0x0a)) return Math.max(i, 0);
    if (dir > 0 && (i >= text.length || text.charCodeAt(i) === 0x0a)) return Math.min(i, text.length);
  }
  return -1;
}

/** Header line starts found per table line, for the text last read: each row finds its header once. */
let memoText = '';
let memo = new Map<number, number>();

/** Whether a line of cells reads as a header: words in the value columns and no number. */
function isHeaderRow(cells: Array<{ start: number; text: string }>): boolean {
  const values = cells.slice(1);
  // Headers are short labels: a commander row, "Abu Omar (POW) | Ali Said", is a row of names, not a header.
  const label = (c: { text: string }) => !/[\d()[\]]/.test(c.text) && c.text.trim().split(/\s+/).length <= 4;
  return values.some((c) => /\p{L}/u.test(c.text)) && values.every(label);
}

/** The start of the header line of the table the line at `lineStart` belongs to, or -1. */
function headerOf(text: string, lineStart: number, width: number): number {
  if (memoText !== text) {
    memoText = text;
    memo = new Map();
  }
  const walked: number[] = [];
  let found = -1;
  let end = lineStart - 1;
  while (end > 0) {
    const start = lineBoundary(text, end, -1);
    if (start < 0) break;
    const known = memo.get(start);
    if (known !== undefined) {
      found = known;
      break;
    }
    const line = text.slice(start, end);
    if (line.trim() === '' || !CELL_SEPARATOR.test(line)) break;
    const row = cellsOf(text, start, end);
    walked.push(start);
    if (row.length === width && isHeaderRow(row)) {
      found = start;
      break;
    }
    end = start - 1;
  }
  for (const w of walked) if (w !== found) memo.set(w, found);
  return found;
}

/**
 * "Province | Killed | Injured" over "Nineveh | 12 | 40": a number in a table cell takes the kind its
 * column's header names. The header is the nearest line above, through lines of the table, whose value
 * cells hold words and no number (a rule line "---|---" is passed over); a blank line ends the table.
 */
export function columnFrame(text: string, at: number): FigureKind | null {
  // A table line is short: looking no further than this keeps a 10 MB single line linear.
  const lineStart = lineBoundary(text, at, -1);
  const lineEnd = lineBoundary(text, at, 1);
  if (lineStart < 0 || lineEnd < 0 || !CELL_SEPARATOR.test(text.slice(lineStart, lineEnd))) return null;
  const cells = cellsOf(text, lineStart, lineEnd);
  let column = -1;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c] as { start: number; text: string };
    if (at >= cell.start && at < cell.start + cell.text.length) column = c;
  }
  // The number must fill its cell: "12", "1,200", "c. 40", not a sentence that happens to sit in a table.
  const own = cells[column]?.text.trim() ?? '';
  if (column <= 0 || own.length > 16 || !/^[^\p{L}]*(?:c\.|ca\.|about|over|~)?[^\p{L}]*$/iu.test(own)) return null;
  const header = headerOf(text, lineStart, cells.length);
  if (header < 0) return null;
  const head = cellsOf(text, header, lineBoundary(text, header, 1))[column]?.text ?? '';
  return columnKind(head);
}
