import type { GazetteerEntry } from '../resolve/gazetteer.js';
import type { Store } from './open-store.js';

const ROWS_PER_INSERT = 500;

/**
 * Add imported places, replacing entries with the same id, all in one transaction: a failure
 * leaves the gazetteer exactly as it was.
 */
export async function savePlaces(store: Store, entries: GazetteerEntry[], now: string): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    const rows = entries.map((e) => ({
      id: e.id,
      name: e.name,
      alt_names: JSON.stringify(e.alt_names),
      kind: e.kind,
      lat: e.lat,
      lon: e.lon,
      approximate: e.approximate ? 1 : 0,
      admin1: e.admin1,
      admin2: e.admin2,
      country: e.country,
      population: e.population ?? null,
      source: e.source,
      imported_at: now,
    }));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      await trx
        .deleteFrom('places')
        .where(
          'id',
          'in',
          chunk.map((r) => r.id),
        )
        .execute();
      await trx.insertInto('places').values(chunk).execute();
    }
    return rows.length;
  });
}

export async function listPlaces(store: Store): Promise<GazetteerEntry[]> {
  const rows = await store.db.selectFrom('places').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    alt_names: JSON.parse(r.alt_names) as string[],
    kind: r.kind as GazetteerEntry['kind'],
    lat: r.lat,
    lon: r.lon,
    approximate: r.approximate === 1,
    admin1: r.admin1,
    admin2: r.admin2,
    country: r.country,
    ...(r.population === null ? {} : { population: r.population }),
    source: r.source,
  }));
}
