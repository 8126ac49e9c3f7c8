import { type DomElement, type DomNode, hasClass, isElement, TEXT_NODE, tagOf } from './dom-types.js';
import { flatText, isNoise } from './html-text.js';

export interface InfoboxEntry {
  key: string;
  value: string;
}

/**
 * Wikipedia's military-conflict infobox puts both sides in one row under a header with no key per
 * cell; naming them like the template's own parameters (Combatant1, Combatant2) gives the same keys
 * whether the article arrived as wikitext-derived text or as HTML.
 */
const SECTION_KEYS: Record<string, string> = {
  belligerents: 'Combatant',
  combatants: 'Combatant',
  'commanders and leaders': 'Commander',
  commanders: 'Commander',
  'units involved': 'Units',
  units: 'Units',
  strength: 'Strength',
  'casualties and losses': 'Casualties',
  casualties: 'Casualties',
  losses: 'Casualties',
  // The civil-conflict infobox names the same sections differently.
  'parties to the civil conflict': 'Combatant',
  parties: 'Combatant',
  'lead figures': 'Commander',
  number: 'Strength',
};
/** Row labels as displayed, back to the conflict template's parameter names. */
const CONFLICT_KEYS: Record<string, string> = {
  location: 'Place',
  'territorial changes': 'Territory',
};

/**
 * Tables that are infoboxes: a class containing "infobox", or a key/value table (rows of th + td)
 * standing before the article's first paragraph. Nested tables belong to their outer infobox.
 */
export function findInfoboxTables(root: DomElement): DomElement[] {
  const found: DomElement[] = [];
  const outermost = (table: DomElement) => !found.some((outer) => contains(outer, table));
  for (const table of root.querySelectorAll('table')) {
    if (hasClass(table, 'infobox') && outermost(table)) found.push(table);
  }
  for (const element of root.querySelectorAll('table, p')) {
    if (tagOf(element) === 'p') {
      if (element.closest('table') === null && flatText(element) !== '') break;
      continue;
    }
    if (!found.includes(element) && outermost(element) && isKeyValueTable(element)) found.push(element);
  }
  return found;
}

function isKeyValueTable(table: DomElement): boolean {
  let pairs = 0;
  let filled = 0;
  for (const row of rowsOf(table)) {
    const cells = cellsOf(row);
    if (cells.length === 0 || cells.every((c) => flatText(c) === '')) continue;
    filled++;
    if (cells.length === 2 && tagOf(cells[0] as DomElement) === 'th' && tagOf(cells[1] as DomElement) === 'td') pairs++;
  }
  return pairs >= 2 && pairs * 2 >= filled;
}

/** One infobox table, cell by cell, as key/value entries. */
export function readInfobox(table: DomElement): InfoboxEntry[] {
  const entries: InfoboxEntry[] = [];
  const counters = new Map<string, number>();
  let title: string | null = null;
  let section: string | null = null;
  const numbered = (key: string, value: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    entries.push({ key: `${key}${n}`, value });
  };

  for (const child of table.children) {
    if (tagOf(child) === 'caption') title = cellValue(child) || null;
  }
  for (const row of rowsOf(table)) {
    const cells = cellsOf(row);
    const values = cells.map(cellValue);
    const [firstCell] = cells;
    const [first = ''] = values;
    if (firstCell === undefined) continue;
    if (cells.length === 1) {
      if (first === '') continue;
      if (tagOf(firstCell) === 'th') {
        // The first full-width header names the subject; later ones open a section.
        if (title === null && entries.length === 0) title = first;
        // A header that is only punctuation (":") names no section to key its rows by.
        else section = cleanKey(first) === '' ? null : first;
        continue;
      }
      const partOf = /^part of\b[:\s]*/i.exec(first);
      if (partOf) {
        // "Part of" with nothing after it names no war; an empty entry would print as "- Partof: ".
        const war = first.slice(partOf[0].length);
        if (war !== '') entries.push({ key: 'Partof', value: war });
      } else if (section !== null) {
        const mapped = SECTION_KEYS[section.toLowerCase()];
        if (mapped) numbered(mapped, first);
        else entries.push({ key: cleanKey(section), value: first });
      }
      // Anything else full-width and unlabelled is an image caption or a map legend.
      continue;
    }
    if (tagOf(firstCell) === 'th') {
      const key = cleanKey(first);
      const rest = values.slice(1).filter((v) => v !== '');
      if (key === '' || rest.length === 0) continue;
      if (rest.length === 1) entries.push({ key, value: rest[0] as string });
      else for (const value of rest) numbered(key, value);
      continue;
    }
    const mapped = section === null ? undefined : (SECTION_KEYS[section.toLowerCase()] ?? cleanKey(section));
    if (mapped !== undefined) {
      for (const value of values) if (value !== '') numbered(mapped, value);
    } else if (cells.length === 2 && cleanKey(first) !== '' && values[1]) {
      entries.push({ key: cleanKey(first), value: values[1] });
    }
  }
  const isConflict = entries.some((e) => e.key.startsWith('Combatant'));
  if (title !== null && !entries.some((e) => e.key === 'Conflict' || e.key === 'Name')) {
    entries.unshift({ key: isConflict ? 'Conflict' : 'Name', value: title });
  }
  return isConflict ? entries.map((e) => ({ ...e, key: CONFLICT_KEYS[e.key.toLowerCase()] ?? e.key })) : entries;
}

