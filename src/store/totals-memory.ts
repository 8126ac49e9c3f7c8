import { readDataVersion } from './data-version.js';
import { readTotals, TOTALS_DIMENSIONS, type TotalsQuery, type TotalsRow } from './incident-totals.js';
import type { Store } from './open-store.js';

type Sums = Omit<TotalsRow, (typeof TOTALS_DIMENSIONS)[number]>;
type Entry = Required<Pick<TotalsRow, (typeof TOTALS_DIMENSIONS)[number]>> & Sums;

interface Held {
  version: string;
  /** Entries by province: most questions name one. */
  byAdmin1: Map<string, Entry[]> | null;
  loading: Promise<Map<string, Entry[]>> | null;
}

const held = new WeakMap<Store, Held>();

/**
 * `readTotals`, answered from the totals table held in memory while nothing is written. Reading and
 * summing a province's few hundred entries made each row of the answer cost more than a
 * microsecond in SQLite; in memory it is a few hundred additions. The table is read whole the second
 * time a question comes under the same stamp of the store (`readDataVersion`), so a store being
 * written to goes on answering from SQL and is never read whole after each write. Rows, groups,
 * sums and order are those of `readTotals`.
 */
export async function readTotalsHeld(store: Store, q: TotalsQuery): Promise<TotalsRow[]> {
  const version = await readDataVersion(store);
  const state = held.get(store);
  if (!state || state.version !== version) {
    held.set(store, { version, byAdmin1: null, loading: null });
    return readTotals(store, q);
  }
  if (!state.byAdmin1) {
    state.loading ??= loadEntries(store);
    const entries = await state.loading;
    // Read after the stamp: newer than it if anything, and dropped at the next stamp.
    if (state === held.get(store)) state.byAdmin1 = entries;
    return sumEntries(entries, q);
  }
  return sumEntries(state.byAdmin1, q);
}

async function loadEntries(store: Store): Promise<Map<string, Entry[]>> {
  const rows = (await readTotals(store, { by: [...TOTALS_DIMENSIONS] })) as Entry[];
  const byAdmin1 = new Map<string, Entry[]>();
  for (const row of rows) {
    const list = byAdmin1.get(row.admin1);
    if (list) list.push(row);
    else byAdmin1.set(row.admin1, [row]);
  }
  return byAdmin1;
}

const SUMS = ['incidents', 'with_best', 'with_low', 'with_high', 'deaths_low', 'deaths_best', 'deaths_high'] as const;

function sumEntries(byAdmin1: Map<string, Entry[]>, q: TotalsQuery): TotalsRow[] {
  const by = TOTALS_DIMENSIONS.filter((d) => q.by.includes(d));
  const provinces = q.admin1 && q.admin1.length > 0 ? q.admin1 : [...byAdmin1.keys()];
  const groups = new Map<string, TotalsRow>();
  for (const admin1 of new Set(provinces)) {
    for (const e of byAdmin1.get(admin1) ?? []) {
      if (q.eventType && e.event_type !== q.eventType) continue;
      if (q.dataset && e.dataset !== q.dataset) continue;
      if (q.from && e.month < q.from) continue;
      if (q.to && e.month > q.to) continue;
      const key = by.map((d) => e[d]).join('\u0000');
      let group = groups.get(key);
      if (!group) {
        group = {
          incidents: 0,
          with_best: 0,
          with_low: 0,
          with_high: 0,
          deaths_low: 0,
          deaths_best: 0,
          deaths_high: 0,
        };
        for (const d of by) group[d] = e[d];
        groups.set(key, group);
      }
      for (const s of SUMS) group[s] += e[s];
    }
  }
  // As SQL's `having sum(incidents) > 0 order by` each dimension, in code-point order.
  return [...groups.values()]
    .filter((g) => g.incidents > 0)
    .sort((a, b) => {
      for (const d of by) {
        const x = a[d] as string;
        const y = b[d] as string;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
}
