import * as Plot from '@observablehq/plot';
import { api, query } from './api.js';
import { EVENT_TYPES, SERIES_COLORS, TYPE_COLORS } from './colors.js';
import { clear, formatNumber, h } from './dom.js';
import type { Filters } from './state.js';
import type { PointRow, TimelineAggregate } from './types.js';

interface MonthRow {
  month: string;
  incidents: number;
  low: number | null;
  best: number | null;
  high: number | null;
}
interface SeriesRow {
  month: string;
  key: string;
  best: number;
}
export interface TimelineData {
  split: 'type' | 'actor';
  total: MonthRow[];
  series: SeriesRow[];
  keys: string[];
  /** Computed here from the incidents rather than by the server (the document filter). */
  local: boolean;
}

const TOP_ACTORS = 5;

/** One request: the server sums deaths per month and the series of each type or top actor in a scan or two. */
export async function loadTimeline(
  filters: Filters,
  split: 'type' | 'actor',
  documentPoints: () => Promise<PointRow[]>,
): Promise<TimelineData> {
  if (filters.document) return timelineFromPoints(await documentPoints());
  const base = { from: filters.from, to: filters.to, place: filters.place, actor: filters.actor, type: filters.type };
  const r = await api<TimelineAggregate>(`aggregates/timeline${query({ ...base, split, top: TOP_ACTORS })}`);
  const total = r.months
    .filter((m): m is typeof m & { key: string } => m.key !== null)
    .map((m) => ({ month: m.key, incidents: m.incidents, low: m.low, best: m.best, high: m.high }));
  return { split, total, series: r.series, keys: r.keys, local: false };
}

function timelineFromPoints(points: PointRow[]): TimelineData {
  const total = new Map<string, MonthRow>();
  const series = new Map<string, SeriesRow>();
  const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);
  for (const [, , , low, best, high, type, date] of points) {
    const month = date.slice(0, 7);
    const t = total.get(month) ?? { month, incidents: 0, low: null, best: null, high: null };
    total.set(month, {
      month,
      incidents: t.incidents + 1,
      low: add(t.low, low),
      best: add(t.best, best),
      high: add(t.high, high),
    });
    const key = `${month}|${type}`;
    series.set(key, { month, key: type, best: (series.get(key)?.best ?? 0) + (best ?? 0) });
  }
  const rows = [...series.values()];
  return {
    split: 'type',
    total: [...total.values()].sort((a, b) => a.month.localeCompare(b.month)),
    series: rows,
    keys: EVENT_TYPES.filter((t) => rows.some((r) => r.key === t)),
    local: true,
  };
}

const monthStart = (m: string) => new Date(`${m}-01T00:00:00Z`);

