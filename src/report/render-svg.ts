import type { Grade } from '../core/grade.js';
import { escapeHtml } from './escape-html.js';
import type { ReportIncident, SummaryRow } from './report-model.js';
import type { CountryOutline } from './world-outlines.js';

/** Grade colours that stay apart for the common colour blindnesses and in greyscale print (by shape too). */
export const GRADE_COLORS: Record<Grade, string> = {
  confirmed: '#1b7837',
  fair: '#5aae61',
  weak: '#b8860b',
  contested: '#c2185b',
  discounted: '#757575',
};

const MAP_WIDTH = 760;
const MAX_MAP_HEIGHT = 520;
const MIN_SPAN_DEGREES = 2;

/**
 * The incidents on a map as inline SVG: countries from Natural Earth under circles sized by the best
 * death estimate and coloured by grade. An equirectangular projection, scaled by the cosine of the
 * middle latitude, is faithful enough at the scale of a province or a country.
 */
export function renderMap(incidents: readonly ReportIncident[], outlines: readonly CountryOutline[]): string {
  const placed = incidents.filter((i) => i.place?.lat != null && i.place?.lon != null);
  if (placed.length === 0) return '<p>No incident in this report has coordinates, so there is no map.</p>';
  const lons = placed.map((i) => i.place?.lon as number);
  const lats = placed.map((i) => i.place?.lat as number);
  const pad = (lo: number, hi: number) => {
    const span = Math.max(hi - lo, MIN_SPAN_DEGREES);
    const mid = (lo + hi) / 2;
    return [mid - span * 0.6, mid + span * 0.6] as const;
  };
  const [west, east] = pad(Math.min(...lons), Math.max(...lons));
  const [south, north] = pad(Math.min(...lats), Math.max(...lats));
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min(MAP_WIDTH / ((east - west) * k), MAX_MAP_HEIGHT / (north - south));
  const width = Math.round((east - west) * k * scale);
  const height = Math.round((north - south) * scale);
  const x = (lon: number) => (lon - west) * k * scale;
  const y = (lat: number) => (north - lat) * scale;
  const visible = outlines.filter(
    (c) => c.bbox[0] < east && c.bbox[2] > west && c.bbox[1] < north && c.bbox[3] > south,
  );
  const countries = visible
    .map((c) => {
      const d = c.rings
        .map((r) => `M${r.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L')}Z`)
        .join('');
      return `<path class="country" d="${d}"><title>${escapeHtml(c.name)}</title></path>`;
    })
    .join('');
  const maxDeaths = Math.max(1, ...placed.map((i) => i.deaths.best ?? 0));
  // Largest first, so small circles stay on top and clickable.
  const circles = [...placed]
    .sort((a, b) => (b.deaths.best ?? 0) - (a.deaths.best ?? 0))
    .map((i) => {
      const r = 3 + 14 * Math.sqrt((i.deaths.best ?? 0) / maxDeaths);
      const label = `Incident ${i.id}: ${i.place?.name ?? ''}, ${i.date.start}, ${i.deaths.best ?? 'unknown'} deaths (best), ${i.grade.grade}`;
      return `<a href="#incident-${i.id}"><circle cx="${x(i.place?.lon as number).toFixed(1)}" cy="${y(i.place?.lat as number).toFixed(1)}" r="${r.toFixed(1)}" fill="${GRADE_COLORS[i.grade.grade]}" class="grade-${i.grade.grade}"><title>${escapeHtml(label)}</title></circle></a>`;
    })
    .join('');
  const labels = visible
    .filter((c) => c.name && (c.bbox[0] + c.bbox[2]) / 2 > west && (c.bbox[0] + c.bbox[2]) / 2 < east)
    .map((c) => {
      const cx = x(Math.max(west, Math.min(east, (c.bbox[0] + c.bbox[2]) / 2)));
      const cy = y(Math.max(south, Math.min(north, (c.bbox[1] + c.bbox[3]) / 2)));
      return `<text class="country-label" x="${cx.toFixed(1)}" y="${cy.toFixed(1)}">${escapeHtml(c.name)}</text>`;
    })
    .join('');
  const unplaced = incidents.length - placed.length;
  return [
    `<svg class="map" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">`,
    '<title id="map-title">Map of the incidents</title>',
    `<desc id="map-desc">${placed.length} incidents with coordinates, circles sized by the best death estimate and coloured by grade; each circle links to its incident.</desc>`,
    `<rect class="sea" width="${width}" height="${height}"/>`,
    `<g class="countries">${countries}</g><g class="labels" aria-hidden="true">${labels}</g><g class="incidents">${circles}</g>`,
    '</svg>',
    unplaced > 0 ? `<p class="note">${unplaced} incident(s) without coordinates are not on the map.</p>` : '',
  ].join('');
}

/**
 * Deaths per month as inline SVG bars (best estimate, with a line from the low to the high sum); the
 * same numbers are in the table beside it for readers who do not see the chart.
 */
export function renderTimeline(months: readonly SummaryRow[]): string {
  if (months.length === 0) return '';
  const all = fillMonths(months);
  const width = 760;
  const height = 220;
  const left = 48;
  const bottom = 28;
  const top = 10;
  const plotHeight = height - bottom - top;
  const max = Math.max(1, ...all.map((m) => Math.max(m.best, m.high)));
  const step = (width - left - 8) / all.length;
  const barWidth = Math.max(1, step * 0.7);
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const labelEvery = Math.ceil(all.length / 12);
  const bars = all
    .map((m, n) => {
      const bx = left + n * step + (step - barWidth) / 2;
      const cx = bx + barWidth / 2;
      const bar = `<rect x="${bx.toFixed(1)}" y="${y(m.best).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(top + plotHeight - y(m.best)).toFixed(1)}"><title>${m.key}: ${m.best} deaths (best; low ${m.low}, high ${m.high}), ${m.incidents} incidents</title></rect>`;
      const range =
        m.high > m.low
          ? `<line class="range" x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${y(m.low).toFixed(1)}" y2="${y(m.high).toFixed(1)}"/>`
          : '';
      const label =
        n % labelEvery === 0 ? `<text class="tick" x="${cx.toFixed(1)}" y="${height - 10}">${m.key}</text>` : '';
      return bar + range + label;
    })
    .join('');
  const ticks = [0, max / 2, max]
    .map((v) => `<text class="tick y" x="${left - 6}" y="${(y(v) + 4).toFixed(1)}">${Math.round(v)}</text>`)
    .join('');
  return [
    `<svg class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="timeline-title">Deaths per month, ${all[0]?.key} to ${all.at(-1)?.key} (best estimate, low to high)</title>`,
    `<line class="axis" x1="${left}" x2="${width - 8}" y1="${top + plotHeight}" y2="${top + plotHeight}"/>`,
    ticks,
    `<g class="bars">${bars}</g>`,
    '</svg>',
  ].join('');
}

/** Every month from the first to the last, the empty ones as zero, so gaps show as gaps. */
function fillMonths(months: readonly SummaryRow[]): SummaryRow[] {
  const byKey = new Map(months.map((m) => [m.key, m]));
  const first = months[0]?.key as string;
  const last = months.at(-1)?.key as string;
  const out: SummaryRow[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  // Bounded: a stray date far off must not make a chart of ten thousand months.
  for (let n = 0; n < 1200; n++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(byKey.get(key) ?? { key, incidents: 0, low: 0, best: 0, high: 0, withBest: 0 });
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}