/** The block placed before the article text, in the same shape as wikitext-derived infoboxes. */
export function renderInfobox(entries: InfoboxEntry[]): string {
  return ['Infobox', ...entries.map((e) => `- ${e.key}: ${e.value}`)].join('\n');
}

/**
 * A cell's text with its parts (lines, list items, paragraphs) joined by ", ". Flags, footnote marks
 * and hidden text are dropped; inline pieces stay glued as they display ("Name" + "KIA").
 */
export function cellValue(cell: DomElement): string {
  const parts: string[] = [];
  let current = '';
  const split = () => {
    parts.push(current);
    current = '';
  };
  const visit = (node: DomNode) => {
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? '';
      return;
    }
    if (!isElement(node)) return;
    const tag = tagOf(node);
    // A status icon beside a commander says its status only in its alt text or title.
    if (tag === 'img') {
      const status = statusOfIcon(`${node.getAttribute('alt') ?? ''} ${node.getAttribute('title') ?? ''}`);
      if (status) current += ` ${status}`;
      return;
    }
    if (isNoise(node)) return;
    if (tag === 'br' || tag === 'hr') {
      split();
      return;
    }
    const separates = /^(?:li|p|div|dd|dt|tr|td|th|ul|ol|dl|table|h[1-6])$/.test(tag);
    if (separates) split();
    for (const child of node.childNodes) visit(child);
    if (separates) split();
  };
  for (const child of cell.childNodes) visit(child);
  split();
  return parts
    .map((part) =>
      part
        .replace(/\[\d+\]/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^[,;]\s*|\s*[,;]$/g, ''),
    )
    .filter((part) => part !== '')
    .join(', ');
}

const ICON_STATUSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bkilled in action\b|^\s*kia\s*$/i, 'KIA'],
  [/\bprisoner of war\b|^\s*pow\s*$/i, '(POW)'],
  [/\bwounded in action\b|^\s*wia\s*$/i, '(WIA)'],
  [/\bdied of wounds\b/i, '(DOW)'],
  [/\bexecuted\b/i, '(executed)'],
];

function statusOfIcon(label: string): string | null {
  const trimmed = label.trim();
  if (trimmed === '') return null;
  for (const [re, status] of ICON_STATUSES) if (re.test(trimmed)) return status;
  return null;
}

function cleanKey(key: string): string {
  return key
    .replace(/\[\d+\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/:\s*$/, '')
    .trim();
}

function rowsOf(table: DomElement): DomElement[] {
  const rows: DomElement[] = [];
  for (const child of table.children) {
    const tag = tagOf(child);
    if (tag === 'tr') rows.push(child);
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      for (const row of child.children) if (tagOf(row) === 'tr') rows.push(row);
    }
  }
  return rows;
}

function cellsOf(row: DomElement): DomElement[] {
  return [...row.children].filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th');
}

function contains(outer: DomElement, inner: DomElement): boolean {
  for (let node: DomNode | null = inner.parentNode; node !== null; node = node.parentNode) {
    if (node === outer) return true;
  }
  return false;
}
