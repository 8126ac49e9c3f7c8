import { TYPE_COLORS } from './colors.js';
import { clear, formatEstimate, h } from './dom.js';
import type { PointRow } from './types.js';

const PAGE = 50;

/** The incidents the map shows, newest first, a page at a time (the rows are already in memory). */
export function renderIncidentTable(
  el: HTMLElement,
  rows: PointRow[],
  truncated: boolean,
  open: (id: number) => void,
  shown = PAGE,
): void {
  if (rows.length === 0) {
    clear(el, h('p', { class: 'empty' }, 'No incidents match these filters.'));
    return;
  }
  const unmapped = rows.filter((r) => r[1] === null || r[2] === null).length;
  const body = h('tbody');
  for (const [id, , , low, best, high, type, date, place] of rows.slice(0, shown)) {
    body.append(
      h(
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
          type,
        ),
        h('td', { class: 'num' }, formatEstimate(low, best, high)),
      ),
    );
  }
  const more =
    rows.length > shown
      ? h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => renderIncidentTable(el, rows, truncated, open, shown + PAGE),
          },
          `Show ${Math.min(PAGE, rows.length - shown)} more`,
        )
      : null;
  clear(
    el,
    h(
      'p',
      { class: 'muted' },
      `${rows.length.toLocaleString('en-GB')} ${rows.length === 1 ? 'incident' : 'incidents'}${truncated ? ' (the newest; narrow the filters to see older ones)' : ''}`,
      unmapped ? `; ${unmapped} without coordinates are listed but not mapped` : '',
      '. Deaths as low · best · high.',
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'incidents' },
        h('caption', { class: 'sr-only' }, 'Incidents matching the filters'),
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
    more,
  );
}
