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
export function exportHref(format: string, filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) q.set(key, value);
  return `./api/export/incidents?${q}`;
}

const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
/** The grade the report and downloads keep to; the map and table do not filter by grade (it is computed). */
let grade = '';

/** The printable report of the incidents on screen (GET /api/report), in a new tab. */
export function reportHref(filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) q.set(key, value);
  return `./api/report${q.size > 0 ? `?${q}` : ''}`;
}

/** A small menu of download links and the report, redrawn whenever the filters change. */
export function renderExportMenu(el: HTMLElement, filters: Filters): void {
  const open = el.querySelector('details')?.open === true;
  const filtered = Object.values(filters).some(Boolean);
  const chosen = (): Record<string, string | undefined> => (grade ? { ...filters, grade } : filters);
  const links = h('ul', { class: 'export-formats' });
  const report = h(
    'a',
    { class: 'report-button', target: '_blank', rel: 'noopener', href: reportHref(chosen()) },
    'Report',
  );
  const draw = () => {
    clear(
      links,
      ...FORMATS.map(([format, label]) =>
        h('li', {}, h('a', { href: exportHref(format, chosen()), download: '', 'data-format': format }, label)),
      ),
    );
    report.setAttribute('href', reportHref(chosen()));
  };
  const gradeSelect = h('select', { id: 'export-grade', name: 'grade' }, h('option', { value: '' }, 'any grade'));
  for (const g of GRADES) gradeSelect.append(h('option', { value: g, selected: g === grade }, g));
  gradeSelect.addEventListener('change', () => {
    grade = gradeSelect.value;
    draw();
  });
  draw();
  clear(
    el,
    h(
      'div',
      { class: 'export-bar' },
      h(
        'details',
        { class: 'export-menu', open },
        h('summary', {}, filtered ? 'Export these incidents' : 'Export all incidents'),
        h(
          'div',
          { class: 'field export-grade' },
          h('label', { for: 'export-grade' }, 'Only incidents graded'),
          gradeSelect,
        ),
        links,
      ),
      report,
    ),
  );
}
