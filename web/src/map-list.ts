import { clear, formatEstimate, h } from './dom.js';
import { type Cell, describeCell, isStack } from './map-cells.js';
import type { PointRow } from './types.js';

const MOST = 40;

export interface MapList {
  /** The cells or the view changed: show what is in view now, if the list is open. */
  refresh(): void;
  /** Opens the list and moves focus into it. */
  open(): void;
}

/**
 * What the map shows, as a list a keyboard reaches: each incident a link, each group of incidents
 * a button that zooms in on it (or lists them, when they stand on one spot). Enter on the map opens
 * it; Escape goes back to the map.
 */
export function createMapList(
  host: HTMLElement,
  deps: {
    inView(): Cell[];
    openIncident(id: number): void;
    zoomTo(cell: Cell): void;
    listCell(cell: Cell): Promise<PointRow[]>;
    backToMap(): void;
  },
): MapList {
  const toggle = h('button', {
    type: 'button',
    class: 'secondary small',
    'aria-expanded': 'false',
    'aria-controls': 'map-list',
  });
  const panel = h('section', { id: 'map-list', class: 'map-list', 'aria-labelledby': 'map-list-title', hidden: true });
  let focusAfterRefresh = false;

  const incidentLink = (id: number, text: string) =>
    h(
      'a',
      {
        href: `./?view=incident&id=${id}`,
        onclick: (e: Event) => {
          e.preventDefault();
          deps.openIncident(id);
        },
      },
      text,
    );

  const stackList = async (cell: Cell, button: HTMLButtonElement, slot: HTMLElement) => {
    if (button.getAttribute('aria-expanded') === 'true') {
      button.setAttribute('aria-expanded', 'false');
      slot.replaceChildren();
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    clear(slot, h('p', { class: 'muted' }, 'Loading…'));
    const rows = await deps.listCell(cell);
    clear(
      slot,
      h(
        'ul',
        {},
        rows.map(([id, , , low, best, high, type, date, place]) =>
          h(
            'li',
            {},
            incidentLink(id, `${date} ${place ?? 'place unknown'}`),
            ` ${type}, deaths ${formatEstimate(low, best, high)}`,
          ),
        ),
      ),
      cell.count > rows.length
        ? h('p', { class: 'muted' }, `The ${rows.length} newest of ${cell.count}: narrow the filters to see others.`)
        : null,
    );
  };

  const item = (cell: Cell) => {
    const key = `${cell.lon},${cell.lat}`;
    if (cell.count === 1 && cell.id !== null) {
      return h('li', { 'data-cell': key }, incidentLink(cell.id, describeCell(cell)));
    }
    const stack = isStack(cell);
    const slot = h('div', { class: 'stack' });
    const button: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        'aria-expanded': stack ? 'false' : null,
        onclick: () => {
          if (stack) void stackList(cell, button, slot);
          else {
            focusAfterRefresh = true;
            deps.zoomTo(cell);
          }
        },
      },
      describeCell(cell),
      h('span', { class: 'action' }, stack ? ' — list them' : ' — zoom in'),
    );
    return h('li', { 'data-cell': key }, button, slot);
  };

  let shown = '';
  const render = () => {
    const cells = deps
      .inView()
      .sort((a, b) => b.count - a.count || (b.best ?? 0) - (a.best ?? 0) || (a.id ?? 0) - (b.id ?? 0));
    // The same cells again (a pan within the loaded area): leave the list, and the keyboard, where they are.
    const signature = cells
      .slice(0, MOST)
      .map((c) => `${c.lon},${c.lat},${c.count},${c.best}`)
      .join(';');
    if (signature === shown && panel.childElementCount > 0) return;
    shown = signature;
    const focusedKey = (document.activeElement?.closest('[data-cell]') as HTMLElement | null)?.dataset.cell;
    const hadFocus = panel.contains(document.activeElement);
    const incidents = cells.reduce((n, c) => n + c.count, 0);
    clear(
      panel,
      h(
        'h3',
        { id: 'map-list-title', tabindex: '-1' },
        cells.length === 0
          ? 'Nothing on the map in this view'
          : `In view: ${incidents.toLocaleString('en-GB')} ${incidents === 1 ? 'incident' : 'incidents'} in ${cells.length} ${cells.length === 1 ? 'place' : 'places'}`,
      ),
      cells.length ? h('ul', { class: 'map-items' }, cells.slice(0, MOST).map(item)) : null,
      cells.length > MOST
        ? h('p', { class: 'muted' }, `The ${MOST} largest shown; zoom in or narrow the filters for the others.`)
        : null,
    );
    if (!hadFocus) return;
    const again = focusedKey
      ? panel.querySelector<HTMLElement>(`[data-cell="${CSS.escape(focusedKey)}"] > :is(a, button)`)
      : null;
    (again ?? panel.querySelector<HTMLElement>('#map-list-title'))?.focus();
  };

  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide the list of what the map shows' : 'List what the map shows';
    if (open) {
      shown = '';
      render();
    }
  };
  toggle.addEventListener('click', () => setOpen(panel.hidden !== false));
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    deps.backToMap();
  });
  setOpen(false);
  host.replaceChildren(
    h(
      'div',
      { class: 'map-tools' },
      toggle,
      h('span', { class: 'hint' }, 'On the map: arrow keys pan, + and − zoom, Enter lists what is in view.'),
    ),
    panel,
  );

  return {
    refresh() {
      if (panel.hidden) return;
      render();
      if (focusAfterRefresh) {
        focusAfterRefresh = false;
        panel.querySelector<HTMLElement>('#map-list-title')?.focus();
      }
    },
    open() {
      setOpen(true);
      (
        panel.querySelector<HTMLElement>('.map-items a, .map-items button') ?? panel.querySelector<HTMLElement>('h3')
      )?.focus();
    },
  };
}
