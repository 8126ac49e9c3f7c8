import type { ActorIndex } from '../resolve/actors.js';
import { readDataVersion } from '../store/data-version.js';
import { type GradedIncident, loadGradedIncidents } from '../store/grade-pages.js';
import type { Store } from '../store/open-store.js';
import { rememberIfClean } from './redact.js';

/** Incidents kept at most: a few pages each of many readers, tens of megabytes. */
export const CACHED_INCIDENTS = 5_000;

/** The cache as one request sees it: the store's contents as of the stamp read when it began. */
export interface IncidentCacheView {
  /**
   * Graded incidents in the order of `ids`, read from the store only where not kept. The objects
   * are shared between requests: read them, never change them.
   */
  load(ids: number[]): Promise<GradedIncident[]>;
}

export interface IncidentCache {
  /**
   * Reads the store's data stamp, or takes the one the caller has just read; everything kept under
   * another stamp is dropped.
   */
  open(stamp?: string): Promise<IncidentCacheView>;
}

/**
 * Graded incidents, kept while nothing is written to the store. Reading one takes a dozen queries
 * and grading it reads every document it cites; neither result changes until something is
 * written, and any write (here, or by another process on the same store) changes the stamp
 * `readDataVersion` returns, which empties the cache. An entry is tied to the stamp read before its
 * rows were: a load that began under an older stamp serves its own request and is not kept. Least
 * recently used incidents are dropped first.
 */
export function createIncidentCache(
  store: Store,
  actors: ActorIndex | null,
  capacity: number = CACHED_INCIDENTS,
): IncidentCache {
  let version: string | null = null;
  let kept = new Map<number, GradedIncident>();

  return {
    async open(known) {
      const stamp = known ?? (await readDataVersion(store));
      if (stamp !== version) {
        version = stamp;
        kept = new Map();
      }
      return {
        async load(ids) {
          const found = new Map<number, GradedIncident>();
          const missing: number[] = [];
          for (const id of ids) {
            const incident = kept.get(id);
            if (!incident) {
              missing.push(id);
              continue;
            }
            // Most recently used last: the first key is the one to drop.
            kept.delete(id);
            kept.set(id, incident);
            found.set(id, incident);
          }
          for (const incident of await loadGradedIncidents(store.db, missing, actors)) {
            found.set(incident.id, incident);
            if (stamp !== version) continue;
            rememberIfClean(incident);
            kept.set(incident.id, incident);
            if (kept.size > capacity) dropOldest(kept, capacity - Math.floor(capacity / 16));
          }
          return ids.flatMap((id) => {
            const incident = found.get(id);
            return incident ? [incident] : [];
          });
        },
      };
    },
  };
}

/**
 * Drops the least recently used entries (the first a Map iterates) until `keep` are left, in one
 * pass. A Map leaves a hole where an entry was deleted, and finding its first entry steps over
 * every hole before it: dropping one entry for each one read stepped over thousands, 3.4 us an
 * incident on a walk over pages nobody had read (0.1 us this way, a sixteenth at a time).
 */
function dropOldest(kept: Map<number, unknown>, keep: number): void {
  for (const id of kept.keys()) {
    if (kept.size <= keep) return;
    kept.delete(id);
  }
}
