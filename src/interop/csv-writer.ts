/**
 * The one CSV writer: every CSV Tally writes (GED, ACLED, its own columns; from the CLI and the API)
 * goes through `csvLine`. RFC 4180 with CRLF, plus a guard against formula injection.
 */

import type { Cell } from './export-context.js';

// What a spreadsheet takes for the start of a formula (OWASP's list): = + - @, tab and carriage return.
const FORMULA_START = /^[=+\-@\t\r]/;
const GUARDED = /^'[=+\-@\t\r]/;

/**
 * A text cell that starts like a formula gets a leading quote mark, so a spreadsheet shows report text
 * ("=HYPERLINK(...)", "-12 dead, officials say") instead of running it. Numbers are written as
 * numbers: a negative longitude must stay -70.5, not become text.
 */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The inverse, for importers: a cell the guard quoted gets its text back, so an export imports as the
 * incidents it came from. A cell that itself began with a quote mark and then = + - @ loses that quote
 * mark; no dataset writes such a value, and reading our own exports back matters more.
 */
export function unguardCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = guardCell(cell);
  // A bare line break is quoted too, not only CRLF: a reader must not take it for the end of a row.
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended by CRLF. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(cellText).join(',')}\r\n`;
}