/** At least a year wide, so one month of data is a bar rather than the whole chart. */
function paddedDomain(months: string[]): [Date, Date] {
  const first = monthStart(months[0] ?? '2000-01');
  const last = monthStart(months[months.length - 1] ?? '2000-01');
  const span = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1;
  const pad = Math.max(1, Math.ceil((12 - span) / 2));
  return [
    new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - pad, 1)),
    new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1 + pad, 1)),
  ];
}
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Deaths per month: bars of the best estimate split by type or actor, a dashed box from low to high. */
export function renderTimeline(
  el: HTMLElement,
  data: TimelineData,
  filters: Filters,
  onBrush: (from: string | undefined, to: string | undefined) => void,
): void {
  if (data.total.length === 0) {
    clear(el, h('p', { class: 'empty' }, 'No incidents with a date match these filters.'));
    return;
  }
  const width = Math.max(300, el.clientWidth || 600);
  const colors =
    data.split === 'type'
      ? data.keys.map((k) => TYPE_COLORS[k as keyof typeof TYPE_COLORS] ?? '#444')
      : data.keys.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length] ?? '#444');
  const series = data.series.map((r) => ({ ...r, date: monthStart(r.month) }));
  const total = data.total.map((r) => ({ ...r, date: monthStart(r.month) }));
  const describe = (r: MonthRow) =>
    `${r.month}: ${r.incidents} incidents; deaths low ${formatNumber(r.low)}, best ${formatNumber(r.best)}, high ${formatNumber(r.high)}`;
  const chart = Plot.plot({
    width,
    height: 230,
    marginLeft: 48,
    x: { type: 'utc', label: null, domain: paddedDomain(data.total.map((r) => r.month)) },
    y: { label: 'deaths', grid: true, nice: true },
    color: { legend: data.keys.length > 0, domain: data.keys, range: colors },
    marks: [
      data.split === 'type'
        ? Plot.rectY(series, { x: 'date', interval: 'month', y: 'best', fill: 'key', inset: 0.5 })
        : Plot.lineY(series, { x: 'date', y: 'best', stroke: 'key', marker: 'circle', strokeWidth: 2 }),
      Plot.rectY(total, {
        x: 'date',
        interval: 'month',
        y1: (r: MonthRow) => r.low ?? r.best ?? 0,
        y2: (r: MonthRow) => r.high ?? r.best ?? 0,
        fill: 'none',
        stroke: '#1b1b1b',
        strokeDasharray: '4 3',
        title: describe,
      }),
      Plot.ruleY([0]),
    ],
  });
  // With a colour legend Plot returns a figure whose swatches are svgs too: the chart is its own child.
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector(':scope > svg');
  const wrap = h('div', { class: 'chart-wrap' }, chart);
  const caption = h(
    'p',
    { class: 'chart-caption' },
    `Bars: best estimate ${data.split === 'type' ? 'by event type' : `for the ${data.keys.length} actors with most deaths (an incident counts for each side)`}. Dashed boxes: low to high over all matching incidents.`,
    data.local ? ' Computed from the selected document’s incidents.' : '',
    ' Drag across the chart to filter by date.',
  );
  const table = h(
    'details',
    { class: 'timeline-table' },
    h('summary', {}, 'The months as a table'),
    h(
      'table',
      {},
      h('caption', {}, 'Deaths per month'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Month', 'Incidents', 'Low', 'Best', 'High'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        data.total.map((r) =>
          h(
            'tr',
            { 'data-month': r.month },
            h('th', { scope: 'row' }, r.month),
            h('td', {}, formatNumber(r.incidents)),
            h('td', {}, formatNumber(r.low)),
            h('td', {}, formatNumber(r.best)),
            h('td', {}, formatNumber(r.high)),
          ),
        ),
      ),
    ),
  );
  clear(el, wrap, caption, table);
  if (svg instanceof SVGSVGElement) attachBrush(wrap, svg, chart.scale('x'), filters, onBrush);
}

type XScale = ReturnType<ReturnType<typeof Plot.plot>['scale']>;

function attachBrush(
  wrap: HTMLElement,
  svg: SVGSVGElement,
  scale: XScale,
  filters: Filters,
  onBrush: (from: string | undefined, to: string | undefined) => void,
): void {
  if (!scale?.apply || !scale.invert) return;
  const { apply, invert } = scale;
  const band = h('div', { class: 'brush', 'aria-hidden': 'true' });
  wrap.append(band);
  const show = (x0: number, x1: number) => {
    const offset = svg.getBoundingClientRect().left - wrap.getBoundingClientRect().left;
    band.style.left = `${offset + Math.min(x0, x1)}px`;
    band.style.width = `${Math.abs(x1 - x0)}px`;
    band.style.top = `${svg.getBoundingClientRect().top - wrap.getBoundingClientRect().top}px`;
    band.style.height = `${svg.getBoundingClientRect().height - 20}px`;
    band.hidden = false;
  };
  band.hidden = true;
  if (filters.from || filters.to) {
    const [lo, hi] = scale.range ?? [0, 0];
    const x0 = filters.from ? Math.max(Number(lo), Number(apply(new Date(`${filters.from}T00:00:00Z`)))) : Number(lo);
    const x1 = filters.to ? Math.min(Number(hi), Number(apply(new Date(`${filters.to}T23:59:59Z`)))) : Number(hi);
    if (Number.isFinite(x0) && Number.isFinite(x1)) show(x0, x1);
  }
  let start: number | null = null;
  const x = (e: PointerEvent) => e.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener('pointerdown', (e) => {
    start = x(e);
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener('pointermove', (e) => {
    if (start !== null) show(start, x(e));
  });
  svg.addEventListener('pointerup', (e) => {
    if (start === null) return;
    const end = x(e);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (b - a < 4) return;
    const from = invert(a) as Date;
    const to = invert(b) as Date;
    // Whole months: the chart's bars are months.
    const fromMonth = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    const toMonth = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() + 1, 0));
    onBrush(isoDay(fromMonth), isoDay(toMonth));
  });
}
