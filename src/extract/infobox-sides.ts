import type { Entry } from './infobox-lines.js';
import type { Cell, Row } from './layout.js';

/**
 * Splits the value of a section that holds one cell per side ("Belligerents", "Strength") into its
 * sides. A copy keeps the columns in different ways: pipes of a flattened table row, the tabs a
 * browser puts between cells (a cell's own lines break the row, so cells run from tab to tab over
 * lines), blank lines between the sides, "A vs. B" on one line. A plain list of lines keeps none:
 * its lines are shared out over the number of sides the other sections show.
 */

// "A vs. B", and "A | B" where a flattened row kept its cells' bars inside one value.
const VERSUS = /\s+(?:vs\.?|v\.|versus|\|)\s+/gi;
const SUPPORT_START = /^\s*(?:(?:supported|backed|assisted|aided)\s+by\b|support(?:ed)?\s*:|in support\b)/i;
const SUPPORT_ONLY = /^\W*(?:(?:supported|backed|assisted|aided)\s+by|support(?:ed)?|in support)\W*$/i;
const SUPPORT_INSIDE = /\b(?:(?:supported|backed|assisted|aided)\s+by|in support)\b/i;
// A commander's mark that a copy put on its own line ("KIA", "(POW)") belongs to the line above.
const MARK_ONLY = /^[\s(]*(?:KIA|POW|WIA|MIA|DOW|†|killed in action|died of wounds|executed|captured|wounded)[\s)]*$/i;
const MAX_SIDES = 8;

type Split = { entry: Entry; cells: Cell[] } | { entry: Entry; units: Cell[] };

function cell(start: number, end: number, side: number | null): Cell {
  return { start, end, header: false, side };
}

function trimmed(text: string, start: number, end: number, side: number | null): Cell | null {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a] as string)) a++;
  while (b > a && /\s/.test(text[b - 1] as string)) b--;
  return b > a ? cell(a, b, side) : null;
}

/** The value's lines: the rest of the key's own line, then each following line. */
function valueLines(entry: Entry): Cell[] {
  const out: Cell[] = entry.first.cells.filter((c) => c.end > c.start).map((c) => cell(c.start, c.end, null));
  for (const b of entry.body) out.push(cell(b.line.start, b.line.end, null));
  return out;
}

/**
 * Positional cells: each row's n-th cell is side n. A line with a single cell (a side's second line
 * in a space-padded dump) goes to the column its indent lines up with.
 */
function byColumns(text: string, entry: Entry): Cell[] {
  const out: Cell[] = [];
  const starts = new Map<number, number>();
  const place = (cells: Cell[], lineStart: number) =>
    cells.forEach((c, i) => {
      if (c.end <= c.start) return;
      out.push(cell(c.start, c.end, i + 1));
      if (!starts.has(i + 1)) starts.set(i + 1, c.start - lineStart);
    });
  place(entry.first.cells, entry.line.start);
  for (const b of entry.body) {
    if (b.kind.kind === 'columns') {
      place(b.kind.cells, b.line.start);
      continue;
    }
    const indent = b.line.text.search(/\S/);
    let best: number | null = null;
    for (const [side, at] of starts)
      if (best === null || Math.abs(at - indent) < Math.abs((starts.get(best) as number) - indent)) best = side;
    const c = best === null ? null : trimmed(text, b.line.start, b.line.end, best);
    if (c) out.push(c);
  }
  return out;
}

/** Cells run from tab to tab across lines: "A<br>B<TAB>C<br>D" copies as "A\nB\tC\nD". */
function byTabs(text: string, entry: Entry): Cell[] {
  const line = entry.line;
  let start: number;
  if (entry.first.columns === 'tab') start = text.indexOf('\t', line.start) + 1;
  else start = entry.first.cells[0]?.start ?? entry.body[0]?.line.start ?? line.end;
  const lastBody = entry.body[entry.body.length - 1];
  const end = lastBody ? lastBody.line.end : line.end;
  const out: Cell[] = [];
  let side = 1;
  let from = start;
  for (let k = start; k <= end; k++) {
    if (k === end || text[k] === '\t') {
      const c = trimmed(text, from, k, side);
      if (c) out.push(c);
      side++;
      from = k + 1;
    }
  }
  return out;
}

function byGroups(entry: Entry): Cell[] {
  const out: Cell[] = [];
  const inline = entry.first.cells.filter((c) => c.end > c.start);
  const spans = new Map<number, { start: number; end: number }>();
  if (inline.length > 0)
    spans.set(0, { start: (inline[0] as Cell).start, end: (inline[inline.length - 1] as Cell).end });
  for (const b of entry.body) {
    const span = spans.get(b.group);
    if (span) span.end = b.line.end;
    else spans.set(b.group, { start: b.line.start, end: b.line.end });
  }
  for (const [g, span] of spans) out.push(cell(span.start, span.end, g + 1));
  return out;
}

