import type { Feature, FeatureCollection, Point } from 'geojson';
import { api, query } from './api.js';
import type { Filters } from './state.js';
import type { PointRow } from './types.js';

/** west, south, east, north in degrees. */
export type Bounds = [number, number, number, number];

/** One grid cell of /api/incidents/grid: a single incident, or several gathered where they are. */
export interface Cell {
  lon: number;
  lat: number;
  count: number;
  best: number | null;
  /** The incident, when the cell holds one. */
  id: number | null;
  /** Shared by every incident of the cell, or null. */
  type: string | null;
  date: string | null;
  place: string | null;
  bounds: Bounds;
}

export interface GridStats {
  total: number;
  mapped: number;
  extent: Bounds | null;
}

type GridRow = [
  number,
  number,
  number,
  number | null,
  number | null,
  string | null,
  string | null,
  string | null,
  number,
  number,
  number,
  number,
];

export interface Grid {
  zoom: number;
  bbox: Bounds;
  cells: Cell[];
  stats: GridStats;
}

/** The server gathers the incidents: the page gets a few hundred cells whatever the number of incidents. */
export async function fetchGrid(filters: Filters, zoom: number, bbox: Bounds): Promise<Grid> {
  const r = await api<{ zoom: number; cells: GridRow[]; total: number; mapped: number; extent: Bounds | null }>(
    `incidents/grid${query({ ...filters, zoom: Math.floor(zoom), bbox: bbox.map((v) => v.toFixed(5)).join(',') })}`,
  );
  return {
    zoom: r.zoom,
    bbox,
    stats: { total: r.total, mapped: r.mapped, extent: r.extent },
    cells: r.cells.map(([lon, lat, count, best, id, type, date, place, w, s, e, n]) => ({
      lon,
      lat,
      count,
      best,
      id,
      type,
      date,
      place,
      bounds: [w, s, e, n],
    })),
  };
}

/** The newest incidents of a cell (its bounds widened by the rounding the server applied). */
export async function fetchCellIncidents(filters: Filters, cell: Cell, limit: number): Promise<PointRow[]> {
  const [w, s, e, n] = cell.bounds;
  const pad = 2e-5;
  const bbox = [Math.max(-180, w - pad), Math.max(-90, s - pad), Math.min(180, e + pad), Math.min(90, n + pad)];
  const r = await api<{ rows: PointRow[] }>(
    `incidents/points${query({ ...filters, bbox: bbox.map((v) => v.toFixed(5)).join(','), limit })}`,
  );
  return r.rows;
}

/** A view in the world copy the data lives in: its centre within ±180°, all of it when it spans the world. */
export function normalize(view: Bounds): Bounds {
  const [w, s, e, n] = view;
  if (e - w >= 360) return [-180, s, 180, n];
  const shift = Math.round((w + e) / 2 / 360) * 360;
  return [Math.max(-180, w - shift), s, Math.min(180, e - shift), n];
}

/** The view and as much again around it, so a short pan needs no new request. */
export function paddedBounds(view: Bounds): Bounds {
  const [w, s, e, n] = view;
  const dx = (e - w) / 2;
  const dy = (n - s) / 2;
  return [Math.max(-180, w - dx), Math.max(-85, s - dy), Math.min(180, e + dx), Math.min(85, n + dy)];
}

export function contains(outer: Bounds, inner: Bounds): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

export type CellProps = Omit<Cell, 'bounds' | 'lon' | 'lat'> & { key: number };

export function cellFeatures(cells: Cell[]): FeatureCollection<Point, CellProps> {
  return {
    type: 'FeatureCollection',
    features: cells.map(
      (c, key): Feature<Point, CellProps> => ({
        type: 'Feature',
        id: key,
        geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
        properties: { key, count: c.count, best: c.best, id: c.id, type: c.type, date: c.date, place: c.place },
      }),
    ),
  };
}

export function describeCell(c: Cell): string {
  const deaths = c.best === null ? 'deaths unknown' : `${c.best.toLocaleString('en-GB')} deaths`;
  if (c.count === 1) return `${c.date ?? ''} ${c.place ?? 'place unknown'}: ${c.type ?? ''}, ${deaths}`.trim();
  return `${c.count.toLocaleString('en-GB')} incidents around ${c.place ?? 'an unnamed place'}: ${deaths}${c.type ? `, all ${c.type}` : ''}`;
}

/** Every incident of the cell stands on one spot: zooming cannot part them, a list can. */
export const isStack = (c: Cell) => c.bounds[0] === c.bounds[2] && c.bounds[1] === c.bounds[3];
