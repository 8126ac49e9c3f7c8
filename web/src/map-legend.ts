import { EVENT_TYPES, TYPE_COLORS } from './colors.js';
import { clear, h } from './dom.js';

/** The same curve as the points layer's circle-radius, for the legend. */
function radiusFor(deaths: number): number {
  const r = Math.sqrt(deaths);
  return r <= 10 ? 4 + (8 * r) / 10 : 12 + (12 * Math.min(r - 10, 30)) / 30;
}

/** What the circles mean: the colour of each event type, grey for groups, and area for deaths. */
export function renderLegend(el: HTMLElement): void {
  clear(
    el,
    h('h3', { class: 'legend-title', id: 'legend-title' }, 'Event type'),
    h(
      'ul',
      { class: 'legend-types', 'aria-labelledby': 'legend-title' },
      EVENT_TYPES.map((t) =>
        h('li', {}, h('span', { class: 'swatch', style: `background:${TYPE_COLORS[t]}`, 'aria-hidden': 'true' }), t),
      ),
    ),
    h(
      'p',
      { class: 'legend-note' },
      h('span', { class: 'swatch cluster', 'aria-hidden': 'true' }),
      'Grey circles group nearby incidents; select one to zoom in, or to list them where they share a spot. Circle area follows the best estimate of deaths:',
    ),
    h(
      'ul',
      { class: 'size-key', 'aria-label': 'Circle sizes' },
      [1, 100, 1000].map((n) => {
        const px = Math.round(2 * radiusFor(n));
        return h(
          'li',
          {},
          h('span', { class: 'dot', style: `width:${px}px;height:${px}px`, 'aria-hidden': 'true' }),
          n.toLocaleString('en-GB'),
        );
      }),
    ),
  );
}
