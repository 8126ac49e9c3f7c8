import { type CanonicalKey, canonicalKey } from './infobox-keys.js';
import type { Cell } from './layout.js';

/**
 * What one line of a flattened infobox is, whatever produced the copy: "Key: value", "| key = value"
 * (wikitext), "Key<TAB>value<TAB>value" (a browser's table copy), "| Key | value | value |",
 * "Date3 March 2019" (a copy that glued the key to its value), or a key alone with its value below.
 */

export interface Line {
  start: number;
  end: number;
  text: string;
}

export type LineKind =
  | { kind: 'blank' | 'rule' | 'open' | 'close' }
  | { kind: 'text' }
  /**
   * A key, with the value cells on its line. Tab cells run on over lines; 'pipe' cells (pipe rows and
   * space-padded columns) stand each in its column of one line.
   */
  | { kind: 'key'; key: CanonicalKey; cells: Cell[]; columns: 'tab' | 'pipe' | null; wiki: boolean }
  /** A row of columns that names no key: a body row of a section in a tab or pipe table. */
  | { kind: 'columns'; cells: Cell[]; columns: 'tab' | 'pipe' };

const IGNORED: CanonicalKey = { base: 'ignore', side: null };
const SEPARATOR_ROW = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;
const WIKI_PARAM = /^[ \t]*\|[ \t]*([A-Za-z][A-Za-z0-9 _]{0,40}?)[ \t]*=[ \t]*/;
// "- Key: value", "**Key:** value", "Key = value".
const COLON_PAIR =
  /^[ \t]*(?:[-*•][ \t]+)?(?:\*\*|__)?([A-Za-z][A-Za-z0-9 _'’()&/.-]{0,44}?)[ \t]*(?:\*\*|__)?[ \t]*[:=][ \t]*(?:\*\*|__)?[ \t]*/;
const BULLETED = /^[ \t]*[-*•]/;
const DASH_PAIR =
  /^[ \t]*(?:[*•][ \t]+)?(?:\*\*|__)?([A-Za-z][A-Za-z0-9 ()&/]{0,40}?)(?:\*\*|__)?[ \t]+[–—-][ \t]+(?=\S)/;
const SPACE_RUN = /\S {3,}\S/;

/**
 * Labels as an encyclopedia page displays them, longest first so "Casualties and losses" wins over
 * "Casualties". A browser copy glues them to their value ("ResultRebel victory"), so they are
 * matched case-sensitively at the start of a line and only when the value does not go on in
 * lower case ("Resultant" is no key).
 */
const DISPLAY_LABELS = [
  'Parties to the civil conflict',
  'Commanders and leaders',
  'Casualties and losses',
  'Territorial changes',
  'Non-fatal injuries',
  'Fatalities',
  'Injuries',
  'Arrested',
  'Wounded',
  'Injured',
  'Deaths',
  'Death(s)',
  'Units involved',
  'Belligerents',
  'Lead figures',
  'Commanders',
  'Combatants',
  'Casualties',
  'Locations',
  'Location',
  'Strength',
  'Leaders',
  'Result',
  'Status',
  'Losses',
  'Dates',
  'Place',
  'Date',
];
const LABEL_KEYS = new Map<string, CanonicalKey>([
  ...DISPLAY_LABELS.map((l) => [l, canonicalKey(l) ?? IGNORED] as const),
  ['Losses', { base: 'casualties', side: null }],
]);
// A date value may open in lower case: "Datec. 1997", "Dateearly 2015".
const LOWER_DATE_START = /^(?:c\.|ca\.|circa\b|early\b|late\b|mid\b|spring\b|summer\b|autumn\b|fall\b|winter\b)/;

function trimCell(line: Line, a: number, b: number): Cell {
  const t = line.text;
  while (a < b && /\s/.test(t[a] as string)) a++;
  while (b > a && /\s/.test(t[b - 1] as string)) b--;
  return { start: line.start + a, end: line.start + b, header: false };
}

/** Splits at `sep` outside [[links]], {{templates}} and <tags>: "[[A|B]]" is one cell. */
function splitTopLevel(text: string, sep: string): number[] {
  const at: number[] = [];
  let square = 0;
  let curly = 0;
  for (let k = 0; k < text.length; k++) {
    const two = text.slice(k, k + 2);
    if (two === '[[') square++;
    else if (two === ']]' && square > 0) square--;
    else if (two === '{{') curly++;
    else if (two === '}}' && curly > 0) curly--;
    else if (text[k] === sep && square === 0 && curly === 0) at.push(k);
  }
  return at;
}

function columnsOf(line: Line, sep: '\t' | '|'): Cell[] {
  const text = line.text;
  const cuts = splitTopLevel(text, sep);
  const cells: Cell[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    cells.push(trimCell(line, from, cut));
    from = cut + 1;
  }
  if (sep === '|') {
    // "| a | b |": the bars at both ends open and close the row, they bound no cell.
    if (/^\s*\|/.test(text)) cells.shift();
    if (/\|\s*$/.test(text)) cells.pop();
  }
  return cells;
}

function cellText(line: Line, c: Cell): string {
  return line.text.slice(c.start - line.start, c.end - line.start);
}

/** "Belligerents", "Date:", "**Strength**": a line that is only a key. */
function loneKey(text: string): CanonicalKey | null {
  const bare = text
    .trim()
    .replace(/^(?:[-*•#=][ \t]*)+|(?:[ \t]*[=#])+$/g, '')
    .replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, '')
    .replace(/[ \t]*:$/, '')
    .replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, '')
    .trim();
  if (bare.length === 0 || bare.length > 40 || /[|\t]/.test(bare)) return null;
  return LABEL_KEYS.get(bare) ?? canonicalKey(bare);
}

function columnsLine(line: Line, sep: '\t' | '|'): LineKind | null {
  const cells = columnsOf(line, sep);
  if (cells.length < 2 && !(sep === '|' && cells.length === 1 && /^\s*\|/.test(line.text))) return null;
  if (cells.some((c) => c.end - c.start > 1000)) return null;
  const first = cells[0] as Cell;
  const key = canonicalKey(cellText(line, first)) ?? loneKey(cellText(line, first));
  const columns = sep === '\t' ? 'tab' : 'pipe';
  if (key) return { kind: 'key', key, cells: cells.slice(1), columns, wiki: false };
  return { kind: 'columns', cells, columns };
}

/**
 * A text dump of a table pads its columns with spaces ("Date      3 March 2019"); runs of three or
 * more spaces part short cells, and the cells stand in their columns like a pipe row's.
 */
function spacedLine(line: Line): LineKind | null {
  const cells: Cell[] = [];
  let from = 0;
  for (const m of line.text.matchAll(/ {3,}/g)) {
    cells.push(trimCell(line, from, m.index as number));
    from = (m.index as number) + m[0].length;
  }
  cells.push(trimCell(line, from, line.text.length));
  const filled = cells.filter((c) => c.end > c.start);
  if (filled.length < 2 || filled.some((c) => c.end - c.start > 80)) return null;
  const first = cells[0] as Cell;
  const key = first.end > first.start ? loneKey(cellText(line, first)) : null;
  if (key) return { kind: 'key', key, cells: cells.slice(1), columns: 'pipe', wiki: false };
  return { kind: 'columns', cells: first.end > first.start ? cells : cells.slice(1), columns: 'pipe' };
}

function gluedLine(line: Line): LineKind | null {
  const text = line.text;
  let offset = 0;
  while (text[offset] === ' ' || text[offset] === '\t') offset++;
  // Every label opens with a capital: most lines are done with after one look.
  const c = text.charCodeAt(offset);
  if (c < 65 || c > 90) return null;
  for (const label of DISPLAY_LABELS) {
    if (!text.startsWith(label, offset)) continue;
    const rest = text.slice(offset + label.length, offset + label.length + 40);
    const value = rest.replace(/^[ \t]+/, '');
    if (value === '') return null;
    const isDate = label.startsWith('Date');
    if (/^[\p{Ll}]/u.test(value) && !(isDate && LOWER_DATE_START.test(value))) continue;
    const from = offset + label.length + (rest.length - value.length);
    const key = LABEL_KEYS.get(label) ?? IGNORED;
    return { kind: 'key', key, cells: [trimCell(line, from, line.text.length)], columns: null, wiki: false };
  }
  return null;
}

/** Classifies one line; `inWiki` says a `{{Infobox` template is open. */
export function classifyLine(line: Line, inWiki: boolean): LineKind {
  const text = line.text;
  if (!/\S/.test(text)) return { kind: 'blank' };
  if (text.length > 5000) return { kind: 'text' };
  if (/^[ \t]*\{\{[ \t]*infobox\b/i.test(text)) return { kind: 'open' };
  if (/^[ \t]*\}\}[ \t]*$/.test(text)) return inWiki ? { kind: 'close' } : { kind: 'text' };
  if (SEPARATOR_ROW.test(text) || (/^[ \t]*infobox\b/i.test(text) && text.trim().length < 60)) return { kind: 'rule' };
  const wiki = WIKI_PARAM.exec(text);
  if (wiki) {
    const key = canonicalKey(wiki[1] as string) ?? IGNORED;
    return { kind: 'key', key, cells: [trimCell(line, wiki[0].length, text.length)], columns: null, wiki: true };
  }
  if (inWiki) return { kind: 'text' };
  if (text.includes('\t')) {
    const tabbed = columnsLine(line, '\t');
    if (tabbed) return tabbed;
  }
  if (/^[ \t]*\|/.test(text) && splitTopLevel(text, '|').length >= 2) {
    const piped = columnsLine(line, '|');
    if (piped) return piped;
  }
  if (text.length <= 600 && text.includes('   ') && SPACE_RUN.test(text)) {
    const spaced = spacedLine(line);
    if (spaced) return spaced;
  }
  const lone = text.length <= 60 ? loneKey(text) : null;
  if (lone) return { kind: 'key', key: lone, cells: [], columns: null, wiki: false };
  // Separators stand within a key's length of the line's start; most prose lines are done with here.
  const head = text.length > 64 ? text.slice(0, 64) : text;
  const pair = head.includes(':') || head.includes('=') ? COLON_PAIR.exec(text) : null;
  if (pair) {
    const key = canonicalKey(pair[1] as string);
    if (key || BULLETED.test(text)) {
      const cells = [trimCell(line, pair[0].length, text.length)].filter((c) => c.end > c.start);
      return { kind: 'key', key: key ?? IGNORED, cells, columns: null, wiki: false };
    }
  }
  // "Location — Sirte, Libya": a dash parts key and value only when the key is one we know.
  const dashed = /[–—-]/.test(head) ? DASH_PAIR.exec(text) : null;
  if (dashed) {
    const key = canonicalKey(dashed[1] as string);
    if (key)
      return { kind: 'key', key, cells: [trimCell(line, dashed[0].length, text.length)], columns: null, wiki: false };
  }
  // "losses|Accounts differ...": a key and a value joined by one bar, as some dumps flatten them.
  if (text.includes('|') && !/^[ \t]*\|/.test(text)) {
    const piped = columnsLine(line, '|');
    if (piped?.kind === 'key') return piped;
  }
  return gluedLine(line) ?? { kind: 'text' };
}
