import { shorten } from '../core/errors.js';
import { unguardCell } from './csv-writer.js';
import { parseDatasetDate } from './date-codes.js';

/** Why one row cannot be imported; the importer adds the file and line. */
export class RowProblem extends Error {
  override name = 'RowProblem';
}

/** Where each standard column sits in the file's records, from the header's column names. */
export function columnIndex(columns: readonly (string | null)[]): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    if (name !== null) index.set(name, i);
  });
  return index;
}

/**
 * One CSV row by standard column name, with typed, checked reads. A blank cell reads as null.
 * It reads the record in place through the header's index: nothing is copied per row.
 */
export class RowFields {
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly record: readonly string[],
  ) {}

  has(column: string): boolean {
    return this.index.has(column);
  }

  /** The cell's text, without the quote mark our CSV writer puts before a formula-like value. */
  text(column: string): string | null {
    const at = this.index.get(column);
    const cell = at === undefined ? undefined : (this.record[at] ?? '');
    // PostgreSQL cannot store U+0000: one such cell would fail its whole batch, not just its row.
    if (cell?.includes('\u0000')) throw new RowProblem(`${column} contains a NUL character (U+0000)`);
    const value = cell === undefined ? undefined : unguardCell(cell).trim();
    return value ? value : null;
  }

  required(column: string): string {
    const value = this.text(column);
    if (value === null) throw new RowProblem(`${column} is empty`);
    return value;
  }

  /** A whole number within [min, max]; "12.0" is refused, as no dataset writes counts that way. */
  int(column: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
    const value = this.text(column);
    if (value === null) return null;
    if (!/^-?\d+$/.test(value)) throw new RowProblem(`${column} should be a whole number, got "${shorten(value, 30)}"`);
    const n = Number(value);
    if (n < min || n > max) throw new RowProblem(`${column} should be between ${min} and ${max}, got ${n}`);
    return n;
  }

  /** One of the listed codes, or null when blank. */
  code<T extends number>(column: string, codes: readonly T[]): T | null {
    const n = this.int(column, Math.min(...codes), Math.max(...codes));
    if (n !== null && !codes.includes(n as T))
      throw new RowProblem(`${column} should be one of ${codes.join(', ')}, got ${n}`);
    return n as T | null;
  }

  decimal(column: string, min: number, max: number): number {
    const value = this.required(column);
    const n = Number(value);
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value) || !Number.isFinite(n)) {
      throw new RowProblem(`${column} should be a number, got "${shorten(value, 30)}"`);
    }
    if (n < min || n > max) throw new RowProblem(`${column} should be between ${min} and ${max}, got ${n}`);
    return n;
  }

  date(column: string): string | null {
    const value = this.text(column);
    if (value === null) return null;
    const iso = parseDatasetDate(value);
    if (iso === null) throw new RowProblem(`${column} should be a date (YYYY-MM-DD), got "${shorten(value, 30)}"`);
    return iso;
  }
}