function byVersus(text: string, only: Cell): Cell[] | null {
  const value = text.slice(only.start, only.end);
  const cuts = [...value.matchAll(VERSUS)];
  if (cuts.length === 0) return null;
  const out: Cell[] = [];
  let from = 0;
  cuts.forEach((m, i) => {
    const c = trimmed(text, only.start + from, only.start + (m.index as number), i + 1);
    if (c) out.push(c);
    from = (m.index as number) + m[0].length;
  });
  const c = trimmed(text, only.start + from, only.end, cuts.length + 1);
  if (c) out.push(c);
  return out;
}

/**
 * Lines as units of a side: "Supported by:" and the supporters after it, and a mark on its own line,
 * stay with the line above.
 */
function units(text: string, lines: Cell[]): Cell[] {
  const out: Cell[] = [];
  let glueNext = false;
  for (const l of lines) {
    const t = text.slice(l.start, l.end);
    const prev = out[out.length - 1];
    if (prev && (glueNext || SUPPORT_START.test(t) || MARK_ONLY.test(t))) {
      prev.end = l.end;
      glueNext = SUPPORT_ONLY.test(t);
      continue;
    }
    glueNext = false;
    out.push(cell(l.start, l.end, null));
  }
  return out;
}

function splitEntry(text: string, entry: Entry): Split {
  const pipes =
    entry.first.columns === 'pipe' || entry.body.some((b) => b.kind.kind === 'columns' && b.kind.columns === 'pipe');
  if (pipes) return { entry, cells: byColumns(text, entry) };
  const tabs =
    entry.first.columns === 'tab' || entry.body.some((b) => text.slice(b.line.start, b.line.end).includes('\t'));
  if (tabs) return { entry, cells: byTabs(text, entry) };
  if (entry.body.some((b) => b.group > 0)) return { entry, cells: byGroups(entry) };
  const lines = valueLines(entry);
  if (lines.length === 1) {
    const versus = byVersus(text, lines[0] as Cell);
    if (versus) return { entry, cells: versus };
  }
  return { entry, units: units(text, lines) };
}

/**
 * Sides of a plain list longer than the number of sides. A "Supported by" block closes its side, as
 * the template puts supporters last in a side's cell; past those, the lines are shared out evenly.
 */
function shareOut(text: string, list: Cell[], sides: number): number[] {
  const out: number[] = [];
  let side = 1;
  let closedAt = -1;
  list.forEach((u, i) => {
    out.push(side);
    if (side < sides && SUPPORT_INSIDE.test(text.slice(u.start, u.end))) {
      side++;
      closedAt = i;
    }
  });
  if (closedAt >= 0) return out;
  const per = Math.ceil(list.length / sides);
  return list.map((_, i) => Math.floor(i / per) + 1);
}

/** Rows of side-numbered cells for the sided sections; `numbered` is the most sides a "Combatant2" key shows. */
export function splitSides(text: string, entries: Entry[], numbered: number): Row[] {
  const splits = entries.map((e) => splitEntry(text, e));
  let sides = numbered;
  for (const s of splits) if ('cells' in s) for (const c of s.cells) sides = Math.max(sides, c.side ?? 0);
  if (sides === 0) {
    // Only plain lists. A "Supported by" block inside the belligerents closes a side; else when every
    // section has as many lines, that is the number of sides; else the common case of two.
    const combatants = splits.find((s) => s.entry.key.base === 'combatant');
    const closes =
      combatants && 'units' in combatants
        ? combatants.units.filter(
            (u, i) => i < combatants.units.length - 1 && SUPPORT_INSIDE.test(text.slice(u.start, u.end)),
          ).length
        : 0;
    const counts = splits.flatMap((s) => ('units' in s && s.units.length >= 2 ? [s.units.length] : []));
    const first = counts[0];
    if (closes > 0) sides = closes + 1;
    else sides = first !== undefined && counts.every((c) => c === first) ? first : 2;
  }
  sides = Math.max(1, Math.min(MAX_SIDES, sides));
  return splits.map((s) => {
    if ('cells' in s) return { key: s.entry.key, cells: s.cells };
    const list = s.units;
    const base = s.entry.key.base;
    const general = list.length === 1 && sides > 1 && (base === 'casualties' || base === 'strength');
    const shared = list.length > sides ? shareOut(text, list, sides) : list.map((_, i) => i + 1);
    const cells = list.map((u, i) => cell(u.start, u.end, general ? null : (shared[i] as number)));
    return { key: s.entry.key, cells };
  });
}
