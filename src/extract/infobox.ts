import type { FigureKind } from '../core/figure.js';
import { stripTags } from './infobox-html.js';
import { type CanonicalKey, canonicalKey, type FieldBase, SIDED } from './infobox-keys.js';
import type { Cell, InfoboxSource } from './layout.js';

/** One infobox value with where it stands in the document. */
export interface InfoboxField {
  base: FieldBase;
  /** 1-based side for per-side fields, null for the rest. */
  side: number | null;
  start: number;
  end: number;
  /** What a bare count in the value counts, when its key says ("Deaths", "Injuries"). */
  kind?: FigureKind;
}

export interface InfoboxFields {
  fields: InfoboxField[];
  /** A title row of the table (HTML caption or first full-width header). */
  title: string | null;
}

const PART_OF = /^\s*part of\b[:\s]*/i;

/**
 * Reads rows of any rendering into fields. Rows are "Key | Value" pairs ("Combatant1: Taliban"),
 * or a section header ("Belligerents") followed by one cell per side, as HTML infoboxes lay them out.
 */
export function readInfoboxFields(text: string, source: InfoboxSource): InfoboxFields {
  const fields: InfoboxField[] = [];
  const counters = new Map<FieldBase, number>();
  let title = source.caption;
  let section: FieldBase | null = null;
  let headerKeys: CanonicalKey[] | null = null;
  const nextSide = (base: FieldBase) => {
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    return n;
  };
  const add = (base: FieldBase, side: number | null, first: Cell, last: Cell, kind?: FigureKind) => {
    if (base === 'ignore') return;
    if (side !== null) counters.set(base, Math.max(counters.get(base) ?? 0, side));
    fields.push({ base, side, start: first.start, end: last.end, ...(kind ? { kind } : {}) });
  };

  for (const row of source.rows) {
    if (row.key) {
      section = null;
      headerKeys = null;
      for (const c of row.cells)
        if (c.end > c.start) add(row.key.base, c.side === undefined ? row.key.side : c.side, c, c, row.key.kind);
      continue;
    }
    const cells = row.cells.filter((c) => stripTags(text.slice(c.start, c.end)) !== '');
    const first = cells[0];
    if (!first) continue;
    const firstText = stripTags(text.slice(first.start, first.end));
    const key = canonicalKey(firstText);
    if (cells.length === 1) {
      if (key && key.side === null && SIDED.has(key.base)) {
        section = key.base;
        continue;
      }
      if (key) continue;
      const partOf = PART_OF.exec(text.slice(first.start, first.end));
      if (partOf) {
        fields.push({ base: 'part_of', side: null, start: first.start + partOf[0].length, end: first.end });
        continue;
      }
      // A lone cell opening the table is its title, marked as a header or not (flattened `| Name |` rows).
      if ((first.header || row === source.rows[0]) && title === null && fields.length === 0) {
        title = firstText;
        continue;
      }
      if (first.header) {
        section = null;
        continue;
      }
      if (section) add(section, nextSide(section), first, first);
      continue;
    }
    const rest = cells.slice(1);
    const last = rest[rest.length - 1] as Cell;
    if (key) {
      headerKeys = null;
      section = null;
      if (key.side !== null) add(key.base, key.side, rest[0] as Cell, last, key.kind);
      else if (SIDED.has(key.base) && rest.length >= 2)
        for (const c of rest) add(key.base, nextSide(key.base), c, c, key.kind);
      else add(key.base, null, rest[0] as Cell, last, key.kind);
      continue;
    }
    const keys = cells.map((c) => canonicalKey(stripTags(text.slice(c.start, c.end))));
    if (keys.every((k) => k !== null)) {
      headerKeys = keys as CanonicalKey[];
      continue;
    }
    if (headerKeys && headerKeys.length === cells.length) {
      cells.forEach((c, i) => {
        const k = (headerKeys as CanonicalKey[])[i] as CanonicalKey;
        add(k.base, k.side ?? (SIDED.has(k.base) ? nextSide(k.base) : null), c, c);
      });
      headerKeys = null;
      continue;
    }
    if (section) for (const c of cells) add(section, nextSide(section), c, c);
  }
  return { fields, title };
}
