import { clear, h } from './dom.js';
import type { Filters } from './state.js';

const FORMATS: [format: string, label: string][] = [
  ['csv', 'CSV (Tally columns, with reviews)'],
  ['ged', 'UCDP GED CSV'],
  ['acled', 'ACLED CSV'],
  ['geojson', 'GeoJSON'],
  ['jsonl', 'JSON Lines'],
];

/** The API's export with the page's filters, so a download holds what the map and table show. */
export function exportHref(format: string, filters: Filters): string {
  const q = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) q.set(key, value);
  return `./api/export/incidents?${q}`;
}

/** A small menu of download links, redrawn whenever the filters change. */
export function renderExportMenu(el: HTMLElement, filters: Filters): void {
  const open = el.querySelector('details')?.open === true;
  const filtered = Object.values(filters).some(Boolean);
  clear(
    el,
    h(
      'details',
      { class: 'export-menu', open },
      h('summary', {}, filtered ? 'Export these incidents' : 'Export all incidents'),
      h(
        'ul',
        { class: 'export-formats' },
        FORMATS.map(([format, label]) =>
          h('li', {}, h('a', { href: exportHref(format, filters), download: '', 'data-format': format }, label)),
        ),
      ),
    ),
  );
}
