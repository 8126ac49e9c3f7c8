import { InvalidInputError } from '../core/errors.js';
import type { Gazetteer } from '../resolve/gazetteer.js';
import { resolvePlace } from '../resolve/resolve-place.js';
import type { PlaceFilter } from '../store/incident-queries.js';

/** A place name to the area it covers: a province takes in its districts, a district its villages. */
export function placeFilterOf(name: string, gazetteer: Gazetteer, where = 'place'): PlaceFilter {
  const best = resolvePlace(name, {}, gazetteer)[0];
  if (!best) throw new InvalidInputError(where, `no place called "${name}" in the gazetteer`);
  const e = best.entry;
  if (e.kind === 'province') return { admin1: e.name };
  if (e.kind === 'district') return { admin1: e.admin1 ?? undefined, admin2: e.name };
  return { gazetteer_id: e.id };
}
