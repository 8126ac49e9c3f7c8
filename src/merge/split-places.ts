import type { Figure } from '../core/figure.js';
import type { ResolvedPlace } from '../core/incident.js';

export interface PlacedItems<T> {
  place: ResolvedPlace;
  items: T[];
}

function placeKey(p: ResolvedPlace): string {
  return p.gazetteer_id ?? `${p.name}|${p.admin1 ?? ''}`;
}

/**
 * A sentence that lists several places, each with its own toll ("killed four in Kharkiv, two in Izium
 * and one in Kupiansk"), tells one event per place. Each figure goes to the place named in its own
 * clause, else the place named last before it, else the first after it. Returns the groups when at
 * least two places get a casualty figure, else nothing (one incident, as usual).
 */
export function splitByPlace<T extends { f: Figure }>(
  items: readonly T[],
  places: readonly { place: ResolvedPlace; at: number }[],
  startOf: (f: Figure) => number,
  cuts: readonly number[],
): PlacedItems<T>[] {
  const distinct = new Set(places.map((p) => placeKey(p.place)));
  if (distinct.size < 2 || items.length < 2) return [];
  const groups = new Map<string, PlacedItems<T>>();
  for (const item of items) {
    const at = startOf(item.f);
    const from = Math.max(-1, ...cuts.filter((c) => c <= at));
    const to = Math.min(Number.POSITIVE_INFINITY, ...cuts.filter((c) => c > at));
    const own = places.filter((p) => p.at > from && p.at < to);
    const chosen =
      own.sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0] ??
      places.filter((p) => p.at < at).at(-1) ??
      places.find((p) => p.at > at);
    if (chosen === undefined) continue;
    const key = placeKey(chosen.place);
    const group = groups.get(key) ?? { place: chosen.place, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const tolls = [...groups.values()].filter((g) =>
    g.items.some(({ f }) => f.kind === 'killed' || f.kind === 'injured'),
  );
  return tolls.length >= 2 ? [...groups.values()] : [];
}
