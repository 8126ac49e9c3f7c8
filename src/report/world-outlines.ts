import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A country as rings of [lon, lat] points, with its bounding box for a quick overlap test. */
export interface CountryOutline {
  name: string;
  rings: [number, number][][];
  bbox: [number, number, number, number];
}

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: {
    countries: {
      geometries: { type: string; arcs: number[][] | number[][][]; properties?: { name?: string } }[];
    };
  };
}

let cached: CountryOutline[] | null = null;

/**
 * Natural Earth's countries at 1:50m (world-atlas, public domain), decoded once per process. The report
 * draws them under the incidents; nothing is fetched, so the report stays offline.
 */
export function readWorldOutlines(): CountryOutline[] {
  if (cached) return cached;
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  cached = decodeCountries(JSON.parse(readFileSync(file, 'utf8')) as Topology);
  return cached;
}

/** TopoJSON to rings: arcs are delta-encoded integers; a negative index (~i) walks arc i backwards. */
export function decodeCountries(topology: Topology): CountryOutline[] {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty] as [number, number];
    });
  });
  const ring = (indexes: number[]): [number, number][] =>
    indexes.flatMap((i, n) => {
      const arc = i >= 0 ? (arcs[i] ?? []) : [...(arcs[~i] ?? [])].reverse();
      return n === 0 ? arc : arc.slice(1);
    });
  return topology.objects.countries.geometries.flatMap((g) => {
    const polygons =
      g.type === 'Polygon' ? [g.arcs as number[][]] : g.type === 'MultiPolygon' ? (g.arcs as number[][][]) : [];
    const rings = polygons.flatMap((p) => p.map(ring));
    if (rings.length === 0) return [];
    let [minX, minY, maxX, maxY] = [180, 90, -180, -90];
    for (const r of rings) {
      for (const [x, y] of r) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
    return [{ name: g.properties?.name ?? '', rings, bbox: [minX, minY, maxX, maxY] }];
  });
}
