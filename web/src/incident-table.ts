import { TYPE_COLORS } from './colors.js';
import { clear, formatEstimate, h } from './dom.js';
import type { GridStats } from './map-cells.js';
import type { PointRow } from './types.js';

export interface TablePage {
  rows: PointRow[];
  truncated: boolean;
}

function row([id, , , low, best, high, type, date, place]: PointRow, open: (id: number) => void): HTMLElement {
  return h(
    'tr',
    { 'data-incident': id },
    h('td', {}, date),
    h(
      'td',
      {},
      h(
        'a',
        {
          href: `./?view=incident&id=${id}`,
          onclick: (e: Event) => {
            e.preventDefault();
            open(id);
          },
        },
        place ?? 'place unknown',
      ),
    ),
    h(
      'td',
      {},
      h('span', {
        class: 'swatch',
        style: `background:${TYPE_COLORS[type as keyof typeof TYPE_COLORS] ?? '#444'}`,
        'aria-hidden': 'true',
      }),
      // "Explosions/Remote violence" may break after the slash on a phone.
      type.split('/').flatMap((part, i, all) => (i < all.length - 1 ? [`${part}/`, h('wbr')] : [part])),
    ),
    h('td', { class: 'num' }, formatEstimate(low, best, high)),
  );
}

/**
 * The incidents the filters match, newest first, a page at a time: `more` fetches the page after
 * the last row shown. The counts are the map's, over every match.
 */
export function renderIncidentTable(
  el: HTMLElement,
  first: TablePage,
  stats: GridStats,
  more: (after: PointRow) => Promise<TablePage>,
  open: (id: number) => void,
): void {
  if (first.rows.length === 0) {
    clear(el, h('p', { class: 'empty' }, 'No incidents match these filters.'));
    return;
  }
  const body = h('tbody');
  let last: PointRow | undefined;
  const add = (rows: PointRow[]) => {
    for (const r of rows) body.append(row(r, open));
    last = rows.at(-1) ?? last;
  };
  add(first.rows);
  const unmapped = stats.total - stats.mapped;
  const button = h('button', { type: 'button', class: 'secondary' }, 'Show more');
  const shown = h('span', {});
  const update = (hasMore: boolean) => {
    const n = body.rows.length;
    shown.textContent = n < stats.total ? `; the newest ${n.toLocaleString('en-GB')} are listed` : '';
    button.hidden = !hasMore;
  };
  button.addEventListener('click', async () => {
    if (!last) return;
    button.disabled = true;
    try {
      const page = await more(last);
      const firstNew = body.rows.length;
      add(page.rows);
      update(page.truncated);
      // Keep the keyboard where the new rows start rather than on a button that may vanish.
      body.rows[firstNew]?.querySelector('a')?.focus();
    } finally {
      button.disabled = false;
    }
  });
  update(first.truncated);
  clear(
    el,
    h(
      'p',
      { class: 'muted table-count' },
      `${stats.total.toLocaleString('en-GB')} ${stats.total === 1 ? 'incident' : 'incidents'}`,
      shown,
      unmapped ? `; ${unmapped.toLocaleString('en-GB')} without coordinates are listed but not mapped` : '',
      '. Deaths as low · best · high.',
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'incidents' },
        h('caption', { class: 'sr-only' }, 'Incidents matching the filters, newest first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Date', 'Place', 'Event type', 'Deaths'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        body,
      ),
    ),
    button,
  );
}
